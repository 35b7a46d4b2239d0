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
			if ifaces := serviceIfacesOf(&f.services[i], fn); ifaces != nil {
				for _, iface := range ifaces {
					out = append(out, serviceIface{iface, &f.services[i]})
				}
				break
			}
		}
	}
	return out
}

// serviceIfacesOf returns the service interfaces fn registers, if fn is
// one of s's registration functions: the interface it takes, or, for a
// Root, the interfaces that interface's methods return.
func serviceIfacesOf(s *Service, fn *types.Func) []*types.Interface {
	if !nameMatches(s.Name, fn.Name()) {
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
		if base, args, ok := typeArgPattern(want); ok {
			if iface = typeArgIface(t, base, args); iface == nil {
				return nil
			}
			continue
		}
		if want != "*" {
			if typeString(t, sig.Variadic() && i == params.Len()-1) != want {
				return nil
			}
			continue
		}
		if iface = namedIface(t); iface == nil {
			return nil
		}
	}
	if iface == nil {
		return nil
	}
	if !s.Root {
		return []*types.Interface{iface}
	}
	// gqlgen's ResolverRoot: Query() QueryResolver, Todo() TodoResolver.
	var out []*types.Interface
	for m := range iface.Methods() {
		msig := m.Signature()
		if msig.Params().Len() != 0 || msig.Results().Len() != 1 {
			continue
		}
		if it := namedIface(msig.Results().At(0).Type()); it != nil {
			out = append(out, it)
		}
	}
	return out
}

// nameMatches reports whether a function's name matches pattern, "*"
// standing for at least one character.
func nameMatches(pattern, name string) bool {
	before, after, star := strings.Cut(pattern, "*")
	if !star {
		return name == pattern
	}
	return len(name) > len(before)+len(after) && strings.HasPrefix(name, before) && strings.HasSuffix(name, after)
}

// namedIface returns the interface of a named interface type with
// methods, or nil.
func namedIface(t types.Type) *types.Interface {
	if _, named := types.Unalias(t).(*types.Named); !named {
		return nil
	}
	it, ok := t.Underlying().(*types.Interface)
	if !ok || it.NumMethods() == 0 {
		return nil
	}
	return it
}

// typeArgPattern splits a parameter pattern whose type argument "*" is
// the service interface: "github.com/99designs/gqlgen/graphql.Config[*, ...]"
// gives the generic type and its argument patterns ("..." standing for
// any further arguments).
func typeArgPattern(want string) (base string, args []string, ok bool) {
	base, rest, found := strings.Cut(want, "[")
	inner, closed := strings.CutSuffix(rest, "]")
	if !found || !closed {
		return "", nil, false
	}
	args = strings.Split(inner, ", ")
	return base, args, slices.Contains(args, "*")
}

// typeArgIface returns the service interface among the type arguments of
// t, an instance of base whose arguments match args.
func typeArgIface(t types.Type, base string, args []string) *types.Interface {
	named, ok := types.Unalias(t).(*types.Named)
	if !ok || named.Obj().Pkg() == nil || named.Obj().Pkg().Path()+"."+named.Obj().Name() != base {
		return nil
	}
	targs := named.TypeArgs()
	if n := len(args); args[n-1] != "..." && targs.Len() != n {
		return nil
	}
	var iface *types.Interface
	for j, a := range args {
		if a == "..." {
			break
		}
		if j >= targs.Len() {
			return nil
		}
		switch ta := targs.At(j); a {
		case "*":
			if iface = namedIface(ta); iface == nil {
				return nil
			}
		default:
			if typeString(ta, false) != a {
				return nil
			}
		}
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
