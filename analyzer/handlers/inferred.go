package handlers

import (
	"go/types"
	"strings"
)

// Inferred builds the handler for a function found to serve requests
// because it is passed to an adapter (package slots): its framework and
// its "cancelled when" clause are the adapter's handler's, its request
// context is found by type — a context.Context parameter, a
// *http.Request's Context(), or a framework context that a one-parameter
// shape describes (*gin.Context → c.Request.Context()).
func (f *Finder) Inferred(sig *types.Signature, name, framework, cancelled string) Handler {
	h := Handler{Name: name, Framework: framework, Cancelled: cancelled}
	h.Context, h.ContextVars = guessContext(sig.Params(), false)
	if h.Context != "" {
		return h
	}
	params := sig.Params()
	for _, shape := range f.shapes {
		if len(shape.Params) != 1 || shape.Context == "" {
			continue
		}
		for i := range params.Len() {
			p := params.At(i)
			if typeString(p.Type(), false) != shape.Params[0] || !usable(p) {
				continue
			}
			h.Context = strings.ReplaceAll(shape.Context, "{0}", p.Name())
			h.ContextVars = []*types.Var{p}
			return h
		}
	}
	// An in-house request type that says where its context is:
	// func (c *Ctx) Context() context.Context.
	h.Context, h.ContextVars = guessContext(params, true)
	return h
}
