package main

import (
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/blockcheck/blockcheck/analyzer/rules"
)

// The editor tests: Debian's Neovim (0.7, with its built-in LSP client)
// drives `blockcheck lsp` headless, standalone and in front of a real gopls,
// on a copy of the demo (testdata/lsp/e2e.lua does the editor's part).

// goplsVersion is the gopls the proxy mode is tested with; .ci/run
// installs it.
const goplsVersion = "v0.23.0"

// needEditorTool returns the path of a tool the editor tests need. They are
// skipped when it is missing, except in CI (CI=true), which installs it
// (.ci/run) and where a missing tool must fail the run.
func needEditorTool(t *testing.T, path, install string) string {
	t.Helper()
	if path != "" {
		if p, err := exec.LookPath(path); err == nil {
			return p
		}
	}
	if os.Getenv("CI") == "true" {
		t.Fatalf("%s is missing in CI: %s (.ci/run does)", filepath.Base(path), install)
	}
	t.Skipf("%s is not installed (%s); CI runs this test", filepath.Base(path), install)
	return ""
}

// goplsPath finds gopls v0.23.0: $BLOCKCHECK_GOPLS, the CI cache, or PATH.
func goplsPath(t *testing.T) string {
	t.Helper()
	install := "GOBIN=${XDG_CACHE_HOME:-$HOME/.cache}/blockcheck-ci/bin go install golang.org/x/tools/gopls@" + goplsVersion
	candidates := []string{os.Getenv("BLOCKCHECK_GOPLS")}
	cache := os.Getenv("XDG_CACHE_HOME")
	if home, err := os.UserHomeDir(); cache == "" && err == nil {
		cache = filepath.Join(home, ".cache")
	}
	candidates = append(candidates, filepath.Join(cache, "blockcheck-ci", "bin", "gopls"), "gopls")
	for _, c := range candidates {
		if c == "" {
			continue
		}
		p, err := exec.LookPath(c)
		if err != nil {
			continue
		}
		if out, err := exec.Command(p, "version").Output(); err == nil && strings.Contains(string(out), " "+goplsVersion) {
			return p
		}
	}
	return needEditorTool(t, "", install)
}

// editorResult is what e2e.lua reports.
type editorResult struct {
	Error              any      `json:"error"`
	Steps              []string `json:"steps"`
	FirstDiagnosticsMS float64  `json:"first_diagnostics_ms"`
	UpdateAfterSaveMS  float64  `json:"update_after_save_ms"`
	Progress           []string `json:"progress"`
	Messages           []any    `json:"messages"`
	Diagnostics        []struct {
		Source   string `json:"source"`
		Code     any    `json:"code"`
		Severity int    `json:"severity"`
		Lnum     int    `json:"lnum"`
		Message  string `json:"message"`
		Href     any    `json:"href"`
		Related  []struct {
			Location struct {
				URI string `json:"uri"`
			} `json:"location"`
			Message string `json:"message"`
		} `json:"related"`
	} `json:"diagnostics"`
	FixActions  []struct{ Title, Kind string } `json:"fix_actions"`
	IgnoreTitle string                         `json:"ignore_title"`
	Hover       any                            `json:"hover"`
	Definition  any                            `json:"definition"`
	Remaining   []struct {
		Source string `json:"source"`
		Code   any    `json:"code"`
	} `json:"remaining"`
}

// selfAssign gives gopls a diagnostic of its own in the opened file (its
// assign analyzer), which must survive the merge with blockcheck's.
const selfAssign = `
func selfAssign() int {
	x := 1
	x = x
	return x
}
`

