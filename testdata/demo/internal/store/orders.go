package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// Order statuses.
const (
	StatusPending   = "pending"
	StatusPaid      = "paid"
	StatusCancelled = "cancelled"
	StatusExpired   = "expired"
)

// Item is one line of an order.
type Item struct {
	ProductID int64 `json:"product_id"`
	Quantity  int   `json:"quantity"`
}

// Order is a customer order.
type Order struct {
	ID         int64     `json:"id"`
	UserID     int64     `json:"user_id"`
	Items      []Item    `json:"items,omitempty"`
	TotalCents int64     `json:"total_cents"`
	Status     string    `json:"status"`
	PaymentID  string    `json:"payment_id,omitempty"`
	CreatedAt  time.Time `json:"created_at"`
}

const orderColumns = `id, user_id, total_cents, status, coalesce(payment_id, ''), created_at`

type scanner interface{ Scan(dest ...any) error }

func scanOrder(row scanner) (*Order, error) {
	o := &Order{}
	err := row.Scan(&o.ID, &o.UserID, &o.TotalCents, &o.Status, &o.PaymentID, &o.CreatedAt)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrNotFound
	}
	return o, err
}

// Order loads an order by id.
func (s *Store) Order(ctx context.Context, id int64) (*Order, error) {
	return scanOrder(s.db.QueryRowContext(ctx, `SELECT `+orderColumns+` FROM orders WHERE id = $1`, id))
}

// ListOrders returns the user's most recent orders, newest first.
func (s *Store) ListOrders(userID int64, limit int) ([]Order, error) {
	rows, err := s.db.Query(`SELECT `+orderColumns+` FROM orders WHERE user_id = $1 ORDER BY created_at DESC LIMIT $2`, userID, limit)
	if err != nil {
		return nil, err
	}
	return collectOrders(rows)
}

// ListOrdersContext is ListOrders with a context.
func (s *Store) ListOrdersContext(ctx context.Context, userID int64, limit int) ([]Order, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+orderColumns+` FROM orders WHERE user_id = $1 ORDER BY created_at DESC LIMIT $2`, userID, limit)
	if err != nil {
		return nil, err
	}
	return collectOrders(rows)
}

func collectOrders(rows *sql.Rows) ([]Order, error) {
	defer rows.Close()
	var out []Order
	for rows.Next() {
		o, err := scanOrder(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, *o)
	}
	return out, rows.Err()
}

// CreateOrder inserts o and its items in one transaction, pricing the items
// from the products table. It fills in o.ID, o.TotalCents and o.CreatedAt.
func (s *Store) CreateOrder(ctx context.Context, o *Order) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()

	err = tx.QueryRowContext(ctx,
		`INSERT INTO orders (user_id, total_cents, status) VALUES ($1, 0, $2) RETURNING id, created_at`,
		o.UserID, StatusPending).Scan(&o.ID, &o.CreatedAt)
	if err != nil {
		return err
	}
	for _, it := range o.Items {
		var price int64
		err := tx.QueryRowContext(ctx, `SELECT price_cents FROM products WHERE id = $1`, it.ProductID).Scan(&price)
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("product %d: %w", it.ProductID, ErrNotFound)
		} else if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx,
			`INSERT INTO order_items (order_id, product_id, quantity, price_cents) VALUES ($1, $2, $3, $4)`,
			o.ID, it.ProductID, it.Quantity, price); err != nil {
			return err
		}
		o.TotalCents += price * int64(it.Quantity)
	}
	if _, err := tx.ExecContext(ctx, `UPDATE orders SET total_cents = $1 WHERE id = $2`, o.TotalCents, o.ID); err != nil {
		return err
	}
	o.Status = StatusPending
	return tx.Commit()
}

// AttachPayment records the payment provider's charge id on an order.
func (s *Store) AttachPayment(ctx context.Context, orderID int64, chargeID string) error {
	_, err := s.db.ExecContext(ctx, `UPDATE orders SET payment_id = $1 WHERE id = $2`, chargeID, orderID)
	return err
}

// MarkOrderPaid marks an order paid once the provider confirms the charge.
func (s *Store) MarkOrderPaid(orderID int64, chargeID string) error {
	_, err := s.db.Exec(`UPDATE orders SET status = $1, payment_id = $2 WHERE id = $3 AND status = $4`,
		StatusPaid, chargeID, orderID, StatusPending)
	return err
}

// CancelOrder marks an order cancelled and returns it as it was before.
func (s *Store) CancelOrder(ctx context.Context, id int64) (*Order, error) {
	o, err := scanOrder(s.db.QueryRowContext(ctx,
		`UPDATE orders SET status = $1 WHERE id = $2 AND status IN ($3, $4) RETURNING `+orderColumns,
		StatusCancelled, id, StatusPending, StatusPaid))
	return o, err
}

// ExpireOrders marks pending orders older than before as expired.
func (s *Store) ExpireOrders(ctx context.Context, before time.Time) (int64, error) {
	res, err := s.db.ExecContext(ctx, `UPDATE orders SET status = $1 WHERE status = $2 AND created_at < $3`,
		StatusExpired, StatusPending, before)
	if err != nil {
		return 0, err
	}
	return res.RowsAffected()
}
