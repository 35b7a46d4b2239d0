// Package nestedfix chains two fixable calls: tx.Stmt(s).Exec(…), the usual
// way to run a prepared statement in a transaction. Each call has a fix;
// the outer fix re-renders the inner call, so the two edits overlap and
// cannot both be applied.
package nestedfix

import (
	"database/sql"
	"net/http"
)

// Orders serves /orders.
type Orders struct {
	db     *sql.DB
	insert *sql.Stmt
}

// create inserts an order in a transaction with a prepared statement.
func (o *Orders) create(w http.ResponseWriter, r *http.Request) { // want create:`blocks\(sql: \(\*sql.Stmt\).Exec via Orders.create; slow: \(\*sql.DB\).BeginTx via Orders.create\)`
	tx, err := o.db.BeginTx(r.Context(), nil)
	if err != nil {
		return
	}
	defer tx.Rollback()
	tx.Stmt(o.insert).Exec(r.FormValue("sku")) // want `^sqlnoctx: \(\*sql\.Tx\)\.Stmt in handler Orders\.create ` `^sqlnoctx: \(\*sql\.Stmt\)\.Exec in handler Orders\.create `
	tx.Commit()
}
