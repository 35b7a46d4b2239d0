package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The robustness corpus: the built binary over real modules (the
// frameworks and event-loop testdata modules with all their dependencies,
// the standard library) and over generated hostile inputs. Each run must
// not panic, must end within its time bound, must print the same output
// twice, and go vet must report what the standalone driver reports.
//
// It takes a few minutes, so it runs in its own .ci/run step
// (robustness), with BLOCKCHECK_ROBUSTNESS=1, and is skipped otherwise:
//
//	BLOCKCHECK_ROBUSTNESS=1 go test -count=1 -run '^TestRobustness' -v ./cmd/blockcheck

// corpusTimeout bounds each run of the binary. The largest, the
// frameworks module with all its dependencies, takes about 15 s of CPU.
const corpusTimeout = 3 * time.Minute

func needCorpus(t *testing.T) {
	t.Helper()
	if os.Getenv("BLOCKCHECK_ROBUSTNESS") == "" {
		t.Skip("the robustness corpus runs in .ci/run's robustness step (BLOCKCHECK_ROBUSTNESS=1)")
	}
}

// corpusRun runs name with args in dir within corpusTimeout and returns
// its stderr, exit code and duration. Output that shows a crash fails the
// test.
func corpusRun(t *testing.T, dir string, name string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), corpusTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Dir = dir
	var out, errb strings.Builder
	cmd.Stdout, cmd.Stderr = &out, &errb
	start := time.Now()
	err := cmd.Run()
	d := time.Since(start)
	require.NoError(t, ctx.Err(), "%s %v in %s: no result within %s", name, args, dir, corpusTimeout)
	var exit *exec.ExitError
	if errors.As(err, &exit) {
		code = exit.ExitCode()
	} else {
		require.NoError(t, err)
	}
	t.Logf("%s %s in %s: exit %d in %.1fs", filepath.Base(name), strings.Join(args, " "), dir, code, d.Seconds())
	for _, crash := range []string{"panic:", "[running]", "internal error in blockcheck"} {
		require.NotContains(t, errb.String()+out.String(), crash, "%s %v in %s", name, args, dir)
	}
	return out.String(), errb.String(), code
}

// underDir keeps the findings in files under dir, relative to it.
func underDir(t *testing.T, dir, stderr string) []string {
	var fs []string
	for _, f := range findings(t, dir, stderr) {
		if !strings.HasPrefix(f, "..") && !filepath.IsAbs(f) {
			fs = append(fs, f)
		}
	}
	return fs
}

// checkCorpus runs the standalone driver twice on patterns in dir, and
// go vet on vetPatterns (go vet always includes test files, so for
// modules whose dependencies' tests do not build, ./... instead of all),
// and compares. It returns the standalone output.
func checkCorpus(t *testing.T, dir string, patterns, vetPatterns []string) string {
	args := append([]string{"-test=false"}, patterns...)
	_, first, code := corpusRun(t, dir, binary, args...)
	require.Contains(t, []int{0, 3}, code, "standalone exit status:\n%s", first)
	_, second, _ := corpusRun(t, dir, binary, args...)
	assert.Equal(t, first, second, "two standalone runs differ")
	if vetPatterns == nil {
		return first
	}
	_, vet, code := corpusRun(t, dir, "go", append([]string{"vet", "-vettool=" + binary}, vetPatterns...)...)
	require.Contains(t, []int{0, 1}, code, "go vet exit status:\n%s", vet)
	assert.Equal(t, underDir(t, dir, first), underDir(t, dir, vet), "standalone and go vet findings differ")
	return first
}

func TestRobustnessModules(t *testing.T) {
	needCorpus(t)
	for _, mod := range []string{"frameworks", "eventloop"} {
		t.Run(mod, func(t *testing.T) {
			dir, err := filepath.Abs(filepath.Join("..", "..", "testdata", mod))
			require.NoError(t, err)
			checkCorpus(t, dir, []string{"all"}, []string{"./..."})
		})
	}
	t.Run("std", func(t *testing.T) {
		// The standard library is described by the catalogue and not
		// analysed (analyzer.run): this checks loading it and skipping.
		_, stderr, code := corpusRun(t, t.TempDir(), binary, "-test=false", "std")
		assert.Equal(t, 0, code, stderr)
	})
}

