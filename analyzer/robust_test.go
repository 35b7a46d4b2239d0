package analyzer

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/tools/go/analysis/analysistest"
)

// Regression: a handler in a file that imports "C" was never reported.
// Drivers analyze cmd/cgo's rewrite of such a file, headed "Code generated
// by cmd/cgo; DO NOT EDIT.", and the generated-file check believed it.
// Generated-ness is now judged by what the user's file says. Fixes are
// not offered there: their offsets would be those of cgo's copy.
func TestRegression_CgoFileSkippedAsGenerated(t *testing.T) {
	for _, res := range analysistest.Run(t, analysistest.TestData(), newAnalyzer(), "regressions/cgohandler") {
		for _, d := range res.Diagnostics {
			assert.Empty(t, d.SuggestedFixes, "a fix in cmd/cgo's rewrite: %s", d.Message)
		}
	}
}

// Regression: a -handler-shapes type declared in the handlers' own package
// matched nothing unless the package also imported net/http: the fast
// path only looked for the shape's package among the imports.
func TestRegression_ShapeOfOwnPackage(t *testing.T) {
	a := newAnalyzer()
	require.NoError(t, a.Flags.Set("handler-shapes", "func(*regressions/ownshape.Ctx) error={0}.Context()"))
	analysistest.Run(t, analysistest.TestData(), a, "regressions/ownshape")
}
