package suppress

import (
	"go/ast"
	"go/parser"
	"go/token"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func known(id string) bool { return slices.Contains([]string{"sleep", "chanwait", "sqlnoctx"}, id) }

func TestParseDirective(t *testing.T) {
	tests := []struct {
		text    string
		rules   []string
		ok      bool
		problem string // a substring of the problem, "" for none
	}{
		{"//blockcheck:ignore sleep the vendor asks for 1s between calls", []string{"sleep"}, true, ""},
		{"//blockcheck:ignore sleep,chanwait reviewed in #412", []string{"sleep", "chanwait"}, true, ""},
		{"//blockcheck:ignore\tsleep\treason", []string{"sleep"}, true, ""},
		{"//blockcheck:ignore sleep", nil, false, "needs a reason"},
		{"//blockcheck:ignore", nil, false, "needs a rule ID and a reason"},
		{"//blockcheck:ignore   ", nil, false, "needs a rule ID and a reason"},
		{"//blockcheck:ignore sleeping because", nil, false, "unknown rule sleeping"},
		{"//blockcheck:ignore sleep,nope because", nil, false, "unknown rule nope"},
		{"// blockcheck:ignore sleep because", nil, false, "no space after //"},
		{"//blockcheck:ignored sleep because", nil, false, ""},
		{"//blockcheck:handler", nil, false, ""},
		{"// an ordinary comment about blockcheck", nil, false, ""},
		{"/*blockcheck:ignore sleep because*/", nil, false, ""},
	}
	for _, tt := range tests {
		rules, ok, problem := parse(tt.text, known)
		assert.Equal(t, tt.ok, ok, "parse(%q) ok", tt.text)
		assert.Equal(t, tt.rules, rules, "parse(%q) rules", tt.text)
		if tt.problem == "" {
			assert.Empty(t, problem, "parse(%q) problem", tt.text)
		} else {
			assert.Contains(t, problem, tt.problem, "parse(%q) problem", tt.text)
		}
	}
}

const src = `package p

func a() {
	//blockcheck:ignore sleep line above
	sleep()
	sleep()
}

func b() {
	sleep() //blockcheck:ignore chanwait end of line
}

// c is reviewed as a whole.
//
//blockcheck:ignore sqlnoctx whole function
func c() {
	query()

	query()
}

func d() {
	query()
	//blockcheck:ignore sleep
	sleep()
	//blockcheck:ignore nope reason
	sleep()
}

func sleep() {}
func query() {}
`

func TestIndex(t *testing.T) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "p.go", src, parser.ParseComments)
	require.NoError(t, err)
	ix, problems := Parse(fset, []*ast.File{f}, known)

	tf := fset.File(f.Pos())
	line := func(n int) token.Pos { return tf.LineStart(n) + 1 } // inside the line
	lineOf := func(s string, nth int) int {
		off := 0
		for range nth {
			i := strings.Index(src[off:], s)
			require.GreaterOrEqual(t, i, 0)
			off += i + len(s)
		}
		return tf.Line(tf.Pos(off - len(s)))
	}

	// a: the directive covers its line and the next.
	first := lineOf("\tsleep()", 1)
	assert.True(t, ix.Ignored(line(first), "sleep"), "statement below the directive")
	assert.False(t, ix.Ignored(line(first), "chanwait"), "another rule")
	assert.False(t, ix.Ignored(line(first+1), "sleep"), "two lines below the directive")

	// b: at the end of the line.
	endOfLine := lineOf("sleep() //blockcheck", 1)
	assert.True(t, ix.Ignored(line(endOfLine), "chanwait"))
	assert.False(t, ix.Ignored(line(endOfLine), "sleep"))

	// c: the doc comment covers the whole function, blank lines included.
	assert.True(t, ix.Ignored(line(lineOf("\tquery()", 1)), "sqlnoctx"))
	assert.True(t, ix.Ignored(line(lineOf("\tquery()", 2)), "sqlnoctx"))
	assert.False(t, ix.Ignored(line(lineOf("\tquery()", 1)), "sleep"))
	// … and nothing outside it.
	assert.False(t, ix.Ignored(line(lineOf("\tquery()", 3)), "sqlnoctx"))

	// d: malformed directives silence nothing and are problems.
	assert.False(t, ix.Ignored(line(lineOf("\tsleep()", 4)), "sleep"))
	assert.False(t, ix.Ignored(line(lineOf("\tsleep()", 5)), "sleep"))
	require.Len(t, problems, 2)
	assert.Contains(t, problems[0].Message, "needs a reason")
	assert.Contains(t, problems[1].Message, "unknown rule nope")
	for _, p := range problems {
		assert.True(t, strings.HasPrefix(src[tf.Offset(p.Pos):], "//blockcheck:ignore"), "problem positioned at its directive")
		assert.Less(t, p.Pos, p.End)
	}

	// Edge cases never panic and silence nothing.
	assert.False(t, ix.Ignored(token.NoPos, "sleep"))
	assert.False(t, ix.Ignored(line(first), ""))
	var nilIndex *Index
	assert.False(t, nilIndex.Ignored(line(first), "sleep"))
}