func TestRobustnessHostile(t *testing.T) {
	needCorpus(t)
	dir := writeModule(t, hostileModule())
	mustRun(t, dir, os.Environ(), "go", "build", "./...") // the corpus is Go
	stderr := checkCorpus(t, dir, []string{"./..."}, []string{"./..."})
	found := underDir(t, dir, stderr)
	// Every package with a slow handler is reported: none is skipped
	// silently (the line-directive package reports under gen.tmpl).
	for _, pkg := range []string{"bom", "cgo", "chain01", "crlf", "deep", "generic", "huge", "nonutf8", "ring", "tags"} {
		assert.True(t, slices.ContainsFunc(found, func(f string) bool { return strings.HasPrefix(f, pkg+"/") }),
			"no finding in %s:\n%s", pkg, stderr)
	}
	assert.Contains(t, stderr, "gen.tmpl:500: sleep: ")
}

// slowHandlerSrc is a handler of package pkg that sleeps through call.
func slowHandlerSrc(pkg, imports, call, rest string) string {
	return "package " + pkg + "\n\nimport (\n\t\"net/http\"\n\t\"time\"\n" + imports + ")\n\n" +
		"func Slow(w http.ResponseWriter, r *http.Request) {\n\t" + call + "\n}\n\n" +
		"var _ = time.Second\n\n" + rest
}

