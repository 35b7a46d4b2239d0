// Package suppress reads //blockcheck:ignore directives.
//
// A directive names the rules it silences and says why, in words:
//
//	//blockcheck:ignore sleep the upstream asks for 1 s between retries
//	time.Sleep(time.Second)
//
// At the end of a line of code it applies to that line; on a line of its
// own, to the line below; in a function's doc comment, to the whole
// function. A directive without a reason,
// or naming an unknown rule, silences nothing and is itself reported: the
// reason is what lets a reviewer judge the exception later.
package suppress

import (
	"go/ast"
	"go/token"
	"slices"
	"strings"
)

// Prefix starts an ignore directive.
const Prefix = "//blockcheck:ignore"

// Problem is a malformed directive.
type Problem struct {
	Pos     token.Pos
	End     token.Pos
	Message string
}

// Index answers whether a position is covered by a directive.
type Index struct {
	fset  *token.FileSet
	lines map[lineKey][]string // rules silenced on a file line
	funcs []span               // function-wide directives
}

type lineKey struct {
	file *token.File
	line int
}

type span struct {
	from, to token.Pos
	rules    []string
}

// Parse collects the directives of files. known reports whether a rule ID
// exists.
func Parse(fset *token.FileSet, files []*ast.File, known func(string) bool) (*Index, []Problem) {
	ix := &Index{fset: fset, lines: make(map[lineKey][]string)}
	var problems []Problem
	for _, f := range files {
		if !mentions(f) {
			continue
		}
		funcDoc := make(map[*ast.CommentGroup]*ast.FuncDecl)
		for _, d := range f.Decls {
			if fd, ok := d.(*ast.FuncDecl); ok && fd.Doc != nil {
				funcDoc[fd.Doc] = fd
			}
		}
		tf := fset.File(f.Pos())
		code := codeLines(tf, f)
		for _, cg := range f.Comments {
			for _, c := range cg.List {
				rules, ok, problem := parse(c.Text, known)
				if problem != "" {
					problems = append(problems, Problem{Pos: c.Pos(), End: c.End(), Message: problem})
				}
				if !ok {
					continue
				}
				if fd := funcDoc[cg]; fd != nil {
					ix.funcs = append(ix.funcs, span{fd.Pos(), fd.End(), rules})
					continue
				}
				// A directive at the end of a line of code covers that
				// line; on a line of its own, the line below.
				line := physLine(tf, c.Pos())
				if first, ok := code[line]; !ok || first > c.Pos() {
					line++
				}
				k := lineKey{tf, line}
				ix.lines[k] = append(ix.lines[k], rules...)
			}
		}
	}
	return ix, problems
}

// physLine is pos's line in the file as written. A //line directive
// renumbers the lines positions report, and may give two places the same
// number; a directive covers the place it is written at.
func physLine(tf *token.File, pos token.Pos) int {
	return tf.PositionFor(pos, false).Line
}

// codeLines maps each line of f that holds code to the position of the
// first syntax node starting or ending on it.
func codeLines(tf *token.File, f *ast.File) map[int]token.Pos {
	lines := make(map[int]token.Pos)
	mark := func(p token.Pos) {
		l := physLine(tf, p)
		if cur, ok := lines[l]; !ok || p < cur {
			lines[l] = p
		}
	}
	ast.Inspect(f, func(n ast.Node) bool {
		switch n.(type) {
		case nil, *ast.File, *ast.CommentGroup, *ast.Comment:
			return n != nil
		}
		mark(n.Pos())
		mark(n.End() - 1)
		return true
	})
	return lines
}

// mentions is a cheap test that skips files with no directive at all.
func mentions(f *ast.File) bool {
	for _, cg := range f.Comments {
		for _, c := range cg.List {
			if strings.Contains(c.Text, Prefix[2:]) {
				return true
			}
		}
	}
	return false
}

// parse reads one comment. ok means the directive is well formed and
// silences rules.
func parse(text string, known func(string) bool) (rules []string, ok bool, problem string) {
	rest, found := strings.CutPrefix(text, Prefix)
	if !found {
		// "// blockcheck:ignore" is not a directive to the Go toolchain's
		// conventions, and would silently do nothing: say so.
		if strings.HasPrefix(text, "// "+Prefix[2:]) {
			return nil, false, "write //blockcheck:ignore with no space after //, or it is an ordinary comment that silences nothing"
		}
		return nil, false, ""
	}
	if rest != "" && rest[0] != ' ' && rest[0] != '\t' {
		return nil, false, ""
	}
	fields := strings.Fields(rest)
	if len(fields) == 0 {
		return nil, false, "blockcheck:ignore needs a rule ID and a reason, e.g. //blockcheck:ignore sleep <why this is safe>"
	}
	for _, id := range strings.Split(fields[0], ",") {
		if id == "" {
			return nil, false, "blockcheck:ignore rule list " + fields[0] + " has an empty entry: separate rule IDs with commas and no spaces, e.g. sleep,chanwait"
		}
		if !known(id) {
			return nil, false, "blockcheck:ignore names unknown rule " + strings.TrimSpace(id)
		}
		rules = append(rules, id)
	}
	if len(fields) < 2 {
		return nil, false, "blockcheck:ignore " + fields[0] + " needs a reason after the rule ID; it silences nothing until it has one"
	}
	return rules, true, ""
}

// Ignored reports whether rule is silenced at pos.
func (ix *Index) Ignored(pos token.Pos, rule string) bool {
	if ix == nil || !pos.IsValid() || rule == "" {
		return false
	}
	for _, s := range ix.funcs {
		if s.from <= pos && pos < s.to && slices.Contains(s.rules, rule) {
			return true
		}
	}
	if len(ix.lines) == 0 {
		return false
	}
	tf := ix.fset.File(pos)
	if tf == nil {
		return false
	}
	return slices.Contains(ix.lines[lineKey{tf, physLine(tf, pos)}], rule)
}
