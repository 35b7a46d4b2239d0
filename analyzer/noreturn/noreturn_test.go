package noreturn_test

import (
	"go/ast"
	"go/token"
	"go/types"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"golang.org/x/tools/go/analysis"

	"github.com/blockcheck/blockcheck/analyzer/internal/srctest"
	"github.com/blockcheck/blockcheck/analyzer/noreturn"
)

const src = `package p

import (
	"log"
	"os"
	"other"
)

func Die(msg string) { log.Fatal(msg) }

func dieTwice() { Die("a") }

func Exit(code int) {
	if code == 0 {
		os.Exit(0)
	} else {
		panic(code)
	}
}

func Maybe(ok bool) {
	if ok {
		return
	}
	log.Fatal("no")
}

func halfIf(ok bool) {
	if ok {
		os.Exit(1)
	}
}

func Literal() {
	f := func() { return }
	f()
	panic("done")
}

type T struct{ l *log.Logger }

func (t *T) Fatal(err error) { t.l.Fatalf("%v", err) }

func main() { log.Fatal("main") }

func calls(t *T, l *log.Logger) {
	Die("x")
	dieTwice()
	Maybe(true)
	halfIf(true)
	Literal()
	t.Fatal(nil)
	l.Printf("x")
	os.Exit(2)
	panic("p")
	other.Fatal()
	other.Returns()
	println()
}
`

// otherSrc is another package, whose Fatal the test marks with a fact.
const otherSrc = `package other

func Fatal()   {}
func Returns() {}
`

type importer2 struct {
	std   types.Importer
	other *types.Package
}

func (i importer2) Import(path string) (*types.Package, error) {
	if path == "other" {
		return i.other, nil
	}
	return i.std.Import(path)
}

func TestFind(t *testing.T) {
	fset := token.NewFileSet()
	_, other, _ := srctest.Check(t, fset, "other", otherSrc, srctest.Std)
	f, pkg, info := srctest.Check(t, fset, "p", src, importer2{srctest.Std, other})

	var exported []string
	pass := &analysis.Pass{
		Fset: fset, Files: []*ast.File{f}, Pkg: pkg, TypesInfo: info,
		ImportObjectFact: func(obj types.Object, _ analysis.Fact) bool {
			return obj == other.Scope().Lookup("Fatal")
		},
		ExportObjectFact: func(obj types.Object, fact analysis.Fact) {
			assert.Equal(t, "noReturn", fact.(interface{ String() string }).String())
			exported = append(exported, obj.Name())
		},
	}
	o := noreturn.Find(pass)
	// Only exported names get a fact: no other package can call the rest.
	assert.Equal(t, []string{"Die", "Exit", "Literal", "Fatal"}, exported)

	var returns, ends []string
	for _, d := range f.Decls {
		fd, ok := d.(*ast.FuncDecl)
		if !ok || fd.Name.Name != "calls" {
			continue
		}
		for _, st := range fd.Body.List {
			call := st.(*ast.ExprStmt).X.(*ast.CallExpr)
			name := types.ExprString(call.Fun)
			if o.Returns(call) {
				returns = append(returns, name)
			} else {
				ends = append(ends, name)
			}
			// The standard library alone: the catalogue and panic.
			assert.Equal(t, slices.Contains([]string{"os.Exit", "panic", "t.Fatal"}, name), !noreturn.Std(info).Returns(call), "Std: %s", name)
		}
	}
	assert.Equal(t, []string{"Die", "dieTwice", "Literal", "t.Fatal", "os.Exit", "panic", "other.Fatal"}, ends)
	assert.Equal(t, []string{"Maybe", "halfIf", "l.Printf", "other.Returns", "println"}, returns)
}
