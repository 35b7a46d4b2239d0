package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The handlers of the web and RPC frameworks, against the real modules:
// testdata/frameworks is a module of its own that requires gin, echo v4 and
// v5, fiber v2 and v3, fasthttp, chi, gorilla/mux, grpc and connect at
// pinned versions (go.mod; go.sum is complete, and the go command fetches
// the modules from the module proxy the first time). Each framework has a
// small service with findings, fixes and code that must stay silent; the
// generated gRPC and connect code is hand-written in the generators'
// shapes. docs/frameworks.md lists what is recognised.

// frameworksDir is the module of framework services.
func frameworksDir(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("fetches and builds the web and RPC frameworks")
	}
	dir, err := filepath.Abs("../../testdata/frameworks")
	require.NoError(t, err)
	return dir
}

// declareInHouse are the flags that declare the module's in-house
// framework, acmeweb, to blockcheck.
var declareInHouse = []string{
	"-handler-shapes=func(*example.com/frameworks/acmeweb.Ctx) error={0}.Context()",
	"-handler-registrations=example.com/frameworks/acmeweb.(*Router).Endpoint",
}

// frameworkFiles are the files with findings: one service per framework
// (with the in-house one declared), and nothing else.
var frameworkFiles = []string{
	"chiapp/accounts.go", "chiapp/export.go", "connectapp/eliza.go", "connectapp/greet.go", "echov4app/invoices.go",
	"echov5app/imports.go", "echov5app/reports.go", "fasthttpapp/batch.go", "fasthttpapp/server.go",
	"fiberv2app/search.go", "fiberv2app/users.go", "fiberv3app/catalog.go", "fiberv3app/search.go",
	"ginapp/invoices.go", "ginapp/orders.go", "ginapp/stats.go", "grpcapp/health.go", "grpcapp/interceptors.go",
	"grpcapp/routeguide.go", "inhouse/billing.go", "muxapp/articles.go", "muxapp/pages.go",
}

func TestStandaloneFrameworks(t *testing.T) {
	dir := frameworksDir(t)
	_, stderr, code := run(t, dir, binary, append(slices.Clone(declareInHouse), "./...")...)
	require.Equal(t, 3, code, "standalone exit code with findings; stderr:\n%s", stderr)
	got := findings(t, dir, stderr)
	checkGolden(t, "frameworks.golden", got)

	var files []string
	for _, f := range got {
		file, _, _ := strings.Cut(f, ":")
		files = append(files, file)
		// What must stay silent: the context-aware variants, main,
		// background workers, methods outside a service, generated code.
		for _, silent := range []string{
			"Server.getOrderFast", "Server.Sweep", "Server.renderPDFContext", "Server.count",
			"Server.getUserContext", "Server.productContext", "Patient", "Server.accountContext",
			"Server.articleContext", "RouteGuide.RouteChat", "RouteGuide.Warm", "Health.List", "Deadline",
			"Admin.count", `for "GET /ready"`, "Stats.cached",
		} {
			assert.NotContains(t, f, "handler "+silent+" ", "must stay silent")
		}
	}
	slices.Sort(files)
	assert.Equal(t, frameworkFiles, slices.Compact(files))
}

// TestVetFrameworks runs the same under go vet, where each package is
// analyzed on its own and the frameworks' types come from export data: the
// gRPC and connect services are found in their packages although main
// registers them.
func TestVetFrameworks(t *testing.T) {
	dir := frameworksDir(t)
	args := append([]string{"vet", "-vettool=" + binary}, declareInHouse...)
	_, stderr, code := run(t, dir, "go", append(args, "./...")...)
	assert.Equal(t, 1, code, "go vet exit code with findings; stderr:\n%s", stderr)
	checkGolden(t, "frameworks.golden", findings(t, dir, stderr))
}

// TestUndeclaredFramework: without the flags, blockcheck infers the
// in-house framework's handlers from its adapters (Router.Route and
// Router.Endpoint call the function they are given inside a net/http
// handler they build), and their request context from the Context()
// method of their request types: the same findings as declared, at the
// same places, with the same contexts, under the adapter's name.
func TestUndeclaredFramework(t *testing.T) {
	dir := frameworksDir(t)
	_, stderr, code := run(t, dir, binary, "./inhouse/...", "./acmeweb/...")
	require.Equal(t, 3, code, stderr)
	undeclared := findings(t, dir, stderr)
	_, stderr, code = run(t, dir, binary, append(slices.Clone(declareInHouse), "./inhouse/...", "./acmeweb/...")...)
	require.Equal(t, 3, code, stderr)
	declared := findings(t, dir, stderr)
	require.Len(t, undeclared, len(declared))
	where := regexp.MustCompile(`^\S+ \w+: `)
	context := regexp.MustCompile(`with (\w+\.Context\(\))|and (\w+\.Context\(\))\.Done`)
	for i := range declared {
		assert.Equal(t, where.FindString(declared[i]), where.FindString(undeclared[i]), "the same rule at the same place")
		assert.Equal(t, context.FindStringSubmatch(declared[i]), context.FindStringSubmatch(undeclared[i]), "the same context")
		assert.Contains(t, undeclared[i], "(served by Router.", "named after the adapter that serves it")
	}
}