func runEditor(t *testing.T, withGopls bool) {
	if testing.Short() {
		t.Skip("starts an editor and go vet; not in -short")
	}
	nvim := needEditorTool(t, "nvim", "apt-get install neovim")
	serverCmd := []string{binary, "lsp"}
	if withGopls {
		serverCmd = append(serverCmd, "-gopls="+goplsPath(t))
	}

	dir := demoCopy(t)
	file := filepath.Join(dir, "internal", "report", "invoice.go")
	src, err := os.ReadFile(file)
	require.NoError(t, err)
	if withGopls {
		src = append(src, selfAssign...)
		require.NoError(t, os.WriteFile(file, src, 0o644))
	}
	// Hover and definition on the call of store's NextInvoiceNumber.
	var call [2]int
	for i, line := range strings.Split(string(src), "\n") {
		if c := strings.Index(line, "NextInvoiceNumber("); c >= 0 {
			call = [2]int{i, c}
			break
		}
	}
	callJSON, _ := json.Marshal(call)
	cmdJSON, _ := json.Marshal(serverCmd)
	outFile := filepath.Join(t.TempDir(), "result.json")

	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	script, err := filepath.Abs("testdata/lsp/e2e.lua")
	require.NoError(t, err)
	cmd := exec.CommandContext(ctx, nvim, "--headless", "--clean", "-u", "NONE", "-c", "luafile "+script)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(),
		"BC_CMD="+string(cmdJSON), "BC_ROOT="+dir, "BC_FILE="+file, "BC_OUT="+outFile,
		"BC_CALL="+string(callJSON), "BC_FIX_CODE=execnoctx", "BC_IGNORE_CODE=lockheld",
		"BC_GOPLS="+map[bool]string{true: "1", false: "0"}[withGopls],
		"BC_GOPLS_SOURCE="+map[bool]string{true: "assign", false: ""}[withGopls],
	)
	combined, err := cmd.CombinedOutput()
	require.NoError(t, err, "nvim: %s", combined)
	data, err := os.ReadFile(outFile)
	require.NoError(t, err, "nvim wrote no result: %s", combined)
	var res editorResult
	require.NoError(t, json.Unmarshal(data, &res), "%s", data)
	require.Nil(t, res.Error, "the editor script failed after steps %v: %v", res.Steps, res.Error)
	t.Logf("first diagnostics %.0f ms after the client started; updated %.0f ms after the fix was saved",
		res.FirstDiagnosticsMS, res.UpdateAfterSaveMS)

	// The findings of the file, as the editor holds them.
	codes := map[string]bool{}
	related := map[string][]string{}
	for _, d := range res.Diagnostics {
		if d.Source != "blockcheck" {
			continue
		}
		code, _ := d.Code.(string)
		codes[code] = true
		r := rules.ByID(code)
		require.NotNil(t, r, "diagnostic code %q is not a rule ID", d.Code)
		assert.Equal(t, r.URL(), d.Href, "%s: codeDescription.href", code)
		assert.Equal(t, 2, d.Severity, "%s: severity is Warning (vim.diagnostic.severity.WARN = 2)", code)
		assert.True(t, strings.HasPrefix(d.Message, code+": "), "%s: message %q", code, d.Message)
		for _, rel := range d.Related {
			related[code] = append(related[code], filepath.Base(rel.Location.URI)+": "+rel.Message)
		}
	}
	assert.Equal(t, map[string]bool{"execnoctx": true, "lockheld": true}, codes)
	assert.Equal(t, []string{"invoice.go: exec.Command builds it here, without a context"}, related["execnoctx"])
	assert.Contains(t, res.FixActions, struct{ Title, Kind string }{"use exec.CommandContext with r.Context()", "quickfix"})
	assert.Equal(t, "Ignore lockheld here with //blockcheck:ignore (write the reason)", res.IgnoreTitle)
	assert.Contains(t, res.Progress, "begin", "work-done progress")
	assert.Contains(t, res.Progress, "end", "work-done progress")
	assert.Empty(t, res.Messages, "no window/showMessage with valid settings")

	if withGopls {
		var fromGopls []string
		for _, d := range res.Diagnostics {
			if d.Source != "blockcheck" {
				fromGopls = append(fromGopls, d.Source+": "+d.Message)
			}
		}
		assert.Contains(t, fromGopls, "assign: self-assignment of x", "gopls' own diagnostics are kept")
		var after []string
		for _, d := range res.Remaining {
			after = append(after, d.Source)
		}
		assert.Contains(t, after, "assign", "gopls' diagnostics survive blockcheck's publications after the saves")
		assert.Contains(t, toJSON(t, res.Hover), "NextInvoiceNumber", "hover answers")
		assert.Contains(t, toJSON(t, res.Definition), "/internal/store/", "definition answers")
	}

	// The edited file: fixed, ignored, and it builds.
	got, err := os.ReadFile(file)
	require.NoError(t, err)
	assert.Contains(t, string(got), "exec.CommandContext(r.Context(), \"pdftk\"")
	assert.Contains(t, string(got), "\t//blockcheck:ignore lockheld TODO: say why this is safe\n\tnumber, err := h.Store.NextInvoiceNumber")
	_, stderr, code := run(t, dir, "go", "build", "./...")
	assert.Equal(t, 0, code, "the edited demo does not build:\n%s", stderr)
}

func toJSON(t *testing.T, v any) string {
	b, err := json.Marshal(v)
	require.NoError(t, err)
	return string(b)
}

func TestEditorStandalone(t *testing.T) { runEditor(t, false) }

func TestEditorThroughGopls(t *testing.T) { runEditor(t, true) }

// TestLSPCommandLine checks the command line editors use for "their
// gopls": gopls' own subcommands reach gopls, and arguments meant for a
// gopls that is not there are refused.
func TestLSPCommandLine(t *testing.T) {
	_, stderr, code := run(t, ".", binary, "lsp", "-mode=stdio")
	assert.Equal(t, 2, code)
	assert.Contains(t, stderr, "gopls arguments need -gopls")

	gopls := goplsPath(t)
	stdout, stderr, code := run(t, ".", binary, "lsp", "-gopls="+gopls, "version")
	require.Equal(t, 0, code, stderr)
	assert.Contains(t, stdout, "golang.org/x/tools/gopls "+goplsVersion)
}
