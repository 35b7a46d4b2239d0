package catalog_test

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"maps"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/tools/go/packages"

	"github.com/blockcheck/blockcheck/analyzer/catalog"
	"github.com/blockcheck/blockcheck/analyzer/fixes"
	"github.com/blockcheck/blockcheck/analyzer/rules"
)

func TestNoDuplicates(t *testing.T) {
	ops := make(map[string]catalog.Op)
	for _, op := range catalog.Ops {
		assert.NotContains(t, ops, op.Func, "duplicate row for %s", op.Func)
		ops[op.Func] = op
	}
	ctors := make(map[string]bool)
	for _, ct := range catalog.Constructors {
		assert.NotContains(t, ctors, ct.Func, "duplicate constructor %s", ct.Func)
		assert.NotContains(t, ops, ct.Func, "constructor %s is also an operation", ct.Func)
		ctors[ct.Func] = true
		for _, s := range ct.Sinks {
			// A sink may also be a context-aware round trip (Client.Do
			// runs any request); as a context-free operation it would be
			// reported whatever built the value.
			if op, ok := ops[s.Func]; ok {
				assert.Equal(t, catalog.Slow, op.Kind, "sink %s of %s is a context-free operation", s.Func, ct.Func)
			}
		}
	}
}

var placeholder = regexp.MustCompile(`\$\{([^}]*)\}`)

// TestTemplatesUseKnownPlaceholders checks every fix template: only the
// placeholders package fixes fills, braces closed, the context used, and
// ${recv} for methods only, ${pkg} for functions only (the other way round
// the template could never be filled, and the row would silently offer no
// fix).
func TestTemplatesUseKnownPlaceholders(t *testing.T) {
	known := regexp.MustCompile(`^(ctx|recv|pkg|args|,args|[0-9]+)$`)
	check := func(fn, tmpl string) {
		if tmpl == "" {
			return
		}
		rest := placeholder.ReplaceAllString(tmpl, "")
		assert.NotContains(t, rest, "${", "%s: unterminated placeholder in %q", fn, tmpl)
		var names []string
		for _, m := range placeholder.FindAllStringSubmatch(tmpl, -1) {
			assert.Regexp(t, known, m[1], "%s: unknown placeholder ${%s} in %q", fn, m[1], tmpl)
			names = append(names, m[1])
		}
		assert.Contains(t, names, "ctx", "%s: fix %q does not use the context", fn, tmpl)
		method := strings.HasPrefix(fn, "(")
		if slices.Contains(names, "recv") {
			assert.True(t, method, "%s: ${recv} in the fix of a function", fn)
		}
		if slices.Contains(names, "pkg") {
			assert.False(t, method, "%s: ${pkg} in the fix of a method", fn)
		}
	}
	for _, op := range catalog.Ops {
		check(op.Func, op.Fix)
		if op.StmtFix {
			assert.NotEmpty(t, op.Fix, "%s: StmtFix without a fix", op.Func)
		}
		if op.SharedRecv {
			assert.True(t, strings.HasPrefix(op.Func, "("), "%s: SharedRecv on a function", op.Func)
		}
	}
	for _, ct := range catalog.Constructors {
		check(ct.Func, ct.Fix)
		assert.NotEmpty(t, ct.Sinks, "%s: a constructor without sinks is never reported", ct.Func)
	}
}

