package main

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The catalogued third-party libraries, against the real modules:
// testdata/libraries is a module of its own that requires gorm, sqlx,
// pgx v5, the MongoDB driver v2, squirrel, redigo, go-redis v9, resty,
// go-retryablehttp, cenkalti/backoff v4 and v5, retry-go, go-resiliency
// and gin at pinned versions (go.mod, complete go.sum). Each
// library has a small service with findings, fixes and code that must stay
// silent. docs/libraries.md lists what is reported.

// librariesDir is the module of library services.
func librariesDir(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("fetches and builds the libraries")
	}
	dir, err := filepath.Abs("../../testdata/libraries")
	require.NoError(t, err)
	return dir
}

// silentInLibraries are the handlers that attach the request's context, or
// detach from it on purpose: none of them may have a finding.
var silentInLibraries = []string{
	"API.getItemFast", "API.lowStockFast", "Server.getFast", "Server.audit", "Sessions.getFast",
	"Supplier.withBackoffCtx", "Payments.refund", "Payments.notifyCtx",
	"Orders.get", "Orders.importOrders", "Shop.product", "Shop.tagged", "Shop.reprice", "Shop.audit",
	"Handlers.stock", "Handlers.adjust",
}

func TestStandaloneLibraries(t *testing.T) {
	dir := librariesDir(t)
	_, stderr, code := run(t, dir, binary, "./...")
	require.Equal(t, 3, code, "standalone exit code with findings; stderr:\n%s", stderr)
	got := findings(t, dir, stderr)
	checkGolden(t, "libraries.golden", got)
	for _, f := range got {
		for _, silent := range silentInLibraries {
			assert.NotContains(t, f, "handler "+silent+" ", "must stay silent")
		}
		assert.NotContains(t, f, "cmd/server", "main is not a request path")
		assert.NotContains(t, f, "Sweep", "a background sweep is not a request path")
	}
}

// TestVetLibraries runs the same under go vet, where each package is
// analyzed on its own: the builder chains of gormapp's Store reach the
// handlers as facts.
func TestVetLibraries(t *testing.T) {
	dir := librariesDir(t)
	_, stderr, code := run(t, dir, "go", "vet", "-vettool="+binary, "./...")
	assert.Equal(t, 1, code, "go vet exit code with findings; stderr:\n%s", stderr)
	checkGolden(t, "libraries.golden", findings(t, dir, stderr))
}

// TestFixLibraries applies every suggested fix to a copy of the module:
// the result builds and passes go vet against the real modules, exactly
// the findings that had a fix are gone, and the fixes wrote the libraries'
// context-aware forms.
func TestFixLibraries(t *testing.T) {
	dir, _, after := fixModule(t, librariesDir(t))

	assertWritten(t, dir, "fixed with the library's context-aware form", map[string][]string{
		"gormapp/handlers.go": {`.Order("stock").WithContext(c.Request.Context()).Find(&items)`, "q.WithContext(c.Request.Context()).Count(&n)"},
		"sqlxapp/users.go": {"s.db.GetContext(r.Context(), &a, ", "s.db.SelectContext(r.Context(), &out, ", "s.db.NamedExecContext(r.Context(), ",
			"s.db.BeginTxx(r.Context(), nil)", "tx.GetContext(r.Context(), &a, ", "tx.NamedExecContext(r.Context(), "},
		"redisapp/cache.go": {`redis.DialContext(r.Context(), "tcp", `},
		"retryapp/retry.go": {"backoff.WithContext(backoff.NewExponentialBackOff(), r.Context()))", "retry.Context(r.Context()))",
			"backoffv5.Retry(r.Context(), func"},
		"httpapp/clients.go": {`.SetContext(r.Context()).Post("/charges")`, "retryablehttp.NewRequestWithContext(r.Context(), http.MethodPost"},
		"pgxapp/handlers.go": {"tx.Commit(r.Context())", "h.pool.Acquire(r.Context())", "pgx.Connect(r.Context(), h.dsn)"},
		"mongoapp/api.go":    {"cur.All(c.Request.Context(), &all)", "a.db.RunCommand(c.Request.Context(), "},
		"sqapp/inventory.go": {"QueryRowContext(r.Context())"},
	})
	assert.Equal(t, []string{"sqlxapp/users.go: sqlnoctx: (*sqlx.DB).GetContext on context.Background() in handler Server.stats " +
		"ignores the request's context (other requests are still served); pass the request's context to it"},
		slices.DeleteFunc(slices.Clone(after), func(f string) bool { return !strings.HasPrefix(f, "sqlxapp") }),
		"every sqlx finding has a fix but a root context behind a timeout")
}
