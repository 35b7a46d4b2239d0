package suppress

import (
	"go/ast"
	"go/parser"
	"go/token"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// FuzzParse: any comment is a well-formed directive, a problem, or
// nothing, never a panic; a well-formed one names known rules and has no
// problem. Seeds are in testdata/fuzz/FuzzParse; .ci/run runs it for a
// few seconds:
//
//	go test -run '^$' -fuzz '^FuzzParse$' -fuzztime 10s ./analyzer/suppress
func FuzzParse(f *testing.F) {
	for _, s := range []string{
		"//blockcheck:ignore sleep the vendor asks for 1s between calls",
		"//blockcheck:ignore sleep,chanwait reviewed in #412",
		"//blockcheck:ignore\tsleep\treason",
		"//blockcheck:ignore sleep, chanwait reason",
		"//blockcheck:ignore",
		"// blockcheck:ignore sleep because",
		"/*blockcheck:ignore sleep because*/",
		"//blockcheck:ignore ,, x",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		rules, ok, problem := parse(text, known)
		if ok {
			assert.Empty(t, problem)
			require.NotEmpty(t, rules)
			for _, r := range rules {
				assert.True(t, known(r), "%q silences unknown rule %q", text, r)
			}
		} else {
			assert.Empty(t, rules)
		}
		// The same text in a file, wherever the index puts it.
		src := "package p\n\nfunc f() {\n\t" + text + "\n\tg()\n}\n\nfunc g() {}\n"
		fset := token.NewFileSet()
		file, err := parser.ParseFile(fset, "p.go", src, parser.ParseComments)
		if err != nil {
			return
		}
		ix, _ := Parse(fset, []*ast.File{file}, known)
		ix.Ignored(file.Pos(), "sleep")
	})
}
