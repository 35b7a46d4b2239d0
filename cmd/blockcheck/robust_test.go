package main

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// lineDirectiveHandler was generated from a template: //line directives
// number its statements 500 and 900, past the file's 16 lines.
const lineDirectiveHandler = `package ld

import (
	"io"
	"net/http"
	"time"
)

// Slow was generated from gen.tmpl; the //line directives point there.
func Slow(w http.ResponseWriter, r *http.Request) {
//line gen.tmpl:500
	time.Sleep(time.Second)
//line gen.tmpl:900
	body, _ := io.ReadAll(r.Body)
	_, _ = w.Write(body)
}
`

// Regression: building the fixes used the line numbers //line directives
// report as lines of the file, and panicked ("invalid line number 500") in
// every mode.
func TestRegression_LineDirective(t *testing.T) {
	dir := writeModule(t, map[string]string{
		"go.mod": "module example.com/ld\n\ngo 1.26\n",
		"h.go":   lineDirectiveHandler,
	})
	_, stderr, code := run(t, dir, binary, "./...")
	assert.Equal(t, 3, code, stderr)
	assert.NotContains(t, stderr, "panic")
	assert.Contains(t, stderr, "gen.tmpl:500: sleep: ")
	assert.Contains(t, stderr, "gen.tmpl:900: bodyread: ")

	_, stderr, code = run(t, dir, "go", "vet", "-vettool="+binary, "./...")
	assert.Equal(t, 1, code, stderr)
	assert.NotContains(t, stderr, "panic")
	assert.Contains(t, stderr, "gen.tmpl:500: sleep: ")

	_, stderr, code = run(t, dir, binary, "-fix", "./...")
	require.Equal(t, 0, code, stderr)
	fixed, err := os.ReadFile(filepath.Join(dir, "h.go"))
	require.NoError(t, err)
	assert.Contains(t, string(fixed), "//line gen.tmpl:500\n\tselect {\n\tcase <-time.After(time.Second):", "the fix keeps the statement's indent")
	_, stderr, code = run(t, dir, "go", "build", "./...")
	require.Equal(t, 0, code, "the fixed file does not build:\n%s\n%s", stderr, fixed)
	_, stderr, code = run(t, dir, binary, "./...")
	assert.Equal(t, 0, code, "findings left after -fix:\n%s", stderr)
}

// driverFindings is the -json output of either driver as one line per
// diagnostic, its Related lines included, file names relative to root,
// sorted.
func driverFindings(t *testing.T, root, out string) []string {
	t.Helper()
	rel := func(posn string) string { return strings.TrimPrefix(posn, root+string(filepath.Separator)) }
	var lines []string
	for _, d := range jsonDiagnostics(t, out) {
		line := rel(d.Posn) + ": " + d.Message
		for _, r := range d.Related {
			line += "\n\t" + rel(r.Posn) + ": " + r.Message
		}
		lines = append(lines, line)
	}
	slices.Sort(lines)
	return lines
}

// Regression: "declared here" lines pointed at a function of another
// package by its name in standalone mode (worker.go:50:18), from source,
// and at its line under go vet (worker.go:50:1), from export data. Every
// position of every finding, Related lines included, must be the same
// whichever driver runs.
func TestDriversAgree(t *testing.T) {
	dir := demoDir(t)
	standalone, stderr, code := run(t, dir, binary, "-json", "./...")
	require.Equal(t, 0, code, stderr)
	vet, stderr, code := run(t, dir, "go", "vet", "-vettool="+binary, "-json", "./...")
	require.Equal(t, 0, code, stderr)
	want := driverFindings(t, dir, standalone)
	require.NotEmpty(t, want)
	assert.Contains(t, strings.Join(want, "\n"), " is declared here", "the demo must have a declared-here line for this test to mean anything")
	assert.Equal(t, want, driverFindings(t, dir, vet))
}

// TestBadFlagValue: a flag value blockcheck refuses is one line and exit
// status 2, standalone and under go vet, not the error and the whole help
// (once per package under go vet).
func TestBadFlagValue(t *testing.T) {
	dir := demoDir(t)
	const want = `blockcheck: invalid value "nope" for flag -disable: unknown rule "nope"`
	_, stderr, code := run(t, dir, binary, "-disable=nope", "./...")
	assert.Equal(t, 2, code)
	assert.Equal(t, want+"\n", stderr)
	_, stderr, code = run(t, dir, binary, "-max-body", "0", "./...")
	assert.Equal(t, 2, code)
	assert.Equal(t, `blockcheck: invalid value "0" for flag -max-body: want a positive number of bytes, got "0"`+"\n", stderr)

	_, stderr, code = run(t, dir, "go", "vet", "-vettool="+binary, "-disable=nope", "./...")
	assert.NotEqual(t, 0, code)
	for line := range strings.SplitSeq(strings.TrimSpace(stderr), "\n") {
		if !strings.HasPrefix(line, "# ") { // go vet's package headers
			assert.Equal(t, want, line)
		}
	}
}

