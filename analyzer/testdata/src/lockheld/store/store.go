// Package store is the persistence layer of the lockheld scenario: a
// product cache that loads misses while holding its mutex, a session store
// with per-key shards, and an invoice sequence behind a package-level
// mutex. The handlers that reach them live in package api.
package store

import (
	"context"
	"database/sql"
	"hash/fnv"
	"sync"
	"time"
)

// ProductCache keeps recently read product names in memory.
type ProductCache struct {
	db *sql.DB

	mu    sync.Mutex
	names map[int64]string
}

// NewProductCache returns an empty cache.
func NewProductCache(db *sql.DB) *ProductCache {
	return &ProductCache{db: db, names: make(map[int64]string)}
}

// Get loads a miss while holding the lock, so that concurrent misses do
// not all hit the database; every other reader waits for the query.
func (c *ProductCache) Get(ctx context.Context, id int64) (string, error) { // want Get:`blocks\(slow: \(\*sql.DB\).QueryRowContext via ProductCache.Get; serial: c.mu held across \(\*sql.DB\).QueryRowContext via ProductCache.Get\)`
	c.mu.Lock()
	defer c.mu.Unlock()
	if name, ok := c.names[id]; ok {
		return name, nil
	}
	var name string
	if err := c.db.QueryRowContext(ctx, `SELECT name FROM products WHERE id = $1`, id).Scan(&name); err != nil {
		return "", err
	}
	c.names[id] = name
	return name, nil
}

// Peek only reads the map under the lock.
func (c *ProductCache) Peek(id int64) (string, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	name, ok := c.names[id]
	return name, ok
}

// Fill takes the lock only to store what it loaded without it.
func (c *ProductCache) Fill(ctx context.Context, id int64) error { // want Fill:`blocks\(slow: \(\*sql.DB\).QueryRowContext via ProductCache.Fill\)`
	var name string
	if err := c.db.QueryRowContext(ctx, `SELECT name FROM products WHERE id = $1`, id).Scan(&name); err != nil {
		return err
	}
	c.mu.Lock()
	c.names[id] = name
	c.mu.Unlock()
	return nil
}

// RefreshLoop reloads the cache in the background; it is started by main,
// and no request waits for it.
func (c *ProductCache) RefreshLoop(ctx context.Context) { // want RefreshLoop:`blocks\(sleep: time.Sleep via ProductCache.RefreshLoop; serial: c.mu held across time.Sleep via ProductCache.RefreshLoop\)`
	for ctx.Err() == nil {
		c.mu.Lock()
		time.Sleep(time.Second)
		c.mu.Unlock()
	}
}

// Sessions stores sessions in shards, each with its own lock.
type Sessions struct {
	db     *sql.DB
	shards [16]shard
}

type shard struct {
	mu   sync.Mutex
	seen map[string]time.Time
}

func shardOf(id string) uint32 {
	h := fnv.New32a()
	h.Write([]byte(id))
	return h.Sum32() % 16
}

// Touch records activity; the shard stays locked during the update.
func (s *Sessions) Touch(ctx context.Context, id string) error { // want Touch:`blocks\(slow: \(\*sql.DB\).ExecContext via Sessions.Touch; serial: s.shards\[shardOf\(id\)\].mu held across \(\*sql.DB\).ExecContext via Sessions.Touch\)`
	s.shards[shardOf(id)].mu.Lock()
	defer s.shards[shardOf(id)].mu.Unlock()
	_, err := s.db.ExecContext(ctx, `UPDATE sessions SET seen = now() WHERE id = $1`, id)
	return err
}

// seqMu makes invoice numbers gapless: one allocation at a time.
var seqMu sync.Mutex

// NextInvoiceNumber allocates the next invoice number.
func NextInvoiceNumber(ctx context.Context, db *sql.DB) (int64, error) { // want NextInvoiceNumber:`blocks\(slow: \(\*sql.DB\).QueryRowContext via NextInvoiceNumber; serial: seqMu held across \(\*sql.DB\).QueryRowContext via NextInvoiceNumber\)`
	seqMu.Lock()
	defer seqMu.Unlock()
	var n int64
	err := db.QueryRowContext(ctx, `UPDATE invoice_seq SET last = last + 1 RETURNING last`).Scan(&n)
	return n, err
}
