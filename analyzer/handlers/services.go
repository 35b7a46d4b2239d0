package handlers

import (
	"go/types"
	"slices"
	"strings"

	"github.com/blockcheck/blockcheck/analyzer/frameworks"
)

// A Service is a generated function that registers a service
// implementation (frameworks.Service). A type implements the interface by
// declaring every method, or by embedding the generated
// UnimplementedGreeterServer and declaring some; its methods of the
// interface are handlers either way. The registration function is looked
// up in the package and in the packages it imports, so the implementation
// is found in its own package even when main registers it.
type Service = frameworks.Service

// serviceIface is a service interface found in scope.
type serviceIface struct {
	iface   *types.Interface
	service *Service
}

// serviceIfaces returns the service interfaces of the registration
// functions declared in pkg and in the packages it imports that can
// declare one (they import the service's framework).
func (f *Finder) serviceIfaces(pkg *types.Package) []serviceIface {
	if len(f.services) == 0 {
		return nil
	}
	var out []serviceIface
	if f.mayDeclareService(pkg) {
		out = f.scopeServices(pkg, out)
	}
	for _, imp := range pkg.Imports() {
		if f.mayDeclareService(imp) {
			out = f.scopeServices(imp, out)
		}
	}
	return out
}

// mayDeclareService reports whether pkg imports the package of a
// service's framework, so that its scope is worth a look.
func (f *Finder) mayDeclareService(pkg *types.Package) bool {
	for _, imp := range pkg.Imports() {
		for i := range f.services {
			s := &f.services[i]
			if s.Imports == imp.Path() || slices.ContainsFunc(s.Params, func(p string) bool { return pkgPathOf(p) == imp.Path() }) {
				return true
			}
		}
	}
	return false
}

// imports reports whether pkg imports the package of path.
func imports(pkg *types.Package, path string) bool {
	return slices.ContainsFunc(pkg.Imports(), func(imp *types.Package) bool { return imp.Path() == path })
}

// scopeServices appends the service interfaces of the registration
// functions declared in pkg.
func (f *Finder) scopeServices(pkg *types.Package, out []serviceIface) []serviceIface {
	scope := pkg.Scope()
	for _, name := range scope.Names() {
		fn, ok := scope.Lookup(name).(*types.Func)
		if !ok {
			continue
		}
		for i := range f.services {
			if iface := serviceIfaceOf(&f.services[i], fn); iface != nil {
				out = append(out, serviceIface{iface, &f.services[i]})
				break
			}
		}
	}
	return out
}

// serviceIfaceOf returns the service interface fn registers, if fn is one
// of s's registration functions.
func serviceIfaceOf(s *Service, fn *types.Func) *types.Interface {
	before, after, _ := strings.Cut(s.Name, "*")
	name := fn.Name()
	if len(name) <= len(before)+len(after) || !strings.HasPrefix(name, before) || !strings.HasSuffix(name, after) {
		return nil
	}
	sig := fn.Signature()
	params := sig.Params()
	if params.Len() != len(s.Params) || sig.Recv() != nil {
		return nil
	}
	if s.Imports != "" && !imports(fn.Pkg(), s.Imports) {
		return nil
	}
	if s.Results != nil && !typesMatch(sig.Results(), false, s.Results) {
		return nil
	}
	var iface *types.Interface
	for i, want := range s.Params {
		t := params.At(i).Type()
		if want != "*" {
			if typeString(t, sig.Variadic() && i == params.Len()-1) != want {
				return nil
			}
			continue
		}
		if _, named := types.Unalias(t).(*types.Named); !named {
			return nil
		}
		it, ok := t.Underlying().(*types.Interface)
		if !ok || it.NumMethods() == 0 {
			return nil
		}
		iface = it
	}
	return iface
}

// serviceMethod reports whether fn is a method its receiver's type
// declares to implement one of the service interfaces.
func serviceMethod(fn *types.Func, services []serviceIface) (Handler, bool) {
	sig := fn.Signature()
	recv := sig.Recv()
	if recv == nil || len(services) == 0 {
		return Handler{}, false
	}
	t := recv.Type()
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem()
	}
	for _, s := range services {
		if !declares(s.iface, fn) {
			continue
		}
		if !types.Implements(t, s.iface) && !types.Implements(types.NewPointer(t), s.iface) {
			continue
		}
		h := Handler{Framework: s.service.Framework, Cancelled: s.service.Cancelled}
		h.Context, h.ContextVars = guessContext(sig.Params(), true)
		return h, true
	}
	return Handler{}, false
}

// declares reports whether iface has an exported method named as fn, with
// fn's signature.
func declares(iface *types.Interface, fn *types.Func) bool {
	for m := range iface.Methods() {
		if m.Name() == fn.Name() && m.Exported() {
			return types.Identical(m.Type(), fn.Type()) // receivers are not compared
		}
	}
	return false
}
