// Package fixformat has calls whose arguments are laid out and commented
// by hand. A fix should change the call, not reformat its arguments or
// drop the comments between them.
package fixformat

import (
	"database/sql"
	"net/http"
	"strings"
)

// Teams serves /teams.
type Teams struct{ db *sql.DB }

// members has one argument per line, with a comment.
func (t *Teams) members(w http.ResponseWriter, r *http.Request) { // want members:`blocks\(sql: \(\*sql.DB\).Query via Teams.members\)`
	rows, err := t.db.Query( // want `^sqlnoctx: \(\*sql\.DB\)\.Query in handler Teams\.members `
		"SELECT id FROM users WHERE team = $1 AND active", // deactivated users keep their team
		r.PathValue("team"),
	)
	if err == nil {
		rows.Close()
	}
}

// search builds its query from parts; gofmt writes the concatenation
// without spaces inside the argument list, and a fix should leave it so.
func (t *Teams) search(w http.ResponseWriter, r *http.Request) { // want search:`blocks\(sql: \(\*sql.DB\).Exec via Teams.search\)`
	where := []string{"team = $1"}
	t.db.Exec("DELETE FROM invites WHERE "+strings.Join(where, " AND "), r.PathValue("team")) // want `^sqlnoctx: \(\*sql\.DB\)\.Exec in handler Teams\.search `
}
