package main

import (
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// testdata/services is a service written the way real ones are: handlers
// wrapped in an adapter type and a middleware (web.Handle, web.WithUser),
// work run in callbacks (web.Timing, retry), a notifier behind an
// interface the package binds itself, and a store behind an interface
// that only the wiring package binds (api.NewUserAPI(pg.New(db))). It has
// no dependencies, so it runs in -short mode too. The same findings must
// come out standalone, where one process sees every package, and under go
// vet, where each package is analyzed on its own and all that crosses
// packages is facts (slots.Fact, BlockingFact's open calls, PendingFact).

func servicesDir(t *testing.T) string {
	t.Helper()
	dir, err := filepath.Abs("../../testdata/services")
	require.NoError(t, err)
	return dir
}

func TestStandaloneServices(t *testing.T) {
	dir := servicesDir(t)
	_, stderr, code := run(t, dir, binary, "./...")
	require.Equal(t, 3, code, "standalone exit code with findings; stderr:\n%s", stderr)
	got := findings(t, dir, stderr)
	checkGolden(t, "services.golden", got)
	for _, f := range got {
		assert.NotContains(t, f, "unused", "a function of the adapter's shape that is never adapted is not a handler")
		assert.NotContains(t, f, "web.Later", "work started on a goroutine is not the request's")
	}
}

func TestVetServices(t *testing.T) {
	dir := servicesDir(t)
	_, stderr, code := run(t, dir, "go", "vet", "-vettool="+binary, "./...")
	assert.Equal(t, 1, code, "go vet exit code with findings; stderr:\n%s", stderr)
	checkGolden(t, "services.golden", findings(t, dir, stderr))
}
