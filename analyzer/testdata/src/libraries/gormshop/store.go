// Package gormshop is a shop service on gorm: a repository whose *gorm.DB
// comes from gorm.Open, helpers returning builders, transactions, and
// handlers that pass the request's context, or forget to.
package gormshop

import (
	"context"

	"gorm.io/gorm"
)

type Product struct {
	ID    uint
	Name  string
	Stock int
}

type Order struct {
	ID        uint
	ProductID uint
}

type dialector struct{ dsn string }

func (d dialector) Name() string { return "postgres" }

// Store is the repository; db is only ever gorm.Open's, whose statements
// run with context.Background() unless a chain attaches one.
type Store struct {
	db *gorm.DB
	// Replica is exported: other packages may set it, with a context.
	Replica *gorm.DB
}

// Open connects to the database.
func Open(dsn string) (*Store, error) {
	db, err := gorm.Open(dialector{dsn}, &gorm.Config{})
	if err != nil {
		return nil, err
	}
	return &Store{db: db}, nil
}

// product loads one product with no context.
func (st *Store) product(id string) (Product, error) { // want product:`blocks\(sql: \(\*gorm.DB\).First via Store.product\)`
	var p Product
	err := st.db.Where("id = ?", id).First(&p).Error
	return p, err
}

// productCtx loads one product with the caller's context.
func (st *Store) productCtx(ctx context.Context, id string) (Product, error) { // want productCtx:`blocks\(slow: \(\*gorm.DB\).First via Store.productCtx\)`
	var p Product
	err := st.db.WithContext(ctx).Where("id = ?", id).First(&p).Error
	return p, err
}

// inStock is a helper that returns a builder with no context.
func (st *Store) inStock() *gorm.DB {
	return st.db.Model(&Product{}).Where("stock > 0")
}

// scoped is a helper that returns a builder with the caller's context.
func (st *Store) scoped(ctx context.Context) *gorm.DB {
	return st.db.WithContext(ctx).Model(&Product{})
}

// byTenant runs on a builder handed in by its caller: it may carry a
// context, so it is not reported.
func byTenant(db *gorm.DB, tenant string, out *[]Product) error { // want byTenant:`blocks\(slow: \(\*gorm.DB\).Find via byTenant\)`
	return db.Where("tenant = ?", tenant).Find(out).Error
}
