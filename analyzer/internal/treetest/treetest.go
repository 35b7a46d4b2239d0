// Package treetest runs analyzers on the packages of a GOPATH-style
// testdata tree and checks their // want comments and .golden files, as
// analysistest does, but loads each tree once per test binary.
//
// Nearly all the time of an analysistest run goes into go/packages
// parsing and type-checking the standard library from source for the
// packages named; the analysis itself takes milliseconds. A test binary
// that runs forty scenarios under several configurations paid that forty
// times. Here the whole tree is loaded the first time any of it is asked
// for, and every run analyses the packages its patterns name, with their
// dependencies, out of that one load. Loaded packages are only read by
// analyses, so runs may proceed in parallel.
//
// The // want syntax is analysistest's: a comment "want" followed by
// regular expressions as Go string literals, each matching one
// diagnostic reported on that line, or name:"rx" matching a fact of the
// object declared there ("package" for a package fact, checked at line 1
// of the first file); "+N" moves the expectations N lines down. Golden
// files hold a whole file after all fixes (analysistest's txtar form with
// one section per fix message is not supported).
package treetest

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"go/ast"
	"go/format"
	"go/token"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"text/scanner"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"
)

// A tree is the packages of one testdata directory, loaded on first use.
type tree struct {
	once sync.Once
	pkgs []*packages.Package // every package of dir/src, tests included
	err  error
}

var trees sync.Map // testdata directory → *tree

// load returns the packages of the tree at dir, loading it on first use.
func load(dir string) ([]*packages.Package, error) {
	v, _ := trees.LoadOrStore(dir, new(tree))
	tr := v.(*tree)
	tr.once.Do(func() { tr.pkgs, tr.err = loadTree(dir) })
	return tr.pkgs, tr.err
}

// loadTree loads every package under dir/src, from source with all their
// dependencies, in GOPATH mode as analysistest does.
func loadTree(dir string) ([]*packages.Package, error) {
	entries, err := os.ReadDir(filepath.Join(dir, "src"))
	if err != nil {
		return nil, err
	}
	var patterns []string
	for _, e := range entries {
		if e.IsDir() {
			patterns = append(patterns, e.Name()+"/...")
		}
	}
	cfg := &packages.Config{
		Mode: packages.NeedName | packages.NeedFiles | packages.NeedCompiledGoFiles | packages.NeedImports |
			packages.NeedTypes | packages.NeedTypesSizes | packages.NeedSyntax | packages.NeedTypesInfo |
			packages.NeedDeps | packages.NeedModule,
		Dir:   dir,
		Tests: true,
		Env:   append(os.Environ(), "GOPATH="+dir, "GO111MODULE=off", "GOWORK=off"),
	}
	return packages.Load(cfg, patterns...)
}

// selectRoots returns the packages of the tree at dir that patterns name, in
// the tree's order: an import path, or a path followed by "/..." for it
// and every package below it. A package's test variants, external test
// package and test main go with it, as they do with go list -test.
func selectRoots(dir string, patterns ...string) ([]*packages.Package, error) {
	all, err := load(dir)
	if err != nil {
		return nil, err
	}
	matched := make([]bool, len(patterns))
	var roots []*packages.Package
	for _, pkg := range all {
		path := strings.TrimSuffix(strings.TrimSuffix(pkg.PkgPath, ".test"), "_test")
		in := false
		for i, p := range patterns {
			if matches(p, path) {
				matched[i], in = true, true
			}
		}
		if in {
			roots = append(roots, pkg)
		}
	}
	for i, p := range patterns {
		if !matched[i] {
			return nil, fmt.Errorf("no packages matched %s", p)
		}
	}
	for _, pkg := range roots {
		if pkg.Name == "" {
			return nil, fmt.Errorf("failed to load %q: %v", pkg.PkgPath, pkg.Errors)
		}
	}
	return roots, nil
}

