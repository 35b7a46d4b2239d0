package summary

import (
	"go/ast"
	"go/types"

	"golang.org/x/tools/go/analysis"

	"github.com/blockcheck/blockcheck/analyzer/catalog"
	"github.com/blockcheck/blockcheck/analyzer/noreturn"
)

// A Detector finds one sort of blocking, or unbounded waiting, in function
// bodies and says how its reasons reach callers. Summary calls its hooks
// while it scans and propagates; it knows no detector itself (the analyzer
// wires them in), so data flows one way: detectors → summary → reports.
// Any hook may be nil.
type Detector struct {
	// Node sees each node inside the body of fn as the scan reaches it,
	// before its children, after the scan's own handling of the node; it
	// returns false when the scan must not visit the children (the
	// detector visits what it wants of them with Scan.Walk).
	Node func(sc *Scan, fn *Func, n ast.Node) bool
	// Call sees each static call fn makes that no catalogue sink claimed
	// (http.NewRequest run by Client.Do is the sink's).
	Call func(sc *Scan, fn *Func, call *ast.CallExpr, callee *types.Func)
	// Scanned runs once the body of fn has been scanned.
	Scanned func(fn *Func)

	// Kinds are the kinds whose reasons Across carries to callers;
	// reasons of other kinds reach every caller unchanged.
	Kinds []catalog.Kind
	// Across returns the reason r of callee as caller sees it at call, or
	// false when r does not reach caller through that call.
	Across func(s *Summary, caller *Func, callee *types.Func, call *ast.CallExpr, r Reason) (Reason, bool)
	// Reported means Across also filters the reasons a report sees at a
	// call (Summary.ReasonsAt).
	Reported bool
	// Later means the reasons of Kinds are not propagated with the
	// others: Propagated propagates them, once every other reason has
	// reached every function (a lock held across what a callee reaches).
	Later bool
	// Propagated runs once the reasons of every other kind have reached
	// every function of the package.
	Propagated func(s *Summary)
}

// Scan is what a Detector sees of the scan of a package.
type Scan struct {
	Pass     *analysis.Pass
	Catalog  *catalog.Catalog
	NoReturn *noreturn.Oracle
	sc       *scanner
}

// Name returns fn's types.Func.FullName, printed once per function and
// package: every call the scan meets asks for it, in the scan and in
// each detector's Call hook.
func (s *Scan) Name(fn *types.Func) string {
	if n, ok := s.sc.names[fn]; ok {
		return n
	}
	n := fn.FullName()
	s.sc.names[fn] = n
	return n
}

// Walk scans n, a part of fn's body a detector's Node hook kept the scan
// from visiting, as the scan would have.
func (s *Scan) Walk(n ast.Node, fn *Func) { s.sc.walk(n, fn) }

// across returns the detector that carries reasons of kind k, if any.
func (s *Summary) across(k catalog.Kind) *Detector {
	for i := range s.detectors {
		d := &s.detectors[i]
		for _, dk := range d.Kinds {
			if dk == k {
				return d
			}
		}
	}
	return nil
}

// later reports whether reasons of kind k are propagated after the others.
func (s *Summary) later(k catalog.Kind) bool {
	d := s.across(k)
	return d != nil && d.Later
}
