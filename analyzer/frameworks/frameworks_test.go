package frameworks_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/blockcheck/blockcheck/analyzer/frameworks"
)

// TestRows checks that every row is complete enough to use: a name, a
// cancellation clause, and parts that the packages reading them can apply.
func TestRows(t *testing.T) {
	var names []string
	for _, fw := range frameworks.All() {
		assert.NotEmpty(t, fw.Name)
		assert.NotContains(t, names, fw.Name, "one row per framework")
		names = append(names, fw.Name)
		assert.NotEmpty(t, fw.Cancelled, fw.Name)
		assert.False(t, strings.HasSuffix(fw.Cancelled, "."), "%s: the clause ends inside a message", fw.Name)
		if fw.On != "" {
			assert.True(t, slices.ContainsFunc(frameworks.All(), func(o frameworks.Framework) bool { return o.Name == fw.On && o.On == "" }),
				"%s: serves the handlers of %q, which is no row of its own", fw.Name, fw.On)
		} else {
			assert.True(t, len(fw.Shapes)+len(fw.Services)+len(fw.Registrations)+len(fw.Servers) > 0, "%s: recognises no handler", fw.Name)
		}
		for _, sh := range fw.Shapes {
			assert.NotEmpty(t, sh.Params, fw.Name)
			assert.NotEmpty(t, sh.Context, "%s: a shape says where the request's context is", fw.Name)
			assert.NotNil(t, sh.Results, "%s: a built-in shape is exact, results included", fw.Name)
		}
		for _, l := range fw.BodyLimits {
			assert.NotEmpty(t, l.Func, fw.Name)
			assert.NotEmpty(t, l.Path, "%s: a body limit says which body it limits", fw.Name)
		}
		for _, b := range fw.Bodies {
			for _, ph := range []string{"{c}", "{http}", "{n}"} {
				assert.Contains(t, b.Limit, ph, "%s: body limit %q", fw.Name, b.Limit)
			}
		}
	}
}

// TestParts checks that the parts carry their row's name and clause, and
// that the table is not shared with its callers.
func TestParts(t *testing.T) {
	for _, sh := range frameworks.Shapes() {
		i := slices.IndexFunc(frameworks.All(), func(fw frameworks.Framework) bool { return fw.Name == sh.Framework })
		if assert.GreaterOrEqual(t, i, 0, "shape of unknown framework %q", sh.Framework) {
			assert.Equal(t, frameworks.All()[i].Cancelled, sh.Cancelled)
		}
	}
	for _, r := range frameworks.Registrations() {
		assert.NotEmpty(t, r.Framework)
		assert.NotEmpty(t, r.Cancelled)
	}
	for _, s := range frameworks.Servers() {
		assert.NotEmpty(t, s.Framework)
		assert.NotEmpty(t, s.Cancelled)
		assert.NotEmpty(t, s.Field)
	}
	for _, s := range frameworks.Services() {
		assert.NotEmpty(t, s.Framework)
		assert.NotEmpty(t, s.Cancelled)
	}
	first := frameworks.All()
	first[0].Shapes[0].Context = "changed"
	assert.NotEqual(t, "changed", frameworks.All()[0].Shapes[0].Context, "All returns a fresh table")
	assert.Equal(t, "net/http", frameworks.Shapes()[0].Framework, "net/http's shape is matched first")
}