// matches reports whether the import path is named by the pattern.
func matches(pattern, path string) bool {
	if prefix, ok := strings.CutSuffix(pattern, "/..."); ok {
		return path == prefix || strings.HasPrefix(path, prefix+"/")
	}
	return path == pattern
}

// Run analyses the packages of the tree at dir that patterns name, with a,
// and reports to t each // want comment that does not match what a
// reported, as analysistest.Run does. The results carry the Action, its
// Diagnostics, Result and Err; not the legacy Pass and Facts.
func Run(t analysistest.Testing, dir string, a *analysis.Analyzer, patterns ...string) []*analysistest.Result {
	if tb, ok := t.(testing.TB); ok {
		tb.Helper()
	}
	roots, err := selectRoots(dir, patterns...)
	if err != nil {
		t.Errorf("loading %s: %v", patterns, err)
		return nil
	}
	if tb, ok := t.(testing.TB); ok && !a.RunDespiteErrors {
		packages.Visit(roots, nil, func(pkg *packages.Package) {
			for _, e := range pkg.Errors {
				tb.Log(e)
			}
		})
	}
	graph, err := checker.Analyze([]*analysis.Analyzer{a}, roots, &checker.Options{SanityCheck: true})
	if err != nil {
		t.Errorf("Analyze: %v", err)
		return nil
	}
	var results []*analysistest.Result
	for _, act := range graph.Roots {
		if act.Err != nil {
			t.Errorf("error analyzing %s: %v", act, act.Err)
		} else {
			checkWants(t, dir, act)
		}
		results = append(results, &analysistest.Result{
			Action:      act,
			Diagnostics: act.Diagnostics,
			Result:      act.Result,
			Err:         act.Err,
		})
	}
	return results
}

// RunWithSuggestedFixes is Run, and then checks, for each package, that
// applying all its suggested fixes to a file gives the file's .golden
// copy, both formatted.
func RunWithSuggestedFixes(t analysistest.Testing, dir string, a *analysis.Analyzer, patterns ...string) []*analysistest.Result {
	if tb, ok := t.(testing.TB); ok {
		tb.Helper()
	}
	results := Run(t, dir, a, patterns...)
	for _, res := range results {
		checkGolden(t, res.Action)
	}
	return results
}

// checkGolden compares each file the action's fixes edit, with every
// fix applied, to its .golden copy. Each package is checked on its own:
// a file of a package is also in its test variant, with the same fixes.
func checkGolden(t analysistest.Testing, act *checker.Action) {
	fset := act.Package.Fset
	type key struct {
		pos, end token.Pos
		text     string
	}
	seen := make(map[key]bool)
	edits := make(map[string][]analysis.TextEdit)
	for _, d := range act.Diagnostics {
	fixes:
		for _, fix := range d.SuggestedFixes {
			for _, e := range fix.TextEdits {
				if generated(act.Package, fset.File(e.Pos)) {
					continue fixes
				}
			}
			for _, e := range fix.TextEdits {
				k := key{e.Pos, e.End, string(e.NewText)}
				if !seen[k] {
					seen[k] = true
					name := fset.File(e.Pos).Name()
					edits[name] = append(edits[name], e)
				}
			}
		}
	}
	for _, name := range slices.Sorted(maps.Keys(edits)) {
		src, err := os.ReadFile(name)
		if err != nil {
			t.Errorf("%v", err)
			continue
		}
		golden, err := os.ReadFile(name + ".golden")
		if err != nil {
			t.Errorf("%v", err)
			continue
		}
		fixed, err := ApplyEdits(fset, src, edits[name])
		if err != nil {
			t.Errorf("%s: applying the fixes: %v", name, err)
			continue
		}
		got, err := format.Source(fixed)
		if err != nil {
			t.Errorf("%s: the fixed file does not parse: %v", name, err)
			continue
		}
		want, err := format.Source(golden)
		if err != nil {
			t.Errorf("%s.golden does not parse: %v", name, err)
			continue
		}
		if d := LineDiff(string(want), string(got)); d != "" {
			t.Errorf("%s: the fixed file differs from its .golden copy:\n%s", name, d)
		}
	}
}

