package gclplugin_test

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// These tests build a custom golangci-lint with the plugin, the binary
// `golangci-lint custom` would build, and run it as users do. The build is
// done offline from the module cache and cached between runs; see
// customGCL.

const (
	// gclModule and gclVersion are the golangci-lint the plugin is built
	// into; .ci/run installs the same version for linting this repository.
	gclModule  = "github.com/golangci/golangci-lint/v2"
	gclVersion = "v2.15.0"

	// recipe changes whenever the way the binary is built changes, so that
	// binaries cached by an older recipe are not reused.
	recipe = "custom-gcl recipe 2"
)

// pluginsGo is the file `golangci-lint custom` writes into the
// golangci-lint source: a blank import of each plugin, whose init
// registers it.
const pluginsGo = `package main

import _ "github.com/blockcheck/blockcheck/cmd/gclplugin"
`

var gcl struct {
	once sync.Once
	path string
	err  error
}

// customGCL returns the custom golangci-lint, built once per content of
// this repository and reused from ${XDG_CACHE_HOME:-$HOME/.cache}/blockcheck-ci/custom-gcl.
func customGCL(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("-short: not building the custom golangci-lint")
	}
	gcl.once.Do(func() { gcl.path, gcl.err = ensureCustomGCL(t) })
	require.NoError(t, gcl.err, "building a custom golangci-lint %s with the plugin", gclVersion)
	return gcl.path
}

func repoRoot(t *testing.T) string {
	t.Helper()
	root, err := filepath.Abs("../..")
	require.NoError(t, err)
	return root
}

// cacheDir is where .ci/run also keeps its golangci-lint.
func cacheDir() (string, error) {
	base, err := os.UserCacheDir() // $XDG_CACHE_HOME, else $HOME/.cache
	if err != nil {
		return "", err
	}
	return filepath.Join(base, "blockcheck-ci", "custom-gcl"), nil
}

func ensureCustomGCL(t *testing.T) (string, error) {
	root := repoRoot(t)
	key, err := buildKey(root)
	if err != nil {
		return "", fmt.Errorf("hashing the repository: %w", err)
	}
	dir, err := cacheDir()
	if err != nil {
		return "", err
	}
	bin := filepath.Join(dir, "golangci-lint-"+gclVersion+"-"+key[:16])
	if info, err := os.Stat(bin); err == nil && info.Mode().IsRegular() && info.Mode()&0o111 != 0 {
		now := time.Now()
		_ = os.Chtimes(bin, now, now) // most recently used: kept by prune
		t.Logf("custom golangci-lint: reusing %s", bin)
		return bin, nil
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", err
	}
	start := time.Now()
	if err := buildCustomGCL(root, key, bin); err != nil {
		return "", err
	}
	t.Logf("custom golangci-lint: built %s in %s", bin, time.Since(start).Round(time.Second))
	prune(dir, bin, 3)
	return bin, nil
}

// buildKey hashes what the binary is built from: the golangci-lint
// version, the Go toolchain, the build recipe, this module's go.mod and
// go.sum and every .go file outside testdata/ (test files excepted: they
// are not compiled into the binary).
func buildKey(root string) (string, error) {
	goVersion, err := goOutput("", "env", "GOVERSION")
	if err != nil {
		return "", err
	}
	h := sha256.New()
	fmt.Fprintf(h, "%s\n%s@%s\n%s\n", recipe, gclModule, gclVersion, strings.TrimSpace(goVersion))
	err = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(root, path)
		if err != nil {
			return err
		}
		if d.IsDir() {
			if rel != "." && (d.Name() == "testdata" || strings.HasPrefix(d.Name(), ".")) {
				return filepath.SkipDir
			}
			return nil
		}
		isSource := strings.HasSuffix(rel, ".go") && !strings.HasSuffix(rel, "_test.go")
		if !d.Type().IsRegular() || (!isSource && rel != "go.mod" && rel != "go.sum") {
			return nil
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		fmt.Fprintf(h, "%s %d\n", filepath.ToSlash(rel), len(data))
		h.Write(data)
		return nil
	})
	if err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// buildCustomGCL does what `golangci-lint custom` does, from the module