// TestHelp: -help names the analyzer once, lists -sarif, and shows each
// default once.
func TestHelp(t *testing.T) {
	_, stderr, _ := run(t, ".", binary, "-help")
	first, _, _ := strings.Cut(stderr, "\n")
	assert.Equal(t, "blockcheck: report blocking operations reached from request handlers", first)
	assert.Contains(t, stderr, "\n  -sarif\n")
	assert.Equal(t, 1, strings.Count(stderr, "1048576"), "the -max-body default once:\n%s", stderr)
}

// TestJSONExitStatus: -json exits 0 with findings (TestJSONDemo) and 1
// when a package does not type-check, as main.go's doc and the README say.
func TestJSONExitStatus(t *testing.T) {
	dir := writeModule(t, map[string]string{
		"go.mod": "module example.com/broken\n\ngo 1.26\n",
		"b.go":   "package broken\n\nfunc f() int { return \"x\" }\n",
	})
	stdout, _, code := run(t, dir, binary, "-json", "./...")
	assert.Equal(t, 1, code)
	assert.Contains(t, stdout, `"error"`)
}

// TestInstallFromClone: the README's install command, from this
// repository, builds a binary that runs.
func TestInstallFromClone(t *testing.T) {
	gobin := t.TempDir()
	mustRun(t, repoDir(t), offlineEnv("GOBIN="+gobin), "go", "install", "./cmd/blockcheck")
	_, stderr, code := run(t, demoDir(t), filepath.Join(gobin, "blockcheck"), "./...")
	assert.Equal(t, 3, code, stderr)
	assert.NotEmpty(t, findings(t, demoDir(t), stderr))
}

// crashModule has three packages with a slow handler each: boom, whose
// analysis a test binary makes panic, fine, and user, which imports boom.
func crashModule(t *testing.T) string {
	t.Helper()
	handler := func(pkg, extra string) string {
		return "package " + pkg + "\n\nimport (\n\t\"net/http\"\n\t\"time\"\n" + extra + ")\n\n" +
			"func Slow(w http.ResponseWriter, r *http.Request) {\n\ttime.Sleep(time.Second)\n}\n"
	}
	return writeModule(t, map[string]string{
		"go.mod":       "module example.com/crash\n\ngo 1.26\n",
		"boom/boom.go": handler("boom", ""),
		"fine/fine.go": handler("fine", ""),
		"user/user.go": handler("user", "\n\t\"example.com/crash/boom\"\n") + "\nvar _ = boom.Slow\n",
	})
}

// TestPanicIsAFinding: a panic while analysing one package is an error
// diagnostic there, at the handler being analysed, and every other
// package, including one that imports it, is still analysed and reported,
// standalone and under go vet. The panic is injected at link time
// (analyzer.testPanicAt), into a binary of its own.
func TestPanicIsAFinding(t *testing.T) {
	crashing := filepath.Join(t.TempDir(), "blockcheck")
	mustRun(t, ".", os.Environ(), "go", "build", "-o", crashing,
		"-ldflags=-X=github.com/blockcheck/blockcheck/analyzer.testPanicAt=example.com/crash/boom", ".")
	dir := crashModule(t)
	const internal = "boom/boom.go:8:1: internal error in blockcheck, please report: injected by a test (config.panicAt) (analyzer.run"
	check := func(mode, stderr string) {
		t.Helper()
		var sawInternal bool
		var slept []string
		for line := range strings.SplitSeq(stderr, "\n") {
			line = strings.TrimPrefix(line, dir+string(filepath.Separator))
			switch {
			case strings.HasPrefix(line, internal):
				sawInternal = true
			case strings.Contains(line, ": sleep: "):
				slept = append(slept, line[:strings.IndexByte(line, '/')])
			}
		}
		assert.True(t, sawInternal, "%s: no internal error diagnostic:\n%s", mode, stderr)
		slices.Sort(slept)
		assert.Equal(t, []string{"fine", "user"}, slept, "%s: the other packages' findings:\n%s", mode, stderr)
		assert.NotContains(t, stderr, "[running]", "%s: a stack trace", mode)
	}
	_, stderr, code := run(t, dir, crashing, "./...")
	assert.Equal(t, 3, code, stderr)
	check("standalone", stderr)
	_, stderr, code = run(t, dir, "go", "vet", "-vettool="+crashing, "./...")
	assert.Equal(t, 1, code, stderr)
	check("go vet", stderr)
}
