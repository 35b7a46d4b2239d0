package report

import (
	"go/ast"
	"go/types"

	"golang.org/x/tools/go/analysis"

	"github.com/blockcheck/blockcheck/analyzer/fixes"
	"github.com/blockcheck/blockcheck/analyzer/internal/astutil"
	"github.com/blockcheck/blockcheck/analyzer/summary"
)

// opFix builds the fix of a catalogued call: the template applies to the
// call, or to the statement it forms.
func (r *reporter) opFix(s summary.Site, ctx string) *analysis.SuggestedFix {
	op := s.Entry
	if op.Fix == "" {
		return nil
	}
	msg := alternative(op.Alt, ctx)
	if !op.StmtFix {
		return r.templateFix(s.Call, op.Fix, ctx, msg, nil)
	}
	stmt := r.listStmt(s.Call)
	if stmt == nil {
		return nil
	}
	if op.EndsQuietly && r.inOpenLoop(s.Call) {
		return nil
	}
	return r.templateFix(s.Call, op.Fix, ctx, msg, stmt)
}

// inOpenLoop reports whether call is inside a loop of its function that
// does not count its iterations: for {…}, for cond {…}, a range over a
// channel or an iterator. Only a three-clause for loop and a range over
// an integer, a slice, an array, a string or a map count.
func (r *reporter) inOpenLoop(call *ast.CallExpr) bool {
	cur, ok := r.insp.Root().FindByPos(call.Pos(), call.End())
	if !ok {
		return false
	}
	for c := cur.Parent(); ; c = c.Parent() {
		switch n := c.Node().(type) {
		case nil, *ast.FuncDecl, *ast.FuncLit:
			return false
		case *ast.ForStmt:
			if n.Init == nil || n.Cond == nil || n.Post == nil {
				return true
			}
		case *ast.RangeStmt:
			if n.X == nil {
				return true
			}
			switch r.pass.TypesInfo.TypeOf(n.X).Underlying().(type) {
			case *types.Basic, *types.Slice, *types.Array, *types.Map:
			case *types.Pointer: // a pointer to an array
			default:
				return true
			}
		}
	}
}

// listStmt returns the expression statement formed by call when it stands
// in a statement list, where a block may replace it; not in the simple
// statement of an if, for or switch header.
func (r *reporter) listStmt(call *ast.CallExpr) ast.Stmt {
	cur, ok := r.insp.Root().FindByPos(call.Pos(), call.End())
	if !ok {
		return nil
	}
	stmt, ok := cur.Parent().Node().(*ast.ExprStmt)
	if !ok {
		return nil
	}
	switch cur.Parent().Parent().Node().(type) {
	case *ast.BlockStmt, *ast.CaseClause, *ast.CommClause, *ast.LabeledStmt:
		return stmt
	}
	return nil
}

// templateFix renders tmpl for call and replaces the call, or stmt when it
// is not nil, with the result, by the smallest edit.
func (r *reporter) templateFix(call *ast.CallExpr, tmpl, ctx, msg string, stmt ast.Stmt) *analysis.SuggestedFix {
	if tmpl == "" || ctx == "" {
		return nil
	}
	src, err := r.pass.ReadFile(r.pass.Fset.File(call.Pos()).Name())
	if err != nil {
		return nil
	}
	text, ok := fixes.Render(r.pass.Fset, r.pass.TypesInfo, src, call, tmpl, ctx)
	if !ok {
		return nil
	}
	var target ast.Node = call
	if stmt != nil {
		target = stmt
		text = fixes.Indent(text, astutil.LineIndent(r.pass.Fset, src, stmt.Pos()))
	}
	return &analysis.SuggestedFix{
		Message:   msg,
		TextEdits: []analysis.TextEdit{fixes.Edit(r.pass.Fset, src, target.Pos(), target.End(), text)},
	}
}
