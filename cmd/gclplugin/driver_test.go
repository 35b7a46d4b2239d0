package gclplugin_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// demoConfig enables only blockcheck, with its defaults, and prints every
// finding: no per-linter or per-message caps, several findings on a line
// kept, absolute paths whatever the config's directory.
const demoConfig = `version: "2"
linters:
  default: none
  enable: [blockcheck]
  settings:
    custom:
      blockcheck:
        type: module
issues:
  max-issues-per-linter: 0
  max-same-issues: 0
  uniq-by-line: false
output:
  path-mode: abs
`

// TestDriverDemo runs the bundled demo, a module of several packages with
// a third-party dependency, through the custom golangci-lint: it must
// report the findings that the standalone command and go vet -vettool
// report (cmd/blockcheck's golden file), facts across packages included.
func TestDriverDemo(t *testing.T) {
	root := repoRoot(t)
	demo := filepath.Join(root, "testdata", "demo")
	cfg := filepath.Join(t.TempDir(), "golangci.yml")
	require.NoError(t, os.WriteFile(cfg, []byte(demoConfig), 0o644))

	got, out, code := lint(t, demo, t.TempDir(), "--config", cfg, "./...")
	assert.Equal(t, 1, code, "exit code with findings:\n%s", out)

	golden, err := os.ReadFile(filepath.Join(root, "cmd", "blockcheck", "testdata", "demo.golden"))
	require.NoError(t, err)
	want := strings.Split(strings.TrimSpace(string(golden)), "\n")
	assert.Equal(t, rules(want), rules(got), "file:line + rule ID differ from cmd/blockcheck/testdata/demo.golden:\n%s", out)
	assert.Equal(t, want, got, "findings differ from cmd/blockcheck/testdata/demo.golden:\n%s", out)
}
