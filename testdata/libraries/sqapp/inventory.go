// Package sqapp keeps stock levels in SQL built with squirrel.
package sqapp

import (
	"context"
	"database/sql"
	"encoding/json"
	"net/http"
	"strconv"

	sq "github.com/Masterminds/squirrel"
)

// Warehouse is the stock repository: a statement builder bound to the
// database.
type Warehouse struct {
	db *sql.DB
	sb sq.StatementBuilderType
}

// NewWarehouse returns the repository on db.
func NewWarehouse(db *sql.DB) *Warehouse {
	return &Warehouse{db: db, sb: sq.StatementBuilder.PlaceholderFormat(sq.Dollar).RunWith(db)}
}

// Stock reads a SKU's stock with the caller's context.
func (w *Warehouse) Stock(ctx context.Context, sku string) (int, error) {
	var n int
	err := w.sb.Select("quantity").From("stock").Where(sq.Eq{"sku": sku}).ScanContext(ctx, &n)
	return n, err
}

// Low lists the SKUs below a threshold with no context at all.
func (w *Warehouse) Low(limit int) ([]string, error) {
	rows, err := w.sb.Select("sku").From("stock").Where(sq.Lt{"quantity": limit}).Query()
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var sku string
		if err := rows.Scan(&sku); err != nil {
			return nil, err
		}
		out = append(out, sku)
	}
	return out, rows.Err()
}

// Adjust changes a SKU's stock in a transaction on the caller's context.
func (w *Warehouse) Adjust(ctx context.Context, sku string, delta int) error {
	tx, err := w.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := sq.Update("stock").Set("quantity", sq.Expr("quantity + ?", delta)).
		Where(sq.Eq{"sku": sku}).PlaceholderFormat(sq.Dollar).RunWith(tx).ExecContext(ctx); err != nil {
		return err
	}
	if _, err := sq.Insert("stock_moves").Columns("sku", "delta").Values(sku, delta).
		PlaceholderFormat(sq.Dollar).RunWith(tx).ExecContext(ctx); err != nil {
		return err
	}
	return tx.Commit()
}

// Handlers serves /stock.
type Handlers struct{ wh *Warehouse }

// NewHandlers returns the handlers.
func NewHandlers(wh *Warehouse) *Handlers { return &Handlers{wh: wh} }

// Routes registers the handlers.
func (h *Handlers) Routes(mux *http.ServeMux) {
	mux.HandleFunc("GET /stock/{sku}", h.stock)
	mux.HandleFunc("GET /stock/low", h.low)
	mux.HandleFunc("POST /stock/{sku}", h.adjust)
	mux.HandleFunc("DELETE /stock/{sku}", h.remove)
	mux.HandleFunc("POST /stock", h.add)
	mux.HandleFunc("GET /stock/{sku}/reserved", h.reserved)
}

// stock passes the request's context down: silent.
func (h *Handlers) stock(w http.ResponseWriter, r *http.Request) {
	n, err := h.wh.Stock(r.Context(), r.PathValue("sku"))
	if err != nil {
		http.NotFound(w, r)
		return
	}
	json.NewEncoder(w).Encode(n)
}

// low reaches a query run with no context.
func (h *Handlers) low(w http.ResponseWriter, r *http.Request) {
	out, err := h.wh.Low(5)
	if err != nil {
		http.Error(w, err.Error(), http.StatusServiceUnavailable)
		return
	}
	json.NewEncoder(w).Encode(out)
}

// adjust passes the request's context down: silent.
func (h *Handlers) adjust(w http.ResponseWriter, r *http.Request) {
	delta, _ := strconv.Atoi(r.FormValue("delta"))
	if err := h.wh.Adjust(r.Context(), r.PathValue("sku"), delta); err != nil {
		http.Error(w, err.Error(), http.StatusServiceUnavailable)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

// remove deletes with the context-free Exec.
func (h *Handlers) remove(w http.ResponseWriter, r *http.Request) {
	if _, err := sq.Delete("stock").Where(sq.Eq{"sku": r.PathValue("sku")}).
		PlaceholderFormat(sq.Dollar).RunWith(h.wh.db).Exec(); err != nil {
		http.Error(w, err.Error(), http.StatusServiceUnavailable)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

// add inserts and reads the new row's id with the context-free Scan.
func (h *Handlers) add(w http.ResponseWriter, r *http.Request) {
	var id int64
	err := h.wh.sb.Insert("stock").Columns("sku", "quantity").Values(r.FormValue("sku"), 0).
		Suffix("RETURNING id").Scan(&id)
	if err != nil {
		http.Error(w, err.Error(), http.StatusServiceUnavailable)
		return
	}
	json.NewEncoder(w).Encode(id)
}

// reserved runs the Context form on a root context.
func (h *Handlers) reserved(w http.ResponseWriter, r *http.Request) {
	var n int
	err := h.wh.sb.Select("sum(quantity)").From("reservations").Where(sq.Eq{"sku": r.PathValue("sku")}).
		QueryRowContext(context.Background()).Scan(&n)
	if err != nil {
		http.Error(w, err.Error(), http.StatusServiceUnavailable)
		return
	}
	json.NewEncoder(w).Encode(n)
}
