package analyzer

import (
	_ "embed" // for the analyzer documentation
	"fmt"
	"go/token"
	"reflect"
	"strings"
	"sync"

	"golang.org/x/tools/go/analysis"

	"github.com/blockcheck/blockcheck/analyzer/catalog"
	"github.com/blockcheck/blockcheck/analyzer/detect/chanwait"
	"github.com/blockcheck/blockcheck/analyzer/detect/clienttimeout"
	"github.com/blockcheck/blockcheck/analyzer/detect/ctxflow"
	"github.com/blockcheck/blockcheck/analyzer/detect/infiniteloop"
	"github.com/blockcheck/blockcheck/analyzer/detect/lockheld"
	"github.com/blockcheck/blockcheck/analyzer/noreturn"
	"github.com/blockcheck/blockcheck/analyzer/report"
	"github.com/blockcheck/blockcheck/analyzer/rules"
	"github.com/blockcheck/blockcheck/analyzer/slots"
	"github.com/blockcheck/blockcheck/analyzer/summary"
	"github.com/blockcheck/blockcheck/analyzer/suppress"
)

//go:embed doc.go
var doc string

// Finding is what one diagnostic is about (its rule, handler, operation
// and chain), as data: the analyzer's result holds one per diagnostic, so
// that drivers key baselines and summaries without parsing messages.
type Finding = report.About

// Analyzer is the blockcheck analyzer, configured by its flags.
var Analyzer = newAnalyzer()

// config is the analyzer's configuration; each analyzer has its own, so
// tests can build analyzers with different settings side by side.
type config struct {
	disabled ruleList
	enable   ruleList         // -enable: rules that are off by default, turned on
	funcs    funcList         // -funcs, flags_rules.go
	shapes   shapeList        // -handler-shapes, flags.go
	regs     registrationList // -handler-registrations, flags.go
	maxBody  int64            // -max-body, flags_unbounded.go
	panicAt  string           // a test hook: panic at this package's first handler, recover.go
	// isDefault reports whether a rule is on without -enable (Rule.Default;
	// tests stand in a rule that is off).
	isDefault func(id string) bool
	// catalog is the catalogue, -funcs included, built on the first run:
	// the flags are set by then.
	catalog func() *catalog.Catalog
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

func newAnalyzer() *analysis.Analyzer { return buildAnalyzer(isDefault) }

// buildAnalyzer returns an analyzer whose rules are on by default when
// isDefault says so.
func buildAnalyzer(isDefault func(id string) bool) *analysis.Analyzer {
	cfg := &config{maxBody: defaultMaxBody, isDefault: isDefault, panicAt: testPanicAt}
	cfg.catalog = sync.OnceValue(cfg.catalogue)
	a := &analysis.Analyzer{
		Name:       "blockcheck",
		Doc:        analysisDoc(doc),
		URL:        rules.DocsBase + "README.md",
		FactTypes:  []analysis.Fact{new(summary.BlockingFact), new(noreturn.Fact), new(slots.Fact), new(summary.PendingFact)},
		ResultType: reflect.TypeFor[[]Finding](),
	}
	a.Flags.Var(&cfg.disabled, "disable", "comma-separated rule IDs to turn off, e.g. chanwait,dialnoctx")
	a.Flags.Var(&cfg.enable, "enable", "comma-separated rule IDs that are off by default to turn on (-disable wins)")
	a.Flags.Var(&cfg.funcs, "funcs", "comma-separated blocking functions of your code or dependencies, as FUNC=KIND[:ALT], "+
		"e.g. 'github.com/acme/db.(*Client).Fetch=sql:FetchContext'; KIND is sleep, http, sql, exec, dial, wait or file")
	a.Flags.Var(&cfg.shapes, "handler-shapes", "comma-separated handler signatures of other frameworks, each with its context, "+
		"e.g. 'func(*github.com/acme/web.Ctx) error={0}.Context()' (docs/frameworks.md)")
	a.Flags.Var(&cfg.regs, "handler-registrations", "comma-separated functions whose function arguments are handlers, "+
		"e.g. 'github.com/acme/web.(*Router).Handle' (docs/frameworks.md)")
	a.Flags.Var((*byteSize)(&cfg.maxBody), "max-body", "the request body size, in bytes, that the bodyread fix limits bodies to, "+
		"and above which a multipart form's memory is reported")
	a.Run = func(pass *analysis.Pass) (any, error) { return runRecovering(pass, cfg) } // recover.go
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

func run(pass *analysis.Pass, cfg *config, at *token.Pos) (any, error) {
	if catalog.IsStd(pass.Pkg.Path()) {
		// The standard library is described by the catalogue.
		return []Finding(nil), nil
	}
	ix, problems := suppress.Parse(pass.Fset, pass.Files, func(id string) bool { return rules.ByID(id) != nil })
	cat := cfg.catalog()
	nr, serial := noreturn.Find(pass), lockheld.New()
	rcfg := report.Config{
		Enabled:  cfg.enabled,
		Catalog:  cat,
		Handlers: cfg.handlers(),
		MaxBody:  cfg.maxBody,
		NoReturn: nr,
		Serial:   serial,
		Analysing: func(pos token.Pos) {
			*at = pos // recover.go
			if cfg.panicAt == pass.Pkg.Path() {
				panic("injected by a test (config.panicAt)")
			}
		},
	}
	// Handlers first: their literals tell package slots which functions
	// are adapters, and the slots tell the summaries where callbacks run
	// and what fields hold.
	found := report.FindHandlers(pass, rcfg)
	rcfg.Slots = slots.Build(pass, found.Lits())
	sum := summary.Build(pass, pass.Files, summary.Config{
		Catalog:   cat,
		Ignored:   func(pos token.Pos, k catalog.Kind) bool { return ix.Ignored(pos, rules.ForKind(k)) },
		NoReturn:  nr,
		Detectors: []summary.Detector{chanwait.New(), infiniteloop.New(), clienttimeout.New(), ctxflow.New(), serial.Detector()},
		Slots:     rcfg.Slots,
	})
	sum.Export()
	return report.Run(pass, rcfg, found, sum, ix, problems)
}
