package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// These tests run the built binary, out of process, the way users do. Only
// out of process are facts gob-encoded between packages (go vet -vettool),
// so this is where an unregistered or non-deterministic fact shows up.

var update = flag.Bool("update", false, "rewrite testdata/demo.golden")

var binary string // the blockcheck binary built by TestMain

func TestMain(m *testing.M) {
	flag.Parse()
	dir, err := os.MkdirTemp("", "blockcheck-e2e")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	binary = filepath.Join(dir, "blockcheck")
	if out, err := exec.Command("go", "build", "-o", binary, ".").CombinedOutput(); err != nil {
		fmt.Fprintf(os.Stderr, "building blockcheck: %v\n%s", err, out)
		os.Exit(1)
	}
	code := m.Run()
	_ = os.RemoveAll(dir)
	os.Exit(code)
}

// demoDir is the bundled demo service, a module of its own.
func demoDir(t *testing.T) string {
	dir, err := filepath.Abs("../../testdata/demo")
	require.NoError(t, err)
	return dir
}

func run(t *testing.T, dir, name string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	var exit *exec.ExitError
	switch {
	case err == nil:
	case errors.As(err, &exit):
		code = exit.ExitCode()
	default:
		t.Fatalf("%s %v: %v", name, args, err)
	}
	return out.String(), errb.String(), code
}

// finding is one diagnostic, as "file:line:col: message" relative to the
// module root, so that every driver's output compares equal.
var findingRE = regexp.MustCompile(`^(\S+\.go):(\d+):(\d+): ([a-z]+: .*)$`)

func relFinding(t *testing.T, root, line string) (string, bool) {
	m := findingRE.FindStringSubmatch(line)
	if m == nil {
		return "", false
	}
	file := m[1]
	if filepath.IsAbs(file) {
		rel, err := filepath.Rel(root, file)
		require.NoError(t, err)
		file = rel
	}
	return fmt.Sprintf("%s:%s:%s: %s", filepath.ToSlash(file), m[2], m[3], m[4]), true
}

func findings(t *testing.T, root, output string) []string {
	var fs []string
	for line := range strings.SplitSeq(output, "\n") {
		if f, ok := relFinding(t, root, line); ok {
			fs = append(fs, f)
		}
	}
	slices.Sort(fs)
	return fs
}

// checkGolden compares findings with testdata/name; -update rewrites it.
func checkGolden(t *testing.T, name string, got []string) {
	t.Helper()
	golden := filepath.Join("testdata", name)
	text := strings.Join(got, "\n") + "\n"
	if *update {
		require.NoError(t, os.WriteFile(golden, []byte(text), 0o644))
	}
	want, err := os.ReadFile(golden)
	require.NoError(t, err)
	assert.Equal(t, string(want), text, "findings differ from %s (go test ./cmd/blockcheck -update rewrites it)", golden)
}

func TestStandaloneDemo(t *testing.T) {
	dir := demoDir(t)
	_, stderr, code := run(t, dir, binary, "./...")
	assert.Equal(t, 3, code, "standalone exit code with findings; stderr:\n%s", stderr)
	checkGolden(t, "demo.golden", findings(t, dir, stderr))
}

func TestVetDemo(t *testing.T) {
	dir := demoDir(t)
	_, stderr, code := run(t, dir, "go", "vet", "-vettool="+binary, "./...")
	assert.Equal(t, 1, code, "go vet exit code with findings; stderr:\n%s", stderr)
	checkGolden(t, "demo.golden", findings(t, dir, stderr))
}

// TestJSONDemo checks the -json mode: exit 0 whatever it finds, and the
// same findings, with categories and related positions.
func TestJSONDemo(t *testing.T) {
	dir := demoDir(t)
	stdout, stderr, code := run(t, dir, binary, "-json", "./...")
	require.Equal(t, 0, code, stderr)
	var lines []string
	for _, d := range jsonDiagnostics(t, stdout) {
		assert.True(t, strings.HasPrefix(d.Message, d.Category+": "), "message %q does not start with its rule %q", d.Message, d.Category)
		if strings.Contains(d.Message, " reaches ") {
			assert.NotEmpty(t, d.Related, "a chain finding must point at its chain: %s", d.Message)
		}
		f, ok := relFinding(t, dir, d.Posn+": "+d.Message)
		require.True(t, ok, d.Posn)
		lines = append(lines, f)
	}
	slices.Sort(lines)
	checkGolden(t, "demo.golden", lines)
}

// TestMessageLength holds the demo's messages to their budget: they say the
// operation, the handler, the chain, what to do and one clause about the
// harm, and leave the rest to the rule pages. Re-measure with
//
//	(cd testdata/demo && go tool blockcheck -json ./...)
func TestMessageLength(t *testing.T) {
	stdout, stderr, code := run(t, demoDir(t), binary, "-json", "./...")
	require.Equal(t, 0, code, stderr)
	var lens []int
	for _, d := range jsonDiagnostics(t, stdout) {
		assert.LessOrEqual(t, len(d.Message), 300, "too long: %s", d.Message)
		lens = append(lens, len(d.Message))
	}
	require.NotEmpty(t, lens)
	slices.Sort(lens)
	n := len(lens)
	median := float64(lens[(n-1)/2]+lens[n/2]) / 2
	assert.LessOrEqual(t, median, 200.0, "median message length on the demo; lengths %v", lens)
}