// TestKindsHaveRules checks that every kind is reported by a rule that
// exists, except File and Slow (normal in a plain handler, reported only
// under a shared lock), and that every row has a kind from the list.
func TestKindsHaveRules(t *testing.T) {
	for _, k := range catalog.Kinds {
		id := rules.ForKind(k)
		if k == catalog.File || k == catalog.Slow {
			assert.Empty(t, id, "%s in a handler is normal Go and has no rule of its own", k)
			continue
		}
		require.NotEmpty(t, id, "kind %s has no rule", k)
		assert.NotNil(t, rules.ByID(id), "kind %s maps to unknown rule %s", k, id)
	}
	for _, op := range catalog.Ops {
		assert.Contains(t, catalog.Kinds, op.Kind, op.Func)
		assert.NotEqual(t, catalog.Serial, op.Kind, "%s: Serial is a finding, not an operation", op.Func)
		switch op.Kind {
		case catalog.File:
		case catalog.Slow:
			assert.Contains(t, catalog.Kinds, op.Like, "%s: a Slow row says what it is like", op.Func)
			assert.NotEqual(t, catalog.Slow, op.Like, op.Func)
			assert.Empty(t, op.Fix, "%s: a context-aware call needs no fix", op.Func)
		default:
			assert.NotEmpty(t, op.Alt, "%s: the message needs an alternative to advise", op.Func)
		}
	}
	for _, ct := range catalog.Constructors {
		assert.Contains(t, catalog.Kinds, ct.Kind, ct.Func)
		assert.NotEmpty(t, ct.Alt, ct.Func)
	}
}

func TestLookup(t *testing.T) {
	c := catalog.Default()
	require.NotNil(t, c.Op("time.Sleep"))
	assert.Equal(t, catalog.Sleep, c.Op("time.Sleep").Kind)
	assert.Nil(t, c.Op("time.Now"))
	ctor := c.Constructor("net/http.NewRequest")
	require.NotNil(t, ctor)
	arg, ok := c.SinkArg("(*net/http.Client).Do", ctor)
	assert.True(t, ok)
	assert.Equal(t, 0, arg)
	_, ok = c.SinkArg("(*os/exec.Cmd).Run", ctor)
	assert.False(t, ok, "Cmd.Run does not run a request")
	assert.True(t, c.IsSink("(*os/exec.Cmd).Output"))
	assert.False(t, c.IsSink("(*os/exec.Cmd).Start"), "Start does not wait")

	// Later rows override earlier ones, so users can replace built-ins.
	custom := catalog.New(append(slices.Clone(catalog.Ops), catalog.Op{Func: "time.Sleep", Kind: catalog.Wait}), nil)
	assert.Equal(t, catalog.Wait, custom.Op("time.Sleep").Kind)
}

func TestIsStd(t *testing.T) {
	for _, p := range []string{"time", "net/http", "database/sql", "crypto/tls", "internal/poll", "vendor/golang.org/x/net/dns/dnsmessage"} {
		assert.True(t, catalog.IsStd(p), p)
	}
	for _, p := range []string{"github.com/acme/backoff", "example.com/shop/internal/store", "crosspkg/store", "shop", "golang.org/x/sync/errgroup"} {
		assert.False(t, catalog.IsStd(p), p)
	}
}

// stdFuncs loads the packages the catalogue names and returns each row's
// function by its full name.
func stdFuncs(t *testing.T) (map[string]*types.Func, map[string]*types.Package) {
	t.Helper()
	paths := map[string]bool{"context": true}
	var names []string
	for _, op := range catalog.Ops {
		names = append(names, op.Func)
	}
	for _, ct := range catalog.Constructors {
		names = append(names, ct.Func)
		for _, s := range ct.Sinks {
			names = append(names, s.Func)
		}
	}
	for _, n := range names {
		paths[pkgPathOf(n)] = true
	}
	cfg := &packages.Config{Mode: packages.NeedName | packages.NeedTypes | packages.NeedImports | packages.NeedDeps}
	pkgs, err := packages.Load(cfg, slices.Sorted(maps.Keys(paths))...)
	require.NoError(t, err)
	byPath := make(map[string]*types.Package)
	packages.Visit(pkgs, nil, func(p *packages.Package) { byPath[p.PkgPath] = p.Types })

	funcs := make(map[string]*types.Func)
	for _, n := range names {
		pkg := byPath[pkgPathOf(n)]
		require.NotNil(t, pkg, "package of %s", n)
		if fn := lookup(pkg, n); fn != nil {
			funcs[n] = fn
		}
	}
	return funcs, byPath
}

