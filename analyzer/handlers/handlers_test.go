package handlers

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/blockcheck/blockcheck/analyzer/internal/treetest"
)

// finder reports every handler the Finder finds, with its framework and
// context, so that the scenarios under testdata/src state them in // want
// comments. The stubs there have the real frameworks' import paths and
// types; cmd/blockcheck's frameworks test runs the real modules.
func finder(cfg Config) *analysis.Analyzer {
	return &analysis.Analyzer{
		Name: "handlers",
		Doc:  "reports the handlers of each package",
		Run: func(pass *analysis.Pass) (any, error) {
			f := NewFinder(cfg)
			if !f.MayHaveHandlers(pass.Pkg, pass.Files) {
				return nil, nil
			}
			for _, h := range f.Find(pass.Pkg, pass.TypesInfo, inspector.New(pass.Files)) {
				pass.Reportf(h.Node.Pos(), "%s handler %s, context %q", h.Framework, h.Name, h.Context)
			}
			return nil, nil
		},
	}
}

// cancelled reports every handler the Finder finds with its clause.
func cancelled(cfg Config) *analysis.Analyzer {
	return &analysis.Analyzer{
		Name: "cancelled",
		Doc:  "reports the handlers of each package with when they are cancelled",
		Run: func(pass *analysis.Pass) (any, error) {
			f := NewFinder(cfg)
			for _, h := range f.Find(pass.Pkg, pass.TypesInfo, inspector.New(pass.Files)) {
				pass.Reportf(h.Node.Pos(), "%s handler %s, cancelled when %q", h.Framework, h.Name, h.Cancelled)
			}
			return nil, nil
		},
	}
}

// TestServers: net/http handlers that nbhttp serves, followed from its
// Config.Handler (a mux, a conversion, a literal) or NewServer's argument,
// get nbhttp's clause; the others net/http's; when the mux cannot be
// followed, or is served by both, every handler of the package the clause
// true of both.
func TestServers(t *testing.T) {
	treetest.Run(t, analysistest.TestData(), cancelled(Default()), "nbhttpapp", "nbhttpmux", "nbhttpboth")
}

func TestShapes(t *testing.T) {
	treetest.Run(t, analysistest.TestData(), finder(Default()), "web")
}

// TestPocketBase: PocketBase's route handlers, middleware and request
// hooks are handlers by their event types; OnServe's and the model hooks'
// functions are not.
func TestPocketBase(t *testing.T) {
	treetest.Run(t, analysistest.TestData(), finder(Default()), "pbapp")
}

// TestServices: the methods implementing a gRPC or connect service are
// found in their own package, whoever registers them.
func TestServices(t *testing.T) {
	treetest.Run(t, analysistest.TestData(), finder(Default()), "grpcsvc/...", "connectsvc/...")
}

func TestDeclared(t *testing.T) {
	shapes, err := ParseShapes("func(*declared/web.Ctx) error={0}.Context()")
	require.NoError(t, err)
	regs, err := ParseRegistrations("declared/web.(*Router).Endpoint, declared/web.Handle")
	require.NoError(t, err)
	cfg := Default()
	cfg.Shapes = append(cfg.Shapes, shapes...)
	cfg.Registrations = append(cfg.Registrations, regs...)
	treetest.Run(t, analysistest.TestData(), finder(cfg), "declared/...")

	// Without them, nothing.
	for _, res := range treetest.Run(t, analysistest.TestData(), finder(Default()), "declared/web") {
		assert.Empty(t, res.Diagnostics)
	}
}

func TestParseShapes(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want []Shape
		err  string
	}{
		{in: ""},
		{in: " , "},
		{in: "func(*a.b/web.Ctx) error={0}.Context()", want: []Shape{{Params: []string{"*a.b/web.Ctx"}, Results: []string{"error"}, Context: "{0}.Context()"}}},
		{in: "func(a/web.W, *a/web.R)={1}.Ctx(), func(context.Context, interface{ }) (any, error)", want: []Shape{
			{Params: []string{"a/web.W", "*a/web.R"}, Context: "{1}.Ctx()"},
			{Params: []string{"context.Context", "any"}, Results: []string{"any", "error"}, Context: "{0}"},
		}},
		{in: "func(*a/web.Ctx) ()", want: []Shape{{Params: []string{"*a/web.Ctx"}, Results: []string{}}}},
		{in: "func(a/web.Req[a/web.T, a/web.U], ...string) = {0}.Ctx", want: []Shape{{Params: []string{"a/web.Req[a/web.T, a/web.U]", "...string"}, Context: "{0}.Ctx"}}},
		{in: "*a/web.Ctx", err: "want func("},
		{in: "func(*a/web.Ctx", err: "unbalanced"},
		{in: "func()", err: "no parameters"},
		{in: "func(a, , b)", err: "empty type"},
		{in: "func(a/web.Ctx)={1}.Context()", err: "{1} is not a parameter"},
		{in: "func(a/web.Ctx)=context.Background()", err: "uses no parameter"},
		{in: "func(a/web.Ctx)={0}=x", err: "more than one '='"},
	} {
		got, err := ParseShapes(tc.in)
		if tc.err != "" {
			assert.ErrorContains(t, err, tc.err, "%q", tc.in)
			continue
		}
		require.NoError(t, err, "%q", tc.in)
		for i := range got {
			assert.Equal(t, Declared, got[i].Framework)
			assert.Equal(t, CancelledDeclared, got[i].Cancelled)
			got[i].Framework, got[i].Cancelled = "", ""
		}
		assert.Equal(t, tc.want, got, "%q", tc.in)
	}
}

