// Package store declares the storage the handlers depend on.
package store

// Users finds users.
type Users interface {
	Find(id string) (string, error)
}
