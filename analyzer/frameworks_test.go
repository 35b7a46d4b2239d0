package analyzer

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/blockcheck/blockcheck/analyzer/internal/treetest"
)

// The frameworks blockcheck knows are tested against their real modules,
// through the built binary (cmd/blockcheck/frameworks_test.go), and their
// discovery against stubs in analyzer/handlers. Here: the flags that
// declare an in-house framework.

// declaredAnalyzer is an analyzer told about the in-house framework of
// testdata/src/declared.
func declaredAnalyzer(t *testing.T) *analysis.Analyzer {
	t.Helper()
	a := newAnalyzer()
	require.NoError(t, a.Flags.Set("handler-shapes", "func(*declared/web.Ctx) error={0}.Context()"))
	require.NoError(t, a.Flags.Set("handler-registrations", "declared/web.(*Router).Endpoint"))
	return a
}

// TestDeclaredHandlers: handlers of the declared shape and registration
// are reported with the context the flags name, and fixed with it.
func TestDeclaredHandlers(t *testing.T) {
	treetest.RunWithSuggestedFixes(t, analysistest.TestData(), declaredAnalyzer(t), "declared/...")
}

// TestUndeclaredHandlers: without the flags, the in-house handlers are not
// handlers, and nothing is reported.
func TestUndeclaredHandlers(t *testing.T) {
	for _, res := range treetest.Run(new(treetest.Recorder), analysistest.TestData(), newAnalyzer(), "declared/...") {
		assert.Empty(t, res.Diagnostics, "%s", res.Action.Package.PkgPath)
	}
}

func TestHandlerFlags(t *testing.T) {
	a := newAnalyzer()
	require.NoError(t, a.Flags.Set("handler-shapes", " func(*a/web.Ctx) error = {0}.Context() , func(a/web.W, *a/web.R)={1}.Ctx(),func(*a/web.C) ()"))
	assert.Equal(t, "func(*a/web.Ctx) error={0}.Context(),func(a/web.W, *a/web.R)={1}.Ctx(),func(*a/web.C) ()",
		a.Flags.Lookup("handler-shapes").Value.String(), "parsed and printed back")
	require.NoError(t, a.Flags.Set("handler-registrations", "a/web.(*Router).Handle, a/web.Handle"))
	assert.Equal(t, "(*a/web.Router).Handle,a/web.Handle", a.Flags.Lookup("handler-registrations").Value.String())

	// A later value replaces the list.
	require.NoError(t, a.Flags.Set("handler-registrations", "a/web.Handle"))
	assert.Equal(t, "a/web.Handle", a.Flags.Lookup("handler-registrations").Value.String())

	assert.ErrorContains(t, a.Flags.Set("handler-shapes", "*a/web.Ctx"), `handler shape "*a/web.Ctx": want func(`)
	assert.ErrorContains(t, a.Flags.Set("handler-registrations", "Handle"), `handler registration "Handle"`)

	// Analyzers do not share configuration.
	b := newAnalyzer()
	assert.Empty(t, b.Flags.Lookup("handler-shapes").Value.String())
	assert.Empty(t, b.Flags.Lookup("handler-registrations").Value.String())
}
