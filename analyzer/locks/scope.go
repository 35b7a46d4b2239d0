package locks

import (
	"go/ast"
	"go/token"
	"go/types"

	"github.com/blockcheck/blockcheck/analyzer/internal/astutil"
)

// maxAlias bounds how many local aliases (c := s.cache; d := c.inner) the
// classifier follows.
const maxAlias = 8

// A classifier decides the Scope of the locks of one function.
type classifier struct {
	info   *types.Info
	fn     ast.Node // *ast.FuncDecl or *ast.FuncLit
	recv   *types.Var
	params []*types.Var
	vars   map[*types.Var]*varInfo // local variables; built on first need
}

// varInfo is what the function does with one of its local variables.
type varInfo struct {
	def     ast.Expr // the initializer of a single-valued definition
	rangeOf ast.Expr // v is the value variable of "for _, v := range rangeOf"
	defs    int      // definitions and assignments
	addr    bool     // &v (or &v.f, &v[i]) appears
	uses    int      // uses of v
	field   int      // uses of v as x in a field selection x.f
}

func newClassifier(info *types.Info, fn ast.Node) *classifier {
	c := &classifier{info: info, fn: fn}
	var ft *ast.FuncType
	switch fn := fn.(type) {
	case *ast.FuncDecl:
		ft = fn.Type
		if fn.Recv != nil && len(fn.Recv.List) == 1 && len(fn.Recv.List[0].Names) == 1 {
			c.recv, _ = info.Defs[fn.Recv.List[0].Names[0]].(*types.Var)
		}
	case *ast.FuncLit:
		ft = fn.Type
	}
	if ft != nil && ft.Params != nil {
		for _, field := range ft.Params.List {
			for _, name := range field.Names {
				if v, ok := info.Defs[name].(*types.Var); ok {
					c.params = append(c.params, v)
				}
			}
		}
	}
	return c
}

// classify returns the Scope of the lock reached by p, the variable it
// refers to, and whether the lock is per key.
func (c *classifier) classify(p path) (Scope, types.Object, bool) {
	return c.classifyDepth(p, 0)
}

func (c *classifier) classifyDepth(p path, depth int) (Scope, types.Object, bool) {
	v := p.root
	switch {
	case v == nil:
		return Unknown, nil, p.perKey
	case astutil.IsPackageLevel(v):
		return Global, v, p.perKey
	case v == c.recv:
		return byRef(p, Receiver), v, p.perKey
	case c.isParam(v):
		return byRef(p, Param), v, p.perKey
	case v.Pos() < c.fn.Pos() || v.Pos() >= c.fn.End():
		// Declared in an enclosing function: shared by every call of the
		// closure, whatever its type.
		return Captured, v, p.perKey
	}

	// A variable of this function.
	vi := c.varInfo(v)
	if vi.addr {
		return Unknown, v, p.perKey // its address escapes: anyone may lock it
	}
	ptr := isPointerLike(v.Type())
	if !ptr && p.derefs == 0 {
		return Local, v, p.perKey // the mutex lives in this frame
	}
	if vi.defs != 1 {
		return Unknown, v, p.perKey
	}
	if ptr && p.derefs == 1 && isAlloc(c.info, vi.def) && vi.uses == vi.field {
		// e := &entry{}; e.mu.Lock(): created here and never handed out.
		return Local, v, p.perKey
	}
	if depth >= maxAlias {
		return Unknown, v, p.perKey
	}
	// An alias: what v holds came from its initializer. Follow it.
	var base path
	switch {
	case vi.def != nil:
		base = pathOf(c.info, vi.def)
	case vi.rangeOf != nil:
		base = pathOf(c.info, vi.rangeOf)
		if t := typeOf(c.info, vi.rangeOf); t != nil {
			switch t.Underlying().(type) {
			case *types.Slice, *types.Map, *types.Pointer:
				base.derefs++
			}
		}
		base.perKey = true
	default:
		return Unknown, v, p.perKey
	}
	base.derefs += p.derefs
	base.perKey = base.perKey || p.perKey
	s, obj, perKey := c.classifyDepth(base, depth+1)
	if obj == nil {
		obj = v
	}
	return s, obj, perKey
}

