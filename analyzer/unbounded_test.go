package analyzer

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/blockcheck/blockcheck/analyzer/internal/treetest"
)

// The scenarios of the unbounded rules and clienttimeout are in
// testdata/src/unbounded and run with the others (blockcheck_test.go).

// TestBodyReadFixes applies the bodyread fixes of the bodyfix scenario
// and compares the result with the .golden files (which
// TestGoldenFilesCompile type-checks).
func TestBodyReadFixes(t *testing.T) {
	treetest.RunWithSuggestedFixes(t, analysistest.TestData(), newAnalyzer(), "unbounded/bodyfix")
}

// TestUnboundedFixesCompile applies every fix of the unbounded scenarios,
// one after another as an editor would, and type-checks the result.
func TestUnboundedFixesCompile(t *testing.T) {
	n := 0
	for _, files := range checkFixes(t, fixChecks{comments: true, layout: true}, "unbounded/...") {
		n += files
	}
	assert.GreaterOrEqual(t, n, 3, "files fixed")
}

// TestMaxBodyFlag sets -max-body: the fix writes the limit, and a
// multipart parse within it is not reported.
func TestMaxBodyFlag(t *testing.T) {
	a := newAnalyzer()
	require.NoError(t, a.Flags.Set("max-body", "67108864"))
	assert.Equal(t, "67108864", a.Flags.Lookup("max-body").Value.String())
	var msgs, fixes []string
	for _, res := range treetest.Run(new(treetest.Recorder), analysistest.TestData(), a, "unbounded/imports") {
		for _, d := range res.Action.Diagnostics {
			if d.Category != "bodyread" {
				continue
			}
			msgs = append(msgs, d.Message)
			for _, f := range d.SuggestedFixes {
				fixes = append(fixes, f.Message+": "+string(f.TextEdits[0].NewText))
			}
		}
	}
	for _, m := range msgs {
		assert.NotContains(t, m, "ParseMultipartForm", "32 MiB of memory is within a 64 MiB limit")
		assert.NotContains(t, m, "FormFile")
	}
	require.NotEmpty(t, fixes)
	for _, f := range fixes {
		assert.Contains(t, f, "to 64 MiB: r.Body = http.MaxBytesReader(w, r.Body, 1<<26)")
	}

	for _, bad := range []string{"0", "-1", "1MiB", ""} {
		assert.Error(t, newAnalyzer().Flags.Set("max-body", bad), "max-body=%q", bad)
	}
	require.NoError(t, a.Flags.Set("max-body", "1500"))
}

// TestUnboundedRelated checks that findings reached through helpers point
// at each step, down to the loop or the read.
func TestUnboundedRelated(t *testing.T) {
	results := loaded("unbounded/...").results
	related := func(substr string) []string {
		for _, res := range results {
			for _, d := range res.Action.Diagnostics {
				if !strings.Contains(d.Message, substr) {
					continue
				}
				var out []string
				for _, r := range d.Related {
					p := res.Action.Package.Fset.Position(r.Pos)
					out = append(out, fmt.Sprintf("%s:%d: %s", filepath.Base(p.Filename), p.Line, r.Message))
				}
				return out
			}
		}
		t.Fatalf("no diagnostic contains %q", substr)
		return nil
	}
	assert.Equal(t, []string{
		"reports.go:48: daily loops here",
		"reports.go:56: n comes from here",
	}, related("handler Handlers.Sales reaches a loop"))
	assert.Equal(t, []string{"imports.go:50: decodeJSON calls json.NewDecoder(r.Body)"},
		related("handler Server.create reaches json.NewDecoder"))
	assert.Equal(t, []string{"events.go:40: the loop with no exit is here"},
		related("handler Hub.relay reaches"))
	assert.Equal(t, []string{
		"products.go:118: buffer allocates here",
		"products.go:108: int(n) comes from here",
	}, related("handler Server.pageHeader reaches"))
	var _ analysis.Diagnostic
}
