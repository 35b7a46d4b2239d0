package analyzer

import (
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// layers are the packages of the analyzer by layer: data flows one way,
// detect → summary → report → the root, and a package imports only
// packages of lower layers (docs/architecture.md).
var layers = map[string]int{
	"catalog": 0, "frameworks": 0, "suppress": 0, "internal/astutil": 0, "internal/srctest": 0, "internal/treetest": 0,
	"noreturn": 1, "fixes": 1, "eventloop": 1, "handlers": 1, "slots": 1,
	"locks": 2, "rules": 2, "summary": 2, "taint": 2,
	// The detectors implement summary's Detector hooks: data flows from
	// them into the summaries, which the root wires together.
	"detect/chanwait": 3, "detect/clienttimeout": 3, "detect/ctxflow": 3, "detect/infiniteloop": 3, "detect/lockheld": 3,
	"report": 4,
	"":       5, // the root: wiring only
}

// TestLayers checks the imports of every non-test file of the analyzer's
// packages against layers; a new package must be given a layer.
func TestLayers(t *testing.T) {
	const module = "github.com/blockcheck/blockcheck/analyzer"
	err := filepath.WalkDir(".", func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if d.Name() == "testdata" {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		pkg := filepath.ToSlash(filepath.Dir(path))
		if pkg == "." {
			pkg = ""
		}
		layer, ok := layers[pkg]
		if !assert.True(t, ok, "package %q has no layer in layers", pkg) {
			return nil
		}
		f, err := parser.ParseFile(token.NewFileSet(), path, nil, parser.ImportsOnly)
		require.NoError(t, err)
		for _, imp := range f.Imports {
			p, _ := strconv.Unquote(imp.Path.Value)
			rest, ok := strings.CutPrefix(p, module)
			if !ok {
				continue
			}
			dep := strings.TrimPrefix(rest, "/")
			assert.Less(t, layers[dep], layer, "%s imports %s: a package imports only lower layers", path, p)
		}
		return nil
	})
	require.NoError(t, err)
}
