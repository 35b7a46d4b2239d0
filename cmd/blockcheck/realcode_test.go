package main

import (
	"encoding/json"
	"os"
	"os/exec"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestRealCode runs blockcheck on a large body of real Go code it was not
// written against: golang.org/x/tools at the version this module requires
// (216 packages, handlers among them). It must not crash, and it must
// report exactly what is true there: every other finding it made there so
// far was a false positive, now fixed (a local errgroup.Group join
// reported as a shared wait). The one finding is go/types' playground
// (go/types/internal/play), a local debugging server whose handler
// copies the request body, unbounded, into a temporary file.
func TestRealCode(t *testing.T) {
	if testing.Short() {
		t.Skip("copies and analyzes golang.org/x/tools; skipped with -short")
	}
	out, err := exec.Command("go", "mod", "download", "-json", "golang.org/x/tools@v0.52.0").Output()
	require.NoError(t, err)
	var mod struct{ Dir string }
	require.NoError(t, json.Unmarshal(out, &mod))
	dir := t.TempDir()
	// The module cache is read-only; analyze a copy, as a user's checkout.
	require.NoError(t, os.CopyFS(dir, os.DirFS(mod.Dir)))

	_, stderr, code := run(t, dir, binary, "./...")
	assert.Equal(t, 3, code, "blockcheck on golang.org/x/tools:\n%s", stderr)
	assert.Equal(t, []string{
		"go/types/internal/play/play.go:79:15: bodyread: io.Copy(f, req.Body) in handler handleSelectJSON copies the whole request body to a file, " +
			"as much as the client sends, with no size limit; limit the body first: req.Body = http.MaxBytesReader(w, req.Body, 1<<20)",
	}, findings(t, dir, stderr))
}
