// Package pgxapp keeps orders in PostgreSQL through a pgx v5 pool.
package pgxapp

import (
	"context"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

// Order is one row of the orders table.
type Order struct {
	ID       int64
	Customer string
	Total    int64
}

// Store is the orders repository. mu guards the per-customer counters it
// keeps in memory.
type Store struct {
	pool *pgxpool.Pool

	mu     sync.Mutex
	placed map[string]int
}

// NewStore returns the repository on pool.
func NewStore(pool *pgxpool.Pool) *Store {
	return &Store{pool: pool, placed: make(map[string]int)}
}

// Order reads one order with the caller's context.
func (s *Store) Order(ctx context.Context, id int64) (Order, error) {
	var o Order
	err := s.pool.QueryRow(ctx, `SELECT id, customer, total FROM orders WHERE id = $1`, id).
		Scan(&o.ID, &o.Customer, &o.Total)
	return o, err
}

// Spent bounds the query by a timeout of its own, made from nothing of
// the caller's: a request that has gone away still waits for it.
func (s *Store) Spent(customer string) (int64, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	var n int64
	err := s.pool.QueryRow(ctx, `SELECT coalesce(sum(total), 0) FROM orders WHERE customer = $1`, customer).Scan(&n)
	return n, err
}

// Place inserts an order and its lines in one transaction, with the
// caller's context throughout.
func (s *Store) Place(ctx context.Context, o Order, lines []string) error {
	tx, err := s.pool.Begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback(ctx)
	if err := tx.QueryRow(ctx, `INSERT INTO orders (customer, total) VALUES ($1, $2) RETURNING id`,
		o.Customer, o.Total).Scan(&o.ID); err != nil {
		return err
	}
	batch := &pgx.Batch{}
	for _, l := range lines {
		batch.Queue(`INSERT INTO order_lines (order_id, sku) VALUES ($1, $2)`, o.ID, l)
	}
	if err := tx.SendBatch(ctx, batch).Close(); err != nil {
		return err
	}
	return tx.Commit(ctx)
}

// Count bumps the customer's counter and writes it through while holding
// the mutex: every request to Count waits for the one before it.
func (s *Store) Count(ctx context.Context, customer string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.placed[customer]++
	_, err := s.pool.Exec(ctx, `UPDATE customers SET orders = $2 WHERE name = $1`, customer, s.placed[customer])
	return err
}

// SweepExpired deletes abandoned carts. main runs it in the background.
func (s *Store) SweepExpired() {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	s.pool.Exec(ctx, `DELETE FROM carts WHERE updated < now() - interval '1 day'`)
}