// cache instead of a git clone: copy the golangci-lint source, add the
// plugin's import, point its go.mod at this repository, tidy, build.
func buildCustomGCL(root, key, bin string) error {
	work, err := os.MkdirTemp("", "custom-gcl-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(work)

	out, err := goOutput(work, "mod", "download", "-json", gclModule+"@"+gclVersion)
	if err != nil {
		return err
	}
	var mod struct{ Dir, Error string }
	if err := json.Unmarshal([]byte(out), &mod); err != nil {
		return fmt.Errorf("go mod download %s@%s: %w", gclModule, gclVersion, err)
	}
	if mod.Dir == "" {
		return fmt.Errorf("go mod download %s@%s: no directory: %s", gclModule, gclVersion, mod.Error)
	}
	src := filepath.Join(work, "golangci-lint")
	if err := os.CopyFS(src, os.DirFS(mod.Dir)); err != nil { // files come out writable
		return fmt.Errorf("copying %s: %w", mod.Dir, err)
	}
	if err := os.WriteFile(filepath.Join(src, "cmd", "golangci-lint", "plugins.go"), []byte(pluginsGo), 0o644); err != nil {
		return err
	}
	toolsBefore, err := goOutput(src, "list", "-m", "-f", "{{.Version}}", "golang.org/x/tools")
	if err != nil {
		return err
	}
	if _, err := goOutput(src, "mod", "edit",
		"-replace=github.com/blockcheck/blockcheck="+root,
		"-require=github.com/blockcheck/blockcheck@v0.0.0"); err != nil {
		return err
	}
	if _, err := goOutput(src, "mod", "tidy"); err != nil {
		return err
	}
	// golangci-lint is tested with its own x/tools; a plugin that needs a
	// newer one silently changes the analysis framework under every linter.
	toolsAfter, err := goOutput(src, "list", "-m", "-f", "{{.Version}}", "golang.org/x/tools")
	if err != nil {
		return err
	}
	if toolsBefore != toolsAfter {
		return fmt.Errorf("the plugin moves golangci-lint %s from golang.org/x/tools %s to %s: keep go.mod's x/tools at golangci-lint's version",
			gclVersion, strings.TrimSpace(toolsBefore), strings.TrimSpace(toolsAfter))
	}
	tmp := fmt.Sprintf("%s.tmp%d", bin, os.Getpid())
	defer os.Remove(tmp)
	// As `golangci-lint custom` does: no symbol tables (a third smaller),
	// and a version of its own, which also keys golangci-lint's cache.
	ldflags := fmt.Sprintf("-s -w -X main.version=%s-custom-gcl-blockcheck-%s -X main.date=%s",
		strings.TrimPrefix(gclVersion, "v"), key[:12], time.Now().UTC().Format(time.RFC3339))
	if _, err := goOutput(src, "build", "-trimpath", "-ldflags", ldflags, "-o", tmp, "./cmd/golangci-lint"); err != nil {
		return err
	}
	return os.Rename(tmp, bin) // atomic: a concurrent run sees the old state or the whole binary
}

// goOutput runs the go command in dir (outside any workspace) and returns
// its standard output.
func goOutput(dir string, args ...string) (string, error) {
	cmd := exec.Command("go", args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOWORK=off")
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		return "", fmt.Errorf("go %s (in %s): %w\n%s%s", strings.Join(args, " "), dir, err, stdout.Bytes(), stderr.Bytes())
	}
	return stdout.String(), nil
}

// prune keeps the keep most recently used binaries in dir (current among
// them) and removes older ones.
func prune(dir, current string, keep int) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	type bin struct {
		path string
		used time.Time
	}
	var bins []bin
	for _, e := range entries {
		p := filepath.Join(dir, e.Name())
		info, err := e.Info()
		if err != nil || !strings.HasPrefix(e.Name(), "golangci-lint-") || strings.Contains(e.Name(), ".tmp") || p == current {
			continue
		}
		bins = append(bins, bin{p, info.ModTime()})
	}
	slices.SortFunc(bins, func(a, b bin) int { return b.used.Compare(a.used) })
	for i, b := range bins {
		if i >= keep-1 {
			_ = os.Remove(b.path)
		}
	}
}