// generated reports whether the file of the package is generated code.
func generated(pkg *packages.Package, file *token.File) bool {
	for _, f := range pkg.Syntax {
		if pkg.Fset.File(f.FileStart) == file {
			return ast.IsGenerated(f)
		}
	}
	return false
}

// ApplyEdits applies edits, which must not overlap, to src, the content of
// the file of fset they are in.
func ApplyEdits(fset *token.FileSet, src []byte, edits []analysis.TextEdit) ([]byte, error) {
	edits = slices.Clone(edits)
	slices.SortFunc(edits, func(a, b analysis.TextEdit) int { return cmp.Compare(a.Pos, b.Pos) })
	var out bytes.Buffer
	last := 0
	for _, e := range edits {
		tf := fset.File(e.Pos)
		start, end := tf.Offset(e.Pos), tf.Offset(e.End)
		if start < last {
			return nil, fmt.Errorf("overlapping edits at offset %d", start)
		}
		out.Write(src[last:start])
		out.Write(e.NewText)
		last = end
	}
	out.Write(src[last:])
	return out.Bytes(), nil
}

// LineDiff lists the lines that differ between want and got, or "".
func LineDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	var b strings.Builder
	for i := range max(len(w), len(g)) {
		var wl, gl string
		if i < len(w) {
			wl = w[i]
		}
		if i < len(g) {
			gl = g[i]
		}
		if wl != gl {
			fmt.Fprintf(&b, "line %d:\n\twant %q\n\tgot  %q\n", i+1, wl, gl)
		}
	}
	return b.String()
}

// An expectation is one pattern of a // want comment.
type expectation struct {
	fact string // the object a fact is about, "package", or "" for a diagnostic
	rx   *regexp.Regexp
}

func (e expectation) kind() string {
	if e.fact == "" {
		return "diagnostic"
	}
	return "fact"
}

// A line is a file, relative to the tree's src directory, and a line in it.
type line struct {
	file string
	n    int
}

// checkWants reports to t every diagnostic and fact of the action that no
// // want comment of its package expects, and every expectation nothing
// matched.
func checkWants(t analysistest.Testing, dir string, act *checker.Action) {
	fset := act.Package.Fset
	rel := func(posn token.Position) token.Position {
		posn.Filename = filepath.ToSlash(strings.TrimPrefix(posn.Filename, filepath.Join(dir, "src")+string(filepath.Separator)))
		return posn
	}
	want := make(map[line][]expectation)
	for _, f := range act.Package.Syntax {
		for _, cg := range f.Comments {
			for _, c := range cg.List {
				text, ok := wantText(c.Text)
				if !ok {
					continue
				}
				posn := rel(fset.Position(c.Pos()))
				delta, exps, err := parseWant(text)
				if err != nil {
					t.Errorf("%s:%d: in 'want' comment: %v", posn.Filename, posn.Line, err)
					continue
				}
				k := line{posn.Filename, posn.Line + delta}
				want[k] = append(want[k], exps...)
			}
		}
	}

	match := func(posn token.Position, fact, message string) {
		posn = rel(posn)
		k := line{posn.Filename, posn.Line}
		var tried []string
		for i, e := range want[k] {
			if e.fact != fact {
				continue
			}
			if e.rx.MatchString(message) {
				want[k] = slices.Delete(want[k], i, i+1)
				return
			}
			tried = append(tried, fmt.Sprintf("%#q", e.rx))
		}
		kind := expectation{fact: fact}.kind()
		if tried == nil {
			t.Errorf("%v: unexpected %s: %v", posn, kind, message)
		} else {
			t.Errorf("%v: %s %q does not match pattern %s", posn, kind, message, strings.Join(tried, " or "))
		}
	}

	for _, d := range act.Diagnostics {
		match(fset.Position(d.Pos), "", d.Message)
	}
	for _, pf := range act.AllPackageFacts() {
		if pf.Package == act.Package.Types && len(act.Package.Syntax) > 0 {
			posn := fset.Position(act.Package.Syntax[0].Pos())
			posn.Line, posn.Column = 1, 1
			match(posn, "package", fmt.Sprint(pf.Fact))
		}
	}
	objFacts := act.AllObjectFacts()
	slices.SortStableFunc(objFacts, func(a, b analysis.ObjectFact) int { return cmp.Compare(a.Object.Pos(), b.Object.Pos()) })
	for _, of := range objFacts {
		if of.Object.Pkg() == act.Package.Types {
			match(fset.Position(of.Object.Pos()), of.Object.Name(), fmt.Sprint(of.Fact))
		}
	}

	var surplus []string
	for k, exps := range want {
		for _, e := range exps {
			surplus = append(surplus, fmt.Sprintf("%s:%d: no %s was reported matching %#q", k.file, k.n, e.kind(), e.rx))
		}
	}
	slices.Sort(surplus)
	for _, s := range surplus {
		t.Errorf("%s", s)
	}
}

