package analyzer

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/blockcheck/blockcheck/analyzer/internal/treetest"
)

// The eventloop scenario (callbacks of the stubbed gnet, nbio and
// netpoll, and the helpers they reach in package kv) runs with the others
// in TestScenarios; the tests below look at what // want cannot.

// TestEventLoopRelated checks what an editor is pointed at: the chain
// below the call, the registration of a callback declared by name, the
// declaration of a function of another package, and the holder of a lock.
func TestEventLoopRelated(t *testing.T) {
	results := loaded("eventloop/...").results
	related := func(substr string) []string {
		t.Helper()
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

	got := related("proxy.OnTraffic reaches time.Sleep via proxy.lookup")
	require.Len(t, got, 2, "%q", got)
	assert.Regexp(t, `^server\.go:\d+: proxy\.lookup calls retry$`, got[0])
	assert.Regexp(t, `^server\.go:\d+: retry calls time\.Sleep$`, got[1])

	got = related("proxy.OnTraffic reaches time.Sleep via kv.Get")
	require.Len(t, got, 1, "%q", got)
	assert.Regexp(t, `^kv\.go:\d+: kv\.Get is declared here$`, got[0])

	got = related("(*sync.WaitGroup).Wait in nbio OnData callback Server.onData")
	require.Len(t, got, 1, "%q", got)
	assert.Regexp(t, `^server\.go:\d+: Server\.onData is registered here as the nbio OnData callback$`, got[0])

	got = related("nbio OnRead callback kv.Throttle2 reaches")
	require.Len(t, got, 1, "%q", got)
	assert.Regexp(t, `^kv\.go:\d+: kv\.Throttle2 is declared here$`, got[0])

	got = related("s.mu.Lock in gnet callback cacheServer.OnTraffic")
	require.Len(t, got, 2, "%q", got)
	assert.Regexp(t, `^cache\.go:25: cacheServer\.refresh takes srv\.mu here$`, got[0])
	assert.Regexp(t, `^cache\.go:27: cacheServer\.refresh holds srv\.mu across \(\*sql\.DB\)\.QueryContext here$`, got[1])
}

// TestEventLoopDisable turns the rule off: every eventloop finding
// disappears, and nothing else changes (the facts are the same).
func TestEventLoopDisable(t *testing.T) {
	a := newAnalyzer()
	require.NoError(t, a.Flags.Set("disable", "eventloop"))
	rec := new(treetest.Recorder)
	treetest.Run(rec, analysistest.TestData(), a, "eventloop/...")
	require.NotEmpty(t, rec.Errs)
	for _, e := range rec.Errs {
		assert.Contains(t, e, "no diagnostic was reported matching `^eventloop: ", "only the eventloop findings are gone")
	}
}

// TestEventLoopFindings checks that every finding of the scenario is
// worded as the rule promises, whatever its shape.
func TestEventLoopFindings(t *testing.T) {
	n := 0
	for _, res := range loaded("eventloop/...").results {
		for _, d := range res.Action.Diagnostics {
			n++
			assert.Equal(t, "eventloop", d.Category)
			assert.Regexp(t, `(stalls|no new connection is accepted)`, d.Message)
			assert.Empty(t, d.SuggestedFixes, "no mechanical fix moves work off a loop")
			if strings.Contains(d.Message, " reaches ") || strings.Contains(d.Message, " may wait for ") {
				assert.NotEmpty(t, d.Related, "a chain finding must point at its chain: %s", d.Message)
			}
		}
	}
	assert.Equal(t, 19, n, "the findings of the scenario")
}
