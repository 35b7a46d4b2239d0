package main

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The handlers of CloudWeGo Hertz, Kratos and Iris, against the real
// modules: testdata/webframeworks is a module of its own that requires
// them at pinned versions (go.mod, complete go.sum). Each framework has a
// small service with findings, fixes and code that must stay silent;
// Kratos' generated HTTP and gRPC code is hand-written in
// protoc-gen-go-http's and protoc-gen-go-grpc's shapes. docs/frameworks.md
// says what is recognised and when each framework cancels a request.

// webFrameworksDir is the module of the web framework services.
func webFrameworksDir(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("fetches and builds hertz, kratos and iris")
	}
	dir, err := filepath.Abs("../../testdata/webframeworks")
	require.NoError(t, err)
	return dir
}

// webFrameworkFiles are the files with findings: one service per
// framework, and nothing else (not main, not the shared store).
var webFrameworkFiles = []string{
	"hertzapp/orders.go", "irisapp/users.go", "kratosapp/catalog.go", "kratosapp/routes.go",
}

// silentInWebFrameworks are the handlers that pass the request's context
// down or hand work to a goroutine: none of them may have a finding.
var silentInWebFrameworks = []string{
	"Server.getOrderFast", "Server.Sweep", `for "GET /ready"`, "CatalogService.priceOf", "CatalogService.price",
	"Server.getUserFast", "Server.importLimited", "Server.insert", "Server.Expire", "Server.export",
}

func TestStandaloneWebFrameworks(t *testing.T) {
	dir := webFrameworksDir(t)
	_, stderr, code := run(t, dir, binary, "./...")
	require.Equal(t, 3, code, "standalone exit code with findings; stderr:\n%s", stderr)
	got := findings(t, dir, stderr)
	checkGolden(t, "webframeworks.golden", got)

	var files []string
	for _, f := range got {
		file, _, _ := strings.Cut(f, ":")
		files = append(files, file)
		for _, silent := range silentInWebFrameworks {
			assert.NotContains(t, f, "handler "+silent+" ", "must stay silent")
		}
	}
	slices.Sort(files)
	assert.Equal(t, webFrameworkFiles, slices.Compact(files))
}

// TestVetWebFrameworks runs the same under go vet, where each package is
// analyzed on its own and the frameworks' types come from export data.
func TestVetWebFrameworks(t *testing.T) {
	dir := webFrameworksDir(t)
	_, stderr, code := run(t, dir, "go", "vet", "-vettool="+binary, "./...")
	assert.Equal(t, 1, code, "go vet exit code with findings; stderr:\n%s", stderr)
	checkGolden(t, "webframeworks.golden", findings(t, dir, stderr))
}

// TestFixWebFrameworks applies every suggested fix to a copy of the
// module: each fix uses its framework's request context, the result
// builds and passes go vet, and exactly the findings that had a fix are
// gone.
func TestFixWebFrameworks(t *testing.T) {
	dir, _, _ := fixModule(t, webFrameworksDir(t))

	// Each framework's context expression, as the fixes wrote it.
	assertWritten(t, dir, "fixed with its framework's context", map[string][]string{
		"hertzapp/orders.go":   {"QueryRowContext(ctx, ", "exec.CommandContext(ctx, ", "case <-ctx.Done():"},
		"kratosapp/catalog.go": {"QueryRowContext(ctx, "},
		"irisapp/users.go": {"QueryRowContext(ctx.Request().Context(), ", "net.DefaultResolver.LookupMX(ctx.Request().Context(), ",
			"ctx.Request().Body = http.MaxBytesReader(ctx.ResponseWriter(), ctx.Request().Body, 1<<20)"},
		"kratosapp/routes.go": {"exec.CommandContext(ctx, ",
			"ctx.Request().Body = http.MaxBytesReader(ctx.Response(), ctx.Request().Body, 1<<20)"},
	})
}
