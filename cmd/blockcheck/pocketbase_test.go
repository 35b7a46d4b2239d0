package main

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// PocketBase against the real module: testdata/pocketbase is a notes app
// on github.com/pocketbase/pocketbase v0.36.8 (go.mod, complete go.sum)
// with custom routes on se.Router, a request hook (OnRecordCreateRequest)
// and code that must stay silent: OnServe's setup, a cron job, a model
// hook (OnRecordAfterCreateSuccess, which also fires outside requests),
// work started on a goroutine, a handler that passes the request's
// context down, and a body read, which PocketBase's router limits.
// PocketBase compiles modernc.org/sqlite: the first run is slow.

// pocketbaseDir is the PocketBase app module.
func pocketbaseDir(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("fetches and builds PocketBase")
	}
	dir, err := filepath.Abs("../../testdata/pocketbase")
	require.NoError(t, err)
	return dir
}

// silentInPocketBase are the handlers that must have no finding.
var silentInPocketBase = []string{"API.getNoteFast", "API.touch", "API.importNotes"}

func TestStandalonePocketBase(t *testing.T) {
	dir := pocketbaseDir(t)
	_, stderr, code := run(t, dir, binary, "./...")
	require.Equal(t, 3, code, "standalone exit code with findings; stderr:\n%s", stderr)
	got := findings(t, dir, stderr)
	checkGolden(t, "pocketbase.golden", got)
	for _, f := range got {
		for _, silent := range silentInPocketBase {
			assert.NotContains(t, f, "handler "+silent+" ", "must stay silent")
		}
		assert.NotContains(t, f, "main.go", "OnServe setup and the cron job are not request paths")
		assert.NotContains(t, f, "func literal in Bind", "a model hook is not a request path")
		assert.NotContains(t, f, "Store.Touch", "work started on a goroutine is not the request's")
		assert.NotContains(t, f, "bodyread", "PocketBase limits every request body")
	}
}

func TestVetPocketBase(t *testing.T) {
	dir := pocketbaseDir(t)
	_, stderr, code := run(t, dir, "go", "vet", "-vettool="+binary, "./...")
	assert.Equal(t, 1, code, "go vet exit code with findings; stderr:\n%s", stderr)
	checkGolden(t, "pocketbase.golden", findings(t, dir, stderr))
}

// TestFixPocketBase applies the suggested fixes to a copy: it builds and
// passes go vet, exactly the finding with a fix (the time.Sleep of the
// export's retries; http.Get and http.PostForm have none) is gone, and the
// fix waits for the request's context, e.Request.Context(). (Two runs of
// blockcheck on PocketBase, not three: the findings before are the golden
// file's.)
func TestFixPocketBase(t *testing.T) {
	src := pocketbaseDir(t)
	dir := t.TempDir()
	require.NoError(t, os.CopyFS(dir, os.DirFS(src)))

	_, stderr, code := run(t, dir, binary, "-fix", "./...")
	require.Equal(t, 0, code, "blockcheck -fix: %s", stderr)
	_, stderr, code = run(t, dir, "go", "vet", "./...")
	require.Equal(t, 0, code, "the fixed module fails go vet (or does not build):\n%s", stderr)

	stdout, stderr, code := run(t, dir, binary, "-json", "./...")
	require.Equal(t, 0, code, stderr)
	after, fixable := jsonFindings(t, dir, stdout)
	assert.Empty(t, fixable, "every fix was applied")

	golden, err := os.ReadFile(filepath.Join("testdata", "pocketbase.golden"))
	require.NoError(t, err)
	fixed := []string{"sleep: time.Sleep in handler API.export "}
	var want []string
	for f := range strings.Lines(string(golden)) {
		f = line.ReplaceAllString(position.ReplaceAllString(strings.TrimSpace(f), "$1: "), "$1:N")
		if !slices.ContainsFunc(fixed, func(s string) bool { return strings.Contains(f, s) }) {
			want = append(want, f)
		}
	}
	slices.Sort(want)
	assert.Len(t, want, 9-len(fixed), "the golden file has the findings this test expects")
	assert.Equal(t, want, after, "the findings left after -fix are the ones without a fix")

	text, err := os.ReadFile(filepath.Join(dir, "internal/notes/api.go"))
	require.NoError(t, err)
	assert.Contains(t, string(text), "case <-e.Request.Context().Done():", "the sleep waits for the request's context")
}
