package fixes

import (
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// checked is a type-checked file.
type checked struct {
	fset *token.FileSet
	file *ast.File
	src  string
	pkg  *types.Package
	info *types.Info
}

func check(t *testing.T, src string) *checked {
	t.Helper()
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "p.go", src, parser.ParseComments)
	require.NoError(t, err)
	info := &types.Info{
		Types:      make(map[ast.Expr]types.TypeAndValue),
		Defs:       make(map[*ast.Ident]types.Object),
		Uses:       make(map[*ast.Ident]types.Object),
		Selections: make(map[*ast.SelectorExpr]*types.Selection),
		Scopes:     make(map[ast.Node]*types.Scope),
	}
	conf := types.Config{Importer: importer.ForCompiler(fset, "source", nil)}
	pkg, err := conf.Check("p", fset, []*ast.File{f}, info)
	require.NoError(t, err)
	return &checked{fset: fset, file: f, src: src, pkg: pkg, info: info}
}

// call returns the call expression whose source text starts with prefix.
func (c *checked) call(t *testing.T, prefix string) *ast.CallExpr {
	t.Helper()
	var found *ast.CallExpr
	ast.Inspect(c.file, func(n ast.Node) bool {
		if call, ok := n.(*ast.CallExpr); ok && found == nil {
			start := c.fset.Position(call.Pos()).Offset
			if strings.HasPrefix(c.src[start:], prefix) {
				found = call
			}
		}
		return found == nil
	})
	require.NotNil(t, found, "no call starting with %q", prefix)
	return found
}

// marker returns the position of the comment /*name*/.
func (c *checked) marker(t *testing.T, name string) token.Pos {
	t.Helper()
	i := strings.Index(c.src, "/*"+name+"*/")
	require.GreaterOrEqual(t, i, 0, "no marker %s", name)
	return c.fset.File(c.file.Pos()).Pos(i)
}

const renderSrc = `package p

import (
	"context"
	"database/sql"
	t "time"
	. "os/exec"
)

type server struct{ pools []*sql.DB }

func f(ctx context.Context, db *sql.DB, s *server, args []any, d t.Duration) {
	db.Query("SELECT 1", 2, "x")
	db.Query("SELECT $1", args...)
	db.Ping()
	s.pools[0].Exec("DELETE FROM t")
	t.Sleep(d * 2)
	Command("ls", "-l")
	t.Sleep(d)
	g(1, 2, 3)
}

func g(xs ...int) {}
`

func TestRender(t *testing.T) {
	c := check(t, renderSrc)
	tests := []struct {
		call, tmpl, ctx string
		want            string
		ok              bool
	}{
		{`db.Query("SELECT 1"`, "${recv}.QueryContext(${ctx}${,args})", "ctx", `db.QueryContext(ctx, "SELECT 1", 2, "x")`, true},
		{`db.Query("SELECT $1"`, "${recv}.QueryContext(${ctx}${,args})", "r.Context()", `db.QueryContext(r.Context(), "SELECT $1", args...)`, true},
		{`db.Query("SELECT $1"`, "f(${args})", "ctx", `f("SELECT $1", args...)`, true},
		{`db.Ping()`, "${recv}.PingContext(${ctx}${,args})", "ctx", `db.PingContext(ctx)`, true},
		{`db.Ping()`, "${recv}.BeginTx(${ctx}, nil)", "ctx", `db.BeginTx(ctx, nil)`, true},
		{`s.pools[0].Exec(`, "${recv}.ExecContext(${ctx}${,args})", "ctx", `s.pools[0].ExecContext(ctx, "DELETE FROM t")`, true},
		// ${pkg} is the qualifier as written, here a renamed import.
		{`t.Sleep(d * 2)`, "select {\ncase <-${pkg}.After(${0}):\ncase <-${ctx}.Done():\n}", "ctx",
			"select {\ncase <-t.After(d * 2):\ncase <-ctx.Done():\n}", true},
		{`t.Sleep(d * 2)`, "${recv}.X()", "ctx", "", false},                         // a package is not a receiver
		{`Command("ls"`, "${pkg}.CommandContext(${ctx}${,args})", "ctx", "", false}, // dot import: no qualifier
		{`db.Ping()`, "${pkg}.X(${ctx})", "ctx", "", false},                         // a receiver is not a package
		{`t.Sleep(d)`, "f(${1})", "ctx", "", false},                                 // too few arguments
		{`g(1, 2, 3)`, "f(${0}, ${1})", "ctx", "f(1, 2)", true},
		{`db.Query("SELECT $1"`, "f(${0})", "ctx", "", false},        // an argument of a call with ... cannot be picked out
		{`db.Ping()`, "${recv}.PingContext(${ctx})", "", "", false},  // no context
		{`db.Ping()`, "${recv}.PingContext(${ctx", "ctx", "", false}, // unterminated placeholder
		{`db.Ping()`, "${recv}.X(${nope})", "ctx", "", false},        // unknown placeholder
	}
	for _, tt := range tests {
		got, ok := Render(c.fset, c.info, []byte(c.src), c.call(t, tt.call), tt.tmpl, tt.ctx)
		assert.Equal(t, tt.ok, ok, "Render(%s, %q)", tt.call, tt.tmpl)
		if tt.ok {
			assert.Equal(t, tt.want, got, "Render(%s, %q)", tt.call, tt.tmpl)
		}
	}
}