// TestVendoredFrameworks analyzes a vendored copy: the frameworks' types
// come from vendor/, under the same import paths, and match the same.
func TestVendoredFrameworks(t *testing.T) {
	src := frameworksDir(t)
	dir := t.TempDir()
	require.NoError(t, os.CopyFS(dir, os.DirFS(src)))
	_, stderr, code := run(t, dir, "go", "mod", "vendor")
	require.Equal(t, 0, code, stderr)
	_, stderr, code = run(t, dir, binary, append(slices.Clone(declareInHouse), "./...")...)
	require.Equal(t, 3, code, stderr)
	checkGolden(t, "frameworks.golden", findings(t, dir, stderr))
}

// TestFixFrameworks applies every suggested fix to a copy of the module:
// each fix uses its framework's request context, the result builds and
// passes go vet, and exactly the findings that had a fix are gone.
func TestFixFrameworks(t *testing.T) {
	src := frameworksDir(t)
	dir := t.TempDir()
	require.NoError(t, os.CopyFS(dir, os.DirFS(src)))

	stdout, stderr, code := run(t, dir, binary, append(slices.Clone(declareInHouse), "-json", "./...")...)
	require.Equal(t, 0, code, stderr)
	before, fixable := jsonFindings(t, dir, stdout)
	require.NotEmpty(t, fixable)

	_, stderr, code = run(t, dir, binary, append(slices.Clone(declareInHouse), "-fix", "./...")...)
	require.Equal(t, 0, code, "blockcheck -fix: %s", stderr)
	_, stderr, code = run(t, dir, "go", "build", "./...")
	require.Equal(t, 0, code, "the fixed module does not build:\n%s", stderr)
	_, stderr, code = run(t, dir, "go", "vet", "./...")
	require.Equal(t, 0, code, "the fixed module fails go vet:\n%s", stderr)

	stdout, stderr, code = run(t, dir, binary, append(slices.Clone(declareInHouse), "-json", "./...")...)
	require.Equal(t, 0, code, stderr)
	after, _ := jsonFindings(t, dir, stdout)
	var want []string
	for _, f := range before {
		if !slices.Contains(fixable, f) {
			want = append(want, f)
		}
	}
	assert.Equal(t, want, after, "the findings left after -fix are the ones without a fix")

	// Each framework's context expression, as the fixes wrote it.
	for file, expr := range map[string]string{
		"ginapp/orders.go":      "QueryRowContext(c.Request.Context(), ",
		"echov4app/invoices.go": "exec.CommandContext(c.Request().Context(), ",
		"echov5app/reports.go":  "QueryContext(c.Request().Context(), ",
		"fiberv2app/users.go":   "QueryContext(c.UserContext(), ",
		"fiberv3app/catalog.go": "DialContext(c.Context(), ",
		"fasthttpapp/server.go": "exec.CommandContext(ctx, ",
		"chiapp/accounts.go":    "case <-r.Context().Done():",
		"grpcapp/routeguide.go": "case <-stream.Context().Done():",
		"grpcapp/health.go":     "DialContext(ctx, ",
		"connectapp/greet.go":   "PingContext(ctx)",
		"connectapp/eliza.go":   "exec.CommandContext(ctx, ",
		"inhouse/billing.go":    "QueryRowContext(c.Context(), ",
	} {
		text, err := os.ReadFile(filepath.Join(dir, file))
		require.NoError(t, err)
		assert.Contains(t, string(text), expr, "%s: fixed with its framework's context", file)
	}
}

// position is the line and column of a finding, and line is a line named
// in its message: fixes above them move them.
var (
	position = regexp.MustCompile(`^([^:]+):\d+:\d+: `)
	line     = regexp.MustCompile(`(\.go):\d+\b`)
)

// jsonFindings reads blockcheck -json output: every finding as "file: message"
// (lines left out), sorted, and those that come with a fix.
func jsonFindings(t *testing.T, root, stdout string) (all, fixable []string) {
	t.Helper()
	var tree map[string]map[string]json.RawMessage
	require.NoError(t, json.Unmarshal([]byte(stdout), &tree), stdout)
	for _, byAnalyzer := range tree {
		raw, ok := byAnalyzer["blockcheck"]
		if !ok {
			continue
		}
		var diags []struct {
			Posn           string            `json:"posn"`
			Message        string            `json:"message"`
			SuggestedFixes []json.RawMessage `json:"suggested_fixes"`
		}
		require.NoError(t, json.Unmarshal(raw, &diags), string(raw))
		for _, d := range diags {
			f, ok := relFinding(t, root, d.Posn+": "+d.Message)
			require.True(t, ok, d.Posn)
			f = line.ReplaceAllString(position.ReplaceAllString(f, "$1: "), "$1:N")
			all = append(all, f)
			if len(d.SuggestedFixes) > 0 {
				fixable = append(fixable, f)
			}
		}
	}
	slices.Sort(all)
	slices.Sort(fixable)
	return all, fixable
}