// wantText returns what follows "want" in a comment that is a // want
// comment, or that holds one after other text ("// ... // want ...").
func wantText(comment string) (string, bool) {
	text, ok := strings.CutPrefix(comment, "//")
	if !ok {
		text = strings.TrimSuffix(strings.TrimPrefix(comment, "/*"), "*/")
	}
	if i := strings.Index(text, "// want"); i >= 0 {
		text = text[i+len("// "):]
	}
	return strings.CutPrefix(strings.TrimSpace(text), "want")
}

// parseWant parses the expectations of a // want comment: Go string
// literals (diagnostics), name:"rx" (facts) and +N (a line offset).
func parseWant(text string) (delta int, exps []expectation, err error) {
	var sc scanner.Scanner
	sc.Init(strings.NewReader(text))
	sc.Mode = scanner.ScanIdents | scanner.ScanStrings | scanner.ScanRawStrings | scanner.ScanInts
	sc.Error = func(_ *scanner.Scanner, msg string) { err = errors.New(msg) }
	regexpAt := func(tok rune) (*regexp.Regexp, error) {
		if tok != scanner.String && tok != scanner.RawString {
			return nil, fmt.Errorf("got %s, want a regular expression", scanner.TokenString(tok))
		}
		s, uerr := strconv.Unquote(sc.TokenText())
		if uerr != nil {
			return nil, uerr
		}
		return regexp.Compile(s)
	}
	for tok := sc.Scan(); tok != scanner.EOF; tok = sc.Scan() {
		switch tok {
		case '+':
			if sc.Scan() != scanner.Int {
				return 0, nil, errors.New("want +N after +")
			}
			delta, _ = strconv.Atoi(sc.TokenText())
		case scanner.String, scanner.RawString:
			rx, rerr := regexpAt(tok)
			if rerr != nil {
				return 0, nil, rerr
			}
			exps = append(exps, expectation{rx: rx})
		case scanner.Ident:
			name := sc.TokenText()
			if sc.Scan() != ':' {
				return 0, nil, fmt.Errorf("want ':' after %s", name)
			}
			rx, rerr := regexpAt(sc.Scan())
			if rerr != nil {
				return 0, nil, rerr
			}
			exps = append(exps, expectation{fact: name, rx: rx})
		default:
			return 0, nil, fmt.Errorf("unexpected %s", scanner.TokenString(tok))
		}
	}
	return delta, exps, err
}

// A Recorder is an analysistest.Testing that keeps the errors it is given,
// for tests that look at the results, or at the mismatches themselves,
// rather than fail on them.
type Recorder struct{ Errs []string }

// Errorf records the error.
func (r *Recorder) Errorf(format string, args ...any) {
	r.Errs = append(r.Errs, fmt.Sprintf(format, args...))
}
