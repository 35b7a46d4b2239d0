package store

import (
	"context"
	"database/sql"
	"errors"
	"sync"
	"time"
)

// Product is an item for sale.
type Product struct {
	ID         int64  `json:"id"`
	Name       string `json:"name"`
	PriceCents int64  `json:"price_cents"`
}

// ProductCache keeps recently read products in memory.
type ProductCache struct {
	db  *sql.DB
	ttl time.Duration

	mu    sync.Mutex
	items map[int64]cachedProduct
}

type cachedProduct struct {
	p       *Product
	fetched time.Time
}

// NewProductCache returns a cache whose entries live for ttl.
func NewProductCache(db *sql.DB, ttl time.Duration) *ProductCache {
	return &ProductCache{db: db, ttl: ttl, items: make(map[int64]cachedProduct)}
}

// Get returns the product, from memory if it was read less than ttl ago.
func (c *ProductCache) Get(ctx context.Context, id int64) (*Product, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if e, ok := c.items[id]; ok && time.Since(e.fetched) < c.ttl {
		return e.p, nil
	}
	// Load while holding the lock so that concurrent misses don't all hit the database.
	p := &Product{}
	err := c.db.QueryRowContext(ctx, `SELECT id, name, price_cents FROM products WHERE id = $1`, id).
		Scan(&p.ID, &p.Name, &p.PriceCents)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrNotFound
	} else if err != nil {
		return nil, err
	}
	c.items[id] = cachedProduct{p: p, fetched: time.Now()}
	return p, nil
}
