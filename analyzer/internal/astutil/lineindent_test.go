package astutil

import (
	"go/parser"
	"go/token"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestLineIndentOffsets(t *testing.T) {
	src := "package p\n\nfunc f() {\n\tif true {\n\t\tg()\n\t}\n}\n\n  func g() {}\n"
	fset := token.NewFileSet()
	tf := fset.AddFile("p.go", -1, len(src))
	tf.SetLinesForContent([]byte(src))
	at := func(s string) token.Pos { return tf.Pos(strings.Index(src, s)) }
	assert.Equal(t, "\t\t", LineIndent(fset, []byte(src), at("g()")))
	assert.Equal(t, "\t", LineIndent(fset, []byte(src), at("if true")))
	assert.Equal(t, "", LineIndent(fset, []byte(src), at("func f")))
	assert.Equal(t, "  ", LineIndent(fset, []byte(src), at("func g")))
	assert.Equal(t, "", LineIndent(fset, []byte(src), token.NoPos))
}

// TestLineIndentLineDirective: a //line directive renumbers the lines
// positions report (here to 500, past the file's end); the indent is
// still the one of the physical line, and nothing panics.
func TestLineIndentLineDirective(t *testing.T) {
	src := "package p\n\nfunc f() {\n//line gen.tmpl:500\n\t\tg()\n}\n"
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "p.go", src, parser.ParseComments)
	require.NoError(t, err)
	pos := fset.File(f.Pos()).Pos(strings.Index(src, "g()"))
	require.Equal(t, 500, fset.Position(pos).Line, "the directive must apply for this test to mean anything")
	assert.Equal(t, "\t\t", LineIndent(fset, []byte(src), pos))
}
