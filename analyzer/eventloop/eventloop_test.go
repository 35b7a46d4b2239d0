package eventloop_test

import (
	"go/types"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/tools/go/packages"

	"github.com/blockcheck/blockcheck/analyzer/eventloop"
	"github.com/blockcheck/blockcheck/analyzer/internal/astutil"
)

// TestTables checks the tables' own consistency.
func TestTables(t *testing.T) {
	names := make(map[string]eventloop.Framework)
	for _, fw := range eventloop.Frameworks() {
		assert.NotContains(t, names, fw.Name, "duplicate framework")
		names[fw.Name] = fw
		assert.Regexp(t, `^v\d+\.\d+\.\d+$`, fw.Tested, fw.Name)
		assert.NotEmpty(t, fw.Advice, fw.Name)
		assert.False(t, strings.HasSuffix(fw.Advice, "."), "%s: the advice ends a message", fw.Name)
	}
	registers := make(map[string]bool)
	for _, ev := range eventloop.Events() {
		fw, ok := names[ev.Framework]
		require.True(t, ok, "event of unknown framework %q", ev.Framework)
		assert.NotEmpty(t, ev.Stalls)
		assert.True(t, strings.HasPrefix(ev.Stalls, "stalls "), "Stalls is a verb phrase: %q", ev.Stalls)
		if ev.Interface != "" {
			assert.Empty(t, ev.Register, ev.Interface)
			assert.NotEmpty(t, ev.Methods, ev.Interface)
			assert.Empty(t, ev.Name, "%s: an interface method's own name says which callback it is", ev.Interface)
			continue
		}
		assert.Contains(t, ev.Register, fw.Path+".", "%s is not in %s", ev.Register, fw.Path)
		assert.NotEmpty(t, ev.Name, ev.Register)
		assert.False(t, registers[ev.Register], "duplicate row for %s", ev.Register)
		registers[ev.Register] = true
	}
	for _, h := range eventloop.HandOffs() {
		assert.NotEmpty(t, h.Pkg)
		assert.NotEmpty(t, h.Func)
	}
}

// TestTablesMatchTheRealModules loads the frameworks at the versions the
// tables were checked against, from testdata/eventloop's requirements,
// and checks that every row names what it says: a registering function
// whose argument is a function, an interface with the methods, a
// hand-off function.
func TestTablesMatchTheRealModules(t *testing.T) {
	if testing.Short() {
		t.Skip("fetches and type-checks gnet, nbio and netpoll")
	}
	dir, err := filepath.Abs("../../testdata/eventloop")
	require.NoError(t, err)
	gomod, err := os.ReadFile(filepath.Join(dir, "go.mod"))
	require.NoError(t, err)
	for _, fw := range eventloop.Frameworks() {
		assert.Contains(t, string(gomod), fw.Path+" "+fw.Tested, "testdata/eventloop pins %s at the tested version", fw.Name)
	}

	var paths []string
	for _, fw := range eventloop.Frameworks() {
		paths = append(paths, fw.Path)
	}
	for _, h := range eventloop.HandOffs() {
		if !slices.Contains(paths, h.Pkg) {
			paths = append(paths, h.Pkg)
		}
	}
	cfg := &packages.Config{Mode: packages.NeedName | packages.NeedTypes, Dir: dir, Env: append(os.Environ(), "GOWORK=off")}
	pkgs, err := packages.Load(cfg, paths...)
	require.NoError(t, err)
	byPath := make(map[string]*types.Package)
	for _, p := range pkgs {
		for _, e := range p.Errors {
			t.Errorf("%s: %v", p.PkgPath, e)
		}
		byPath[p.PkgPath] = p.Types
	}
	if t.Failed() {
		return
	}

	funcs := make(map[string]*types.Func) // by FullName
	steps := make(map[eventloop.HandOff]bool)
	for path, pkg := range byPath {
		scope := pkg.Scope()
		for _, name := range scope.Names() {
			switch obj := scope.Lookup(name).(type) {
			case *types.Func:
				funcs[obj.FullName()] = obj
				steps[eventloop.HandOff{Pkg: path, Func: astutil.FuncName(obj)}] = true
			case *types.TypeName:
				named, ok := obj.Type().(*types.Named)
				if !ok {
					continue
				}
				for i := range named.NumMethods() {
					m := named.Method(i)
					funcs[m.FullName()] = m
					steps[eventloop.HandOff{Pkg: path, Func: astutil.FuncName(m)}] = true
				}
				if iface, ok := named.Underlying().(*types.Interface); ok {
					for i := range iface.NumExplicitMethods() {
						m := iface.ExplicitMethod(i)
						funcs[m.FullName()] = m
					}
				}
			}
		}
	}

	for _, ev := range eventloop.Events() {
		fw := frameworkNamed(ev.Framework)
		if ev.Interface != "" {
			pkg := byPath[fw.Path]
			tn, ok := pkg.Scope().Lookup(ev.Interface).(*types.TypeName)
			if !assert.True(t, ok, "%s.%s does not exist", fw.Path, ev.Interface) {
				continue
			}
			iface, ok := tn.Type().Underlying().(*types.Interface)
			if !assert.True(t, ok, "%s.%s is not an interface", fw.Path, ev.Interface) {
				continue
			}
			for _, m := range ev.Methods {
				obj, _, _ := types.LookupFieldOrMethod(iface, false, pkg, m)
				assert.NotNil(t, obj, "%s.%s has no method %s", fw.Path, ev.Interface, m)
			}
			continue
		}
		fn, ok := funcs[ev.Register]
		if !assert.True(t, ok, "%s does not exist in %s %s", ev.Register, fw.Name, fw.Tested) {
			continue
		}
		params := fn.Signature().Params()
		if !assert.Less(t, ev.Arg, params.Len(), ev.Register) {
			continue
		}
		switch u := params.At(ev.Arg).Type().Underlying().(type) {
		case *types.Signature:
		case *types.Interface:
			// A Runnable: registered as a converted function
			// (gnet.RunnableFunc(func…)).
			assert.Equal(t, 1, u.NumMethods(), "%s: argument %d", ev.Register, ev.Arg)
		default:
			t.Errorf("%s: argument %d is a %s, not a function", ev.Register, ev.Arg, u)
		}
	}
	for _, h := range eventloop.HandOffs() {
		assert.True(t, steps[h], "hand-off %s.%s does not exist", h.Pkg, h.Func)
	}
}

func frameworkNamed(name string) eventloop.Framework {
	for _, fw := range eventloop.Frameworks() {
		if fw.Name == name {
			return fw
		}
	}
	return eventloop.Framework{}
}
