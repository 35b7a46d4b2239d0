package astutil

import (
	"go/parser"
	"go/token"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

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
