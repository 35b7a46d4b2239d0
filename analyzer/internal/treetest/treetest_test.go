package treetest

import (
	"go/ast"
	"go/types"
	"reflect"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"
)

// slowFact marks a function whose name starts with "slow".
type slowFact struct{}

func (*slowFact) AFact()         {}
func (*slowFact) String() string { return "slow" }

// calls reports every call of a declared function, suggests the Ctx
// variant of the package's slow functions, and marks those with a fact.
var calls = &analysis.Analyzer{
	Name:      "calls",
	Doc:       "reports calls of declared functions",
	FactTypes: []analysis.Fact{new(slowFact)},
	Run: func(pass *analysis.Pass) (any, error) {
		for _, f := range pass.Files {
			ast.Inspect(f, func(n ast.Node) bool {
				switch n := n.(type) {
				case *ast.FuncDecl:
					if strings.HasPrefix(n.Name.Name, "slow") {
						pass.ExportObjectFact(pass.TypesInfo.Defs[n.Name], new(slowFact))
					}
				case *ast.CallExpr:
					fn, ok := typeOf(pass, n.Fun).(*types.Func)
					if !ok {
						return true
					}
					d := analysis.Diagnostic{Pos: n.Pos(), Message: "call of " + types.ExprString(n.Fun)}
					if strings.HasPrefix(fn.Name(), "slow") {
						d.SuggestedFixes = []analysis.SuggestedFix{{
							Message:   "use the Ctx variant",
							TextEdits: []analysis.TextEdit{{Pos: n.Fun.End(), End: n.Fun.End(), NewText: []byte("Ctx")}},
						}}
					}
					pass.Report(d)
				}
				return true
			})
		}
		return nil, nil
	},
}

func typeOf(pass *analysis.Pass, fun ast.Expr) types.Object {
	switch fun := fun.(type) {
	case *ast.Ident:
		return pass.TypesInfo.Uses[fun]
	case *ast.SelectorExpr:
		return pass.TypesInfo.Uses[fun.Sel]
	}
	return nil
}

// TestMatches: diagnostics, facts, +N offsets, raw strings, a package and
// the package below it, and a golden file all as expected: no error.
func TestMatches(t *testing.T) {
	results := RunWithSuggestedFixes(t, analysistest.TestData(), calls, "good/...")
	var paths []string
	for _, res := range results {
		paths = append(paths, res.Action.Package.PkgPath)
	}
	assert.ElementsMatch(t, []string{"good", "good/sub"}, paths)
}

// TestMismatches makes sure every kind of mismatch is reported, each once.
func TestMismatches(t *testing.T) {
	rec := new(Recorder)
	RunWithSuggestedFixes(rec, analysistest.TestData(), calls, "bad")
	want := []string{
		"bad/bad.go:3:6: fact \"slow\" does not match pattern `fast`",
		"bad/bad.go:6:2: diagnostic \"call of slowRead\" does not match pattern `call of slowWrite`",
		"bad/bad.go:7:2: unexpected diagnostic: call of slowRead",
		"bad/bad.go:11: no diagnostic was reported matching `never reported`",
		"bad/bad.go:3: no fact was reported matching `fast`",
		"bad/bad.go:6: no diagnostic was reported matching `call of slowWrite`",
		"bad/bad.go:8: no diagnostic was reported matching `call of Handle2`",
		"bad.go: the fixed file differs from its .golden copy:\nline 7:\n\twant \"\\tslowRead()\"\n\tgot  \"\\tslowReadCtx()\"\n",
	}
	require.Len(t, rec.Errs, len(want), strings.Join(rec.Errs, "\n"))
	for _, w := range want {
		found := false
		for _, e := range rec.Errs {
			found = found || strings.HasSuffix(e, w) || strings.HasPrefix(e, w)
		}
		assert.True(t, found, "no error %q among\n%s", w, strings.Join(rec.Errs, "\n"))
	}
}

// TestUnmatchedPattern: a pattern that names no package is an error, not
// an empty run.
func TestUnmatchedPattern(t *testing.T) {
	rec := new(Recorder)
	assert.Nil(t, Run(rec, analysistest.TestData(), calls, "good", "nosuch/..."))
	require.Len(t, rec.Errs, 1)
	assert.Contains(t, rec.Errs[0], "no packages matched nosuch/...")
}

// TestSharedLoad: two runs read the same loaded packages.
func TestSharedLoad(t *testing.T) {
	a := Run(t, analysistest.TestData(), calls, "good")
	b := Run(t, analysistest.TestData(), calls, "good")
	require.Len(t, a, 1)
	require.Len(t, b, 1)
	assert.True(t, reflect.ValueOf(a[0].Action.Package).Pointer() == reflect.ValueOf(b[0].Action.Package).Pointer())
}

func TestParseWant(t *testing.T) {
	delta, exps, err := parseWant(` +2 "a\\.b" f:` + "`x`")
	require.NoError(t, err)
	assert.Equal(t, 2, delta)
	require.Len(t, exps, 2)
	assert.Equal(t, "", exps[0].fact)
	assert.Equal(t, `a\.b`, exps[0].rx.String())
	assert.Equal(t, "f", exps[1].fact)
	for _, bad := range []string{`f "x"`, `+x`, `"(" `, `42`, `"unterminated`} {
		_, _, err := parseWant(bad)
		assert.Error(t, err, "%s", bad)
	}
}
