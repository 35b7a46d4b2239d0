package analyzer

import (
	"bytes"
	"go/format"
	"go/parser"
	"go/token"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"
	"golang.org/x/tools/go/packages"

	"github.com/blockcheck/blockcheck/analyzer/internal/treetest"
)

// goldenFiles returns every *.golden file under root.
func goldenFiles(t *testing.T, root string) []string {
	t.Helper()
	var goldens []string
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && strings.HasSuffix(path, ".go.golden") {
			goldens = append(goldens, path)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return goldens
}

// TestGoldenFilesCompile type-checks each package that has golden files
// with the golden contents in place of the inputs: a suggested fix that
// does not compile is worse than none.
func TestGoldenFilesCompile(t *testing.T) {
	testdata, err := filepath.Abs(analysistest.TestData())
	if err != nil {
		t.Fatal(err)
	}
	goldens := goldenFiles(t, filepath.Join(testdata, "src"))
	if len(goldens) == 0 {
		t.Fatal("no .golden files under testdata")
	}
	// One load per package directory, with all its golden files overlaid.
	overlays := make(map[string]map[string][]byte)
	for _, g := range goldens {
		content, err := os.ReadFile(g)
		if err != nil {
			t.Fatal(err)
		}
		dir := filepath.Dir(g)
		if overlays[dir] == nil {
			overlays[dir] = make(map[string][]byte)
		}
		overlays[dir][strings.TrimSuffix(g, ".golden")] = content
	}
	// One load for every package, with all the golden files overlaid.
	overlay := make(map[string][]byte)
	var pkgs []string
	for _, dir := range slices.Sorted(maps.Keys(overlays)) {
		pkgPath, _ := filepath.Rel(filepath.Join(testdata, "src"), dir)
		pkgs = append(pkgs, filepath.ToSlash(pkgPath))
		maps.Copy(overlay, overlays[dir])
	}
	errs := typeCheck(t, testdata, overlay, pkgs...)
	for _, pkg := range pkgs {
		t.Run(pkg, func(t *testing.T) {
			for _, e := range errs[pkg] {
				t.Errorf("golden output does not compile: %s", e)
			}
		})
	}
}

// TestGoldenTypeCheckFails makes sure TestGoldenFilesCompile can fail: a
// golden file that calls a method that does not exist is rejected.
func TestGoldenTypeCheckFails(t *testing.T) {
	testdata, err := filepath.Abs(analysistest.TestData())
	if err != nil {
		t.Fatal(err)
	}
	input := filepath.Join(testdata, "src", "fixes", "accounts.go")
	src, err := os.ReadFile(input)
	if err != nil {
		t.Fatal(err)
	}
	broken := bytes.Replace(src, []byte("a.db.Ping()"), []byte("a.db.PingCtx(r.Context())"), 1)
	if bytes.Equal(broken, src) {
		t.Fatal("accounts.go no longer calls a.db.Ping()")
	}
	errs := typeCheck(t, testdata, map[string][]byte{input: broken}, "fixes")["fixes"]
	if len(errs) == 0 || !strings.Contains(strings.Join(errs, "\n"), "PingCtx") {
		t.Errorf("type errors = %q, want one about PingCtx", errs)
	}
}

// typeCheck loads the packages from the GOPATH-style tree at gopath with
// the overlay in place, in one load, and returns the type errors of each.
func typeCheck(t *testing.T, gopath string, overlay map[string][]byte, pkgPaths ...string) map[string][]string {
	t.Helper()
	cfg := &packages.Config{
		Mode:    packages.NeedName | packages.NeedFiles | packages.NeedSyntax | packages.NeedTypes | packages.NeedTypesInfo,
		Dir:     gopath,
		Env:     append(os.Environ(), "GOPATH="+gopath, "GO111MODULE=off", "GOWORK=off", "GOFLAGS="),
		Overlay: overlay,
	}
	pkgs, err := packages.Load(cfg, pkgPaths...)
	if err != nil {
		t.Fatal(err)
	}
	if len(pkgs) != len(pkgPaths) {
		t.Fatalf("loading %s: got %d packages", pkgPaths, len(pkgs))
	}
	errs := make(map[string][]string)
	for _, pkg := range pkgs {
		for _, e := range pkg.Errors {
			errs[pkg.PkgPath] = append(errs[pkg.PkgPath], e.Error())
		}
	}
	return errs
}

// fixedFiles runs a fresh analyzer on the packages and applies every
// suggested fix, as an editor applying them one after another would,
// without reformatting. It returns the original and fixed content of each
// file that has fixes. // want mismatches are not its business.
func fixedFiles(t *testing.T, patterns ...string) (orig, fixed map[string][]byte) {
	t.Helper()
	ld := loaded(patterns...)
	results := ld.results
	if len(results) == 0 {
		t.Fatalf("analysing %v: %s", patterns, strings.Join(ld.errs, "\n"))
	}
	type key struct {
		pos, end token.Pos
		text     string
	}
	seen := make(map[key]bool) // a file is in the package and its test variant
	edits := make(map[string][]analysis.TextEdit)
	var fset *token.FileSet
	for _, res := range results {
		if res.Err != nil {
			t.Fatalf("analysing %v: %v", patterns, res.Err)
		}
		fset = res.Action.Package.Fset
		for _, d := range res.Action.Diagnostics {
			for _, fix := range d.SuggestedFixes {
				for _, e := range fix.TextEdits {
					k := key{e.Pos, e.End, string(e.NewText)}
					if seen[k] {
						continue
					}
					seen[k] = true
					name := fset.File(e.Pos).Name()
					edits[name] = append(edits[name], e)
				}
			}
		}
	}
	orig, fixed = make(map[string][]byte), make(map[string][]byte)
	for name, es := range edits {
		src, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		out, err := treetest.ApplyEdits(fset, src, es)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		orig[name], fixed[name] = src, out
	}
	return orig, fixed
}

// fixChecks selects what checkFixes checks beyond compiling.
type fixChecks struct {
	// layout: the fixed file is laid out as gofmt would lay it out, apart
	// from the alignment of trailing comments, which any change of line
	// length upsets.
	layout bool
	// comments: every comment of the file is still there.
	comments bool
}

// checkFixes applies the analyzer's fixes to the packages and checks that
// the result compiles, and what checks asks for. It returns the number of
// fixed files of each package.
func checkFixes(t *testing.T, checks fixChecks, patterns ...string) map[string]int {
	t.Helper()
	orig, fixed := fixedFiles(t, patterns...)
	testdata, err := filepath.Abs(analysistest.TestData())
	if err != nil {
		t.Fatal(err)
	}
	count := make(map[string]int)
	for name, out := range fixed {
		rel, err := filepath.Rel(filepath.Join(testdata, "src"), filepath.Dir(name))
		if err != nil {
			t.Fatal(err)
		}
		count[filepath.ToSlash(rel)]++

		base := filepath.Base(name)
		formatted, err := format.Source(out)
		if err != nil {
			t.Errorf("%s: fixed file does not parse: %v", base, err)
			continue
		}
		if d := treetest.LineDiff(alignComments(formatted), alignComments(out)); checks.layout && d != "" {
			t.Errorf("%s: fixed file is not gofmt-clean (want gofmt's layout, got the fix's):\n%s", base, d)
		}
		for _, c := range comments(t, orig[name]) {
			if checks.comments && !bytes.Contains(out, []byte(c)) {
				t.Errorf("%s: the fix dropped the comment %q", base, c)
			}
		}
	}
	if len(count) == 0 {
		return count
	}
	pkgs := slices.Sorted(maps.Keys(count))
	errs := typeCheck(t, testdata, fixed, pkgs...)
	for _, pkg := range pkgs {
		for _, e := range errs[pkg] {
			t.Errorf("fixed package %s does not compile: %s", pkg, e)
		}
	}
	return count
}

var trailingComment = regexp.MustCompile(`(\S)[ \t]+//`)

// alignComments undoes gofmt's alignment of trailing comments.
func alignComments(src []byte) string {
	return trailingComment.ReplaceAllString(string(src), "$1 //")
}

// comments returns the text of every comment in a Go file.
func comments(t *testing.T, src []byte) []string {
	t.Helper()
	f, err := parser.ParseFile(token.NewFileSet(), "", src, parser.ParseComments)
	if err != nil {
		t.Fatal(err)
	}
	var cs []string
	for _, cg := range f.Comments {
		for _, c := range cg.List {
			cs = append(cs, c.Text)
		}
	}
	return cs
}

// TestFixesAreSound applies the suggested fixes of every scenario and
// checks that the code compiles and keeps its comments. (Layout is checked
// in TestRegression_FixRewritesArgumentText.)
func TestFixesAreSound(t *testing.T) {
	scenarios := []string{"fixes", "sleep", "httpnoctx", "sqlnoctx", "execnoctx", "dialnoctx", "chanwait", "nethttp", "crosspkg/...", "suppress"}
	n := checkFixes(t, fixChecks{comments: true}, scenarios...)
	if n["fixes"] < 3 {
		t.Errorf("fixes scenario: %d files fixed, want every input file", n["fixes"])
	}
}

// TestCheckFixesCatchesBrokenCode makes sure the checks of checkFixes can
// fail, on fabricated output.
func TestCheckFixesCatchesBrokenCode(t *testing.T) {
	src := []byte("package p\n\nfunc f(a, b int) int {\n\treturn a+b // sum\n}\n")
	formatted, err := format.Source(src)
	if err != nil {
		t.Fatal(err)
	}
	if treetest.LineDiff(alignComments(formatted), alignComments(src)) == "" {
		t.Error("badly spaced code passes the layout check")
	}
	aligned := []byte("package p\n\nvar (\n\ta   = 1 // one\n\tbcd = 2 // two\n)\n")
	misaligned := []byte("package p\n\nvar (\n\ta   = 1 // one\n\tbcd = 2            // two\n)\n")
	if treetest.LineDiff(alignComments(aligned), alignComments(misaligned)) != "" {
		t.Error("comment alignment is not ignored")
	}
	if got := comments(t, src); !slices.Equal(got, []string{"// sum"}) {
		t.Errorf("comments = %q", got)
	}
}
