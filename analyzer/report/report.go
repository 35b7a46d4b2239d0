// Package report turns what blockcheck finds into diagnostics.
//
// The files of the package are the rule families: cancellation.go,
// serialization.go, eventloop.go and unbounded.go each walk a handler's (or
// an event-loop callback's) summary for the findings of their rules and
// describe each one as a Finding: its rule, where it is, its message, the
// chain of calls that reaches the operation, and its fixes. emit, in this
// file, is the one place a Finding becomes an analysis.Diagnostic: the rule
// ID in Category and in front of the message (plain go vet output does
// not print the category), the rule page in URL, and Related built from
// the chain.
//
// Data flows one way: the root package builds the summaries and calls
// Run; nothing here is imported by the packages that detect (summary,
// locks, taint, handlers, eventloop, catalog, frameworks).
package report

import (
	"go/ast"
	"go/token"
	"go/types"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/blockcheck/blockcheck/analyzer/catalog"
	"github.com/blockcheck/blockcheck/analyzer/detect/lockheld"
	"github.com/blockcheck/blockcheck/analyzer/handlers"
	"github.com/blockcheck/blockcheck/analyzer/noreturn"
	"github.com/blockcheck/blockcheck/analyzer/rules"
	"github.com/blockcheck/blockcheck/analyzer/slots"
	"github.com/blockcheck/blockcheck/analyzer/summary"
	"github.com/blockcheck/blockcheck/analyzer/suppress"
)

// Config is what the reports depend on, from the analyzer's flags.
type Config struct {
	// Enabled reports whether the rule with the given ID is on.
	Enabled  func(id string) bool
	Catalog  *catalog.Catalog
	Handlers handlers.Config
	// MaxBody is the body limit, in bytes, the bodyread fix writes.
	MaxBody int64
	// NoReturn says which calls end their path (package noreturn).
	NoReturn *noreturn.Oracle
	// Serial holds the lock sites the lockheld detector found.
	Serial *lockheld.Detector
	// Analysing, when set, is told the position of each handler before it
	// is analysed (the root's panic recovery says where it happened).
	Analysing func(token.Pos)
	// Slots holds the handlers found through adapters and the package's
	// field bindings (package slots).
	Slots *slots.Info
}

type reporter struct {
	finder   *handlers.Finder
	handlers map[*types.Func]bool // the package's handlers declared by name
	pass     *analysis.Pass
	cfg      Config
	sum      *summary.Summary
	ignore   *suppress.Index
	insp     *inspector.Inspector
	unb      *unboundedState // unbounded.go
	found    []About         // what each diagnostic is about, in order
	noReturn *noreturn.Oracle
	serial   *lockheld.Detector
}

// Run reports the problems of the package's directives, and what its
// event-loop callbacks and request handlers reach, from the package's
// summaries, and returns what each diagnostic is about. found are the
// handlers FindHandlers found before the summaries were built, in the
// slots the summaries were built with. Its error is only for a
// configuration that names types that do not exist or a context template
// that does not compile.
func Run(pass *analysis.Pass, cfg Config, found *Found, sum *summary.Summary, ix *suppress.Index, problems []suppress.Problem) ([]About, error) {
	r := &reporter{pass: pass, cfg: cfg, sum: sum, ignore: ix, noReturn: cfg.NoReturn, serial: cfg.Serial}
	for _, p := range problems {
		r.emit(Finding{Rule: rules.Directive, Pos: p.Pos, End: p.End, Message: p.Message})
	}
	r.eventLoops() // eventloop.go
	if found.err != nil {
		return r.found, found.err
	}
	hs := slices.Concat(found.hs, found.inferred(pass, cfg.Slots)) // found.go
	if len(hs) == 0 {
		r.pending() // pending.go
		return r.found, nil
	}
	r.insp = found.inspector(pass)
	r.finder, r.handlers = found.finder, make(map[*types.Func]bool)
	for _, h := range hs {
		if d, ok := h.Node.(*ast.FuncDecl); ok {
			if obj, ok := pass.TypesInfo.Defs[d.Name].(*types.Func); ok {
				r.handlers[obj] = true
			}
		}
	}
	for _, h := range hs {
		if r.skipFile(h.Node) {
			continue
		}
		if cfg.Analysing != nil {
			cfg.Analysing(h.Node.Pos())
		}
		r.handler(h)
	}
	r.exportPending(hs)
	r.pending()
	return r.found, nil
}

// handler reports what h reaches.
func (r *reporter) handler(h handlers.Handler) {
	fn := r.sum.Func(h.Node)
	if fn == nil {
		return
	}
	r.cancellation(h, fn) // cancellation.go
	r.lockHeld(h, fn)     // serialization.go
	r.unbounded(h, fn)    // unbounded.go
}

