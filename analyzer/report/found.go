package report

import (
	"go/ast"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/blockcheck/blockcheck/analyzer/handlers"
	"github.com/blockcheck/blockcheck/analyzer/slots"
)

// Found is what FindHandlers found in a package: its handlers by their
// shapes, services, registrations and directives. It is found before the
// summaries are built, because the handler literals are what package
// slots needs to tell an adapter (a function that calls its parameter in
// a handler it builds).
type Found struct {
	finder *handlers.Finder
	hs     []handlers.Handler
	insp   *inspector.Inspector
	err    error
}

// FindHandlers finds the handlers of pass's package as cfg describes them.
func FindHandlers(pass *analysis.Pass, cfg Config) *Found {
	finder := handlers.NewFinder(cfg.Handlers)
	f := &Found{finder: finder}
	if f.err = finder.Validate(pass.Pkg); f.err != nil {
		return f // the flags name something that does not exist
	}
	if !finder.MayHaveHandlers(pass.Pkg, pass.Files) {
		return f
	}
	// The inspector is built here rather than required from the inspect
	// pass: drivers run required passes on every dependency, the standard
	// library included, and most packages have no handler to inspect.
	f.insp = inspector.New(pass.Files)
	f.hs = finder.Find(pass.Pkg, pass.TypesInfo, f.insp)
	f.err = finder.CheckContexts(pass.Fset, pass.Pkg, pass.TypesInfo, f.hs)
	return f
}

// Lits returns the handler literals and declarations, for package slots.
func (f *Found) Lits() map[ast.Node]slots.Lit {
	var lits map[ast.Node]slots.Lit
	for _, h := range f.hs {
		switch h.Node.(type) {
		case *ast.FuncLit, *ast.FuncDecl:
			if lits == nil {
				lits = make(map[ast.Node]slots.Lit)
			}
			lits[h.Node] = slots.Lit{Framework: h.Framework, Cancelled: h.Cancelled}
		}
	}
	return lits
}

func (f *Found) inspector(pass *analysis.Pass) *inspector.Inspector {
	if f.insp == nil {
		f.insp = inspector.New(pass.Files)
	}
	return f.insp
}

// inferred returns the handlers package slots found through adapters, in
// this package: each named after itself and the adapter that serves it
// ("userGet (served by handle)").
func (f *Found) inferred(pass *analysis.Pass, in *slots.Info) []handlers.Handler {
	if in == nil {
		return nil
	}
	known := make(map[ast.Node]bool, len(f.hs))
	for _, h := range f.hs {
		known[h.Node] = true
	}
	var out []handlers.Handler
	for _, inf := range in.Inferred {
		if inf.Node == nil || known[inf.Node] {
			continue // in another package: not this package's to report
		}
		var sig *types.Signature
		switch n := inf.Node.(type) {
		case *ast.FuncDecl:
			sig = inf.Func.Signature()
		case *ast.FuncLit:
			sig, _ = pass.TypesInfo.TypeOf(n).(*types.Signature)
		}
		if sig == nil {
			continue
		}
		name := inf.Name + " (served by " + inf.Served.Adapter + ")" // no position: names identify findings in baselines
		h := f.finder.Inferred(sig, name, inf.Served.Framework, inf.Served.Cancelled)
		h.Node = inf.Node
		out = append(out, h)
	}
	return out
}
