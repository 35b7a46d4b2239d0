package analyzer

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/blockcheck/blockcheck/analyzer/internal/treetest"
)

// Regression tests: each names a bug found in review or on real code, now
// fixed; the package under testdata/src/regressions holds its minimal
// repro, with // want comments as they must stay. The comment above each
// test describes the bug as it was. The packages checked by their // want
// comments alone are analysed together, once (regression).

// regressions are the packages checked by their // want comments alone.
var regressions = []string{
	"regressions/handleralias", "regressions/nestedhandler", "regressions/handlername", "regressions/trailingignore",
	"regressions/fixcompile", "regressions/fixsyntax", "regressions/fixformat", "regressions/errgroup",
	"regressions/selfderived",
}

// regression checks the // want comments of pkg, one of regressions.
func regression(t *testing.T, pkg string) {
	t.Helper()
	loaded(regressions...).want(t, pkg)
}

// An alias of *http.Request (type Request = http.Request) is the same type;
// handlers declared with it are not found.
func TestRegression_AliasedRequestType(t *testing.T) {
	regression(t, "regressions/handleralias")
}

// A handler that calls another handler with its own (w, r) is reported for
// the callee's operations too, with advice to "pass the request's context
// down" to a function that already has the request.
func TestRegression_HandlerCallingHandlerReportedTwice(t *testing.T) {
	regression(t, "regressions/nestedhandler")
}

// Route-named literals read "in handler handler for "GET /slow"".
func TestRegression_RouteHandlerNameRepeatsHandler(t *testing.T) {
	regression(t, "regressions/handlername")
}

// A directive at the end of a line also silences the line below it.
func TestRegression_TrailingIgnoreSilencesNextLine(t *testing.T) {
	regression(t, "regressions/trailingignore")
}

// A handler literal inside a function with its own ctx (the server's
// lifetime context, signal.NotifyContext in main) is told, and fixed, to
// use that ctx instead of r.Context().
func TestRegression_FixUsesOuterContext(t *testing.T) {
	treetest.RunWithSuggestedFixes(t, analysistest.TestData(), newAnalyzer(), "regressions/outerctx")
}

// Fixes that do not type-check: the constructor rewritten with a ctx
// declared after it (the context is chosen where the value is run, not
// where it is built), and a method expression given ctx as its receiver.
func TestRegression_FixDoesNotCompile(t *testing.T) {
	regression(t, "regressions/fixcompile")
	checkFixes(t, fixChecks{}, "regressions/fixcompile")
}

// The sleep fix puts a select where only a simple statement may go: a for
// statement's post statement, an if statement's init.
func TestRegression_SleepFixIsSyntaxError(t *testing.T) {
	regression(t, "regressions/fixsyntax")
	checkFixes(t, fixChecks{}, "regressions/fixsyntax")
}

// Fixes re-print the call's arguments with go/format: comments between
// arguments are dropped, line breaks are lost, and binary expressions are
// spaced as a statement would be, not as gofmt spaces them in an argument
// list (c.baseURL+"/x" becomes c.baseURL + "/x").
func TestRegression_FixRewritesArgumentText(t *testing.T) {
	regression(t, "regressions/fixformat")
	checkFixes(t, fixChecks{layout: true, comments: true}, "regressions/fixformat", "httpnoctx")
}

// Two fixable calls chained, tx.Stmt(s).Exec(…): the outer fix replaces the
// whole expression, inner call included, so the fixes overlap.
func TestRegression_NestedFixesOverlap(t *testing.T) {
	treetest.RunWithSuggestedFixes(t, analysistest.TestData(), newAnalyzer(), "regressions/nestedfix")
	checkFixes(t, fixChecks{}, "regressions/nestedfix")
}

// A handler that joins its own errgroup.Group (g.Wait()) is reported by
// chanwait: inside errgroup, Wait waits on a field of its receiver, which
// is judged "shared" where Wait is summarized, although the Group is local
// to the caller. Found by running blockcheck on golang.org/x/tools
// (go/types/internal/play: packages.Load → loader.refine → Group.Wait).
func TestRegression_LocalErrgroupWaitReported(t *testing.T) {
	regression(t, "regressions/errgroup")
}

// A context derived from itself (ctx, cancel = context.WithTimeout(ctx, d))
// sent the root-context tracer into an endless recursion: it overflowed
// the stack on pgxpool's Acquire.
func TestRegression_SelfDerivedContext(t *testing.T) {
	regression(t, "regressions/selfderived")
}
