package gormshop

import (
	"net/http"
	"sync"
)

// Restocker serializes restocks with one lock for every request.
type Restocker struct {
	mu    sync.Mutex
	store *Store
}

func (rs *Restocker) restock(w http.ResponseWriter, r *http.Request) { // want restock:`blocks\(sql: \(\*gorm.DB\).Update via Restocker.restock; slow: \(\*gorm.DB\).Update via Restocker.restock; serial: rs.mu held across \(\*gorm.DB\).Update via Restocker.restock\)`
	rs.mu.Lock()
	defer rs.mu.Unlock()
	rs.store.db.WithContext(r.Context()).Model(&Product{}).Update("stock", 10) // want `^lockheld: rs\.mu .* held across \(\*gorm\.DB\)\.Update .*while the query runs$`
	rs.store.db.Model(&Product{}).Update("stock", 0)                           // want `^sqlnoctx: \(\*gorm\.DB\)\.Update in handler Restocker\.restock` `^lockheld: rs\.mu .* held across \(\*gorm\.DB\)\.Update`
}

func (rs *Restocker) Routes(mux *http.ServeMux) {
	mux.HandleFunc("POST /restock", rs.restock)
}
