package fixes

import (
	"context"
	stdsql "database/sql"
	"net/http"
	"strings"
)

// Accounts serves /accounts over database/sql, imported under another
// name.
type Accounts struct {
	db      *stdsql.DB
	byOwner *stdsql.Stmt
}

// search builds its query from filters and passes the arguments on.
func (a *Accounts) search(w http.ResponseWriter, r *http.Request) { // want search:`blocks\(sql: \(\*sql.DB\).Query via Accounts.search\)`
	var where []string
	var args []any
	for k, v := range r.URL.Query() {
		where = append(where, k+" = ?")
		args = append(args, v[0])
	}
	q := "SELECT id FROM accounts WHERE " + strings.Join(where, " AND ")
	rows, err := a.db.Query(q, args...) // want `^sqlnoctx: \(\*sql\.DB\)\.Query in handler Accounts\.search .*; use QueryContext with r\.Context\(\)$`
	if err != nil {
		return
	}
	rows.Close()
}

// get uses QueryRow with ctx in scope.
func (a *Accounts) get(w http.ResponseWriter, r *http.Request) { // want get:`blocks\(sql: \(\*sql.DB\).QueryRow via Accounts.get\)`
	ctx := r.Context()
	var balance int64
	a.db.QueryRow("SELECT balance FROM accounts WHERE id = ?", r.PathValue("id")).Scan(&balance) // want `^sqlnoctx: \(\*sql\.DB\)\.QueryRow in handler Accounts\.get .*; use QueryRowContext with ctx$`
	send(ctx, "audit")
}

// transfer runs a transaction.
func (a *Accounts) transfer(w http.ResponseWriter, r *http.Request) { // want transfer:`blocks\(sql: \(\*sql.DB\).Begin via Accounts.transfer; slow: \(\*sql.Tx\).Commit via Accounts.transfer\)`
	tx, err := a.db.Begin() // want `^sqlnoctx: \(\*sql\.DB\)\.Begin in handler Accounts\.transfer .*; use BeginTx with r\.Context\(\)$`
	if err != nil {
		return
	}
	defer tx.Rollback()
	tx.Exec("UPDATE accounts SET balance = balance - ? WHERE id = ?", 10, r.FormValue("from")) // want `^sqlnoctx: \(\*sql\.Tx\)\.Exec in handler Accounts\.transfer `
	tx.Exec("UPDATE accounts SET balance = balance + ? WHERE id = ?", 10, r.FormValue("to"))   // want `^sqlnoctx: \(\*sql\.Tx\)\.Exec in handler Accounts\.transfer `
	tx.Commit()
}

// owned uses a prepared statement and pings.
func (a *Accounts) owned(w http.ResponseWriter, r *http.Request) { // want owned:`blocks\(sql: \(\*sql.DB\).Ping via Accounts.owned\)`
	if err := a.db.Ping(); err != nil { // want `^sqlnoctx: \(\*sql\.DB\)\.Ping in handler Accounts\.owned .*; use PingContext with r\.Context\(\)$`
		return
	}
	rows, err := a.byOwner.Query(r.FormValue("owner")) // want `^sqlnoctx: \(\*sql\.Stmt\)\.Query in handler Accounts\.owned `
	if err == nil {
		rows.Close()
	}
	if st, err := a.db.Prepare("SELECT 1"); err == nil { // want `^sqlnoctx: \(\*sql\.DB\)\.Prepare in handler Accounts\.owned `
		st.Close()
	}
}

// close names its context tctx: the fix uses the context in scope whatever
// its name.
func (a *Accounts) close(w http.ResponseWriter, r *http.Request) { // want close:`blocks\(sql: \(\*sql.DB\).Exec via Accounts.close\)`
	tctx, cancel := context.WithCancel(r.Context())
	defer cancel()
	defer send(tctx, "closed")
	a.db.Exec("UPDATE accounts SET closed = true WHERE id = ?", r.PathValue("id")) // want `^sqlnoctx: \(\*sql\.DB\)\.Exec in handler Accounts\.close .*; use ExecContext with tctx$`
}

// anonymous has no name for its request: no fix, only advice.
func (a *Accounts) anonymous(w http.ResponseWriter, _ *http.Request) { // want anonymous:`blocks\(sql: \(\*sql.DB\).Exec via Accounts.anonymous\)`
	a.db.Exec("UPDATE stats SET hits = hits + 1") // want `^sqlnoctx: \(\*sql\.DB\)\.Exec in handler Accounts\.anonymous .*; use ExecContext with the request's context$`
}

// shadowed reuses r for a row; r.Context() means something else there.
func (a *Accounts) shadowed(w http.ResponseWriter, r *http.Request) { // want shadowed:`blocks\(sql: \(\*sql.DB\).Exec via Accounts.shadowed\)`
	for _, r := range []string{"a", "b"} {
		a.db.Exec("INSERT INTO letters VALUES (?)", r) // want `^sqlnoctx: \(\*sql\.DB\)\.Exec in handler Accounts\.shadowed .*; use ExecContext with the request's context$`
	}
}
