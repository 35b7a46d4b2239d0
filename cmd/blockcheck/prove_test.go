package main

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestProve runs the demo's prove program with small counts: it builds a
// copy of the demo with the documented fixes, checks with blockcheck that
// the findings are gone there, measures both on loopback, and runs the
// gnet measurement of testdata/eventloop. It exits 1 when a measurement
// contradicts a finding. The unit tests of its judge run first.
func TestProve(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a fixed copy of the demo, measures for seconds, and builds gnet")
	}
	dir := demoDir(t)
	_, stderr, code := run(t, dir, "go", "test", "-count=1", "./cmd/prove")
	require.Equal(t, 0, code, "the judge of prove's measurements:\n%s", stderr)

	stdout, stderr, code := run(t, dir, "go", "run", "./cmd/prove", "-n=4", "-wait=500ms")
	require.Equal(t, 0, code, "prove:\n%s\n%s", stdout, stderr)
	var rows []string
	for line := range strings.SplitSeq(stdout, "\n") {
		if strings.HasPrefix(line, "| ") && !strings.HasPrefix(line, "| harm ") {
			rows = append(rows, line)
		}
	}
	require.Len(t, rows, 6, stdout)
	for i, want := range []string{
		"lockheld in Server.getProduct: reported → silent",
		"sleep in Server.redeemCoupon: reported → silent",
		"sqlnoctx in Server.getUser: reported → silent",
		"httpnoctx in Server.getStock: reported → silent",
		"net/http is not an event loop",
		"event-loop stall: on one gnet loop",
	} {
		assert.Contains(t, rows[i], want)
	}
}
