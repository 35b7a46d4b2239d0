package analyzer

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/blockcheck/blockcheck/analyzer/internal/treetest"
)

// checkResult checks the analyzer's result, which drivers key baselines
// and summaries by (cmd/blockcheck -baseline, -summary): one Finding per
// diagnostic, in order, at its position, with its rule and package, a
// handler and an operation, and no line number in what identifies it.
// TestDiagnosticMetadata runs it on every scenario.
func checkResult(t *testing.T, res *analysistest.Result) []Finding {
	t.Helper()
	found, ok := res.Result.([]Finding)
	require.True(t, ok, "result of %s is %T", res.Action.Package.PkgPath, res.Result)
	require.Len(t, found, len(res.Action.Diagnostics), res.Action.Package.PkgPath)
	for i, d := range res.Action.Diagnostics {
		f := found[i]
		assert.Equal(t, d.Pos, f.Pos, d.Message)
		assert.Equal(t, d.Category, f.Rule, d.Message)
		assert.Equal(t, res.Action.Package.PkgPath, f.Pkg, d.Message)
		if f.Rule != "directive" {
			assert.NotEmpty(t, f.Handler, d.Message)
			assert.NotEmpty(t, f.Op, d.Message)
		}
		assert.NotRegexp(t, `\.go:\d`, f.Handler+" "+f.Op+" "+strings.Join(f.Chain, " "), "a position in what identifies %s", d.Message)
	}
	return found
}

// TestResultChain checks the Finding of a finding reached through another
// package and a third-party module: the chain names each function by its
// package path.
func TestResultChain(t *testing.T) {
	for _, res := range treetest.Run(new(treetest.Recorder), analysistest.TestData(), newAnalyzer(), "crosspkg/api") {
		for i, f := range checkResult(t, res) {
			if f.Rule == "sleep" && f.Handler == "Server.getProfile" {
				assert.True(t, strings.HasPrefix(res.Action.Diagnostics[i].Message, "sleep: handler Server.getProfile reaches"))
				assert.Equal(t, Finding{
					Pos: f.Pos, Rule: "sleep", Pkg: "crosspkg/api", Handler: "Server.getProfile", Op: "time.Sleep",
					Chain: []string{"crosspkg/store.Store.Load", "crosspkg/store.loadWithRetry", "github.com/acme/backoff.Retry"},
				}, f)
				return
			}
		}
	}
	t.Fatal("no sleep finding in Server.getProfile")
}
