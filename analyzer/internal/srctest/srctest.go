// Package srctest type-checks Go source held in a string, for the unit
// tests of the packages that read syntax and types.
package srctest

import (
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"strings"
	"testing"
)

// Std imports the standard library from export data.
var Std = importer.Default()

// Check parses src as the file path+".go" of the package path (its last
// element names the file) and type-checks it with imp, failing t on any
// error. Every map of the returned Info is filled in.
func Check(t testing.TB, fset *token.FileSet, path, src string, imp types.Importer) (*ast.File, *types.Package, *types.Info) {
	t.Helper()
	f, err := parser.ParseFile(fset, path[strings.LastIndex(path, "/")+1:]+".go", src, parser.ParseComments)
	if err != nil {
		t.Fatal(err)
	}
	info := &types.Info{
		Types: map[ast.Expr]types.TypeAndValue{}, Defs: map[*ast.Ident]types.Object{},
		Uses: map[*ast.Ident]types.Object{}, Selections: map[*ast.SelectorExpr]*types.Selection{},
	}
	pkg, err := (&types.Config{Importer: imp}).Check(path, fset, []*ast.File{f}, info)
	if err != nil {
		t.Fatal(err)
	}
	return f, pkg, info
}
