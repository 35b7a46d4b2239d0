package store

import (
	"context"
	"fmt"
	"sync"
	"time"
)

// invoiceMu makes invoice numbers gapless: one allocation at a time.
var invoiceMu sync.Mutex

// NextInvoiceNumber allocates the next invoice number of the current year.
func (s *Store) NextInvoiceNumber(ctx context.Context) (string, error) {
	invoiceMu.Lock()
	defer invoiceMu.Unlock()

	year := time.Now().Year()
	var last int64
	if err := s.db.QueryRowContext(ctx, `SELECT last FROM invoice_seq WHERE year = $1`, year).Scan(&last); err != nil {
		return "", fmt.Errorf("read invoice sequence: %w", err)
	}
	last++
	if _, err := s.db.ExecContext(ctx, `UPDATE invoice_seq SET last = $1 WHERE year = $2`, last, year); err != nil {
		return "", fmt.Errorf("bump invoice sequence: %w", err)
	}
	return fmt.Sprintf("INV-%d-%06d", year, last), nil
}

// InvoiceFiles returns the paths of the user's rendered invoices for month (YYYY-MM).
func (s *Store) InvoiceFiles(ctx context.Context, userID int64, month string) ([]string, error) {
	rows, err := s.db.QueryContext(ctx,
		`SELECT pdf_path FROM invoices WHERE user_id = $1 AND to_char(issued_at, 'YYYY-MM') = $2 ORDER BY issued_at`,
		userID, month)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var paths []string
	for rows.Next() {
		var p string
		if err := rows.Scan(&p); err != nil {
			return nil, err
		}
		paths = append(paths, p)
	}
	return paths, rows.Err()
}
