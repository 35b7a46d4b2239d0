// Package twirpapp implements the Twirp Inventory service; cmd/api mounts
// it with the generated inventoryrpc.NewInventoryServer.
package twirpapp

import (
	"context"
	"database/sql"
	"net/http"
	"sync"

	"github.com/twitchtv/twirp"

	"example.com/apiframeworks/inventoryrpc"
)

// Inventory implements inventoryrpc.Inventory.
type Inventory struct {
	DB        *sql.DB
	Client    *http.Client // with a Timeout
	Warehouse string       // base URL of the warehouse API

	mu     sync.Mutex
	levels map[string]int64
}

// Reserve asks the warehouse without the call's context.
func (inv *Inventory) Reserve(ctx context.Context, req *inventoryrpc.ReserveRequest) (*inventoryrpc.Reservation, error) {
	hreq, err := http.NewRequest(http.MethodPost, inv.Warehouse+"/reserve?sku="+req.Sku, nil)
	if err != nil {
		return nil, twirp.InternalErrorWith(err)
	}
	resp, err := inv.Client.Do(hreq)
	if err != nil {
		return nil, twirp.InternalErrorWith(err)
	}
	defer resp.Body.Close()
	return &inventoryrpc.Reservation{Id: resp.Header.Get("Reservation-Id")}, nil
}

// Stock reads a cached level, filling the cache under its lock.
func (inv *Inventory) Stock(ctx context.Context, req *inventoryrpc.StockRequest) (*inventoryrpc.StockLevel, error) {
	inv.mu.Lock()
	defer inv.mu.Unlock()
	if n, ok := inv.levels[req.Sku]; ok {
		return &inventoryrpc.StockLevel{Units: n}, nil
	}
	var n int64
	if err := inv.DB.QueryRowContext(ctx, "SELECT units FROM stock WHERE sku = $1", req.Sku).Scan(&n); err != nil {
		return nil, twirp.NotFoundError(req.Sku)
	}
	if inv.levels == nil {
		inv.levels = make(map[string]int64)
	}
	inv.levels[req.Sku] = n
	return &inventoryrpc.StockLevel{Units: n}, nil
}

// Warm loads every level at start-up: not a method of the service.
func (inv *Inventory) Warm() error {
	rows, err := inv.DB.Query("SELECT sku, units FROM stock")
	if err != nil {
		return err
	}
	defer rows.Close()
	return rows.Err()
}
