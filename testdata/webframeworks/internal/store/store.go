// Package store is the storage shared by the services of every framework:
// a database and a loader with retries. Load sleeps between attempts
// without a context; LoadContext is its context-aware twin.
package store

import (
	"context"
	"database/sql"
	"errors"
	"time"
)

// Store loads records.
type Store struct {
	DB *sql.DB
}

// Load reads a record's name, retrying a busy database.
func (s *Store) Load(id string) (string, error) {
	var name string
	err := retry(func() error {
		return s.DB.QueryRow("SELECT name FROM records WHERE id = $1", id).Scan(&name)
	})
	return name, err
}

func retry(op func() error) error {
	var err error
	for attempt := range 3 {
		if err = op(); !errors.Is(err, errBusy) {
			return err
		}
		time.Sleep(time.Duration(attempt+1) * 50 * time.Millisecond)
	}
	return err
}

var errBusy = errors.New("database busy")

// LoadContext is Load bounded by ctx.
func (s *Store) LoadContext(ctx context.Context, id string) (string, error) {
	var name string
	for attempt := range 3 {
		err := s.DB.QueryRowContext(ctx, "SELECT name FROM records WHERE id = $1", id).Scan(&name)
		if !errors.Is(err, errBusy) {
			return name, err
		}
		select {
		case <-time.After(time.Duration(attempt+1) * 50 * time.Millisecond):
		case <-ctx.Done():
			return "", ctx.Err()
		}
	}
	return "", errBusy
}