// skipFile reports whether findings in n's file are not the user's to fix
// here: tests, and generated code.
func (r *reporter) skipFile(n ast.Node) bool {
	tf := r.pass.Fset.File(n.Pos())
	if tf == nil || strings.HasSuffix(tf.Name(), "_test.go") {
		return true
	}
	f := fileAt(r.pass.Files, n.Pos())
	return f != nil && generated(r.pass.Fset, f) // generated.go
}

// isHandler reports whether fn is a handler: one of this package's, or one
// with a handler's shape.
func (r *reporter) isHandler(fn *types.Func) bool {
	return r.handlers[fn] || r.finder.HasShape(fn.Signature())
}

// wanted reports whether rule is enabled and not silenced at n.
func (r *reporter) wanted(rule string, n ast.Node) bool {
	return rule != "" && r.cfg.Enabled(rule) && !r.ignore.Ignored(n.Pos(), rule)
}

// A Finding is one problem, as a rule family describes it.
type Finding struct {
	Rule     string
	Pos, End token.Pos
	// Message is the text after the rule ID.
	Message string
	// Before are related positions shown ahead of the chain's (the Lock
	// call, a callback's registration), After those shown after it (where
	// request input comes from).
	Before, After []analysis.RelatedInformation
	Chain         Chain
	Fixes         []analysis.SuggestedFix
	// Handler and Op name, for the result (About), the handler or callback
	// and what it reaches that blocks or grows.
	Handler, Op string
}

// Chain is the calls from the reported call down to the operation, for
// Related: each step found in this package points at its call of the
// next one ("Store.Load calls retry"), the last at the operation (Last).
type Chain struct {
	Steps []Step
	// Last is what the last step's position is told: "retry calls
	// time.Sleep", "the loop with no exit is here".
	Last string
	// Declared is the function called at the finding, pointed at ("kv.Get
	// is declared here") when no step is in this package (facts carry no
	// positions); nil to point at nothing then.
	Declared *types.Func
	// Hidden is how many functions between the last two steps were cut
	// from the chain (summary.MaxSteps).
	Hidden int
}

// Step is a function of a chain and the position of its call of the next
// one (or of the operation); the position is not valid in other packages.
type Step struct {
	Name string
	Pos  token.Pos
	// Qualified is the function's name with its package path, for About.
	Qualified string
}

// related returns the positions of c, in pass.
func (c Chain) related(pass *analysis.Pass) []analysis.RelatedInformation {
	var out []analysis.RelatedInformation
	for i, st := range c.Steps {
		if !st.Pos.IsValid() {
			continue
		}
		msg := c.Last
		if i+1 < len(c.Steps) {
			msg = st.Name + " calls " + c.called(i)
		}
		out = append(out, analysis.RelatedInformation{Pos: st.Pos, Message: msg})
	}
	if len(out) == 0 && c.Declared != nil && c.Declared.Pos().IsValid() && len(c.Steps) > 0 {
		out = append(out, analysis.RelatedInformation{
			Pos: declPos(pass, c.Declared), Message: c.Steps[0].Name + " is declared here", // positions.go
		})
	}
	return out
}

// reasonChain is the chain of a summary reason, seen from package pkg: the
// last step calls the operation, or for a lock held across one, that
// operation. declared may be nil.
func reasonChain(reason summary.Reason, pkg string, declared *types.Func) Chain {
	op := reason.Op
	if reason.Kind == catalog.Serial {
		op = reason.Across
	}
	c := Chain{Declared: declared, Hidden: reason.Depth - len(reason.Steps)}
	for _, st := range reason.Steps {
		c.Steps = append(c.Steps, Step{Name: st.Name(pkg), Pos: st.Pos(), Qualified: qualified(st.PkgPath, st.Func)})
	}
	if n := len(c.Steps); n > 0 {
		c.Last = c.Steps[n-1].Name + " calls " + op
	}
	return c
}

// emit reports f, when its rule is on: the rule ID in Category and at the
// start of the message, the rule's page in URL, Related from the chain.
func (r *reporter) emit(f Finding) {
	if !r.cfg.Enabled(f.Rule) {
		return
	}
	about := About{Pos: f.Pos, Rule: f.Rule, Pkg: r.pass.Pkg.Path(), Handler: f.Handler, Op: f.Op}
	for _, st := range f.Chain.Steps {
		about.Chain = append(about.Chain, st.Qualified)
	}
	r.found = append(r.found, about)
	d := analysis.Diagnostic{
		Pos: f.Pos, End: f.End,
		Category:       f.Rule,
		Message:        f.Rule + ": " + f.Message,
		SuggestedFixes: f.Fixes,
	}
	if rl := rules.ByID(f.Rule); rl != nil {
		d.URL = rl.URL()
	}
	d.Related = append(d.Related, f.Before...)
	d.Related = append(d.Related, f.Chain.related(r.pass)...)
	d.Related = append(d.Related, f.After...)
	if file := fileAt(r.pass.Files, d.Pos); file != nil && cgoRewrite(r.pass.Fset, file) {
		d.SuggestedFixes = nil // generated.go: the edits would be offsets in cgo's copy
	}
	r.pass.Report(d)
}
