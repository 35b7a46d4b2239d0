// Package fixcompile calls a catalogued method as a method expression,
// (*sql.DB).Query(db, q): the receiver is the first argument, and the fix
// "(*sql.DB).QueryContext(ctx, db, q)" passes ctx as the receiver. A fix
// that does not compile is worse than none.
package fixcompile

import (
	"database/sql"
	"net/http"
)

// Converter converts uploads.
type Converter struct{ db *sql.DB }

// count calls Query as a method expression: the receiver is the first
// argument, so "(*sql.DB).QueryContext(ctx, c.db, …)" passes ctx as the
// receiver.
func (c *Converter) count(w http.ResponseWriter, r *http.Request) { // want count:`blocks\(sql: \(\*sql.DB\).Query via Converter.count\)`
	rows, err := (*sql.DB).Query(c.db, "SELECT count(*) FROM uploads") // want `^sqlnoctx: \(\*sql\.DB\)\.Query in handler Converter\.count `
	if err == nil {
		rows.Close()
	}
}