// gclFinding is one line of golangci-lint's text output,
// "file:line:col: message (linter)".
var gclFinding = regexp.MustCompile(`^(\S+\.go):(\d+):(\d+): (.*) \(([\w-]+)\)$`)

// lint runs the custom golangci-lint in dir with the given arguments and
// an analysis cache of its own, and returns its findings as
// "file:line:col: message" with file relative to dir, sorted, and its exit
// code. Related-information entries (golangci-lint prints each as an extra
// finding at the main one's position) are left out.
func lint(t *testing.T, dir, cache string, args ...string) (findings []string, output string, code int) {
	t.Helper()
	cmd := exec.Command(customGCL(t), append([]string{"run"}, args...)...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOLANGCI_LINT_CACHE="+cache, "GOWORK=off")
	out, err := cmd.CombinedOutput()
	var exit *exec.ExitError
	switch {
	case err == nil:
	case errors.As(err, &exit):
		code = exit.ExitCode()
	default:
		t.Fatalf("golangci-lint %v: %v", args, err)
	}
	for line := range strings.SplitSeq(string(out), "\n") {
		m := gclFinding.FindStringSubmatch(line)
		if m == nil || strings.Contains(m[4], "(related information)") {
			continue
		}
		assert.Equal(t, "blockcheck", m[5], "finding from another linter: %s", line)
		file := m[1]
		if filepath.IsAbs(file) {
			rel, err := filepath.Rel(dir, file)
			require.NoError(t, err)
			file = rel
		}
		findings = append(findings, fmt.Sprintf("%s:%s:%s: %s", filepath.ToSlash(file), m[2], m[3], m[4]))
	}
	slices.Sort(findings)
	return findings, string(out), code
}

// rules returns each finding as "file:line: rule".
func rules(findings []string) []string {
	var out []string
	for _, f := range findings {
		file, rest, _ := strings.Cut(f, ".go:")
		line, rest, _ := strings.Cut(rest, ":")
		_, msg, _ := strings.Cut(rest, ": ")
		rule, _, _ := strings.Cut(msg, ": ")
		out = append(out, fmt.Sprintf("%s.go:%s: %s", file, line, rule))
	}
	return out
}

// moduleCopy copies the integration test's module to a temporary directory.
func moduleCopy(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	require.NoError(t, os.CopyFS(dir, os.DirFS(filepath.Join("testdata", "module"))))
	return dir
}

// edit replaces the one occurrence of from in the file with to.
func edit(t *testing.T, path, from, to string) {
	t.Helper()
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	require.Equal(t, 1, strings.Count(string(data), from), "%s: %q", path, from)
	require.NoError(t, os.WriteFile(path, []byte(strings.Replace(string(data), from, to, 1)), 0o644))
}

// TestCustomGCLBuild builds (or finds in the cache) the custom
// golangci-lint; .ci/run runs it on its own first, so the build's time
// shows in CI's log.
func TestCustomGCLBuild(t *testing.T) {
	out, err := exec.Command(customGCL(t), "--version").CombinedOutput()
	require.NoError(t, err, "%s", out)
	assert.Contains(t, string(out), "has version "+strings.TrimPrefix(gclVersion, "v")+"-custom-gcl-blockcheck-")
	t.Logf("%s", out)
}

// TestGolangciLint runs the custom golangci-lint on the test module:
// findings carry their rule IDs, //nolint:blockcheck suppresses, and a
// change to the settings in .golangci.yml takes effect, with golangci-lint's
// cache kept between the runs as a user's is.
func TestGolangciLint(t *testing.T) {
	dir := moduleCopy(t)
	cache := t.TempDir()
	list := "orders.go:22: sqlnoctx"
	enqueue := "orders.go:42: chanwait"
	settle := "orders.go:48: sleep"

	got, out, code := lint(t, dir, cache, "./...")
	assert.Equal(t, 1, code, "exit code with findings:\n%s", out)
	assert.Equal(t, []string{list, enqueue}, rules(got), out)
	for _, f := range got {
		assert.Regexp(t, `^orders\.go:\d+:\d+: (sqlnoctx|chanwait): .* in handler Service\.\w+ ignores the request's context`, f)
	}
	assert.Contains(t, out, "(blockcheck)")

	t.Run("nolint", func(t *testing.T) {
		// Without the //nolint:blockcheck comment the sleep is reported:
		// the comment is what silenced it.
		edit(t, filepath.Join(dir, "orders.go"), " //nolint:blockcheck // the payment provider asks for a pause between calls", "")
		got, out, _ := lint(t, dir, cache, "./...")
		assert.Equal(t, []string{list, enqueue, settle}, rules(got), out)
		edit(t, filepath.Join(dir, "orders.go"), "time.Sleep(s.settle)", "time.Sleep(s.settle) //nolint:blockcheck // a pause")
	})

	t.Run("settings", func(t *testing.T) {
		configure(t, dir, "disable: [chanwait]")
		got, out, code := lint(t, dir, cache, "./...")
		assert.Equal(t, 1, code, out)
		assert.Equal(t, []string{list}, rules(got), out)

		configure(t, dir, "disable: [chanwait, sqlnoctx]")
		got, out, code = lint(t, dir, cache, "./...")
		assert.Equal(t, 0, code, out)
		assert.Empty(t, got, out)

		configure(t, dir, "disable: []")
		got, out, _ = lint(t, dir, cache, "./...")
		assert.Equal(t, []string{list, enqueue}, rules(got), out)
	})

	t.Run("bad settings", func(t *testing.T) {
		for _, tc := range []struct{ settings, err string }{
			{"disabled: [chanwait]", `unknown field "disabled"`},
			{"disable: [chanwiat]", `unknown rule "chanwiat"`},
		} {
			configure(t, dir, tc.settings)
			got, out, code := lint(t, dir, cache, "./...")
			assert.NotContains(t, []int{0, 1}, code, "golangci-lint accepted %q:\n%s", tc.settings, out)
			assert.Empty(t, got)
			assert.Contains(t, out, "blockcheck settings: ")
			assert.Contains(t, out, tc.err)
		}
	})
}

// configure writes the test module's .golangci.yml into dir with the
// plugin's settings line replaced.
func configure(t *testing.T, dir, settings string) {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", "module", ".golangci.yml"))
	require.NoError(t, err)
	require.Equal(t, 1, strings.Count(string(data), "disable: []"))
	cfg := strings.Replace(string(data), "disable: []", settings, 1)
	require.NoError(t, os.WriteFile(filepath.Join(dir, ".golangci.yml"), []byte(cfg), 0o644))
}

// TestGolangciLintFix applies the suggested fixes with --fix: the query
// takes the request's context, the suppressed line is left alone, and the
// module still builds and passes go vet.
func TestGolangciLintFix(t *testing.T) {
	dir := moduleCopy(t)
	path := filepath.Join(dir, "orders.go")
	before, err := os.ReadFile(path)
	require.NoError(t, err)

	_, out, _ := lint(t, dir, t.TempDir(), "--fix", "./...")
	after, err := os.ReadFile(path)
	require.NoError(t, err)
	assert.NotEqual(t, string(before), string(after), "--fix changed nothing:\n%s", out)
	assert.Contains(t, string(after), `rows, err := s.db.QueryContext(r.Context(), "SELECT id FROM orders WHERE owner = ?", r.FormValue("owner"))`)
	assert.NotContains(t, string(after), "s.db.Query(")
	assert.Contains(t, string(after), "time.Sleep(s.settle) //nolint:blockcheck")

	for _, args := range [][]string{{"build", "./..."}, {"vet", "./..."}} {
		_, err := goOutput(dir, args...)
		assert.NoError(t, err, "the fixed module")
	}
	got, out, _ := lint(t, dir, t.TempDir(), "./...")
	assert.Equal(t, []string{"orders.go:42: chanwait"}, rules(got), "after --fix:\n%s", out)
}
