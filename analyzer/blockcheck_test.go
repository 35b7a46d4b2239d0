package analyzer

import (
	"fmt"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/blockcheck/blockcheck/analyzer/internal/treetest"
	"github.com/blockcheck/blockcheck/analyzer/rules"
)

// scenarios are the packages under testdata/src that state their
// diagnostics and facts in // want comments.
var scenarios = []struct {
	name     string
	patterns []string
}{
	{"sleep", []string{"sleep"}},
	{"httpnoctx", []string{"httpnoctx"}},
	{"sqlnoctx", []string{"sqlnoctx"}},
	{"execnoctx", []string{"execnoctx"}},
	{"dialnoctx", []string{"dialnoctx"}},
	{"chanwait", []string{"chanwait"}},
	{"nethttp", []string{"nethttp"}},
	{"negatives", []string{"negatives"}},
	{"suppress", []string{"suppress"}},
	{"crosspkg", []string{"crosspkg/...", "github.com/acme/backoff"}},
	{"unbounded", []string{"unbounded/..."}}, // unbounded_test.go
	{"eventloop", []string{"eventloop/..."}}, // eventloop_test.go
	{"noreturn", []string{"noreturn/..."}},   // the project's own die() ends a path
	{"services", []string{"services/..."}},   // adapters, callbacks, interfaces wired elsewhere
}

// TestScenarios runs a fresh analyzer on each scenario (once: the load
// serves the other tests of the scenario too, load_test.go).
func TestScenarios(t *testing.T) {
	for _, sc := range scenarios {
		t.Run(sc.name, func(t *testing.T) {
			t.Parallel()
			loaded(sc.patterns...).want(t, "")
		})
	}
}

// TestDiagnosticMetadata checks what every finding of every scenario
// carries besides its message: the rule ID in Category and at the start
// of the message, the rule's page in URL, a range, and fix messages that
// are verb phrases.
func TestDiagnosticMetadata(t *testing.T) {
	var lists [][]string
	for _, sc := range scenarios {
		lists = append(lists, sc.patterns)
	}
	n := 0
	for _, res := range loadedResults(lists...) {
		checkResult(t, res) // result_test.go
		for _, d := range res.Action.Diagnostics {
			n++
			posn := res.Action.Package.Fset.Position(d.Pos)
			rule := rules.ByID(d.Category)
			if !assert.NotNil(t, rule, "%s: category %q is not a rule ID", posn, d.Category) {
				continue
			}
			assert.True(t, strings.HasPrefix(d.Message, d.Category+": "), "%s: message does not start with its rule: %s", posn, d.Message)
			assert.Equal(t, rules.DocsBase+d.Category+".md", d.URL, "%s", posn)
			assert.True(t, d.End > d.Pos, "%s: no range", posn)
			assert.False(t, strings.HasSuffix(d.Message, "."), "%s: message ends with a period", posn)
			assert.Equal(t, strings.ToLower(d.Message[:1]), d.Message[:1], "%s: message is not lowercase", posn)
			for _, fix := range d.SuggestedFixes {
				assert.Regexp(t, `^(use|build) `, fix.Message, "%s: fix message", posn)
				assert.NotEmpty(t, fix.TextEdits, "%s: fix without edits", posn)
			}
		}
	}
	assert.Greater(t, n, 100, "diagnostics in all scenarios")
}

