package catalog

import (
	"go/importer"
	"go/types"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestControlRowsNameRealFunctions checks the no-return, timer and
// deadline rows against go/types, as TestRowsNameRealFunctions does the
// operations: a key that is not a real function's FullName never matches.
func TestControlRowsNameRealFunctions(t *testing.T) {
	imp := importer.Default()
	find := func(full string) *types.Func {
		recv, method, isMethod := strings.Cut(strings.TrimPrefix(full, "(*"), ").")
		if !isMethod {
			recv, method = full[:strings.LastIndex(full, ".")], full[strings.LastIndex(full, ".")+1:]
		}
		path := recv
		if isMethod {
			path = recv[:strings.LastIndex(recv, ".")]
		}
		pkg, err := imp.Import(path)
		require.NoError(t, err, full)
		if !isMethod {
			fn, _ := pkg.Scope().Lookup(method).(*types.Func)
			return fn
		}
		tn, _ := pkg.Scope().Lookup(recv[strings.LastIndex(recv, ".")+1:]).(*types.TypeName)
		require.NotNil(t, tn, full)
		obj, _, _ := types.LookupFieldOrMethod(types.NewPointer(tn.Type()), true, pkg, method)
		fn, _ := obj.(*types.Func)
		return fn
	}
	for _, list := range [][]string{noReturnFuncs, timerFuncs, deadlineSetters, contextCarriers} {
		for _, name := range list {
			if fn := find(name); assert.NotNil(t, fn, name) {
				assert.Equal(t, name, fn.FullName())
			}
		}
	}
	for _, name := range timerTypes {
		path, typ, _ := strings.Cut(name, ".")
		pkg, err := imp.Import(path)
		require.NoError(t, err)
		tn, _ := pkg.Scope().Lookup(typ).(*types.TypeName)
		require.NotNil(t, tn, name)
		c, _, _ := types.LookupFieldOrMethod(tn.Type(), false, pkg, "C")
		if v, ok := c.(*types.Var); assert.True(t, ok && v.IsField(), "%s has a field C", name) {
			_, isChan := v.Type().Underlying().(*types.Chan)
			assert.True(t, isChan, "%s.C is a channel", name)
		}
	}
}

func TestNoReturn(t *testing.T) {
	assert.True(t, NoReturn("os", "Exit", false))
	assert.True(t, NoReturn("log", "Fatalf", false))
	assert.False(t, NoReturn("log", "Printf", false))
	assert.False(t, NoReturn("log", "Fatalfx", false))
	assert.False(t, NoReturn("example.com/app", "Exit", false), "a function is known by its full name")
	assert.False(t, NoReturn("xos", "Exit", false))
	assert.True(t, NoReturn("log", "Fatalf", true), "(*log.Logger).Fatalf")
	assert.True(t, NoReturn("go.uber.org/zap", "Fatal", true), "any logger's Fatal")
	assert.True(t, NoReturn("testing", "FailNow", true))
	assert.False(t, NoReturn("log", "Printf", true))
	for _, f := range noReturnFuncs {
		i := strings.LastIndex(f, ".")
		assert.True(t, NoReturn(f[:i], f[i+1:], false), f)
	}
}

func TestTimersAndDeadlines(t *testing.T) {
	assert.True(t, IsTimerFunc("time.After"))
	assert.False(t, IsTimerFunc("time.Now"))
	assert.True(t, IsTimerType("time", "Ticker"))
	assert.False(t, IsTimerType("time", "Duration"))
	assert.True(t, SetsDeadline("context.WithTimeout"))
	assert.False(t, SetsDeadline("context.WithCancel"), "cancellation is not a deadline")
	assert.True(t, CarriesContext("net/http.NewRequestWithContext"))
	assert.False(t, CarriesContext("net/http.NewRequest"))
}
