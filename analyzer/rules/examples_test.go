package rules_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"

	"github.com/blockcheck/blockcheck/analyzer"
	"github.com/blockcheck/blockcheck/analyzer/rules"
)

// stdImports are the packages the examples may use, by name. The pages
// leave out the import lines; the test adds the ones an example uses.
var stdImports = map[string]string{
	"context":  "context",
	"errors":   "errors",
	"exec":     "os/exec",
	"filepath": "path/filepath",
	"fmt":      "fmt",
	"http":     "net/http",
	"io":       "io",
	"net":      "net",
	"sql":      "database/sql",
	"sync":     "sync",
	"time":     "time",
	"tls":      "crypto/tls",
	"url":      "net/url",
	"os":       "os",
	"strconv":  "strconv",
}

// stubImports are the third-party packages the examples may use, by name:
// the analysistest stubs of their modules (stubModules) under
// ../testdata/src, put in place with replace directives. The real modules
// are tested in testdata/eventloop.
var stubImports = map[string]string{
	"gnet":      "github.com/panjf2000/gnet/v2",
	"goroutine": "github.com/panjf2000/gnet/v2/pkg/pool/goroutine",
}

var stubModules = []string{"github.com/panjf2000/gnet/v2", "github.com/panjf2000/ants/v2"}

// stubVersion is the version a stub module is required at: any version of
// its major version will do, the replace directive decides.
func stubVersion(m string) string {
	if _, v, ok := strings.Cut(m, "/v"); ok && !strings.Contains(v, "/") {
		return "v" + v + ".0.0"
	}
	return "v0.0.0"
}

// helpers declares what an example calls but does not show.
var helpers = map[string]string{
	rules.Sleep: "func validCoupon(code string) bool { return code != \"\" }\n",
}

// TestExamples type-checks the Bad and Good example of every rule and runs
// blockcheck on them: Bad must be reported under its rule, Good not at all.
func TestExamples(t *testing.T) {
	if testing.Short() {
		t.Skip("loads and type-checks the standard library")
	}
	dir := t.TempDir()
	write := func(name, content string) {
		path := filepath.Join(dir, name)
		require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))
		require.NoError(t, os.WriteFile(path, []byte(content), 0o644))
	}
	gomod := "module example.com/examples\n\ngo 1.26\n"
	for _, m := range stubModules {
		stub := filepath.Join("stubs", filepath.FromSlash(m))
		require.NoError(t, os.CopyFS(filepath.Join(dir, stub), os.DirFS(filepath.Join("..", "testdata", "src", filepath.FromSlash(m)))))
		write(filepath.Join(stub, "go.mod"), "module "+m+"\n\ngo 1.26\n")
		gomod += "\nrequire " + m + " " + stubVersion(m) + "\n\nreplace " + m + " => ./" + filepath.ToSlash(stub) + "\n"
	}
	write("go.mod", gomod)
	for _, r := range rules.All() {
		write(filepath.Join("bad"+r.ID, "example.go"), source(t, "bad"+r.ID, r.Bad+"\n\n"+helpers[r.ID]))
		write(filepath.Join("good"+r.ID, "example.go"), source(t, "good"+r.ID, r.Good+"\n\n"+helpers[r.ID]))
	}

	cfg := &packages.Config{
		Mode: packages.LoadAllSyntax,
		Dir:  dir,
		Env:  append(os.Environ(), "GO111MODULE=on", "GOPROXY=off", "GOSUMDB=off", "GOWORK=off", "GOFLAGS=-mod=mod"),
	}
	pkgs, err := packages.Load(cfg, "./...")
	require.NoError(t, err)
	require.Len(t, pkgs, 2*len(rules.All()))
	for _, p := range pkgs {
		for _, e := range p.Errors {
			t.Errorf("%s: the example does not compile: %v", p.PkgPath, e)
		}
	}
	if t.Failed() {
		return
	}

	res, err := checker.Analyze([]*analysis.Analyzer{analyzer.Analyzer}, pkgs, nil)
	require.NoError(t, err)
	got := make(map[string][]string) // package name → "category: message"
	for _, act := range res.Roots {
		require.NoError(t, act.Err, act.Package.PkgPath)
		for _, d := range act.Diagnostics {
			got[act.Package.Name] = append(got[act.Package.Name], d.Category+": "+d.Message)
		}
	}
	for _, r := range rules.All() {
		bad, good := got["bad"+r.ID], got["good"+r.ID]
		assert.True(t, slices.ContainsFunc(bad, func(d string) bool { return strings.HasPrefix(d, r.ID+": ") }),
			"rule %s: the Bad example is not reported under its rule; got %q", r.ID, bad)
		if r.Family != rules.Meta {
			for _, d := range bad {
				assert.True(t, strings.HasPrefix(d, r.ID+": "), "rule %s: the Bad example reports another rule: %s", r.ID, d)
			}
		}
		assert.Empty(t, good, "rule %s: the Good example is reported", r.ID)
	}
}

// source makes a file of an example: a package clause and the imports of
// the standard packages it names.
func source(t *testing.T, pkg, decls string) string {
	t.Helper()
	src := "package " + pkg + "\n\n" + decls
	f, err := parser.ParseFile(token.NewFileSet(), "example.go", src, parser.SkipObjectResolution)
	require.NoError(t, err, "example of package %s:\n%s", pkg, decls)
	used := make(map[string]bool)
	ast.Inspect(f, func(n ast.Node) bool {
		if sel, ok := n.(*ast.SelectorExpr); ok {
			if id, ok := sel.X.(*ast.Ident); ok && stdImports[id.Name] != "" {
				used[stdImports[id.Name]] = true
			} else if ok && stubImports[id.Name] != "" {
				used[stubImports[id.Name]] = true
			}
		}
		return true
	})
	var imports []string
	for path := range used {
		imports = append(imports, "\t"+strconv.Quote(path)+"\n")
	}
	slices.Sort(imports)
	return "package " + pkg + "\n\nimport (\n" + strings.Join(imports, "") + ")\n\n" + decls
}
