package analyzer

import (
	"go/token"
	"reflect"

	"github.com/blockcheck/blockcheck/analyzer/summary"
)

// Finding is what one diagnostic is about, as data: the analyzer's result
// holds one per diagnostic it reports, so that a driver can key a baseline
// or plan the work (cmd/blockcheck -baseline, -summary) without parsing
// messages, whose wording is free to change.
type Finding struct {
	Pos  token.Pos // the diagnostic's Pos
	Rule string
	// Pkg is the path of the package the diagnostic is reported in.
	Pkg string
	// Handler is the handler or event-loop callback, as messages name it:
	// "Server.getUser"; "" for a malformed directive.
	Handler string
	// Op is what blocks or grows: "(*database/sql.DB).QueryRow",
	// "c.mu held across (*database/sql.DB).QueryRowContext".
	Op string
	// Chain is the functions from the one the handler calls down to the one
	// that does Op, each qualified by its package path
	// ("example.com/shop/internal/store.Store.GetUser"); empty when the
	// handler does Op itself.
	Chain []string
}

// resultType is the type of the analyzer's result.
var resultType = reflect.TypeFor[[]Finding]()

// stepsChain is the Chain of a summary chain.
func stepsChain(steps []summary.Step) []string {
	var chain []string
	for _, s := range steps {
		chain = append(chain, qualified(s.PkgPath, s.Func))
	}
	return chain
}

func qualified(pkgPath, name string) string {
	if pkgPath == "" {
		return name
	}
	return pkgPath + "." + name
}
