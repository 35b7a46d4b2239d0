package main

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// lineDirectiveHandler was generated from a template: //line directives
// number its statements 500 and 900, past the file's 16 lines.
const lineDirectiveHandler = `package ld

import (
	"io"
	"net/http"
	"time"
)

// Slow was generated from gen.tmpl; the //line directives point there.
func Slow(w http.ResponseWriter, r *http.Request) {
//line gen.tmpl:500
	time.Sleep(time.Second)
//line gen.tmpl:900
	body, _ := io.ReadAll(r.Body)
	_, _ = w.Write(body)
}
`

// Regression: building the fixes used the line numbers //line directives
// report as lines of the file, and panicked ("invalid line number 500") in
// every mode.
func TestRegression_LineDirective(t *testing.T) {
	dir := writeModule(t, map[string]string{
		"go.mod": "module example.com/ld\n\ngo 1.26\n",
		"h.go":   lineDirectiveHandler,
	})
	_, stderr, code := run(t, dir, binary, "./...")
	assert.Equal(t, 3, code, stderr)
	assert.NotContains(t, stderr, "panic")
	assert.Contains(t, stderr, "gen.tmpl:500: sleep: ")
	assert.Contains(t, stderr, "gen.tmpl:900: bodyread: ")

	_, stderr, code = run(t, dir, "go", "vet", "-vettool="+binary, "./...")
	assert.Equal(t, 1, code, stderr)
	assert.NotContains(t, stderr, "panic")
	assert.Contains(t, stderr, "gen.tmpl:500: sleep: ")

	_, stderr, code = run(t, dir, binary, "-fix", "./...")
	require.Equal(t, 0, code, stderr)
	fixed, err := os.ReadFile(filepath.Join(dir, "h.go"))
	require.NoError(t, err)
	assert.Contains(t, string(fixed), "//line gen.tmpl:500\n\tselect {\n\tcase <-time.After(time.Second):", "the fix keeps the statement's indent")
	_, stderr, code = run(t, dir, "go", "build", "./...")
	require.Equal(t, 0, code, "the fixed file does not build:\n%s\n%s", stderr, fixed)
	_, stderr, code = run(t, dir, binary, "./...")
	assert.Equal(t, 0, code, "findings left after -fix:\n%s", stderr)
}