// TestNoDirectives covers the fast path of files that mention no
// directive.
func TestNoDirectives(t *testing.T) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "p.go", "package p\n\n// f does things.\nfunc f() {}\n", parser.ParseComments)
	require.NoError(t, err)
	ix, problems := Parse(fset, []*ast.File{f}, known)
	assert.Empty(t, problems)
	assert.False(t, ix.Ignored(f.Decls[0].Pos(), "sleep"))
}

// Regression: a directive at the end of a line covered the line below it
// too, so a reviewed statement silenced the next, unreviewed one.
func TestRegression_TrailingDirectiveCoversNextLine(t *testing.T) {
	src := "package p\n\nfunc f() {\n\tsleep() //blockcheck:ignore sleep 1ms of jitter, reviewed\n\tsleep()\n}\n\nfunc sleep() {}\n"
	ix, tf := parseOne(t, src)
	assert.True(t, ix.Ignored(tf.LineStart(4)+1, "sleep"), "the reviewed line")
	assert.False(t, ix.Ignored(tf.LineStart(5)+1, "sleep"), "the line after a trailing directive")
}

// Regression: "sleep, chanwait" (a space after the comma) was reported as
// "names unknown rule " with an empty name, which did not tell the user
// what is wrong.
func TestRegression_SpaceInRuleList(t *testing.T) {
	_, ok, problem := parse("//blockcheck:ignore sleep, chanwait reviewed in #412", known)
	assert.False(t, ok)
	assert.NotRegexp(t, `unknown rule\s*$`, problem, "the problem names no rule")
}

// Regression: lines were the ones //line directives report, so a
// directive silenced every statement the directives mapped to its line.
func TestRegression_LineDirectives(t *testing.T) {
	src := "package p\n\nfunc f() {\n//line gen.tmpl:10\n\tsleep() //blockcheck:ignore sleep reviewed\n//line gen.tmpl:10\n\tsleep()\n}\n\nfunc sleep() {}\n"
	ix, tf := parseOne(t, src)
	first, second := tf.LineStart(5)+1, tf.LineStart(7)+1
	require.Equal(t, tf.Position(first).Line, tf.Position(second).Line, "both statements report line 10")
	assert.True(t, ix.Ignored(first, "sleep"), "the reviewed statement")
	assert.False(t, ix.Ignored(second, "sleep"), "another statement the directives number the same")
}

// parseOne indexes the directives of one file, p.go.
func parseOne(t *testing.T, src string) (*Index, *token.File) {
	t.Helper()
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "p.go", src, parser.ParseComments)
	require.NoError(t, err)
	ix, _ := Parse(fset, []*ast.File{f}, known)
	return ix, fset.File(f.Pos())
}