// hostileModule is a module of packages that each stress one thing.
func hostileModule() map[string]string {
	files := map[string]string{"go.mod": "module example.com/hostile\n\ngo 1.26\n"}

	// Line directives: a statement renumbered past the file's end, a
	// block comment directive in a line, the whole tail of a file moved.
	files["linedir/h.go"] = slowHandlerSrc("linedir", "", "step()\n//line gen.tmpl:500\n\ttime.Sleep(time.Second)",
		"func step() { /*line other.go:9:3*/ time.Sleep(time.Millisecond) }\n\n//line moved.go:1\nfunc Moved(w http.ResponseWriter, r *http.Request) { time.Sleep(1) }\n")

	// cgo: drivers analyse cmd/cgo's rewrite of the file.
	files["cgo/h.go"] = slowHandlerSrc("cgo", "", "_ = C.getpid()\n\ttime.Sleep(time.Second)", "")
	files["cgo/h.go"] = strings.Replace(files["cgo/h.go"], "import (", "// #include <unistd.h>\nimport \"C\"\n\nimport (", 1)

	// A 3000-way switch and 20000-element literals.
	var sw, lit strings.Builder
	sw.WriteString("func pick(n int) int {\n\tswitch n {\n")
	for i := range 3000 {
		fmt.Fprintf(&sw, "\tcase %d:\n\t\treturn %d\n", i, i*7)
	}
	sw.WriteString("\tcase -1:\n\t\ttime.Sleep(time.Second)\n\t}\n\treturn 0\n}\n\n")
	lit.WriteString("var table = []int{")
	for i := range 20000 {
		fmt.Fprintf(&lit, "%d, ", i)
	}
	lit.WriteString("}\n\nvar names = map[int]string{")
	for i := range 5000 {
		fmt.Fprintf(&lit, "%d: %q, ", i, fmt.Sprint("n", i))
	}
	lit.WriteString("}\n")
	files["huge/h.go"] = slowHandlerSrc("huge", "", "_ = pick(len(r.URL.Path) - 100)", sw.String()+lit.String())

	// A 2000-deep chain in one package.
	var deep strings.Builder
	for i := 1; i < 2000; i++ {
		fmt.Fprintf(&deep, "func f%d() { f%d() }\n", i, i+1)
	}
	deep.WriteString("func f2000() { time.Sleep(time.Second) }\n")
	files["deep/h.go"] = slowHandlerSrc("deep", "", "f1()", deep.String())

	// A 30-package chain: facts through go vet's files.
	for i := 1; i <= 30; i++ {
		pkg := fmt.Sprintf("chain%02d", i)
		body := "time.Sleep(time.Second)"
		imp := ""
		if i < 30 {
			next := fmt.Sprintf("chain%02d", i+1)
			body, imp = next+".Step()", "\n\t\"example.com/hostile/"+next+"\"\n"
		}
		files[pkg+"/c.go"] = slowHandlerSrc(pkg, imp, "Step()", "// Step is one link of the chain.\nfunc Step() { "+body+" }\n")
	}

	// A ring of 500 mutually recursive functions, one of which sleeps.
	var ring strings.Builder
	for i := range 500 {
		next := (i + 1) % 500
		if i == 250 {
			fmt.Fprintf(&ring, "func r%d(n int) { if n > 0 { time.Sleep(time.Millisecond); r%d(n-1) } }\n", i, next)
		} else {
			fmt.Fprintf(&ring, "func r%d(n int) { if n > 0 { r%d(n-1) } }\n", i, next)
		}
	}
	files["ring/h.go"] = slowHandlerSrc("ring", "", "r0(3)", ring.String())

	// Generics: a generic helper, a generic type's method, a recursive
	// generic type, a constraint with ~.
	files["generic/h.go"] = slowHandlerSrc("generic", "", "_ = Retry(3, func() int { return 1 })\n\tvar l List[int]\n\tl.Wait()",
		`type Number interface{ ~int | ~int64 }

// Retry calls f n times, pausing between calls.
func Retry[T any, N Number](n N, f func() T) (t T) {
	for i := N(0); i < n; i++ {
		t = f()
		time.Sleep(time.Millisecond)
	}
	return t
}

// List is a recursive generic type.
type List[T any] struct {
	next *List[T]
	v    T
}

// Wait walks the list, pausing at each element.
func (l *List[T]) Wait() {
	for e := l; e != nil; e = e.next {
		time.Sleep(time.Millisecond)
	}
}
`)

	// Build constraints, and a //go:build ignore program of another
	// package, as code generators are. (An ignored file that is not Go
	// at all builds, but go/packages reports its missing package clause
	// as an error of the package, so blockcheck exits 1 there.)
	files["tags/linux.go"] = "//go:build linux\n\n" + slowHandlerSrc("tags", "", "time.Sleep(time.Second)", "")
	files["tags/other.go"] = "//go:build !linux\n\n" + slowHandlerSrc("tags", "", "time.Sleep(time.Second)", "")
	files["tags/ignored.go"] = "//go:build ignore\n\npackage main\n\nimport \"time\"\n\nfunc main() { time.Sleep(time.Second) }\n"

	// Empty packages: only a package clause; only a doc comment.
	files["empty/empty.go"] = "package empty\n"
	files["empty/doc/doc.go"] = "// Package doc has nothing but this comment.\npackage doc\n"

	// A byte-order mark, CRLF line endings, non-UTF-8 string literals.
	files["bom/h.go"] = "\ufeff" + slowHandlerSrc("bom", "", "time.Sleep(time.Second)", "")
	files["crlf/h.go"] = strings.ReplaceAll(slowHandlerSrc("crlf", "\t\"io\"\n", "time.Sleep(time.Second)\n\tb, _ := io.ReadAll(r.Body)\n\t_, _ = w.Write(b)", ""), "\n", "\r\n")
	files["nonutf8/h.go"] = slowHandlerSrc("nonutf8", "", "http.Error(w, \"\\xff\\xfe\\x80 bad \\xc3\", 400)\n\ttime.Sleep(time.Second)",
		"var raw = `\u00e9\u200b\U0001F600`\n\nvar bytes = []byte(\"\\xff\\x00\\xfe\")\n")
	return files
}
