package api

import (
	"encoding/json"
	"errors"
	"net/http"
	"strconv"
	"time"

	"example.com/shop/internal/store"
)

// getProduct returns a product: GET /products/{id}.
func (s *Server) getProduct(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	p, err := s.Products.Get(r.Context(), id)
	if errors.Is(err, store.ErrNotFound) {
		http.NotFound(w, r)
		return
	} else if err != nil {
		s.internalError(w, r, err)
		return
	}
	w.Header().Set("Cache-Control", "max-age=60")
	writeJSON(w, http.StatusOK, p)
}

// getStock asks the warehouse how many units are available:
// GET /products/{id}/stock.
func (s *Server) getStock(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	resp, err := s.inventory.Get(s.InventoryURL + "/v2/stock/" + strconv.FormatInt(id, 10))
	if err != nil {
		http.Error(w, "warehouse unavailable", http.StatusBadGateway)
		return
	}
	defer resp.Body.Close()
	var stock struct {
		Available int `json:"available"`
	}
	if resp.StatusCode != http.StatusOK || json.NewDecoder(resp.Body).Decode(&stock) != nil {
		http.Error(w, "warehouse unavailable", http.StatusBadGateway)
		return
	}
	writeJSON(w, http.StatusOK, stock)
}

const invalidCouponDelay = 750 * time.Millisecond

// redeemCoupon applies a coupon code to the caller's account:
// POST /coupons/redeem.
func (s *Server) redeemCoupon(w http.ResponseWriter, r *http.Request) {
	var req struct {
		Code string `json:"code"`
	}
	if err := json.NewDecoder(http.MaxBytesReader(w, r.Body, 1<<10)).Decode(&req); err != nil || req.Code == "" {
		http.Error(w, "bad request body", http.StatusBadRequest)
		return
	}
	percent, err := s.Store.RedeemCoupon(r.Context(), req.Code, userFrom(r.Context()))
	if errors.Is(err, store.ErrNotFound) {
		// Make guessing codes slow.
		<-time.After(invalidCouponDelay)
		http.Error(w, "unknown or used coupon", http.StatusNotFound)
		return
	} else if err != nil {
		s.internalError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]int{"percent_off": percent})
}
