package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// -baseline and -summary through the built binary, on the demo and on
// testdata/legacy: one storage method reached by three handlers in two
// packages.

// legacyCopy copies testdata/legacy to a temporary directory, to edit.
func legacyCopy(t *testing.T) string {
	t.Helper()
	src, err := filepath.Abs("../../testdata/legacy")
	require.NoError(t, err)
	dir := t.TempDir()
	require.NoError(t, os.CopyFS(dir, os.DirFS(src)))
	return dir
}

func summaryJSON(t *testing.T, dir string, args ...string) []planRule {
	t.Helper()
	stdout, stderr, code := run(t, dir, binary, append([]string{"-summary", "-json"}, args...)...)
	require.Equal(t, 0, code, stderr)
	var plan []planRule
	require.NoError(t, json.Unmarshal([]byte(stdout), &plan), stdout)
	return plan
}

func TestSummaryLegacy(t *testing.T) {
	dir := legacyCopy(t)
	plan := summaryJSON(t, dir, "./...")
	require.Len(t, plan, 1, "%+v", plan)
	assert.Equal(t, "sqlnoctx", plan[0].Rule)
	assert.Equal(t, 5, plan[0].Findings)
	first := plan[0].Operations[0]
	assert.Equal(t, "example.com/legacy/store.Storage.APIKeyExists", first.Func, "the most reached operation comes first")
	assert.Equal(t, "(*sql.DB).QueryRow", first.Operation)
	assert.Equal(t, []string{
		"example.com/legacy/api.API.Ping", "example.com/legacy/api.API.User", "example.com/legacy/hooks.func literal in Receive",
	}, first.Handlers)
	for _, op := range plan[0].Operations[1:] {
		assert.Len(t, op.Handlers, 1, "%+v", op)
	}

	stdout, stderr, code := run(t, dir, binary, "-summary", "./...")
	assert.Equal(t, 3, code, stderr)
	assert.Contains(t, stdout, "  store.Storage.APIKeyExists: (*sql.DB).QueryRow — 3 handlers (api.API.Ping, api.API.User, hooks.func literal in Receive)\n")
}

// lineRE matches a position in text: a baseline must hold none.
var lineRE = regexp.MustCompile(`\.go:\d`)

func TestBaselineLegacy(t *testing.T) {
	dir := legacyCopy(t)
	baseline := filepath.Join(t.TempDir(), "blockcheck-baseline.json")
	_, stderr, code := run(t, dir, binary, "-baseline="+baseline, "./...")
	require.Equal(t, 0, code, stderr)
	assert.Contains(t, stderr, "wrote 5 findings to "+baseline)
	data, err := os.ReadFile(baseline)
	require.NoError(t, err)
	assert.NotRegexp(t, lineRE, string(data), "a baseline is keyed by what a finding is, not where")

	_, stderr, code = run(t, dir, binary, "-baseline", baseline, "./...")
	assert.Equal(t, 0, code, "baselined findings are reported:\n%s", stderr)
	assert.Empty(t, findings(t, dir, stderr))

	// Unrelated edits move every finding's line and column.
	for _, f := range []string{"api/api.go", "hooks/hooks.go", "store/store.go"} {
		edit(t, filepath.Join(dir, f), func(src string) string {
			src = strings.Replace(src, "\nimport", "\n// Reviewed in the 2026 audit.\n// Owner: platform team.\n\nimport", 1)
			return strings.ReplaceAll(src, "\tvar ", "\n\tvar ")
		})
	}
	_, stderr, code = run(t, dir, binary, "-baseline="+baseline, "./...")
	assert.Equal(t, 0, code, "edits elsewhere resurrect baselined findings:\n%s", stderr)

	// A new handler, and a known handler that reaches a new operation.
	require.NoError(t, os.WriteFile(filepath.Join(dir, "api", "slow.go"), []byte(`package api

import (
	"net/http"
	"time"
)

// Slow answers GET /slow.
func (a *API) Slow(w http.ResponseWriter, r *http.Request) {
	time.Sleep(time.Second)
}
`), 0o644))
	edit(t, filepath.Join(dir, "api/api.go"), func(src string) string {
		return strings.Replace(src, `fmt.Fprintln(w, "pong")`, `fmt.Fprintln(w, "pong")
	a.Store.Touch(r.Header.Get("X-API-Key"))`, 1)
	})
	_, stderr, code = run(t, dir, binary, "-baseline="+baseline, "./...")
	assert.Equal(t, 3, code, stderr)
	got := findings(t, dir, stderr)
	require.Len(t, got, 2, "%s", stderr)
	assert.Contains(t, got[0], "api/api.go:")
	assert.Contains(t, got[0], "sqlnoctx: handler API.Ping reaches (*sql.DB).Exec via Storage.Touch")
	assert.Contains(t, got[1], "api/slow.go:10:2: sleep: ")

	// The summary of what is new.
	plan := summaryJSON(t, dir, "-baseline="+baseline, "./...")
	var rulesSeen []string
	for _, r := range plan {
		rulesSeen = append(rulesSeen, r.Rule)
		assert.Equal(t, 1, r.Findings, "%+v", r)
	}
	assert.ElementsMatch(t, []string{"sleep", "sqlnoctx"}, rulesSeen)
}

