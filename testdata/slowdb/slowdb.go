// Package slowdb is a database/sql driver with no database behind it: each
// statement takes the time Config.Delay gives it and then answers from
// Config.Answer. It stands in for a real database server in the prove
// programs of testdata/demo and testdata/eventloop, which must run on a
// machine with no network and no database.
//
// It waits the way a real client library does: a statement run with a
// context (QueryContext, ExecContext, …) stops waiting when the context is
// cancelled, as pgx and lib/pq cancel a running query; a statement run
// without one (Query, Exec, QueryRow: database/sql passes
// context.Background()) waits the full time, holding its pool connection.
package slowdb

import (
	"context"
	"database/sql/driver"
	"errors"
	"io"
	"time"
)

// Config says how long statements take and what they return.
type Config struct {
	// Delay is how long the statement takes; nil means no time.
	Delay func(query string) time.Duration
	// Answer returns the columns and rows of a query; nil, or no
	// columns, answers with no rows.
	Answer func(query string, args []driver.NamedValue) (columns []string, rows [][]driver.Value)
}

// Connector returns a driver.Connector for sql.OpenDB.
func (c Config) Connector() driver.Connector { return connector{c} }

type connector struct{ cfg Config }

func (c connector) Connect(context.Context) (driver.Conn, error) { return &conn{cfg: c.cfg}, nil }
func (c connector) Driver() driver.Driver                        { return drv{} }

type drv struct{}

func (drv) Open(string) (driver.Conn, error) {
	return nil, errors.New("slowdb: use sql.OpenDB(slowdb.Config{…}.Connector())")
}

// conn runs statements directly (QueryerContext, ExecerContext), so
// database/sql never asks it to prepare one.
type conn struct{ cfg Config }

var (
	_ driver.QueryerContext = (*conn)(nil)
	_ driver.ExecerContext  = (*conn)(nil)
	_ driver.Pinger         = (*conn)(nil)
)

func (c *conn) wait(ctx context.Context, query string) error {
	if c.cfg.Delay == nil {
		return ctx.Err()
	}
	t := time.NewTimer(c.cfg.Delay(query))
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

func (c *conn) QueryContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Rows, error) {
	if err := c.wait(ctx, query); err != nil {
		return nil, err
	}
	r := &rows{}
	if c.cfg.Answer != nil {
		r.cols, r.rows = c.cfg.Answer(query, args)
	}
	return r, nil
}

func (c *conn) ExecContext(ctx context.Context, query string, _ []driver.NamedValue) (driver.Result, error) {
	if err := c.wait(ctx, query); err != nil {
		return nil, err
	}
	return driver.RowsAffected(1), nil
}

func (c *conn) Ping(ctx context.Context) error { return c.wait(ctx, "") }

func (c *conn) Prepare(string) (driver.Stmt, error) {
	return nil, errors.New("slowdb: prepared statements are not supported")
}
func (c *conn) Close() error              { return nil }
func (c *conn) Begin() (driver.Tx, error) { return tx{}, nil }

type tx struct{}

func (tx) Commit() error   { return nil }
func (tx) Rollback() error { return nil }

type rows struct {
	cols []string
	rows [][]driver.Value
}

func (r *rows) Columns() []string { return r.cols }
func (r *rows) Close() error      { return nil }
func (r *rows) Next(dest []driver.Value) error {
	if len(r.rows) == 0 {
		return io.EOF
	}
	copy(dest, r.rows[0])
	r.rows = r.rows[1:]
	return nil
}
