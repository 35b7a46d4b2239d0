package catalog_test

import (
	"maps"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"go/types"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/tools/go/packages"

	"github.com/blockcheck/blockcheck/analyzer/catalog"
)

// libraryFuncs loads, from the real modules pinned by testdata/libraries,
// the packages the library rows name, and returns each row's function.
func libraryFuncs(t *testing.T) (map[string]*types.Func, map[string]*types.Package) {
	t.Helper()
	if testing.Short() {
		t.Skip("loads the libraries' modules")
	}
	dir, err := filepath.Abs("../../testdata/libraries")
	require.NoError(t, err)
	var names []string
	for _, op := range catalog.Libraries {
		names = append(names, op.Func)
	}
	for _, ct := range catalog.LibraryConstructors {
		names = append(names, ct.Func)
		for _, s := range ct.Sinks {
			names = append(names, s.Func)
		}
	}
	for _, b := range catalog.Builders {
		names = slices.Concat(names, b.Roots, b.Attach, b.Finish)
	}
	for _, c := range catalog.CtxArgs {
		names = append(names, c.Func)
		names = append(names, c.Attach...)
	}
	paths := map[string]bool{"context": true}
	for _, n := range names {
		paths[pkgPathOf(n)] = true
	}
	for _, cl := range catalog.Clients {
		paths[clientPath(cl.Type)] = true
	}
	cfg := &packages.Config{Dir: dir, Mode: packages.NeedName | packages.NeedTypes | packages.NeedImports | packages.NeedDeps}
	pkgs, err := packages.Load(cfg, slices.Sorted(maps.Keys(paths))...)
	require.NoError(t, err)
	byPath := make(map[string]*types.Package)
	packages.Visit(pkgs, nil, func(p *packages.Package) {
		for _, e := range p.Errors {
			t.Errorf("%s: %v", p.PkgPath, e)
		}
		byPath[p.PkgPath] = p.Types
	})
	funcs := make(map[string]*types.Func)
	for _, n := range names {
		pkg := byPath[pkgPathOf(n)]
		require.NotNil(t, pkg, "package of %s", n)
		fn := lookup(pkg, n)
		if assert.NotNil(t, fn, "%s is not a function of its module", n) {
			assert.Equal(t, n, fn.FullName())
			funcs[n] = fn
		}
	}
	return funcs, byPath
}

// TestLibraryRows checks every library row against the real module: the
// keys are functions' full names, the context-aware forms the rows
// promise exist, each fix template compiles with the same result types,
// and each builder's methods belong to its type.
func TestLibraryRows(t *testing.T) {
	funcs, byPath := libraryFuncs(t)
	n := 0
	for _, op := range catalog.Libraries {
		if op.Fix != "" && funcs[op.Func] != nil {
			t.Run(op.Func, func(t *testing.T) { checkFix(t, byPath, funcs[op.Func], op.Fix, false) })
			n++
		}
	}
	for _, ct := range catalog.LibraryConstructors {
		if ct.Fix != "" && funcs[ct.Func] != nil {
			t.Run(ct.Func, func(t *testing.T) { checkFix(t, byPath, funcs[ct.Func], ct.Fix, false) })
			n++
		}
	}
	for _, c := range catalog.CtxArgs {
		if c.Fix != "" && funcs[c.Func] != nil {
			// ctxflow reports no call that spreads its options.
			t.Run(c.Func, func(t *testing.T) { checkFixCall(t, byPath, funcs[c.Func], c.Fix, false, c.Arg >= 0) })
			n++
		}
	}
	for _, b := range catalog.Builders {
		for _, f := range b.Finish {
			fn := funcs[f]
			if fn == nil {
				continue
			}
			assert.Equal(t, b.Type, types.TypeString(fn.Signature().Recv().Type(), nil), "%s is a method of the builder", f)
			fix := "${recv}." + b.Insert + fn.Name() + "(${args})"
			t.Run(f, func(t *testing.T) { checkFix(t, byPath, fn, fix, false) })
			n++
		}
		for _, a := range b.Attach {
			if fn := funcs[a]; fn != nil {
				res := fn.Signature().Results()
				assert.Equal(t, b.Type, types.TypeString(res.At(0).Type(), nil), "%s returns the builder", a)
			}
		}
	}
	assert.Greater(t, n, 40, "library fix templates checked")

	// A client row names a real type of its module with methods that take
	// a context first; its exceptions are such methods.
	for _, cl := range catalog.Clients {
		pkg := byPath[clientPath(cl.Type)]
		if !assert.NotNil(t, pkg, "package of %s", cl.Type) {
			continue
		}
		tn, _ := pkg.Scope().Lookup(cl.Type[strings.LastIndex(cl.Type, ".")+1:]).(*types.TypeName)
		if !assert.NotNil(t, tn, "%s is not a type of its module", cl.Type) {
			continue
		}
		typ := tn.Type()
		if strings.HasPrefix(cl.Type, "*") {
			typ = types.NewPointer(typ)
		}
		assert.Equal(t, cl.Type, types.TypeString(typ, nil))
		var ctxFirst []string
		mset := types.NewMethodSet(typ)
		for i := range mset.Len() {
			fn := mset.At(i).Obj().(*types.Func)
			if ps := fn.Signature().Params(); fn.Exported() && ps.Len() > 0 && types.TypeString(ps.At(0).Type(), nil) == "context.Context" {
				ctxFirst = append(ctxFirst, fn.Name())
			}
		}
		assert.NotEmpty(t, ctxFirst, "%s has no method taking a context first", cl.Type)
		for _, e := range cl.Except {
			assert.Contains(t, ctxFirst, e, "%s: an exception is a method taking a context first", cl.Type)
		}
	}

	// A context-free row's Alt names a method or function that exists.
	for _, op := range catalog.Libraries {
		fn := funcs[op.Func]
		if fn == nil || op.Kind == catalog.Slow || op.Alt == "" || strings.ContainsAny(op.Alt, " (") {
			continue
		}
		alt := op.Alt
		if _, name, ok := strings.Cut(alt, "."); ok {
			alt = name
		}
		if recv := fn.Signature().Recv(); recv != nil {
			obj, _, _ := types.LookupFieldOrMethod(recv.Type(), true, fn.Pkg(), alt)
			assert.NotNil(t, obj, "%s: no method %s", op.Func, alt)
		} else {
			assert.NotNil(t, fn.Pkg().Scope().Lookup(alt), "%s: no function %s", op.Func, alt)
		}
	}
}

// clientPath is the package path of a client row's type: "pkg/path" of
// "*pkg/path.Name".
func clientPath(typ string) string {
	typ = strings.TrimPrefix(typ, "*")
	return typ[:strings.LastIndex(typ, ".")]
}