// jsonDiagnostic is one diagnostic of blockcheck's -json output.
type jsonDiagnostic struct {
	Posn, Message, Category string
	Related                 []struct{ Posn, Message string }
}

// jsonDiagnostics decodes -json output, keeping blockcheck's diagnostics:
// one JSON object standalone, one per package under go vet.
func jsonDiagnostics(t *testing.T, stdout string) []jsonDiagnostic {
	t.Helper()
	var all []jsonDiagnostic
	dec := json.NewDecoder(strings.NewReader(stdout))
	for dec.More() {
		var tree map[string]map[string]json.RawMessage
		require.NoError(t, dec.Decode(&tree), stdout)
		for _, byAnalyzer := range tree {
			raw, ok := byAnalyzer["blockcheck"]
			if !ok {
				continue
			}
			var diags []jsonDiagnostic
			require.NoError(t, json.Unmarshal(raw, &diags), string(raw))
			all = append(all, diags...)
		}
	}
	return all
}

// TestFixDemo applies every suggested fix to a copy of the demo; the result
// must build, and the fixed findings must be gone.
func TestFixDemo(t *testing.T) {
	dir := demoCopy(t)
	_, before, _ := run(t, dir, binary, "./...")
	_, stderr, code := run(t, dir, binary, "-fix", "./...")
	require.Equal(t, 0, code, "blockcheck -fix: %s", stderr)
	_, stderr, code = run(t, dir, "go", "build", "./...")
	require.Equal(t, 0, code, "the fixed demo does not build:\n%s", stderr)
	_, stderr, code = run(t, dir, "go", "vet", "./...")
	require.Equal(t, 0, code, "the fixed demo fails go vet:\n%s", stderr)
	_, after, _ := run(t, dir, binary, "./...")
	assert.Less(t, len(findings(t, dir, after)), len(findings(t, dir, before)), "fixes removed no finding:\n%s", after)
}

// demoCopy copies the demo to a temporary directory, for tests that change
// its files.
func demoCopy(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	require.NoError(t, os.CopyFS(dir, os.DirFS(demoDir(t))))
	// The demo's replace directives point at this repository and at
	// testdata/slowdb (cmd/prove's driver) by relative paths; point them
	// at the absolute ones in the copy.
	repo, err := filepath.Abs("../..")
	require.NoError(t, err)
	_, stderr, code := run(t, dir, "go", "mod", "edit", "-replace=github.com/blockcheck/blockcheck="+repo,
		"-replace=example.com/slowdb="+filepath.Join(repo, "testdata", "slowdb"))
	require.Equal(t, 0, code, stderr)
	return dir
}

// TestSelf runs blockcheck on its own module: it must be clean, and must
// not crash on real code.
func TestSelf(t *testing.T) {
	_, stderr, code := run(t, "../..", binary, "./...")
	assert.Equal(t, 0, code, stderr)
}

// fixModule applies every suggested fix to a copy of the module src, as a
// user runs -fix: the copy must build and pass go vet, and the findings
// left must be exactly those that had no fix. It returns the copy, the
// findings that had a fix, and those left.
func fixModule(t *testing.T, src string) (dir string, fixable, after []string) {
	t.Helper()
	dir = t.TempDir()
	require.NoError(t, os.CopyFS(dir, os.DirFS(src)))

	stdout, stderr, code := run(t, dir, binary, "-json", "./...")
	require.Equal(t, 0, code, stderr)
	before, fixable := jsonFindings(t, dir, stdout)
	require.NotEmpty(t, fixable)

	_, stderr, code = run(t, dir, binary, "-fix", "./...")
	require.Equal(t, 0, code, "blockcheck -fix: %s", stderr)
	_, stderr, code = run(t, dir, "go", "vet", "./...")
	require.Equal(t, 0, code, "the fixed module fails go vet (or does not build):\n%s", stderr)

	stdout, stderr, code = run(t, dir, binary, "-json", "./...")
	require.Equal(t, 0, code, stderr)
	after, _ = jsonFindings(t, dir, stdout)
	var want []string
	for _, f := range before {
		if !slices.Contains(fixable, f) {
			want = append(want, f)
		}
	}
	assert.Equal(t, want, after, "the findings left after -fix are the ones without a fix")
	return dir, fixable, after
}

// assertWritten checks that each file of dir holds the expressions the
// fixes should have written there; what completes "file: …" in failures.
func assertWritten(t *testing.T, dir, what string, files map[string][]string) {
	t.Helper()
	for file, exprs := range files {
		text, err := os.ReadFile(filepath.Join(dir, file))
		require.NoError(t, err)
		for _, expr := range exprs {
			assert.Contains(t, string(text), expr, "%s: %s", file, what)
		}
	}
}