func TestIndent(t *testing.T) {
	assert.Equal(t, "select {\n\t\tcase <-a:\n\t\t}", Indent("select {\ncase <-a:\n}", "\t\t"))
	assert.Equal(t, "x()", Indent("x()", "\t"))
	assert.Equal(t, "a\nb", Indent("a\nb", ""))
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

// TestLineIndentLineDirective: a //line directive renumbers the lines
// positions report (here to 500, past the file's end); the indent is
// still the one of the physical line, and nothing panics.
func TestLineIndentLineDirective(t *testing.T) {
	src := "package p\n\nfunc f() {\n//line gen.tmpl:500\n\t\tg()\n}\n"
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "p.go", src, parser.ParseComments)
	require.NoError(t, err)
	pos := fset.File(f.Pos()).Pos(strings.Index(src, "g()"))
	require.Equal(t, 500, fset.Position(pos).Line, "the directive must apply for this test to mean anything")
	assert.Equal(t, "\t\t", LineIndent(fset, []byte(src), pos))
}

const scopeSrc = `package p

import (
	"context"
	"net/http"
)

func h(w http.ResponseWriter, r *http.Request) {
	_ = /*before*/ 0
	ctx := r.Context()
	_ = /*after*/ ctx
	for _, r := range "ab" {
		_ = /*shadowed*/ r
	}
	{
		tctx, cancel := context.WithCancel(ctx)
		_ = /*inner*/ tctx
		cancel()
	}
}

func named(w http.ResponseWriter, r *http.Request) {
	reqCtx := r.Context()
	ctx := 1
	_ = /*notContext*/ ctx
	_ = reqCtx
}

func loop(w http.ResponseWriter, r *http.Request) {
	for _, r := range "ab" {
		_ = /*noCtx*/ r
	}
	_ = /*plain*/ 0
}

func shadowCtx(ctx context.Context) {
	{
		ctx := 2
		_ = /*ctxShadowed*/ ctx
	}
}
`

func TestContextAt(t *testing.T) {
	c := check(t, scopeSrc)
	param := func(fn string, i int) *types.Var {
		obj := c.pkg.Scope().Lookup(fn).(*types.Func)
		return obj.Signature().Params().At(i)
	}
	rH, rLoop := param("h", 1), param("loop", 1)
	tests := []struct {
		marker   string
		fallback string
		vars     []*types.Var
		want     string
	}{
		{"before", "r.Context()", []*types.Var{rH}, "r.Context()"}, // ctx is declared later
		{"after", "r.Context()", []*types.Var{rH}, "ctx"},
		{"shadowed", "r.Context()", []*types.Var{rH}, "ctx"}, // r is shadowed, ctx is not
		{"inner", "r.Context()", []*types.Var{rH}, "ctx"},    // ctx is preferred to tctx
		{"notContext", "r.Context()", []*types.Var{param("named", 1)}, "reqCtx"},
		{"noCtx", "r.Context()", []*types.Var{rLoop}, ""}, // r is a rune here
		{"plain", "r.Context()", []*types.Var{rLoop}, "r.Context()"},
		{"plain", "", nil, ""},
		{"ctxShadowed", "", nil, ""}, // the only context is shadowed by an int
	}
	for _, tt := range tests {
		got := ContextAt(c.pkg, c.marker(t, tt.marker), nil, tt.fallback, tt.vars)
		assert.Equal(t, tt.want, got, "ContextAt(%s)", tt.marker)
	}
}
