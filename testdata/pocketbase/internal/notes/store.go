// Package notes is a small notes service on PocketBase: custom routes that
// read a reporting database the app opens itself, a preview fetcher, an
// export with retries, and a hook on PocketBase's own record API.
package notes

import (
	"context"
	"database/sql"
	"time"
)

// Store reads the notes' reporting database (a *sql.DB of the app's own,
// beside PocketBase's).
type Store struct {
	db *sql.DB
}

// NewStore returns a store on db.
func NewStore(db *sql.DB) *Store { return &Store{db: db} }

// Note is a row of the notes table.
type Note struct {
	ID, Title, Body string
}

// Load reads one note, without a context.
func (s *Store) Load(id string) (Note, error) {
	var n Note
	err := s.db.QueryRow("SELECT id, title, body FROM notes WHERE id = ?", id).Scan(&n.ID, &n.Title, &n.Body)
	return n, err
}

// LoadContext reads one note, cancelled with ctx.
func (s *Store) LoadContext(ctx context.Context, id string) (Note, error) {
	var n Note
	err := s.db.QueryRowContext(ctx, "SELECT id, title, body FROM notes WHERE id = ?", id).Scan(&n.ID, &n.Title, &n.Body)
	return n, err
}

// Sweep deletes the notes in the trash for more than a month; the cron job
// runs it.
func (s *Store) Sweep() error {
	_, err := s.db.Exec("DELETE FROM notes WHERE trashed < ?", time.Now().AddDate(0, -1, 0))
	return err
}

// Touch records that a note was read.
func (s *Store) Touch(id string) error {
	_, err := s.db.Exec("UPDATE notes SET read_at = ? WHERE id = ?", time.Now(), id)
	return err
}