func edit(t *testing.T, name string, change func(string) string) {
	t.Helper()
	src, err := os.ReadFile(name)
	require.NoError(t, err)
	out := change(string(src))
	require.NotEqual(t, string(src), out, "the edit of %s changed nothing", name)
	require.NoError(t, os.WriteFile(name, []byte(out), 0o644))
}

// TestBaselineDemo records the demo's findings, then drops one from the
// baseline: that one, and only that one, is reported again.
func TestBaselineDemo(t *testing.T) {
	dir := demoDir(t)
	baseline := filepath.Join(t.TempDir(), "baseline.json")
	_, stderr, code := run(t, dir, binary, "-baseline="+baseline, "./...")
	require.Equal(t, 0, code, stderr)

	var f baselineFile
	data, err := os.ReadFile(baseline)
	require.NoError(t, err)
	require.NoError(t, json.Unmarshal(data, &f))
	count := 0
	kept := f.Findings[:0]
	for _, e := range f.Findings {
		count += e.Count
		if e.Rule != "lockheld" || e.Handler != "Server.getProduct" {
			kept = append(kept, e)
		}
	}
	assert.Equal(t, len(goldenLines(t, "demo.golden")), count, "the baseline holds every finding")
	require.Len(t, kept, len(f.Findings)-1, "the getProduct lockheld finding is in the baseline")
	f.Findings = kept
	data, err = json.Marshal(f)
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(baseline, data, 0o644))

	_, stderr, code = run(t, dir, binary, "-baseline="+baseline, "./...")
	assert.Equal(t, 3, code, stderr)
	got := findings(t, dir, stderr)
	require.Len(t, got, 1, stderr)
	assert.True(t, strings.HasPrefix(got[0], "internal/api/products.go:20:12: lockheld: "), got[0])
}

// TestSummaryDemo checks that the summary accounts for every finding of
// the demo, and names the function to fix.
func TestSummaryDemo(t *testing.T) {
	dir := demoDir(t)
	plan := summaryJSON(t, dir, "./...")
	total := 0
	var lockheld []string
	for _, r := range plan {
		assert.NotEmpty(t, r.Title, r.Rule)
		n := 0
		for _, op := range r.Operations {
			n += op.Findings
			assert.NotEmpty(t, op.Handlers, "%+v", op)
			if r.Rule == "lockheld" {
				lockheld = append(lockheld, op.Func+": "+op.Operation+" ← "+strings.Join(op.Handlers, ", "))
			}
		}
		assert.Equal(t, r.Findings, n, r.Rule)
		total += n
	}
	assert.Equal(t, len(goldenLines(t, "demo.golden")), total)
	assert.Equal(t, []string{
		"example.com/shop/internal/store.ProductCache.Get: c.mu held across (*sql.DB).QueryRowContext ← example.com/shop/internal/api.Server.getProduct",
		"example.com/shop/internal/store.Store.NextInvoiceNumber: invoiceMu held across (*sql.DB).QueryRowContext ← example.com/shop/internal/report.Handlers.Invoice",
	}, lockheld)
}

func goldenLines(t *testing.T, name string) []string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", name))
	require.NoError(t, err)
	return strings.Split(strings.TrimSpace(string(data)), "\n")
}
