package gclplugin_test

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The editor recipes in docs/editors.md run the custom golangci-lint with
// the arguments an editor passes. No editor runs here, so these tests run
// those exact command lines and check the output is what the editor side
// parses.

// TestVSCodeRecipe runs the command VS Code's Go extension builds for
// "go.lintTool": "golangci-lint-v2" with the documented "go.lintFlags",
// in the saved file's package directory ("go.lintOnSave": "package"): the
// extension reads "file:line:col: message" lines from stdout.
func TestVSCodeRecipe(t *testing.T) {
	dir := moduleCopy(t)
	// The extension's own flags for golangci-lint v2, then go.lintFlags.
	cmd := exec.Command(customGCL(t), "run",
		"--output.text.print-issued-lines=false", "--show-stats=false", "--output.text.path=stdout",
		"--path-mode=abs")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOLANGCI_LINT_CACHE="+t.TempDir(), "GOWORK=off")
	out, err := cmd.Output()
	var exit *exec.ExitError
	if err != nil {
		require.ErrorAs(t, err, &exit)
		require.Equal(t, 1, exit.ExitCode(), "exit status 1 means findings; anything else is a failure to lint")
	}
	var found int
	for line := range strings.SplitSeq(string(out), "\n") {
		m := gclFinding.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		found++
		assert.True(t, filepath.IsAbs(m[1]), "--path-mode=abs gives the editor absolute paths: %s", line)
		assert.Regexp(t, `^[a-z]+: `, m[4], "the message starts with the rule ID")
	}
	assert.Positive(t, found, "no finding in the form the extension parses:\n%s", out)
}

// TestLanguageServerRecipe runs the command docs/editors.md gives
// golangci-lint-langserver (Neovim, Helix, Emacs): it must print
// golangci-lint v2's JSON report, whose Issues the language server turns
// into LSP diagnostics.
func TestLanguageServerRecipe(t *testing.T) {
	dir := moduleCopy(t)
	cmd := exec.Command(customGCL(t), "run",
		"--output.json.path=stdout", "--show-stats=false", "--issues-exit-code=1")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOLANGCI_LINT_CACHE="+t.TempDir(), "GOWORK=off")
	out, err := cmd.Output()
	var exit *exec.ExitError
	require.ErrorAs(t, err, &exit, "findings make it exit 1")
	require.Equal(t, 1, exit.ExitCode())
	var report struct {
		Issues []struct {
			FromLinter string
			Text       string
			Pos        struct {
				Filename     string
				Line, Column int
			}
		}
	}
	require.NoError(t, json.Unmarshal(out, &report), "%s", out)
	require.NotEmpty(t, report.Issues)
	for _, is := range report.Issues {
		assert.Equal(t, "blockcheck", is.FromLinter)
		assert.Regexp(t, `^[a-z]+: `, is.Text)
		assert.NotEmpty(t, is.Pos.Filename)
		assert.Positive(t, is.Pos.Line)
	}
}
