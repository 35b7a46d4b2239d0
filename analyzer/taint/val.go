package taint

import (
	"go/ast"
	"go/token"
	"go/types"
	"math/bits"
	"slices"
)

// Origin is where request input enters: an accessor call, a request field,
// a decoder filling a variable, or the result of a helper that returns
// input (then Via is the origin inside the helper).
type Origin struct {
	// Text is the expression as written: `r.URL.Query().Get("count")`.
	Text string
	Pos  token.Pos
	// Via is, for the result of a helper, the origin inside it:
	// parseCount(r), which returns r.FormValue("n").
	Via *Origin

	node ast.Node
	// extend: an access on this value (a selector, an index, a method of
	// a standard type) is the better origin to name: r.URL is extended to
	// r.URL.Query(), then to r.URL.Query().Get("count").
	extend bool
}

// Val is what the analysis knows of a value: whether it is request input
// with no upper bound, and whether it is an unlimited request body.
type Val struct {
	// Src is the request input the value comes from, nil if none.
	Src *Origin
	// Params are the parameters of the analyzed function (bit i for
	// parameter i, the receiver first) the value comes from: the
	// summary's callers substitute their arguments.
	Params uint64
	// Big: the value's size is unbounded (data read from an unlimited
	// body), so its len() is input too.
	Big bool
	// Body is set when the value is an unlimited request body reader.
	Body BodyKey
}

// BodyKey names the body of a request: the variable at the root of the
// request expression, and the expression itself (r, or c.Request).
type BodyKey struct {
	Root *types.Var
	Path string
}

func (k BodyKey) valid() bool { return k.Root != nil }

// Tainted reports whether v is input, known or through a parameter.
func (v Val) Tainted() bool { return v.Src != nil || v.Params != 0 }

func (v Val) zero() bool { return v == Val{} }

// join is the value on either of two paths: input if it is on one.
func (v Val) join(w Val) Val {
	out := Val{Params: v.Params | w.Params, Big: v.Big || w.Big, Src: earlier(v.Src, w.Src), Body: v.Body}
	if !out.Body.valid() || w.Body.valid() && keyLess(w.Body, out.Body) {
		out.Body = w.Body
	}
	return out
}

// data is v as the data it holds: no longer a reader.
func (v Val) data() Val {
	v.Body = BodyKey{}
	return v
}

// number is v as a number converted from it: not a reader, no size.
func (v Val) number() Val { return Val{Src: v.Src, Params: v.Params} }

// earlier picks one of two origins, the same whatever the order of the
// paths: the one first in the source.
func earlier(a, b *Origin) *Origin {
	switch {
	case a == nil:
		return b
	case b == nil:
		return a
	case b.Pos < a.Pos || b.Pos == a.Pos && b.Text < a.Text:
		return b
	}
	return a
}

func keyLess(a, b BodyKey) bool {
	if a.Root.Pos() != b.Root.Pos() {
		return a.Root.Pos() < b.Root.Pos()
	}
	return a.Path < b.Path
}

// params returns the parameter indices set in p.
func params(p uint64) []int {
	var out []int
	for p != 0 {
		i := bits.TrailingZeros64(p)
		out = append(out, i)
		p &^= 1 << i
	}
	return out
}

// state is the dataflow state at a point of a function. Both sets are
// small (a few variables, a body or two), so they are slices: cloning one
// for each block costs one allocation.
type state struct {
	// vars holds the local variables that are input or body readers.
	vars []binding
	// limited holds the request bodies wrapped in a limit on every path
	// here.
	limited []BodyKey
}

type binding struct {
	v   *types.Var
	val Val
}

func newState() *state { return &state{} }

func (s *state) clone() *state {
	return &state{vars: slices.Clone(s.vars), limited: slices.Clone(s.limited)}
}

func (s *state) get(v *types.Var) Val {
	for _, b := range s.vars {
		if b.v == v {
			return b.val
		}
	}
	return Val{}
}

func (s *state) has(v *types.Var) bool {
	return slices.ContainsFunc(s.vars, func(b binding) bool { return b.v == v })
}

func (s *state) set(v *types.Var, val Val) {
	for i, b := range s.vars {
		if b.v == v {
			if val.zero() {
				s.vars = slices.Delete(s.vars, i, i+1)
			} else {
				s.vars[i].val = val
			}
			return
		}
	}
	if !val.zero() {
		s.vars = append(s.vars, binding{v, val})
	}
}

func (s *state) isLimited(k BodyKey) bool { return slices.Contains(s.limited, k) }

func (s *state) limit(k BodyKey) {
	if !s.isLimited(k) {
		s.limited = append(s.limited, k)
	}
}

func (s *state) unlimit(k BodyKey) {
	s.limited = slices.DeleteFunc(s.limited, func(l BodyKey) bool { return l == k })
}

// joinFrom merges into s the state of another path, o: a variable is
// input if it is on either, a body limited if it is on both. It reports
// whether s changed.
func (s *state) joinFrom(o *state) bool {
	changed := false
	for _, b := range o.vars {
		old := s.get(b.v)
		if j := old.join(b.val); j != old {
			s.set(b.v, j)
			changed = true
		}
	}
	n := len(s.limited)
	s.limited = slices.DeleteFunc(s.limited, func(k BodyKey) bool { return !o.isLimited(k) })
	return changed || len(s.limited) != n
}
