// Package gorm is a stub of gorm.io/gorm v1.31.2: the types and methods
// blockcheck's builder row names, with their real signatures.
package gorm

import (
	"context"
	"database/sql"
)

type Dialector interface{ Name() string }

type Option interface{}

type Config struct{ SkipDefaultTransaction bool }

type Session struct {
	NewDB   bool
	Context context.Context
}

type Statement struct{ Context context.Context }

type DB struct {
	Error     error
	Statement *Statement
}

// Open sets Statement.Context to context.Background().
func Open(dialector Dialector, opts ...Option) (*DB, error) {
	return &DB{Statement: &Statement{Context: context.Background()}}, nil
}

func (db *DB) Session(config *Session) *DB                                     { return db }
func (db *DB) WithContext(ctx context.Context) *DB                             { return db.Session(&Session{Context: ctx}) }
func (db *DB) Model(value interface{}) *DB                                     { return db }
func (db *DB) Table(name string, args ...interface{}) *DB                      { return db }
func (db *DB) Where(query interface{}, args ...interface{}) *DB                { return db }
func (db *DB) Order(value interface{}) *DB                                     { return db }
func (db *DB) Limit(limit int) *DB                                             { return db }
func (db *DB) Preload(query string, args ...interface{}) *DB                   { return db }
func (db *DB) Raw(sql string, values ...interface{}) *DB                       { return db }
func (db *DB) Create(value interface{}) *DB                                    { return db }
func (db *DB) Save(value interface{}) *DB                                      { return db }
func (db *DB) First(dest interface{}, conds ...interface{}) *DB                { return db }
func (db *DB) Take(dest interface{}, conds ...interface{}) *DB                 { return db }
func (db *DB) Find(dest interface{}, conds ...interface{}) *DB                 { return db }
func (db *DB) Update(column string, value interface{}) *DB                     { return db }
func (db *DB) Updates(values interface{}) *DB                                  { return db }
func (db *DB) Delete(value interface{}, conds ...interface{}) *DB              { return db }
func (db *DB) Count(count *int64) *DB                                          { return db }
func (db *DB) Scan(dest interface{}) *DB                                       { return db }
func (db *DB) Exec(sql string, values ...interface{}) *DB                      { return db }
func (db *DB) Row() *sql.Row                                                   { return nil }
func (db *DB) Begin(opts ...*sql.TxOptions) *DB                                { return db }
func (db *DB) Commit() *DB                                                     { return db }
func (db *DB) Rollback() *DB                                                   { return db }
func (db *DB) Transaction(fc func(tx *DB) error, opts ...*sql.TxOptions) error { return fc(db) }