func TestParseRegistrations(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want []string
		err  string
	}{
		{in: "github.com/acme/web.Handle", want: []string{"github.com/acme/web.Handle"}},
		{in: "(*github.com/acme/web.Router).Handle, (github.com/acme/web.Router).Get", want: []string{"(*github.com/acme/web.Router).Handle", "(github.com/acme/web.Router).Get"}},
		{in: "github.com/acme/web.(*Router).Handle,github.com/acme/web.(Router).Get", want: []string{"(*github.com/acme/web.Router).Handle", "(github.com/acme/web.Router).Get"}},
		{in: "Handle", err: "want a function"},
		{in: "github.com/acme/web.(*Router.Handle", err: "want a function"},
		{in: "github.com/acme/web.Router.Handle(", err: "want a function"},
	} {
		got, err := ParseRegistrations(tc.in)
		if tc.err != "" {
			assert.ErrorContains(t, err, tc.err, "%q", tc.in)
			continue
		}
		require.NoError(t, err, "%q", tc.in)
		var names []string
		for _, r := range got {
			names = append(names, r.Func)
		}
		assert.Equal(t, tc.want, names, "%q", tc.in)
	}
}

func TestEraseTypeArgs(t *testing.T) {
	for in, want := range map[string]string{
		"*connectrpc.com/connect.Request[example.com/greetv1.GreetRequest]": "*connectrpc.com/connect.Request[...]",
		"*connectrpc.com/connect.BidiStream[a.B, a.C[d.E]]":                 "*connectrpc.com/connect.BidiStream[...]",
		"[]*connectrpc.com/connect.Request[a.B]":                            "[]*connectrpc.com/connect.Request[...]",
		"a.Xmap[a.B]":                                                       "a.Xmap[...]",
		"map[string]a.B":                                                    "map[string]a.B",
		"[4]byte":                                                           "[4]byte",
		"google.golang.org/grpc.ServerStreamingServer[example.com/routeguide.Feature]": "google.golang.org/grpc.ServerStreamingServer[...]",
	} {
		assert.Equal(t, want, eraseTypeArgs(in), in)
	}
}

func TestPkgPathOf(t *testing.T) {
	for in, want := range map[string]string{
		"*net/http.Request": "net/http",
		"context.Context":   "context",
		"any":               "",
		"...connectrpc.com/connect.HandlerOption": "connectrpc.com/connect",
		"*connectrpc.com/connect.Request[...]":    "connectrpc.com/connect",
		"[]github.com/gin-gonic/gin.HandlerFunc":  "github.com/gin-gonic/gin",
	} {
		assert.Equal(t, want, pkgPathOf(in), in)
	}
	assert.Equal(t, "github.com/acme/web", funcPkgPath("(*github.com/acme/web.Router).Handle"))
	assert.Equal(t, "connectrpc.com/connect", funcPkgPath("connectrpc.com/connect.NewUnaryHandler"))
}

// TestAPIFrameworks: huma's handler argument (not the operation edits
// after it), Twirp services whose generated package imports twirp, the
// function (not the options) passed to lambda.Start & co., and the
// resolvers behind gqlgen's ResolverRoot.
func TestAPIFrameworks(t *testing.T) {
	treetest.Run(t, analysistest.TestData(), finder(Default()), "apisvc/...")
}

// TestTypeArgPattern: the service interface as a type argument, and
// registration names with and without "*".
func TestTypeArgPattern(t *testing.T) {
	base, args, ok := typeArgPattern("github.com/99designs/gqlgen/graphql.Config[*, ...]")
	assert.True(t, ok)
	assert.Equal(t, "github.com/99designs/gqlgen/graphql.Config", base)
	assert.Equal(t, []string{"*", "..."}, args)
	for _, no := range []string{"*", "*connectrpc.com/connect.Request[...]", "...connectrpc.com/connect.HandlerOption", "a.B[*"} {
		_, _, ok := typeArgPattern(no)
		assert.False(t, ok, no)
	}
	assert.True(t, nameMatches("NewExecutableSchema", "NewExecutableSchema"))
	assert.False(t, nameMatches("NewExecutableSchema", "NewExecutableSchemaV2"))
	assert.True(t, nameMatches("Register*Server", "RegisterGreeterServer"))
	assert.False(t, nameMatches("Register*Server", "RegisterServer"))
}