// byRef returns s for a mutex reached through a pointer, and Local for a
// mutex held by value in a receiver or parameter: that is a copy made for
// this call (vet's copylocks reports it), which no one else can lock.
func byRef(p path, s Scope) Scope {
	if p.derefs == 0 {
		return Local
	}
	return s
}

func (c *classifier) isParam(v *types.Var) bool {
	for _, p := range c.params {
		if p == v {
			return true
		}
	}
	return false
}

// isAlloc reports whether x allocates a new variable: &T{...} or new(T).
func isAlloc(info *types.Info, x ast.Expr) bool {
	switch x := ast.Unparen(x).(type) {
	case *ast.UnaryExpr:
		_, ok := ast.Unparen(x.X).(*ast.CompositeLit)
		return x.Op == token.AND && ok
	case *ast.CallExpr:
		id, ok := ast.Unparen(x.Fun).(*ast.Ident)
		if !ok {
			return false
		}
		b, ok := info.Uses[id].(*types.Builtin)
		return ok && b.Name() == "new"
	}
	return false
}

func (c *classifier) varInfo(v *types.Var) *varInfo {
	if c.vars == nil {
		c.scanVars()
	}
	if vi := c.vars[v]; vi != nil {
		return vi
	}
	return &varInfo{}
}

// scanVars records, in one walk of the whole function (nested function
// literals included: they may reassign or leak a variable), how each local
// variable is defined and used.
func (c *classifier) scanVars() {
	c.vars = make(map[*types.Var]*varInfo)
	getVar := func(v *types.Var) *varInfo {
		if v == nil || v.IsField() || v.Pos() < c.fn.Pos() || v.Pos() >= c.fn.End() {
			return nil
		}
		vi := c.vars[v]
		if vi == nil {
			vi = &varInfo{}
			c.vars[v] = vi
		}
		return vi
	}
	get := func(id *ast.Ident) *varInfo {
		v, _ := c.info.ObjectOf(id).(*types.Var)
		return getVar(v)
	}
	ast.Inspect(c.fn, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.AssignStmt:
			for i, lhs := range n.Lhs {
				id, ok := ast.Unparen(lhs).(*ast.Ident)
				if !ok {
					continue
				}
				if vi := get(id); vi != nil {
					vi.defs++
					if n.Tok == token.DEFINE && c.info.Defs[id] != nil && len(n.Lhs) == len(n.Rhs) {
						vi.def = n.Rhs[i]
					}
				}
			}
		case *ast.ValueSpec:
			for i, id := range n.Names {
				if vi := get(id); vi != nil {
					vi.defs++
					if len(n.Values) == len(n.Names) {
						vi.def = n.Values[i]
					}
				}
			}
		case *ast.RangeStmt:
			for i, x := range []ast.Expr{n.Key, n.Value} {
				id, ok := x.(*ast.Ident)
				if !ok {
					continue
				}
				if vi := get(id); vi != nil {
					vi.defs++
					if i == 1 && n.Tok == token.DEFINE {
						vi.rangeOf = n.X
					}
				}
			}
		case *ast.IncDecStmt:
			if id, ok := ast.Unparen(n.X).(*ast.Ident); ok {
				if vi := get(id); vi != nil {
					vi.defs++
				}
			}
		case *ast.UnaryExpr:
			if n.Op == token.AND {
				if vi := getVar(astutil.RootVar(c.info, n.X)); vi != nil {
					vi.addr = true
				}
			}
		case *ast.SelectorExpr:
			if id, ok := ast.Unparen(n.X).(*ast.Ident); ok {
				if sel := c.info.Selections[n]; sel != nil && sel.Kind() == types.FieldVal {
					if vi := get(id); vi != nil {
						vi.field++
					}
				}
			}
		case *ast.Ident:
			if _, ok := c.info.Uses[n]; ok {
				if vi := get(n); vi != nil {
					vi.uses++
				}
			}
		}
		return true
	})
}
