package main

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The eventloop rule against the real frameworks: testdata/eventloop is a
// module of its own that requires gnet, nbio and netpoll at the versions
// whose source the rule's tables were checked against (go.sum is
// complete; the go command fetches the modules from the module proxy
// the first time). Stubs serve the fast unit tests; these modules decide.

// eventloopDir is the module of event-loop servers.
func eventloopDir(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("fetches and builds gnet, nbio and netpoll")
	}
	dir, err := filepath.Abs("../../testdata/eventloop")
	require.NoError(t, err)
	return dir
}

func TestStandaloneEventLoop(t *testing.T) {
	dir := eventloopDir(t)
	_, stderr, code := run(t, dir, binary, "./...")
	require.Equal(t, 3, code, "standalone exit code with findings; stderr:\n%s", stderr)
	got := findings(t, dir, stderr)
	checkGolden(t, "eventloop.golden", got)
	for _, f := range got {
		if strings.HasPrefix(f, "nbhttpapi/") {
			// nbhttp's handlers run in a pool: net/http handlers to the
			// request-handler rules, cancelled as nbhttp cancels them.
			assert.NotContains(t, f, ": eventloop: ", "an nbhttp handler does not run on a loop")
			assert.NotContains(t, f, "even after the client disconnects", "nbhttp cancels nothing when the client disconnects")
			continue
		}
		// Only the callbacks the frameworks run on a loop are reported,
		// and nothing else in this module is wrong.
		assert.True(t, strings.Contains(f, ": eventloop: "), "not an eventloop finding: %s", f)
		for _, silent := range []string{
			"callback Server.OnTick", "callback Server.OnBoot", "PooledServer", "nbio OnClose callback",
			"netpoll OnConnect callback", "netpoll OnRequest callback", "cmd/loops/",
		} {
			assert.NotContains(t, f, silent, "a callback off the loop, or work handed off, is reported")
		}
	}
	assert.Contains(t, strings.Join(got, "\n"), "nbhttpapi/api.go:38:2: infiniteloop: for loop with no exit in handler ticks: "+
		"nothing in it breaks out, returns, panics or looks at the request's context, so once it is entered the handler never returns, "+
		"even after the nbhttp engine stops (nbhttp cancels nothing when the client disconnects)",
		"an nbhttp handler says when nbhttp cancels its context")
}

// TestVetEventLoop runs the rule under go vet, where the summaries of the
// frameworks' packages reach the servers as gob-encoded facts.
func TestVetEventLoop(t *testing.T) {
	dir := eventloopDir(t)
	_, stderr, code := run(t, dir, "go", "vet", "-vettool="+binary, "./...")
	assert.Equal(t, 1, code, "go vet exit code with findings; stderr:\n%s", stderr)
	checkGolden(t, "eventloop.golden", findings(t, dir, stderr))
}

// TestJSONEventLoop checks that the findings reached through other
// functions, and the lock waits, point an editor at their chain or holder.
func TestJSONEventLoop(t *testing.T) {
	dir := eventloopDir(t)
	stdout, stderr, code := run(t, dir, binary, "-json", "./...")
	require.Equal(t, 0, code, stderr)
	var lines []string
	for _, d := range jsonDiagnostics(t, stdout) {
		if !strings.Contains(d.Posn, "nbhttpapi") { // nbhttp's handlers: net/http handlers
			assert.Equal(t, "eventloop", d.Category, d.Message)
		}
		if strings.Contains(d.Message, " reaches ") || strings.Contains(d.Message, " may wait for ") {
			assert.NotEmpty(t, d.Related, "a chain finding must point at its chain: %s", d.Message)
		}
		f, ok := relFinding(t, dir, d.Posn+": "+d.Message)
		require.True(t, ok, d.Posn)
		lines = append(lines, f)
	}
	slices.Sort(lines)
	checkGolden(t, "eventloop.golden", lines)
}
