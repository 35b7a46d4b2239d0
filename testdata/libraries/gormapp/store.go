// Package gormapp is an inventory service on gin and gorm: a repository
// whose *gorm.DB comes from gorm.Open, helpers that return builders, a
// transaction, and handlers that attach the request's context or forget.
package gormapp

import (
	"context"

	"gorm.io/gorm"
)

// Item is a row of the items table.
type Item struct {
	ID    uint
	SKU   string
	Stock int
}

// Store is the repository. Its db is gorm.Open's, whose statements run
// with context.Background() unless the chain attaches a context.
type Store struct{ db *gorm.DB }

// Open opens the database through the given dialector (postgres, mysql…).
func Open(d gorm.Dialector) (*Store, error) {
	db, err := gorm.Open(d, &gorm.Config{})
	if err != nil {
		return nil, err
	}
	return &Store{db: db}, nil
}

// Item loads one item: no context in the chain.
func (s *Store) Item(sku string) (Item, error) {
	var it Item
	err := s.db.Where("sku = ?", sku).First(&it).Error
	return it, err
}

// ItemCtx loads one item with the caller's context.
func (s *Store) ItemCtx(ctx context.Context, sku string) (Item, error) {
	var it Item
	err := s.db.WithContext(ctx).Where("sku = ?", sku).First(&it).Error
	return it, err
}

// lowStock is a helper that returns a builder, with no context.
func (s *Store) lowStock(limit int) *gorm.DB {
	return s.db.Model(&Item{}).Where("stock < ?", limit)
}

// withCtx is a helper that returns a builder with the caller's context.
func (s *Store) withCtx(ctx context.Context) *gorm.DB {
	return s.db.WithContext(ctx)
}

// Restock adds n to an item's stock in a transaction, with no context.
func (s *Store) Restock(sku string, n int) error {
	return s.db.Transaction(func(tx *gorm.DB) error {
		return tx.Model(&Item{}).Where("sku = ?", sku).Update("stock", gorm.Expr("stock + ?", n)).Error
	})
}

// Sweep deletes sold-out items; main runs it on a timer, not a request.
func (s *Store) Sweep() {
	s.db.Where("stock = 0").Delete(&Item{})
}
