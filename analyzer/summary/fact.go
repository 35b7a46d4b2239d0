package summary

import (
	"fmt"
	"go/token"
	"path/filepath"
	"strings"

	"github.com/blockcheck/blockcheck/analyzer/catalog"
)

// MaxSteps bounds the steps a Reason keeps, so facts stay small however deep
// the call graph is. Longer chains keep their first steps and the final one
// (the operation itself); Depth still counts every step.
const MaxSteps = 8

// BlockingFact is the object fact exported for a function that may block:
// one Reason per kind of blocking operation it reaches, the shortest chain
// found, sorted by kind. It is flat, small and deterministic so that it
// encodes identically under every driver (go vet, golangci-lint, nogo).
type BlockingFact struct {
	Reasons []Reason
	// Open are the calls through struct fields the function makes or
	// reaches that its package could not resolve (open.go), nearest
	// first, at most MaxOpen.
	Open []Open
}

// AFact marks BlockingFact as an analysis fact.
func (*BlockingFact) AFact() {}

func (f *BlockingFact) String() string {
	parts := make([]string, len(f.Reasons))
	for i, r := range f.Reasons {
		base := ""
		if len(r.Steps) > 0 {
			base = r.Steps[0].PkgPath
		}
		parts[i] = string(r.Kind) + ": " + r.Op + " via " + r.Chain(base)
	}
	for _, o := range f.Open {
		parts = append(parts, "open: "+o.Name)
	}
	return "blocks(" + strings.Join(parts, "; ") + ")"
}

// Reason says why a function may block: which operation, reached through
// which calls.
type Reason struct {
	Kind catalog.Kind
	// Op names the blocking operation: "time.Sleep",
	// "(*database/sql.DB).Query", "send on s.jobs".
	Op string
	// Func is the catalogue key of the operation (types.Func.FullName of
	// the call, or of the constructor of a value run later), "" for
	// channel operations.
	Func string
	// Steps go from the summarized function down to the operation: each
	// step is the call (or, last, the operation) made inside Func.
	Steps []Step
	// Depth is the length of the full chain; it exceeds len(Steps) when
	// the middle of a long chain was elided.
	Depth int
	// CtxParam is, for a NoTimeout reason, 1 + the parameter of the
	// summarized function that the request's context comes from, or 0:
	// a caller that passes a context with a deadline there bounds the
	// wait (detector clienttimeout).
	CtxParam int

	// The fields below are set only for a Serial reason: the summarized
	// function, or one it calls, holds a lock across a blocking
	// operation. Op then reads "c.mu held across (*sql.DB).QueryContext".
	SerialInfo
}

// SerialInfo describes the lock of a Serial reason and what it is held
// across.
type SerialInfo struct {
	// Lock is the lock as the function that takes it spells it: "c.mu",
	// "invoiceMu", "s.shards[i].mu".
	Lock string
	// LockPosn is "file.go:line" of the call that takes it.
	LockPosn string
	// PerKey reports a lock chosen by a key (per-key or striped locking):
	// only callers using the same key wait for each other.
	PerKey bool
	// Holder says how the summarized function reaches the lock (or, on a
	// Wait reason, the channel or WaitGroup waited on): "global"
	// (a package-level variable), "receiver", or "param" (its parameter
	// number HolderParam, counting from 0).
	Holder      string
	HolderParam int
	// Across is the blocking operation, and Like the kind of waiting it
	// does (SQL for QueryContext).
	Across string
	Like   catalog.Kind

	lockPos token.Pos // valid only in the package that took the lock; not encoded
}

// LockPos returns the position of the call that takes the lock, when it is
// in the package being analyzed, or token.NoPos.
func (s SerialInfo) LockPos() token.Pos { return s.lockPos }

// WithLockPos returns s with the position of the call that takes the lock,
// which stays in the package that found it (facts do not encode it).
func (s SerialInfo) WithLockPos(pos token.Pos) SerialInfo {
	s.lockPos = pos
	return s
}

// Step is one hop of a chain.
type Step struct {
	PkgPath string
	PkgName string
	// Func is the function the step happens in: "Store.Load" for a method,
	// "retry" for a function.
	Func   string
	Method bool
	// Posn is "file.go:line" of the call or operation, for messages.
	Posn string

	pos token.Pos // valid only in the package that found the step; not encoded
}

// Pos returns the position of the step when it was found in the package
// being analyzed, or token.NoPos for a step imported from a fact.
func (s Step) Pos() token.Pos { return s.pos }

// Name returns the function name as a reader in package pkgPath would write
// it: methods by their receiver type, functions qualified when they live in
// another package.
func (s Step) Name(pkgPath string) string {
	if s.Method || s.PkgPath == pkgPath || s.PkgName == "" {
		return s.Func
	}
	return s.PkgName + "." + s.Func
}

// Chain renders the functions of the chain, e.g. "Store.Load → retry", as
// seen from package pkgPath. An elided middle shows as "…".
func (r Reason) Chain(pkgPath string) string {
	var b strings.Builder
	for i, s := range r.Steps {
		if i > 0 {
			b.WriteString(" → ")
			if i == len(r.Steps)-1 && r.Depth > len(r.Steps) {
				b.WriteString("… → ")
			}
		}
		b.WriteString(s.Name(pkgPath))
	}
	return b.String()
}

// Site returns the position text of the operation itself.
func (r Reason) Site() string {
	if len(r.Steps) == 0 {
		return ""
	}
	return r.Steps[len(r.Steps)-1].Posn
}

// Prepend returns the reason as seen from a caller: step s, then r's chain.
func (r Reason) Prepend(s Step) Reason {
	steps := make([]Step, 0, min(len(r.Steps)+1, MaxSteps))
	steps = append(steps, s)
	if len(r.Steps)+1 <= MaxSteps {
		steps = append(steps, r.Steps...)
	} else {
		steps = append(steps, r.Steps[:MaxSteps-2]...)
		steps = append(steps, r.Steps[len(r.Steps)-1])
	}
	r.Steps = steps
	r.Depth++
	return r
}

// Posn renders pos as "file.go:line". Only the base name is kept: full
// paths differ between machines and sandboxes, and facts must not.
func Posn(fset *token.FileSet, pos token.Pos) string {
	p := fset.Position(pos)
	if !p.IsValid() {
		return ""
	}
	return fmt.Sprintf("%s:%d", filepath.Base(p.Filename), p.Line)
}

// PendingFact is the package fact of a package whose request handlers make
// calls through struct fields it does not bind (open calls): the package
// that binds those fields — usually the one that wires main — resolves
// them and reports what the handlers reach there.
type PendingFact struct {
	Handlers []Pending
}

// AFact marks PendingFact as an analysis fact.
func (*PendingFact) AFact() {}

func (f *PendingFact) String() string {
	parts := make([]string, len(f.Handlers))
	for i, h := range f.Handlers {
		names := make([]string, len(h.Open))
		for j, o := range h.Open {
			names[j] = o.Name
		}
		parts[i] = h.Name + ": " + strings.Join(names, ", ")
	}
	return "pending(" + strings.Join(parts, "; ") + ")"
}

// Pending is a handler and its open calls.
type Pending struct {
	// Name is how messages refer to the handler from another package
	// ("api.MessageAPI.CreateMessage"), Posn where it is declared.
	Name, Posn string
	Open       []Open
}
