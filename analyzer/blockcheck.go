package analyzer

import (
	_ "embed" // for the analyzer documentation
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/blockcheck/blockcheck/analyzer/catalog"
	"github.com/blockcheck/blockcheck/analyzer/handlers"
	"github.com/blockcheck/blockcheck/analyzer/rules"
	"github.com/blockcheck/blockcheck/analyzer/summary"
	"github.com/blockcheck/blockcheck/analyzer/suppress"
)

//go:embed doc.go
var doc string

// Analyzer is the blockcheck analyzer, configured by its flags.
var Analyzer = newAnalyzer()

// config is the analyzer's configuration; each analyzer has its own, so
// tests can build analyzers with different settings side by side.
type config struct {
	disabled ruleList
	catalog  *catalog.Catalog
	shapes   shapeList        // -handler-shapes, flags.go
	regs     registrationList // -handler-registrations, flags.go
	maxBody  int64            // -max-body, flags_unbounded.go
}

// ruleList is a comma-separated list of rule IDs, as a flag value.
type ruleList []string

func (l *ruleList) String() string { return strings.Join(*l, ",") }

func (l *ruleList) Set(s string) error {
	*l = nil
	for id := range strings.SplitSeq(s, ",") {
		id = strings.TrimSpace(id)
		if id == "" {
			continue
		}
		if rules.ByID(id) == nil {
			return fmt.Errorf("unknown rule %q", id)
		}
		*l = append(*l, id)
	}
	return nil
}

// New returns a fresh blockcheck analyzer with its own flags, for drivers
// that configure it through Flags.Set (the golangci-lint plugin).
func New() *analysis.Analyzer { return newAnalyzer() }

func newAnalyzer() *analysis.Analyzer {
	cfg := &config{catalog: catalog.Default(), maxBody: defaultMaxBody}
	a := &analysis.Analyzer{
		Name:       "blockcheck",
		Doc:        analysisDoc(doc),
		URL:        rules.DocsBase + "README.md",
		FactTypes:  []analysis.Fact{new(summary.BlockingFact)},
		ResultType: resultType, // finding.go
	}
	a.Flags.Var(&cfg.disabled, "disable", "comma-separated rule IDs to turn off, e.g. chanwait,dialnoctx")
	a.Flags.Var(&cfg.shapes, "handler-shapes", "comma-separated handler signatures of other frameworks, each with its context, "+
		"e.g. 'func(*github.com/acme/web.Ctx) error={0}.Context()' (docs/frameworks.md)")
	a.Flags.Var(&cfg.regs, "handler-registrations", "comma-separated functions whose function arguments are handlers, "+
		"e.g. 'github.com/acme/web.(*Router).Handle' (docs/frameworks.md)")
	a.Flags.Var((*byteSize)(&cfg.maxBody), "max-body", "the request body size, in bytes, that the bodyread fix limits bodies to, "+
		"and above which a multipart form's memory is reported (default 1048576, 1 MiB)")
	a.Run = func(pass *analysis.Pass) (any, error) { return run(pass, cfg) }
	return a
}

// analysisDoc extracts the analyzer's documentation from doc.go: the text
// after the "# Analyzer blockcheck" heading, without comment markers.
func analysisDoc(src string) string {
	var lines []string
	started := false
	for line := range strings.SplitSeq(src, "\n") {
		if !strings.HasPrefix(line, "//") {
			if started {
				break
			}
			continue
		}
		text := strings.TrimPrefix(strings.TrimPrefix(line, "//"), " ")
		if text == "# Analyzer blockcheck" {
			started = true
			continue
		}
		if started {
			lines = append(lines, text)
		}
	}
	return strings.TrimSpace(strings.Join(lines, "\n"))
}

func run(pass *analysis.Pass, cfg *config) (any, error) {
	if catalog.IsStd(pass.Pkg.Path()) {
		// The standard library is described by the catalogue.
		return []Finding(nil), nil
	}
	ix, problems := suppress.Parse(pass.Fset, pass.Files, func(id string) bool { return rules.ByID(id) != nil })
	sum := summary.Build(pass, pass.Files, summary.Config{
		Catalog: cfg.catalog,
		Ignored: func(pos token.Pos, k catalog.Kind) bool { return ix.Ignored(pos, rules.ForKind(k)) },
	})
	sum.Export()

	r := &reporter{pass: pass, cfg: cfg, sum: sum, ignore: ix}
	for _, p := range problems {
		r.report(analysis.Diagnostic{Pos: p.Pos, End: p.End, Message: p.Message}, rules.Directive, Finding{})
	}
	r.eventLoops() // report_eventloop.go
	finder := handlers.NewFinder(cfg.handlers())
	if !finder.MayHaveHandlers(pass.Pkg, pass.Files) {
		return r.found, nil
	}
	// The inspector is built here rather than required from the inspect
	// pass: drivers run required passes on every dependency, the standard
	// library included, and most packages have no handler to inspect.
	r.insp = inspector.New(pass.Files)
	hs := finder.Find(pass.Pkg, pass.TypesInfo, r.insp)
	r.finder, r.handlers = finder, make(map[*types.Func]bool)
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
		r.handler(h)
	}
	return r.found, nil
}

// skipFile reports whether findings in n's file are not the user's to fix
// here: tests, and generated code.
func (r *reporter) skipFile(n ast.Node) bool {
	tf := r.pass.Fset.File(n.Pos())
	if tf == nil || strings.HasSuffix(tf.Name(), "_test.go") {
		return true
	}
	for _, f := range r.pass.Files {
		if f.FileStart <= n.Pos() && n.Pos() < f.FileEnd {
			return ast.IsGenerated(f)
		}
	}
	return false
}

func (c *config) enabled(id string) bool { return !slices.Contains(c.disabled, id) }
