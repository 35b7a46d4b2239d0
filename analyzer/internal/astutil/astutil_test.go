package astutil

import (
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/blockcheck/blockcheck/analyzer/internal/srctest"
)

const src = `package p

import (
	"context"
	"go/token"
)

type Server struct {
	mu     *int
	shards []struct{ ch chan int }
	next   *Server
}

func (s *Server) Get() *Server { return s }
func (s Server) Value() int     { return 0 }

type Ctx interface {
	context.Context
	Param() string
}

type Alias = context.Context

var global Server

func f(s *Server, p **Server, i int, c Ctx, a Alias, cc context.Context) {
	local := Server{}
	_ = s
	_ = (s)
	_ = *p
	_ = &local
	_ = s.shards[i].ch
	_ = (*p).next.mu
	_ = global.mu
	_ = token.NoPos
	_ = s.Get().mu
	_ = s.Get
	_ = f
	_ = 1
	_ = []int{}[0]
	_ = c
	_ = a
	_ = cc
}
`

// load type-checks src and returns the right-hand sides of f's blank
// assignments, keyed by their text.
func load(t *testing.T) (*token.FileSet, *types.Info, *types.Package, map[string]ast.Expr) {
	t.Helper()
	fset := token.NewFileSet()
	f, pkg, info := srctest.Check(t, fset, "p", src, srctest.Std)
	exprs := make(map[string]ast.Expr)
	ast.Inspect(f, func(n ast.Node) bool {
		if as, ok := n.(*ast.AssignStmt); ok && len(as.Lhs) == 1 && types.ExprString(as.Lhs[0]) == "_" {
			exprs[types.ExprString(as.Rhs[0])] = as.Rhs[0]
		}
		return true
	})
	return fset, info, pkg, exprs
}

func TestRootVar(t *testing.T) {
	_, info, _, exprs := load(t)
	name := func(v *types.Var) string {
		if v == nil {
			return "<nil>"
		}
		return v.Name()
	}
	for _, tc := range []struct{ expr, root, viaGetters string }{
		{"s", "s", "s"},
		{"(s)", "s", "s"},
		{"*p", "p", "p"},
		{"&local", "local", "local"},
		{"s.shards[i].ch", "s", "s"},
		{"(*p).next.mu", "p", "p"},
		{"global.mu", "global", "global"},
		{"token.NoPos", "<nil>", "<nil>"}, // a constant, not a variable
		{"s.Get().mu", "<nil>", "s"},      // through a call: only getters follow it
		{"s.Get", "<nil>", "<nil>"},       // a method value
		{"f", "<nil>", "<nil>"},           // a function
		{"1", "<nil>", "<nil>"},           // a literal
		{"[]int{}[0]", "<nil>", "<nil>"},  // an element of a literal
	} {
		e, ok := exprs[tc.expr]
		require.True(t, ok, tc.expr)
		assert.Equal(t, tc.root, name(RootVar(info, e)), "RootVar(%s)", tc.expr)
		assert.Equal(t, tc.viaGetters, name(RootVarViaGetters(info, e)), "RootVarViaGetters(%s)", tc.expr)
	}
}

func TestIsPackageLevel(t *testing.T) {
	_, info, pkg, exprs := load(t)
	assert.True(t, IsPackageLevel(pkg.Scope().Lookup("global").(*types.Var)))
	assert.False(t, IsPackageLevel(RootVar(info, exprs["s"])), "a parameter")
	assert.False(t, IsPackageLevel(RootVar(info, exprs["&local"])), "a local variable")
	assert.False(t, IsPackageLevel(nil))
}

func TestContext(t *testing.T) {
	_, info, _, exprs := load(t)
	typ := func(e string) types.Type { return info.TypeOf(exprs[e]) }
	assert.True(t, IsContext(typ("cc")))
	assert.True(t, IsContext(typ("a")), "an alias of context.Context")
	assert.False(t, IsContext(typ("c")), "an interface embedding it is another type")
	assert.True(t, ImplementsContext(typ("c")))
	assert.True(t, ImplementsContext(typ("cc")))
	assert.False(t, ImplementsContext(typ("s")))
}

func TestNames(t *testing.T) {
	_, _, pkg, _ := load(t)
	server := pkg.Scope().Lookup("Server").Type()
	assert.Equal(t, "Server", RecvTypeName(server))
	assert.Equal(t, "Server", RecvTypeName(types.NewPointer(server)))
	get, _, _ := types.LookupFieldOrMethod(server, true, pkg, "Get")
	value, _, _ := types.LookupFieldOrMethod(server, true, pkg, "Value")
	assert.Equal(t, "Server.Get", FuncName(get.(*types.Func)))
	assert.Equal(t, "Server.Value", FuncName(value.(*types.Func)))
	assert.Equal(t, "f", FuncName(pkg.Scope().Lookup("f").(*types.Func)))
}

func TestLineIndent(t *testing.T) {
	src := "package p\n\nfunc f() {\n\tif true {\n\t\tg()\n\t}\n}\n\n  func g() {}\n"
	fset := token.NewFileSet()
	tf := fset.AddFile("p.go", -1, len(src))
	tf.SetLinesForContent([]byte(src))
	at := func(s string) token.Pos { return tf.Pos(strings.Index(src, s)) }
	assert.Equal(t, "\t\t", LineIndent(fset, []byte(src), at("g()")))
	assert.Equal(t, "\t", LineIndent(fset, []byte(src), at("if true")))
	assert.Equal(t, "", LineIndent(fset, []byte(src), at("func f")))
	assert.Equal(t, "  ", LineIndent(fset, []byte(src), at("func g")))
	assert.Equal(t, "", LineIndent(fset, []byte(src), token.NoPos))
}

func TestLineIndentPhysicalLines(t *testing.T) {
	// The //line directive renames the lines after it; indentation is
	// read from the physical line all the same.
	const text = "package p\n\nfunc f() {\n\tif true {\n\t\tg()\n//line other.go:1\n\t\th()\n\t}\n}\n  func g() {}\n"
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "p.go", text, parser.ParseComments)
	require.NoError(t, err)
	at := func(s string) token.Pos { return f.FileStart + token.Pos(strings.Index(text, s)) }
	assert.Equal(t, "\t\t", LineIndent(fset, []byte(text), at("g()")))
	assert.Equal(t, "\t\t", LineIndent(fset, []byte(text), at("h()")), "after a //line directive")
	assert.Equal(t, "\t", LineIndent(fset, []byte(text), at("if true")))
	assert.Equal(t, "", LineIndent(fset, []byte(text), at("func f")))
	assert.Equal(t, "  ", LineIndent(fset, []byte(text), at("func g")))
	assert.Equal(t, "", LineIndent(fset, []byte(text), token.NoPos))
	assert.Equal(t, "", LineIndent(fset, []byte("short"), at("func g")), "src shorter than the file")
}
