package analyzer

import (
	"regexp"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/blockcheck/blockcheck/analyzer/internal/treetest"
	"github.com/blockcheck/blockcheck/analyzer/rules"
)

// TestFuncsFlag declares two functions of a dependency as blocking: a call
// in the handler and one reached through a helper are reported, by the
// rules of their kinds, with the alternative given; without the flag, the
// same code is silent.
func TestFuncsFlag(t *testing.T) {
	a := newAnalyzer()
	require.NoError(t, a.Flags.Set("funcs", "example.com/acmedb.(*Client).Fetch=sql:FetchContext, example.com/acmedb.Ping=dial"))
	assert.Equal(t, "example.com/acmedb.(*Client).Fetch=sql:FetchContext,example.com/acmedb.Ping=dial", a.Flags.Lookup("funcs").Value.String())
	treetest.Run(t, analysistest.TestData(), a, "funcs/declared")
	treetest.Run(t, analysistest.TestData(), newAnalyzer(), "funcs/plain")
}

func TestFuncsFlagErrors(t *testing.T) {
	for _, tc := range []struct{ in, err string }{
		{"example.com/acmedb.Ping", "want FUNC=KIND[:ALT]"},
		{"Ping=sql", "want a function as pkg/path.Func"},
		{"example.com/acmedb.Ping=serial", `unknown kind "serial", want one of sleep, http, sql, exec, dial, wait, file`},
	} {
		err := newAnalyzer().Flags.Set("funcs", tc.in)
		if assert.Error(t, err, tc.in) {
			assert.Contains(t, err.Error(), tc.err, tc.in)
		}
	}
}

// TestEnableFlag stands in a rule that is off by default (sleep): it is
// silent until -enable names it, and -disable wins over -enable.
func TestEnableFlag(t *testing.T) {
	offByDefault := func(id string) bool { return id != rules.Sleep }
	seen := func(t *testing.T, set ...string) []string {
		a := buildAnalyzer(offByDefault)
		for i := 0; i+1 < len(set); i += 2 {
			require.NoError(t, a.Flags.Set(set[i], set[i+1]))
		}
		rec := new(treetest.Recorder)
		treetest.Run(rec, analysistest.TestData(), a, "enable")
		return diagnosed(rec)
	}
	assert.Equal(t, []string{"dialnoctx"}, seen(t))
	assert.Equal(t, []string{"sleep", "dialnoctx"}, seen(t, "enable", "sleep"))
	assert.Equal(t, []string{"sleep"}, seen(t, "enable", "sleep", "disable", "dialnoctx"))
	assert.Equal(t, []string{"dialnoctx"}, seen(t, "enable", "sleep", "disable", "sleep"))

	// With the real table, every rule is on by default.
	rec := new(treetest.Recorder)
	treetest.Run(rec, analysistest.TestData(), newAnalyzer(), "enable")
	assert.Equal(t, []string{"sleep", "dialnoctx"}, diagnosed(rec))
	assert.Error(t, newAnalyzer().Flags.Set("enable", "nosuchrule"))
}

// diagnosed returns the rule IDs of the diagnostics rec was told were
// unexpected (the scenario has no // want comments), in order; the facts
// it was told of are not its business.
func diagnosed(rec *treetest.Recorder) []string {
	unexpected := regexp.MustCompile(`unexpected diagnostic: (\w+):`)
	var ids []string
	for _, e := range rec.Errs {
		if m := unexpected.FindStringSubmatch(e); m != nil {
			ids = append(ids, m[1])
		}
	}
	return ids
}
