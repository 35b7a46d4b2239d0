package report

import "go/token"

// About is what one diagnostic is about, as data: Run returns one per
// diagnostic it reports, in order, so that a driver can key a baseline or
// plan the work (cmd/blockcheck -baseline, -summary) without parsing
// messages, whose wording is free to change.
type About struct {
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

// qualified names function name of package pkgPath for About.Chain.
func qualified(pkgPath, name string) string {
	if pkgPath == "" {
		return name
	}
	return pkgPath + "." + name
}
