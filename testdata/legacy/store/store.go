// Package store is the service's storage, written before contexts.
package store

import "database/sql"

// Storage runs the queries.
type Storage struct{ DB *sql.DB }

// APIKeyExists reports whether key is a known API key.
func (s *Storage) APIKeyExists(key string) (bool, error) {
	var n int
	err := s.DB.QueryRow(`SELECT count(*) FROM api_keys WHERE key = $1`, key).Scan(&n)
	return n > 0, err
}

// UserName returns the name of a user.
func (s *Storage) UserName(id string) (string, error) {
	var name string
	err := s.DB.QueryRow(`SELECT name FROM users WHERE id = $1`, id).Scan(&name)
	return name, err
}

// Touch records that a key was used.
func (s *Storage) Touch(key string) error {
	_, err := s.DB.Exec(`UPDATE api_keys SET used = now() WHERE key = $1`, key)
	return err
}