// pkgPathOf returns the package path of a full name: "net/http" for
// "(*net/http.Client).Do" and "net/http.Get".
func pkgPathOf(full string) string {
	s := strings.TrimLeft(full, "(*")
	if i := strings.Index(s, ")"); i >= 0 {
		s = s[:i]
	}
	slash := strings.LastIndex(s, "/")
	dot := strings.Index(s[slash+1:], ".")
	return s[:slash+1+dot]
}

// lookup finds the function or method with the given full name in pkg.
func lookup(pkg *types.Package, full string) *types.Func {
	if !strings.HasPrefix(full, "(") {
		fn, _ := pkg.Scope().Lookup(full[strings.LastIndex(full, ".")+1:]).(*types.Func)
		return fn
	}
	recv, method, _ := strings.Cut(full, ").")
	typ := recv[strings.LastIndex(recv, ".")+1:]
	tn, _ := pkg.Scope().Lookup(typ).(*types.TypeName)
	if tn == nil {
		return nil
	}
	obj, _, _ := types.LookupFieldOrMethod(types.NewPointer(tn.Type()), true, pkg, method)
	fn, _ := obj.(*types.Func)
	return fn
}

// TestRowsNameRealFunctions checks each row's key against go/types: a key
// that is not exactly types.Func.FullName() of a real function never
// matches a call.
func TestRowsNameRealFunctions(t *testing.T) {
	funcs, _ := stdFuncs(t)
	check := func(name string) {
		fn := funcs[name]
		if assert.NotNil(t, fn, "%s is not a function of the standard library", name) {
			assert.Equal(t, name, fn.FullName())
		}
	}
	for _, op := range catalog.Ops {
		check(op.Func)
	}
	for _, ct := range catalog.Constructors {
		check(ct.Func)
		for _, s := range ct.Sinks {
			check(s.Func)
			fn := funcs[s.Func]
			if fn == nil {
				continue
			}
			if s.Arg < 0 {
				assert.NotNil(t, fn.Signature().Recv(), "%s: receiver sink of a function", s.Func)
			} else {
				assert.Less(t, s.Arg, fn.Signature().Params().Len(), "%s: no argument %d", s.Func, s.Arg)
			}
		}
	}
}

// TestFixesCompile renders every fix template for a call made with the
// function's own parameter types and checks that the rewritten call
// type-checks and yields the same result types: a fix that does not
// compile is worse than none.
func TestFixesCompile(t *testing.T) {
	funcs, byPath := stdFuncs(t)
	n := 0
	for _, op := range catalog.Ops {
		if op.Fix != "" && funcs[op.Func] != nil {
			t.Run(op.Func, func(t *testing.T) { checkFix(t, byPath, funcs[op.Func], op.Fix, op.StmtFix) })
			n++
		}
	}
	for _, ct := range catalog.Constructors {
		if ct.Fix != "" && funcs[ct.Func] != nil {
			t.Run(ct.Func, func(t *testing.T) { checkFix(t, byPath, funcs[ct.Func], ct.Fix, false) })
			n++
		}
	}
	assert.Greater(t, n, 10, "fix templates checked")
}

// checkFix writes a function that calls fn, renders tmpl for the call, and
// type-checks the result.
func checkFix(t *testing.T, byPath map[string]*types.Package, fn *types.Func, tmpl string, stmt bool) {
	checkFixCall(t, byPath, fn, tmpl, stmt, true)
}

