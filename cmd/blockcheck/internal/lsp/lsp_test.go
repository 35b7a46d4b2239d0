package lsp

import (
	"flag"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

// TestArguments checks how `blockcheck lsp` splits its command line:
// its own flags first, then gopls'; and which gopls command lines run
// gopls directly.
func TestArguments(t *testing.T) {
	fs := flag.NewFlagSet("lsp", flag.ContinueOnError)
	fs.String("gopls", "", "")
	fs.Duration("debounce", time.Second, "")
	for _, c := range []struct {
		args      []string
		own, rest []string
		direct    bool
	}{
		{[]string{"-gopls=/g", "-mode=stdio"}, []string{"-gopls=/g"}, []string{"-mode=stdio"}, false},
		{[]string{"-gopls", "/g", "-debounce=1s", "serve", "-rpc.trace"}, []string{"-gopls", "/g", "-debounce=1s"}, []string{"serve", "-rpc.trace"}, false},
		{[]string{"-gopls=/g", "version"}, []string{"-gopls=/g"}, []string{"version"}, true},
		{[]string{"-gopls=/g", "-v", "version"}, []string{"-gopls=/g"}, []string{"-v", "version"}, true},
		{[]string{"-gopls=/g", "-logfile", "/tmp/log", "serve"}, []string{"-gopls=/g"}, []string{"-logfile", "/tmp/log", "serve"}, false},
		{[]string{"-gopls=/g", "--", "-debounce=1s"}, []string{"-gopls=/g"}, []string{"-debounce=1s"}, false},
		{nil, nil, nil, false},
	} {
		own, rest := splitFlags(fs, c.args)
		assert.Equal(t, c.own, own, "%q", c.args)
		assert.Equal(t, c.rest, rest, "%q", c.args)
		assert.Equal(t, c.direct, isGoplsSubcommand(rest), "%q", c.args)
	}
}
