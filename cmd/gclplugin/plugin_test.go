package gclplugin_test

import (
	"flag"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/golangci/plugin-module-register/register"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/blockcheck/blockcheck/analyzer"
	"github.com/blockcheck/blockcheck/cmd/gclplugin"
)

// build loads the plugin the way golangci-lint does, by name from the
// registry its init filled, and builds it with the settings (decoded from
// YAML, so lists arrive as []any).
func build(t *testing.T, settings any) (register.LinterPlugin, error) {
	t.Helper()
	newPlugin, err := register.GetPlugin("blockcheck")
	require.NoError(t, err)
	return newPlugin(settings)
}

func analyzerOf(t *testing.T, settings any) *analysis.Analyzer {
	t.Helper()
	p, err := build(t, settings)
	require.NoError(t, err)
	assert.Equal(t, register.LoadModeTypesInfo, p.GetLoadMode())
	as, err := p.BuildAnalyzers()
	require.NoError(t, err)
	require.Len(t, as, 1)
	assert.Equal(t, "blockcheck", as[0].Name)
	return as[0]
}

// diagnosticsOnly passes analysistest's errors on to t, except those about
// facts: the facts are the analyzer package's business (and its tests');
// here the // want comments check the findings.
type diagnosticsOnly struct{ t *testing.T }

func (d diagnosticsOnly) Errorf(format string, args ...any) {
	d.t.Helper()
	if msg := fmt.Sprintf(format, args...); !strings.Contains(msg, ": unexpected fact: ") {
		d.t.Error(msg)
	}
}

// categories runs the analyzer on the package and returns the rule IDs of
// its findings, sorted and de-duplicated.
func categories(t *testing.T, a *analysis.Analyzer, pkg string) []string {
	t.Helper()
	var ids []string
	for _, res := range analysistest.Run(discard{}, analysistest.TestData(), a, pkg) {
		require.NoError(t, res.Err)
		for _, d := range res.Diagnostics {
			ids = append(ids, d.Category)
		}
	}
	slices.Sort(ids)
	return slices.Compact(ids)
}

type discard struct{}

func (discard) Errorf(string, ...any) {}

func TestDefaults(t *testing.T) {
	a := analyzerOf(t, nil) // golangci-lint passes nil when there are no settings
	analysistest.Run(diagnosticsOnly{t}, analysistest.TestData(), a, "shop")

	b := analyzerOf(t, map[string]any{})
	assert.Equal(t, "", b.Flags.Lookup("disable").Value.String())
}

func TestDisable(t *testing.T) {
	a := analyzerOf(t, map[string]any{"disable": []any{"chanwait"}})
	assert.Equal(t, "chanwait", a.Flags.Lookup("disable").Value.String())
	assert.Equal(t, []string{"sleep"}, categories(t, a, "shop"))

	// Each plugin has its own analyzer and flags: neither the next one
	// nor the shared Analyzer sees chanwait disabled.
	b := analyzerOf(t, nil)
	assert.NotSame(t, a, b)
	assert.Equal(t, "", b.Flags.Lookup("disable").Value.String())
	assert.Equal(t, "", analyzer.Analyzer.Flags.Lookup("disable").Value.String(), "the shared Analyzer was changed")

	// A list of two, and an empty list, which disables nothing.
	c := analyzerOf(t, map[string]any{"disable": []any{"chanwait", "sleep"}})
	assert.Equal(t, "chanwait,sleep", c.Flags.Lookup("disable").Value.String())
	d := analyzerOf(t, map[string]any{"disable": []any{}})
	assert.Equal(t, "", d.Flags.Lookup("disable").Value.String())
}

// TestHandlerSettings: the in-house framework settings reach the flags,
// one list item per shape or function.
func TestHandlerSettings(t *testing.T) {
	a := analyzerOf(t, map[string]any{
		"handler-shapes": []any{
			"func(*github.com/acme/web.Ctx) error={0}.Context()",
			"func(github.com/acme/web.Writer, *github.com/acme/web.Request)={1}.Ctx()",
		},
		"handler-registrations": []any{"github.com/acme/web.(*Router).Handle", "github.com/acme/web.Handle"},
	})
	assert.Equal(t, "func(*github.com/acme/web.Ctx) error={0}.Context(),"+
		"func(github.com/acme/web.Writer, *github.com/acme/web.Request)={1}.Ctx()",
		a.Flags.Lookup("handler-shapes").Value.String())
	assert.Equal(t, "(*github.com/acme/web.Router).Handle,github.com/acme/web.Handle",
		a.Flags.Lookup("handler-registrations").Value.String())
}

func TestBadSettings(t *testing.T) {
	for _, tc := range []struct {
		name     string
		settings any
		err      string
	}{
		{"unknown key", map[string]any{"disabled": []any{"chanwait"}}, `unknown field "disabled"`},
		{"unknown rule", map[string]any{"disable": []any{"chanwiat"}}, `disable: unknown rule "chanwiat"`},
		{"not a list", map[string]any{"disable": "chanwait"}, "cannot unmarshal string"},
		{"not a map", []any{"chanwait"}, "cannot unmarshal array"},
		{"bad shape", map[string]any{"handler-shapes": []any{"*github.com/acme/web.Ctx"}}, `handler-shapes: handler shape "*github.com/acme/web.Ctx": want func(`},
		{"bad registration", map[string]any{"handler-registrations": []any{"Handle"}}, `handler-registrations: handler registration "Handle"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p, err := build(t, tc.settings)
			require.Error(t, err)
			assert.Nil(t, p)
			assert.Contains(t, err.Error(), tc.err)
			assert.True(t, strings.HasPrefix(err.Error(), "blockcheck settings: "), err.Error())
		})
	}
}

// TestSettingsCoverFlags checks that every flag of the analyzer has a
// settings key of the same name and that every key is a flag: a flag added
// to the analyzer must be added to Settings too, so that golangci-lint
// users can set it.
func TestSettingsCoverFlags(t *testing.T) {
	var flags []string
	analyzer.New().Flags.VisitAll(func(f *flag.Flag) { flags = append(flags, f.Name) })
	var keys []string
	st := reflect.TypeFor[gclplugin.Settings]()
	for i := range st.NumField() {
		name, _, _ := strings.Cut(st.Field(i).Tag.Get("json"), ",")
		keys = append(keys, name)
	}
	slices.Sort(flags)
	slices.Sort(keys)
	assert.Equal(t, flags, keys, "analyzer flags vs. gclplugin.Settings keys")
}

// TestRuleSettings: enable and funcs reach the -enable and -funcs flags,
// and their errors are the flags'.
func TestRuleSettings(t *testing.T) {
	a := analyzerOf(t, map[string]any{
		"enable": []any{"sleep"},
		"funcs":  []any{"github.com/acme/db.(*Client).Fetch=sql:FetchContext", "github.com/acme/db.Ping=dial"},
	})
	assert.Equal(t, "sleep", a.Flags.Lookup("enable").Value.String())
	assert.Equal(t, "github.com/acme/db.(*Client).Fetch=sql:FetchContext,github.com/acme/db.Ping=dial",
		a.Flags.Lookup("funcs").Value.String())

	_, err := gclplugin.New(map[string]any{"funcs": []any{"github.com/acme/db.Ping=serial"}})
	require.Error(t, err)
	assert.Contains(t, err.Error(), `funcs: func "github.com/acme/db.Ping=serial": unknown kind "serial"`)
}
