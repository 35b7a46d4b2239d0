package analyzer

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/blockcheck/blockcheck/analyzer/internal/treetest"
)

// Regression: a handler in a file that imports "C" was never reported.
// Drivers analyze cmd/cgo's rewrite of such a file, headed "Code generated
// by cmd/cgo; DO NOT EDIT.", and the generated-file check believed it.
// Generated-ness is now judged by what the user's file says. Fixes are
// not offered there: their offsets would be those of cgo's copy.
func TestRegression_CgoFileSkippedAsGenerated(t *testing.T) {
	for _, res := range treetest.Run(t, analysistest.TestData(), newAnalyzer(), "regressions/cgohandler") {
		for _, d := range res.Diagnostics {
			assert.Empty(t, d.SuggestedFixes, "a fix in cmd/cgo's rewrite: %s", d.Message)
		}
	}
}

// Regression: a -handler-shapes type declared in the handlers' own package
// matched nothing unless the package also imported net/http: the fast
// path only looked for the shape's package among the imports.
func TestRegression_ShapeOfOwnPackage(t *testing.T) {
	a := newAnalyzer()
	require.NoError(t, a.Flags.Set("handler-shapes", "func(*regressions/ownshape.Ctx) error={0}.Context()"))
	treetest.Run(t, analysistest.TestData(), a, "regressions/ownshape")
}

// TestConfigValidated: shapes and registrations naming what does not
// exist, and context templates that are not a context.Context at the
// handler, are errors from Run (bad configuration), one line each, in the
// package where they show: the one declaring the type, or the handler's.
func TestConfigValidated(t *testing.T) {
	tests := []struct {
		flag, value string
		pkg         string // the package whose pass fails
		err         string
	}{
		{"handler-shapes", "func(*declared/web.Ctxx) error", "declared/web",
			`-handler-shapes "func(*declared/web.Ctxx) error": package declared/web has no type Ctxx`},
		{"handler-shapes", "func(map[string]declared/web.Nope)", "declared/web", "package declared/web has no type Nope"},
		{"handler-registrations", "declared/web.(*Router).Endpont", "declared/web",
			`-handler-registrations "(*declared/web.Router).Endpont": type declared/web.Router has no method Endpont`},
		{"handler-registrations", "declared/web.Handle", "declared/web", "package declared/web has no function Handle"},
		{"handler-shapes", "func(*declared/web.Ctx) error={0}.ctx", "declared/billing",
			`-handler-shapes "func(*declared/web.Ctx) error={0}.ctx": context template {0}.ctx at handler Billing.bill (`},
		{"handler-shapes", "func(*declared/web.Ctx) error={0}.ctx", "declared/billing", "billing.go:27:1): c.ctx undefined (cannot refer to unexported field ctx)"},
		{"handler-shapes", "func(*declared/web.Ctx) error={0}.NoSuch()", "declared/billing", "c.NoSuch undefined"},
		{"handler-shapes", "func(*declared/web.Ctx) error={0}.R", "declared/billing", "c.R is a *net/http.Request, not a context.Context"},
	}
	for _, tt := range tests {
		a := newAnalyzer()
		require.NoError(t, a.Flags.Set(tt.flag, tt.value), "the flag parses: it is checked against the types")
		var got error
		for _, res := range treetest.Run(new(treetest.Recorder), analysistest.TestData(), a, "declared/...") {
			if res.Action.Package.PkgPath == tt.pkg {
				got = res.Err
			}
		}
		if assert.Error(t, got, "-%s=%s", tt.flag, tt.value) {
			assert.Contains(t, got.Error(), tt.err)
			assert.NotContains(t, got.Error(), "\n", "one line")
		}
	}
}

// Regression: in a chain cut short in the facts (summary.MaxSteps), the
// last kept function's Related line said it calls the operation's
// function ("f7 calls f12"), where its line calls f8.
func TestRegression_TruncatedChainRelated(t *testing.T) {
	t.Parallel() // loads a module of its own
	const depth = 12
	var src strings.Builder
	src.WriteString("package deepchain\n\nimport (\n\t\"net/http\"\n\t\"time\"\n)\n\n")
	src.WriteString("func handle(w http.ResponseWriter, r *http.Request) {\n\tf1()\n}\n\n")
	for i := 1; i < depth; i++ {
		fmt.Fprintf(&src, "func f%d() {\n\tf%d()\n}\n\n", i, i+1)
	}
	fmt.Fprintf(&src, "func f%d() {\n\ttime.Sleep(time.Second)\n}\n", depth)
	dir := t.TempDir()
	file := filepath.Join(dir, "src", "deepchain", "deep.go")
	require.NoError(t, os.MkdirAll(filepath.Dir(file), 0o755))
	require.NoError(t, os.WriteFile(file, []byte(src.String()), 0o644))
	lines := strings.Split(src.String(), "\n")

	results := treetest.Run(new(treetest.Recorder), dir, newAnalyzer(), "deepchain")
	require.Len(t, results, 1)
	require.Len(t, results[0].Diagnostics, 1)
	d := results[0].Diagnostics[0]
	fset := results[0].Action.Package.Fset
	calls := regexp.MustCompile(`^(\w+) calls (\S+)`)
	var cut []string
	for _, rel := range d.Related {
		m := calls.FindStringSubmatch(rel.Message)
		require.NotNil(t, m, rel.Message)
		line := lines[fset.Position(rel.Pos).Line-1]
		if strings.Contains(rel.Message, "…") {
			cut = append(cut, rel.Message)
			continue
		}
		callee := strings.TrimPrefix(m[2], "time.")
		assert.Contains(t, line, callee+"(", "%q at a line that does not call %s: %q", rel.Message, m[2], line)
	}
	// f1 … f7 and f12 are kept (summary.MaxSteps = 8); f8 … f11 are not.
	assert.Equal(t, []string{"f7 calls … → f12 (4 functions not shown)"}, cut)
}
