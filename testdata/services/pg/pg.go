// Package pg implements store.Users on PostgreSQL.
package pg

import "database/sql"

// DB is the PostgreSQL store.
type DB struct {
	sql *sql.DB
}

// New returns the store.
func New(db *sql.DB) *DB { return &DB{sql: db} }

// Find looks a user up, without a context.
func (d *DB) Find(id string) (string, error) {
	var name string
	err := d.sql.QueryRow("SELECT name FROM users WHERE id = $1", id).Scan(&name)
	return name, err
}