// TestRelatedNamesTheChain checks that a finding reached through helpers
// points an editor at the chain below the call: each step found in this
// package, down to the operation.
func TestRelatedNamesTheChain(t *testing.T) {
	results := loadedResults([]string{"sleep"}, []string{"crosspkg/...", "github.com/acme/backoff"})
	find := func(substr string) (analysis.Diagnostic, *analysistest.Result) {
		for _, res := range results {
			for _, d := range res.Action.Diagnostics {
				if strings.Contains(d.Message, substr) {
					return d, res
				}
			}
		}
		t.Fatalf("no diagnostic contains %q", substr)
		return analysis.Diagnostic{}, nil
	}
	related := func(d analysis.Diagnostic, res *analysistest.Result) []string {
		var out []string
		for _, r := range d.Related {
			p := res.Action.Package.Fset.Position(r.Pos)
			out = append(out, fmt.Sprintf("%s:%d: %s", filepath.Base(p.Filename), p.Line, r.Message))
		}
		return out
	}

	d, res := find("handler Relay.redeliver reaches")
	got := related(d, res)
	require.Len(t, got, 1, "%q", got)
	assert.Regexp(t, `^relay\.go:\d+: retryLater calls time\.Sleep$`, got[0])
	sleepLine := res.Action.Package.Fset.Position(d.Related[0].Pos).Line
	assert.Contains(t, d.Message, fmt.Sprintf("(relay.go:%d)", sleepLine), "the message and Related agree on the operation's line")

	d, res = find("handler Relay.replay reaches")
	got = related(d, res)
	require.Len(t, got, 2, "%q", got)
	assert.Regexp(t, `^relay\.go:\d+: replayBatch calls retryLater$`, got[0])
	assert.Regexp(t, `^relay\.go:\d+: retryLater calls time\.Sleep$`, got[1])

	// Steps in other packages carry no position in facts; the finding
	// still points at the callee's declaration.
	d, res = find("handler Server.getProfile reaches")
	got = related(d, res)
	require.Len(t, got, 1, "%q", got)
	assert.Regexp(t, `^store\.go:\d+: Store\.Load is declared here$`, got[0])
}

// TestDisableFlag checks the -disable flag's parsing.
func TestDisableFlag(t *testing.T) {
	a := newAnalyzer()
	require.NoError(t, a.Flags.Set("disable", " sleep, chanwait ,"))
	assert.Equal(t, "sleep,chanwait", a.Flags.Lookup("disable").Value.String())
	require.NoError(t, a.Flags.Set("disable", "sqlnoctx"))
	assert.Equal(t, "sqlnoctx", a.Flags.Lookup("disable").Value.String(), "a later value replaces the list")
	err := a.Flags.Set("disable", "sleep,lockheldd")
	require.Error(t, err)
	assert.Contains(t, err.Error(), "lockheldd")

	// Analyzers do not share configuration.
	b := newAnalyzer()
	assert.Empty(t, b.Flags.Lookup("disable").Value.String())
	assert.NotSame(t, a, b)
}

// TestDisableIsWhatSilences runs the disable scenario without the flag:
// exactly its chanwait findings appear, so TestDisable passes because of
// the flag and not because chanwait misses them.
func TestDisableIsWhatSilences(t *testing.T) {
	rec := new(treetest.Recorder)
	treetest.Run(rec, analysistest.TestData(), newAnalyzer(), "disable")
	unexpected := regexp.MustCompile(`unexpected diagnostic: (\w+):`)
	var rulesSeen []string
	for _, e := range rec.Errs {
		m := unexpected.FindStringSubmatch(e)
		if !assert.NotNil(t, m, "other failure: %s", e) {
			continue
		}
		rulesSeen = append(rulesSeen, m[1])
	}
	assert.Equal(t, []string{"chanwait", "chanwait", "chanwait"}, rulesSeen)
	assert.True(t, slices.IsSorted(rulesSeen))
}

// TestDisable turns chanwait off: its findings disappear, the other rules
// still report, and summaries (facts) are unchanged.
func TestDisable(t *testing.T) {
	a := newAnalyzer()
	if err := a.Flags.Set("disable", "chanwait"); err != nil {
		t.Fatal(err)
	}
	treetest.Run(t, analysistest.TestData(), a, "disable")
}

// TestSuggestedFixes applies every suggested fix of the fixes scenario and
// compares the result with the .golden file beside each input.
func TestSuggestedFixes(t *testing.T) {
	treetest.RunWithSuggestedFixes(t, analysistest.TestData(), newAnalyzer(), "fixes")
}
