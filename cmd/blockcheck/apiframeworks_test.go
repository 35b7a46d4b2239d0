package main

import (
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The API frameworks whose handlers are not net/http's shape, against the
// real modules: testdata/apiframeworks is a module of its own that
// requires huma v2, Twirp, aws-lambda-go and gqlgen at pinned versions
// (go.mod, complete go.sum). Each framework has a small service with
// findings, fixes and code that must stay silent; the generated Twirp and
// gqlgen code is hand-written in protoc-gen-twirp's and gqlgen's shapes.
// docs/frameworks.md lists what is recognised.

// apiFrameworksDir is the module of API framework services.
func apiFrameworksDir(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("fetches and builds the API frameworks")
	}
	dir, err := filepath.Abs("../../testdata/apiframeworks")
	require.NoError(t, err)
	return dir
}

// silentInAPIFrameworks are the handlers that pass the request's context
// down or start their work on a goroutine, and the code that runs at
// start-up: none of them may have a finding.
var silentInAPIFrameworks = []string{
	"handler Server.getUserFast ", "handler Server.touch ", "describe", "Inventory.Warm", "cmd/api",
	"Handler.charge", "(*sql.DB).Ping", // main pings the database before it serves
	"queryResolver.Product", "handler Resolver.", "graph/generated.go",
}

func TestStandaloneAPIFrameworks(t *testing.T) {
	dir := apiFrameworksDir(t)
	_, stderr, code := run(t, dir, binary, "./...")
	require.Equal(t, 3, code, "standalone exit code with findings; stderr:\n%s", stderr)
	got := findings(t, dir, stderr)
	checkGolden(t, "apiframeworks.golden", got)
	for _, f := range got {
		for _, silent := range silentInAPIFrameworks {
			assert.NotContains(t, f, silent, "must stay silent")
		}
		assert.NotContains(t, f, "inventoryrpc", "generated code is not reported")
	}
}

// TestVetAPIFrameworks runs the same under go vet, where each package is
// analyzed on its own: the Twirp service is found in twirpapp through the
// export data of the generated inventoryrpc package, although main mounts
// it.
func TestVetAPIFrameworks(t *testing.T) {
	dir := apiFrameworksDir(t)
	_, stderr, code := run(t, dir, "go", "vet", "-vettool="+binary, "./...")
	assert.Equal(t, 1, code, "go vet exit code with findings; stderr:\n%s", stderr)
	checkGolden(t, "apiframeworks.golden", findings(t, dir, stderr))
}

// TestFixAPIFrameworks applies every suggested fix to a copy of the
// module: each fix uses the handler's ctx, the result builds and passes go
// vet, and exactly the findings that had a fix are gone.
func TestFixAPIFrameworks(t *testing.T) {
	dir, fixable, after := fixModule(t, apiFrameworksDir(t))

	assertWritten(t, dir, "fixed with the handler's ctx", map[string][]string{
		"humaapp/users.go":          {"case <-ctx.Done():", `s.DB.ExecContext(ctx, "DELETE FROM users WHERE id = $1", in.ID)`},
		"twirpapp/inventory.go":     {"http.NewRequestWithContext(ctx, "},
		"cmd/orders/main.go":        {`h.DB.ExecContext(ctx, "INSERT INTO orders`, "case <-ctx.Done():"},
		"cmd/reports/main.go":       {"net.DefaultResolver.LookupHost(ctx, req.Host)"},
		"graph/schema.resolvers.go": {"case <-ctx.Done():", "http.NewRequestWithContext(ctx, http.MethodGet, "},
	})
	// A Lambda handler without a context parameter has no context to
	// pass: its finding has no fix.
	resize := "cmd/thumbnails/main.go: execnoctx: (*exec.Cmd).CombinedOutput (built by exec.Command) in handler resize " +
		"ignores the request's context (this execution environment takes no other invocation meanwhile); build it with exec.CommandContext"
	assert.Contains(t, after, resize)
	assert.NotContains(t, fixable, resize)
}
