package locks_test

import (
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/blockcheck/blockcheck/analyzer/locks"
)

// stdImporter type-checks standard packages from source once per test
// binary: the snippets import sync, time and errors only.
var stdImporter = sync.OnceValue(func() types.Importer {
	return importer.ForCompiler(token.NewFileSet(), "source", nil)
})

// A snippet is one type-checked Go file.
type snippet struct {
	t    testing.TB
	file *ast.File
	info *types.Info
}

func load(t testing.TB, src string) *snippet {
	t.Helper()
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "snippet.go", src, parser.SkipObjectResolution)
	require.NoError(t, err)
	info := &types.Info{
		Types:      make(map[ast.Expr]types.TypeAndValue),
		Defs:       make(map[*ast.Ident]types.Object),
		Uses:       make(map[*ast.Ident]types.Object),
		Selections: make(map[*ast.SelectorExpr]*types.Selection),
	}
	conf := types.Config{Importer: stdImporter()}
	_, err = conf.Check("example.com/app", fset, []*ast.File{f}, info)
	require.NoError(t, err)
	return &snippet{t: t, file: f, info: info}
}

// fn returns the function or method declaration named name; a method is
// named "Type.Method".
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
	s.t.Fatalf("no function %s in snippet", name)
	return nil
}

// lit returns the first function literal inside fn.
func (s *snippet) lit(fn ast.Node) *ast.FuncLit {
	s.t.Helper()
	var found *ast.FuncLit
	ast.Inspect(fn, func(n ast.Node) bool {
		if l, ok := n.(*ast.FuncLit); ok && found == nil {
			found = l
		}
		return found == nil
	})
	require.NotNil(s.t, found, "no function literal")
	return found
}

// calls returns the calls in fn, in source order, whose callee is spelled
// name ("slowCall", "s.db.Query").
func (s *snippet) calls(fn ast.Node, name string) []*ast.CallExpr {
	var found []*ast.CallExpr
	ast.Inspect(fn, func(n ast.Node) bool {
		if c, ok := n.(*ast.CallExpr); ok && types.ExprString(c.Fun) == name {
			found = append(found, c)
		}
		return true
	})
	return found
}

// call returns the only call to name in fn.
func (s *snippet) call(fn ast.Node, name string) *ast.CallExpr {
	s.t.Helper()
	cs := s.calls(fn, name)
	require.Len(s.t, cs, 1, "calls to %s", name)
	return cs[0]
}

// analyze runs Analyze on fn and requires a result.
func (s *snippet) analyze(fn ast.Node, opts *locks.Options) *locks.Func {
	s.t.Helper()
	f := locks.Analyze(s.info, fn, opts)
	require.NotNil(s.t, f, "Analyze returned nil")
	return f
}

// heldAt returns the locks held at the only call to name in the function
// or method called fnName.
func (s *snippet) heldAt(fnName, name string) []locks.Lock {
	s.t.Helper()
	fn := s.fn(fnName)
	return s.analyze(fn, nil).HeldAt(s.call(fn, name))
}

// keys lists the Keys of ls, with an "R" suffix for read locks.
func keys(ls []locks.Lock) []string {
	out := []string{}
	for _, l := range ls {
		k := l.Key
		if l.Read {
			k += " R"
		}
		out = append(out, k)
	}
	return out
}

// only returns the single lock of ls.
func only(t *testing.T, ls []locks.Lock) locks.Lock {
	t.Helper()
	require.Len(t, ls, 1, "held: %s", strings.Join(keys(ls), ", "))
	return ls[0]
}
