package handlers

import (
	"errors"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"regexp"
	"slices"
	"strings"

	"github.com/blockcheck/blockcheck/analyzer/internal/astutil"
)

// qualified finds the package-qualified names in a type string:
// "*github.com/acme/web.Ctx" → ("github.com/acme/web", "Ctx"). A path
// starts with a letter or digit, so "...x/web.T" is x/web's T.
var qualified = regexp.MustCompile(`([\pL\pN_][\pL\pN_.\-~]*(?:/[\pL\pN_.\-~]+)*)\.([\pL_][\pL\pN_]*)`)

// Validate checks the declared shapes and registrations against the
// packages of pkg's world that they name and that pkg can see: pkg
// itself and its imports. Each named type must exist, and each
// registration's function or method. This runs for every package, so a
// mistake is reported as soon as the package it names is analysed, or
// one that imports it (the standard library is not analysed itself).
func (f *Finder) Validate(pkg *types.Package) error {
	visible := map[string]*types.Package{pkg.Path(): pkg}
	for _, imp := range pkg.Imports() {
		visible[imp.Path()] = imp
	}
	for _, shape := range f.shapes {
		if shape.Framework != Declared {
			continue
		}
		for _, t := range slices.Concat(shape.Params, shape.Results) {
			for _, m := range qualified.FindAllStringSubmatch(t, -1) {
				p := visible[m[1]]
				if p == nil {
					continue
				}
				if _, ok := p.Scope().Lookup(m[2]).(*types.TypeName); !ok {
					return fmt.Errorf("-handler-shapes %q: package %s has no type %s", shape.String(), m[1], m[2])
				}
			}
		}
	}
	for name, reg := range f.regs {
		if reg.Framework != Declared {
			continue
		}
		p := visible[funcPkgPath(name)]
		if p == nil {
			continue
		}
		if problem := missingFunc(p, name); problem != "" {
			return fmt.Errorf("-handler-registrations %q: %s", name, problem)
		}
	}
	return nil
}

// missingFunc says what of the function full (a types.Func.FullName) p
// lacks, or "" when p has it.
func missingFunc(p *types.Package, full string) string {
	if !strings.HasPrefix(full, "(") {
		name := full[strings.LastIndexByte(full, '.')+1:]
		if _, ok := p.Scope().Lookup(name).(*types.Func); !ok {
			return fmt.Sprintf("package %s has no function %s", p.Path(), name)
		}
		return ""
	}
	recv, method, _ := strings.Cut(full[1:], ").")
	ptr := strings.HasPrefix(recv, "*")
	typeName := recv[strings.LastIndexByte(recv, '.')+1:]
	tn, ok := p.Scope().Lookup(typeName).(*types.TypeName)
	if !ok {
		return fmt.Sprintf("package %s has no type %s", p.Path(), typeName)
	}
	t := tn.Type()
	if ptr {
		t = types.NewPointer(t)
	}
	if obj, _, _ := types.LookupFieldOrMethod(t, false, p, method); obj == nil {
		return fmt.Sprintf("type %s has no method %s", strings.TrimPrefix(recv, "*"), method)
	} else if _, ok := obj.(*types.Func); !ok {
		return fmt.Sprintf("%s.%s is a field, not a method", strings.TrimPrefix(recv, "*"), method)
	}
	return ""
}

// CheckContexts checks, at each handler of a declared shape with a
// context template, that the template as written for the handler
// ("c.Context()" for "{0}.Context()") type-checks where the handler's body
// starts and is a context.Context: a fix built on it must compile. The
// error names the shape, the handler and the type checker's complaint.
func (f *Finder) CheckContexts(fset *token.FileSet, pkg *types.Package, info *types.Info, hs []Handler) error {
	for _, h := range hs {
		if h.Framework != Declared || h.Context == "" {
			continue
		}
		var sig *types.Signature
		var body *ast.BlockStmt
		switch n := h.Node.(type) {
		case *ast.FuncDecl:
			if obj, ok := info.Defs[n.Name].(*types.Func); ok {
				sig = obj.Signature()
			}
			body = n.Body
		case *ast.FuncLit:
			sig, _ = info.TypeOf(n).(*types.Signature)
			body = n.Body
		}
		if sig == nil || body == nil {
			continue
		}
		shape, ok := f.shapeOf(sig)
		if !ok || shape.Framework != Declared || shape.Context == "" {
			continue // a registered handler: its context is found by type
		}
		if problem := contextProblem(fset, pkg, body.Lbrace+1, h.Context); problem != "" {
			return fmt.Errorf("-handler-shapes %q: context template %s at handler %s (%s): %s",
				shape.String(), shape.Context, h.Name, fset.Position(h.Node.Pos()), problem)
		}
	}
	return nil
}

// contextProblem type-checks expr at pos in pkg and says why it is not a
// context.Context, or "" when it is one.
func contextProblem(fset *token.FileSet, pkg *types.Package, pos token.Pos, expr string) string {
	e, err := parser.ParseExpr(expr)
	if err != nil {
		return fmt.Sprintf("%s is not a Go expression: %v", expr, err)
	}
	info := &types.Info{Types: make(map[ast.Expr]types.TypeAndValue)}
	if err := types.CheckExpr(fset, pkg, pos, e, info); err != nil {
		var te types.Error
		if errors.As(err, &te) {
			return te.Msg // without the position: e was parsed on its own, its positions mean nothing
		}
		return err.Error()
	}
	tv := info.Types[e]
	if !tv.IsValue() {
		return fmt.Sprintf("%s is not a value", expr)
	}
	if astutil.IsContext(tv.Type) || implementsContext(pkg, tv.Type) {
		return ""
	}
	return fmt.Sprintf("%s is a %s, not a context.Context", expr, types.TypeString(tv.Type, types.RelativeTo(pkg)))
}

// implementsContext reports whether t implements context.Context, as
// the context package among pkg's dependencies declares it; when pkg does
// not depend on it, whether t has the four methods of one.
func implementsContext(pkg *types.Package, t types.Type) bool {
	if ctx := dependency(pkg, "context"); ctx != nil {
		if obj := ctx.Scope().Lookup("Context"); obj != nil {
			if iface, ok := obj.Type().Underlying().(*types.Interface); ok {
				return types.Implements(t, iface)
			}
		}
	}
	for _, m := range []string{"Deadline", "Done", "Err", "Value"} {
		if obj, _, _ := types.LookupFieldOrMethod(t, true, nil, m); obj == nil {
			return false
		}
	}
	return true
}

// dependency returns the package path among pkg and its dependencies.
func dependency(pkg *types.Package, path string) *types.Package {
	seen := make(map[*types.Package]bool)
	var find func(p *types.Package) *types.Package
	find = func(p *types.Package) *types.Package {
		if p.Path() == path {
			return p
		}
		if seen[p] {
			return nil
		}
		seen[p] = true
		for _, imp := range p.Imports() {
			if c := find(imp); c != nil {
				return c
			}
		}
		return nil
	}
	return find(pkg)
}