// checkFixCall is checkFix, with a variadic parameter passed as separate
// arguments rather than spread when spread is false (a fix that appends
// an option applies only to such calls). A generic fn is called from a
// function with the same type parameters.
func checkFixCall(t *testing.T, byPath map[string]*types.Package, fn *types.Func, tmpl string, stmt, spread bool) {
	imports := map[string]string{"context": "context"}
	qual := func(p *types.Package) string {
		imports[p.Path()] = p.Name()
		return p.Name()
	}
	sig := fn.Signature()
	var params, args, results, lhs []string
	params = append(params, "ctx context.Context")
	call := ""
	if recv := sig.Recv(); recv != nil {
		params = append(params, "recv "+types.TypeString(recv.Type(), qual))
		call = "recv." + fn.Name()
	} else {
		call = qual(fn.Pkg()) + "." + fn.Name()
	}
	for i := range sig.Params().Len() {
		p := sig.Params().At(i)
		typ := types.TypeString(p.Type(), qual)
		name := fmt.Sprintf("p%d", i)
		if sig.Variadic() && i == sig.Params().Len()-1 {
			typ = "..." + strings.TrimPrefix(typ, "[]")
			if spread {
				args = append(args, name+"...")
			} else {
				args = append(args, name+"[0]", name+"[1]")
			}
		} else {
			args = append(args, name)
		}
		params = append(params, name+" "+typ)
	}
	for i := range sig.Results().Len() {
		results = append(results, fmt.Sprintf("r%d %s", i, types.TypeString(sig.Results().At(i).Type(), qual)))
		lhs = append(lhs, fmt.Sprintf("r%d", i))
	}
	call += "(" + strings.Join(args, ", ") + ")"
	var tparams []string
	for i := range sig.TypeParams().Len() {
		tp := sig.TypeParams().At(i)
		tparams = append(tparams, tp.Obj().Name()+" "+types.TypeString(tp.Constraint(), qual))
	}
	generic := ""
	if len(tparams) > 0 {
		generic = "[" + strings.Join(tparams, ", ") + "]"
	}

	body := func(c string) string {
		if len(lhs) == 0 || stmt {
			return "\t" + c + "\n\treturn\n"
		}
		return "\t" + strings.Join(lhs, ", ") + " = " + c + "\n\treturn\n"
	}
	source := func(c string) string {
		var b bytes.Buffer
		b.WriteString("package p\n\nimport (\n")
		for _, path := range slices.Sorted(maps.Keys(imports)) {
			fmt.Fprintf(&b, "\t%q\n", path)
		}
		fmt.Fprintf(&b, ")\n\nfunc f%s(%s) (%s) {\n_ = ctx\n%s}\n", generic, strings.Join(params, ", "), strings.Join(results, ", "), body(c))
		return b.String()
	}

	// The original call, which must type-check, to make sure the test
	// writes what it means to.
	orig := source(call)
	fset, info, file, errs := typeCheck(byPath, orig)
	require.Empty(t, errs, "the original call does not type-check:\n%s", orig)
	var callExpr *ast.CallExpr
	ast.Inspect(file, func(n ast.Node) bool {
		if c, ok := n.(*ast.CallExpr); ok && callExpr == nil {
			callExpr = c
		}
		return callExpr == nil
	})
	require.NotNil(t, callExpr)

	text, ok := fixes.Render(fset, info, []byte(orig), callExpr, tmpl, "ctx")
	require.True(t, ok, "template %q cannot be rendered for %s", tmpl, call)
	fixed := source(text)
	_, _, _, errs = typeCheck(byPath, fixed)
	assert.Empty(t, errs, "the fix does not compile:\n%s", fixed)
}

type importerFunc func(path string) (*types.Package, error)

func (f importerFunc) Import(path string) (*types.Package, error) { return f(path) }

func typeCheck(byPath map[string]*types.Package, src string) (*token.FileSet, *types.Info, *ast.File, []error) {
	fset := token.NewFileSet()
	file, err := parser.ParseFile(fset, "p.go", src, 0)
	if err != nil {
		return fset, nil, nil, []error{err}
	}
	var errs []error
	info := &types.Info{
		Types:      make(map[ast.Expr]types.TypeAndValue),
		Uses:       make(map[*ast.Ident]types.Object),
		Selections: make(map[*ast.SelectorExpr]*types.Selection),
		Defs:       make(map[*ast.Ident]types.Object),
	}
	conf := types.Config{
		Importer: importerFunc(func(path string) (*types.Package, error) {
			if p := byPath[path]; p != nil {
				return p, nil
			}
			return nil, fmt.Errorf("package %s not loaded", path)
		}),
		Error: func(err error) { errs = append(errs, err) },
	}
	// Errors are collected by conf.Error; the first is also returned.
	_, _ = conf.Check("p", fset, []*ast.File{file}, info)
	return fset, info, file, errs
}
