package taint_test

import (
	"fmt"
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/blockcheck/blockcheck/analyzer/taint"
)

// stdImporter type-checks standard packages from source once per test
// binary.
var stdImporter = sync.OnceValue(func() types.Importer {
	return importer.ForCompiler(token.NewFileSet(), "source", nil)
})

// snippet is one type-checked file of package example.com/app, analyzed.
type snippet struct {
	t    testing.TB
	fset *token.FileSet
	file *ast.File
	info *types.Info
	pkg  *types.Package
	a    *taint.Analyzer
}

func load(t testing.TB, src string, cfg taint.Config) *snippet {
	t.Helper()
	return loadWith(t, src, cfg, stdImporter())
}

// stubImporter type-checks the stub packages it holds, by import path,
// from their source, and imports the rest from the standard library.
type stubImporter struct {
	t     testing.TB
	fset  *token.FileSet
	stubs map[string]string
	done  map[string]*types.Package
}

func (im *stubImporter) Import(path string) (*types.Package, error) {
	src, ok := im.stubs[path]
	if !ok {
		return stdImporter().Import(path)
	}
	if pkg := im.done[path]; pkg != nil {
		return pkg, nil
	}
	f, err := parser.ParseFile(im.fset, path+".go", src, parser.SkipObjectResolution)
	require.NoError(im.t, err)
	pkg, err := (&types.Config{Importer: im}).Check(path, im.fset, []*ast.File{f}, nil)
	require.NoError(im.t, err)
	im.done[path] = pkg
	return pkg, nil
}

// loadStubs is load with stub packages of frameworks, by import path.
func loadStubs(t testing.TB, src string, cfg taint.Config, stubs map[string]string) *snippet {
	t.Helper()
	return loadWith(t, src, cfg, &stubImporter{t: t, fset: token.NewFileSet(), stubs: stubs, done: make(map[string]*types.Package)})
}

func loadWith(t testing.TB, src string, cfg taint.Config, imp types.Importer) *snippet {
	t.Helper()
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "app.go", src, parser.ParseComments|parser.SkipObjectResolution)
	require.NoError(t, err)
	info := &types.Info{
		Types:      make(map[ast.Expr]types.TypeAndValue),
		Defs:       make(map[*ast.Ident]types.Object),
		Uses:       make(map[*ast.Ident]types.Object),
		Selections: make(map[*ast.SelectorExpr]*types.Selection),
		Implicits:  make(map[ast.Node]types.Object),
	}
	conf := types.Config{Importer: imp}
	pkg, err := conf.Check("example.com/app", fset, []*ast.File{f}, info)
	require.NoError(t, err)
	if cfg.MaxBody == 0 {
		cfg.MaxBody = 1 << 20
	}
	return &snippet{t: t, fset: fset, file: f, info: info, pkg: pkg, a: taint.New(fset, pkg, info, []*ast.File{f}, cfg)}
}

// fn returns the declaration of the function or method ("Type.Method")
// named name.
func (s *snippet) fn(name string) *ast.FuncDecl {
	s.t.Helper()
	for _, d := range s.file.Decls {
		fd, ok := d.(*ast.FuncDecl)
		if !ok {
			continue
		}
		got := fd.Name.Name
		if fd.Recv != nil {
			rt := fd.Recv.List[0].Type
			if st, ok := rt.(*ast.StarExpr); ok {
				rt = st.X
			}
			got = types.ExprString(rt) + "." + got
		}
		if got == name {
			return fd
		}
	}
	s.t.Fatalf("no function %s", name)
	return nil
}

// sum returns the summary of the function named name.
func (s *snippet) sum(name string) *taint.Summary { return s.a.Func(s.fn(name)) }

func (s *snippet) line(pos token.Pos) int { return s.fset.Position(pos).Line }

// sinks renders the sinks of name's summary, one per line, sorted:
// "loop@12 n <- r.URL.Query().Get("count")@10 via makeCoupons@30".
func (s *snippet) sinks(name string) []string {
	var out []string
	for _, k := range s.sum(name).Sinks {
		kind := map[taint.Kind]string{taint.Loop: "loop", taint.Alloc: "alloc"}[k.Kind]
		line := fmt.Sprintf("%s@%d %s <- %s", kind, s.line(k.At.Pos()), k.Expr, s.origin(k.Bound))
		for _, st := range k.Via {
			line += fmt.Sprintf(" via %s@%d", st.Func, s.line(st.Pos))
		}
		out = append(out, line)
	}
	sort.Strings(out)
	return out
}

// reads renders the body reads of name's summary.
func (s *snippet) reads(name string) []string {
	var out []string
	for _, rd := range s.sum(name).Reads {
		line := fmt.Sprintf("read@%d %s of %s", s.line(rd.At.Pos()), rd.Op, rd.Body.Path)
		if rd.Param.Param >= 0 {
			line += fmt.Sprintf(" (param %d%s)", rd.Param.Param, rd.Param.Suffix)
		}
		for _, st := range rd.Via {
			line += fmt.Sprintf(" via %s@%d", st.Func, s.line(st.Pos))
		}
		out = append(out, line)
	}
	sort.Strings(out)
	return out
}

// origin renders where a value comes from: its origins, then its
// parameters.
func (s *snippet) origin(v taint.Val) string {
	var parts []string
	for o := v.Src; o != nil; o = o.Via {
		parts = append(parts, fmt.Sprintf("%s@%d", o.Text, s.line(o.Pos)))
	}
	text := strings.Join(parts, " returns ")
	if v.Params != 0 {
		text += fmt.Sprintf(" params=%b", v.Params)
	}
	if v.Big {
		text += " big"
	}
	return strings.TrimSpace(text)
}

// results renders the results of name's summary.
func (s *snippet) results(name string) []string {
	var out []string
	for _, v := range s.sum(name).Results {
		out = append(out, s.origin(v))
	}
	return out
}

// wrapped runs taint.FindWrapped on the snippet.
func (s *snippet) wrapped() *taint.Wrapped {
	files := []*ast.File{s.file}
	return taint.FindWrapped(s.info, s.pkg, files, inspector.New(files))
}
