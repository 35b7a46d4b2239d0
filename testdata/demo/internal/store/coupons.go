package store

import (
	"context"
	"database/sql"
	"errors"
)

// InsertCoupons stores new single-use coupon codes worth percent off.
func (s *Store) InsertCoupons(ctx context.Context, codes []string, percent int) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	stmt, err := tx.PrepareContext(ctx, `INSERT INTO coupons (code, percent_off) VALUES ($1, $2)`)
	if err != nil {
		return err
	}
	defer stmt.Close()
	for _, c := range codes {
		if _, err := stmt.ExecContext(ctx, c, percent); err != nil {
			return err
		}
	}
	return tx.Commit()
}

// RedeemCoupon marks code used by userID and returns its discount. It returns
// ErrNotFound if the code does not exist or was already used.
func (s *Store) RedeemCoupon(ctx context.Context, code string, userID int64) (percent int, err error) {
	err = s.db.QueryRowContext(ctx,
		`UPDATE coupons SET redeemed_by = $1, redeemed_at = now()
		 WHERE code = $2 AND redeemed_by IS NULL RETURNING percent_off`, userID, code).Scan(&percent)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, ErrNotFound
	}
	return percent, err
}
