package handlers

import (
	"go/token"
	"go/types"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Fuzz targets for the parsers of user configuration. Seeds are in
// testdata/fuzz/<target>; .ci/run runs each target for a few seconds:
//
//	go test -run '^$' -fuzz '^FuzzParseShapes$' -fuzztime 10s ./analyzer/handlers

// FuzzParseShapes: any -handler-shapes value is parsed or refused, never
// a panic; what is accepted prints back (Shape.String, which -help and
// golangci-lint settings show) to a value that parses to the same shapes.
func FuzzParseShapes(f *testing.F) {
	for _, s := range []string{
		"func(*github.com/acme/web.Ctx) error={0}.Context()",
		" func(*a/web.Ctx) error = {0}.Context() , func(a/web.W, *a/web.R)={1}.Ctx(),func(*a/web.C) ()",
		"func(context.Context, *connectrpc.com/connect.Request[...]) (*connectrpc.com/connect.Response[...], error)",
		"func(map[string]a/b.C, ...string, func(int) error)",
		"func(a/b.C)={0}.X({0}.Y[1])",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, list string) {
		shapes, err := ParseShapes(list)
		if err != nil {
			return
		}
		var texts []string
		for _, s := range shapes {
			require.NotEmpty(t, s.Params, "a shape without parameters from %q", list)
			texts = append(texts, s.String())
		}
		again, err := ParseShapes(strings.Join(texts, ","))
		require.NoError(t, err, "%q printed as %q", list, texts)
		assert.Equal(t, shapes, again, "%q printed as %q", list, texts)
	})
}

// FuzzParseRegistrations: any -handler-registrations value is parsed or
// refused; what is accepted is a FullName that parses to itself.
func FuzzParseRegistrations(f *testing.F) {
	for _, s := range []string{
		"github.com/acme/web.(*Router).Handle, github.com/acme/web.Handle",
		"(*github.com/acme/web.Router).Handle",
		"a/web.(Router).Handle,,",
		"Handle",
		"a.b.(*c).d",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, list string) {
		regs, err := ParseRegistrations(list)
		if err != nil {
			return
		}
		var names []string
		for _, r := range regs {
			require.NotEmpty(t, funcPkgPath(r.Func), "%q: registration %q has no package", list, r.Func)
			names = append(names, r.Func)
		}
		again, err := ParseRegistrations(strings.Join(names, ","))
		require.NoError(t, err, "%q printed as %q", list, names)
		assert.Equal(t, regs, again)
	})
}

// FuzzContextTemplate: an accepted context template, written for a
// handler, leaves no placeholder behind and refers only to the
// parameters it names.
func FuzzContextTemplate(f *testing.F) {
	for _, s := range []string{"{0}.Context()", "{1}", "{0}.Request().Context()", "{1}.Ctx({0})", "{10}", "{0}{1}{0}", "{-1}", "{01}"} {
		f.Add(s)
	}
	params := types.NewTuple(
		types.NewParam(token.NoPos, nil, "c", types.Typ[types.Int]),
		types.NewParam(token.NoPos, nil, "ctx", types.Typ[types.Int]),
	)
	f.Fuzz(func(t *testing.T, tmpl string) {
		shapes, err := ParseShapes("func(*a/web.Ctx, context.Context)=" + tmpl)
		if err != nil || len(shapes) != 1 {
			return
		}
		expr, vars := contextExpr(shapes[0].Context, params)
		if expr == "" {
			return
		}
		assert.False(t, placeholder.MatchString(expr), "template %q left a placeholder in %q", tmpl, expr)
		assert.NotEmpty(t, vars, "template %q uses no parameter", tmpl)
	})
}
