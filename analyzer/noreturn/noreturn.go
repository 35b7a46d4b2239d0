// Package noreturn says which calls never return to their caller, for every
// pass that follows control flow (lock state, taint, endless loops), so
// that they agree.
//
// It pairs a table with facts, the way the ctrlflow analyzer does: the
// standard library is the catalogue's rows (catalog.NoReturn), never
// analyzed; a function of the analyzed code that cannot return is found
// from its syntax and exported as a Fact, so that its callers in other
// packages know it too:
//
//	func die(format string, args ...any) {
//		log.Printf(format, args...)
//		os.Exit(1)
//	}
package noreturn

import (
	"go/ast"
	"go/types"

	"golang.org/x/tools/go/analysis"

	"github.com/blockcheck/blockcheck/analyzer/catalog"
	"github.com/blockcheck/blockcheck/analyzer/internal/astutil"
)

// Fact marks a function that never returns to its caller. It has no
// fields: it is exported only for the few functions it is true of, and
// encodes to nothing under every driver.
type Fact struct{}

// AFact marks Fact as an analysis fact.
func (*Fact) AFact() {}

func (*Fact) String() string { return "noReturn" }

// Oracle answers for the calls of one package.
type Oracle struct {
	info  *types.Info
	local map[*types.Func]bool
	// imported reports the fact of a function of another package; nil
	// when there are no facts to import.
	imported func(*types.Func) bool
	seen     map[*types.Func]bool // imported answers, memoized
}

// Std returns the oracle for code analyzed without facts: panic and the
// catalogue only.
func Std(info *types.Info) *Oracle { return &Oracle{info: info} }

// maxRounds bounds the rounds of wrappers of wrappers found in a package.
const maxRounds = 4

// Find finds the functions of pass's package that never return, wrappers
// of wrappers included, and exports a Fact for each exported one.
func Find(pass *analysis.Pass) *Oracle {
	o := &Oracle{info: pass.TypesInfo, seen: make(map[*types.Func]bool)}
	o.imported = func(fn *types.Func) bool {
		return pass.ImportObjectFact(fn, new(Fact))
	}
	var candidates []*ast.FuncDecl
	for _, f := range pass.Files {
		for _, d := range f.Decls {
			if fd, ok := d.(*ast.FuncDecl); ok && fd.Body != nil && len(fd.Body.List) > 0 {
				if _, ok := fd.Body.List[len(fd.Body.List)-1].(*ast.ReturnStmt); !ok {
					candidates = append(candidates, fd)
				}
			}
		}
	}
	for range maxRounds {
		found := false
		for _, fd := range candidates {
			fn, ok := pass.TypesInfo.Defs[fd.Name].(*types.Func)
			if !ok || o.local[fn] || !o.neverReturns(fd.Body) {
				continue
			}
			if o.local == nil {
				o.local = make(map[*types.Func]bool)
			}
			o.local[fn] = true
			found = true
		}
		if !found {
			break
		}
	}
	for _, fd := range candidates {
		// Only other packages read the fact, and they can call only
		// exported names (main and init are not).
		if fn, _ := pass.TypesInfo.Defs[fd.Name].(*types.Func); o.local[fn] && fd.Name.IsExported() {
			pass.ExportObjectFact(fn, new(Fact))
		}
	}
	return o
}

// Returns reports whether call may return to its caller; it has the type
// cfg.New wants.
func (o *Oracle) Returns(call *ast.CallExpr) bool {
	if id, ok := ast.Unparen(call.Fun).(*ast.Ident); ok {
		if b, ok := o.info.Uses[id].(*types.Builtin); ok {
			return b.Name() != "panic"
		}
	}
	fn := callee(o.info, call)
	return fn == nil || !o.Func(fn)
}

// callee returns the function or method (interface methods included) that
// call calls by name, or nil. It reads only info.Uses, so that missing type
// information means "may return", never a panic.
func callee(info *types.Info, call *ast.CallExpr) *types.Func {
	fun := ast.Unparen(call.Fun)
	switch x := fun.(type) {
	case *ast.IndexExpr: // f[T](…)
		fun = ast.Unparen(x.X)
	case *ast.IndexListExpr: // f[K, V](…)
		fun = ast.Unparen(x.X)
	}
	fn, _ := info.Uses[astutil.NameIdent(fun)].(*types.Func)
	return fn
}

// Func reports whether calling fn never returns.
func (o *Oracle) Func(fn *types.Func) bool {
	fn = fn.Origin()
	if fn.Pkg() != nil && catalog.NoReturn(fn.Pkg().Path(), fn.Name(), fn.Signature().Recv() != nil) {
		return true
	}
	if o.local[fn] {
		return true
	}
	if o.imported == nil || fn.Pkg() == nil || catalog.IsStd(fn.Pkg().Path()) {
		return false // the standard library has no facts
	}
	is, ok := o.seen[fn]
	if !ok {
		is = o.imported(fn)
		o.seen[fn] = is
	}
	return is
}

// neverReturns reports whether body can neither return nor reach its end:
// it has no return statement (outside function literals) and its last
// statement cannot complete.
func (o *Oracle) neverReturns(body *ast.BlockStmt) bool {
	if !o.cannotComplete(body) {
		return false
	}
	returns := false
	ast.Inspect(body, func(n ast.Node) bool {
		switch n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.ReturnStmt:
			returns = true
		}
		return !returns
	})
	return !returns
}

// cannotComplete reports whether control cannot flow past s: a call that
// does not return, or statements whose every way out is one.
//
//	log.Fatal(err)
//	if ok { os.Exit(0) } else { panic(err) }
//
// Loops, switches and selects are not judged: a break may leave them.
func (o *Oracle) cannotComplete(s ast.Stmt) bool {
	switch s := s.(type) {
	case *ast.ExprStmt:
		call, ok := ast.Unparen(s.X).(*ast.CallExpr)
		return ok && !o.Returns(call)
	case *ast.BlockStmt:
		return len(s.List) > 0 && o.cannotComplete(s.List[len(s.List)-1])
	case *ast.IfStmt:
		return s.Else != nil && o.cannotComplete(s.Body) && o.cannotComplete(s.Else)
	}
	return false
}
