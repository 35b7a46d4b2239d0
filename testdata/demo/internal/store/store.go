// Package store is the shop's persistence layer over database/sql.
package store

import (
	"context"
	"crypto/sha256"
	"crypto/subtle"
	"database/sql"
	"errors"
	"log"
	"time"
)

// ErrNotFound is returned when a row does not exist.
var ErrNotFound = errors.New("not found")

// Store runs the shop's queries.
type Store struct {
	db *sql.DB
}

// New returns a Store over db.
func New(db *sql.DB) *Store { return &Store{db: db} }

// Ping checks that the database answers.
func (s *Store) Ping(ctx context.Context) error { return s.db.PingContext(ctx) }

// User is a customer account.
type User struct {
	ID           int64     `json:"id"`
	Email        string    `json:"email"`
	Name         string    `json:"name"`
	PasswordHash []byte    `json:"-"`
	CreatedAt    time.Time `json:"created_at"`
}

// CheckPassword reports whether pw matches the stored hash.
func (u *User) CheckPassword(pw string) bool {
	sum := sha256.Sum256([]byte(pw))
	return subtle.ConstantTimeCompare(sum[:], u.PasswordHash) == 1
}

const userColumns = `id, email, name, password_hash, created_at`

func scanUser(row *sql.Row) (*User, error) {
	u := &User{}
	err := row.Scan(&u.ID, &u.Email, &u.Name, &u.PasswordHash, &u.CreatedAt)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrNotFound
	}
	return u, err
}

// GetUser loads a user by id.
//
// Deprecated: use GetUserContext.
func (s *Store) GetUser(id int64) (*User, error) {
	return scanUser(s.db.QueryRow(`SELECT `+userColumns+` FROM users WHERE id = $1`, id))
}

// GetUserContext loads a user by id.
func (s *Store) GetUserContext(ctx context.Context, id int64) (*User, error) {
	return scanUser(s.db.QueryRowContext(ctx, `SELECT `+userColumns+` FROM users WHERE id = $1`, id))
}

// TouchLastSeen records that the user was active. It is best effort and is
// usually called in its own goroutine.
func (s *Store) TouchLastSeen(id int64) {
	if _, err := s.db.Exec(`UPDATE users SET last_seen = now() WHERE id = $1`, id); err != nil {
		log.Printf("store: touch last_seen for user %d: %v", id, err)
	}
}
