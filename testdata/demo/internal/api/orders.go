package api

import (
	"encoding/json"
	"errors"
	"net/http"

	"example.com/shop/internal/payments"
	"example.com/shop/internal/store"
	"example.com/shop/internal/worker"
)

// createOrder places an order and charges the card: POST /orders.
func (s *Server) createOrder(w http.ResponseWriter, r *http.Request) {
	var req struct {
		Items     []store.Item `json:"items"`
		CardToken string       `json:"card_token"`
	}
	if err := json.NewDecoder(http.MaxBytesReader(w, r.Body, 64<<10)).Decode(&req); err != nil {
		http.Error(w, "bad request body", http.StatusBadRequest)
		return
	}
	if len(req.Items) == 0 || len(req.Items) > 50 || req.CardToken == "" {
		http.Error(w, "an order needs 1 to 50 items and a card token", http.StatusBadRequest)
		return
	}

	ctx := r.Context()
	o := &store.Order{UserID: userFrom(ctx), Items: req.Items}
	if err := s.Store.CreateOrder(ctx, o); errors.Is(err, store.ErrNotFound) {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	} else if err != nil {
		s.internalError(w, r, err)
		return
	}

	// TODO: the retry inside Charge keeps sleeping after the client has gone.
	ch, err := s.Payments.Charge(ctx, payments.ChargeRequest{
		OrderID:     o.ID,
		AmountCents: o.TotalCents,
		Currency:    "EUR",
		CardToken:   req.CardToken,
	})
	if err != nil {
		http.Error(w, "payment failed", http.StatusPaymentRequired)
		return
	}
	if err := s.Store.AttachPayment(ctx, o.ID, ch.ID); err != nil {
		s.internalError(w, r, err)
		return
	}
	o.PaymentID = ch.ID

	if err := s.Queue.TryEnqueue(ctx, worker.Job{Kind: worker.SendReceipt, OrderID: o.ID}); err != nil {
		s.Log.Warn("receipt not queued", "order", o.ID, "err", err)
	}
	writeJSON(w, http.StatusCreated, o)
}

// loadOwnOrder loads the order named in the path if it belongs to the caller.
func (s *Server) loadOwnOrder(w http.ResponseWriter, r *http.Request) (*store.Order, bool) {
	id, err := pathID(r, "id")
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return nil, false
	}
	o, err := s.Store.Order(r.Context(), id)
	if errors.Is(err, store.ErrNotFound) || (err == nil && o.UserID != userFrom(r.Context())) {
		http.NotFound(w, r)
		return nil, false
	} else if err != nil {
		s.internalError(w, r, err)
		return nil, false
	}
	return o, true
}

// getOrder returns an order: GET /orders/{id}.
func (s *Server) getOrder(w http.ResponseWriter, r *http.Request) {
	o, ok := s.loadOwnOrder(w, r)
	if !ok {
		return
	}
	resp := struct {
		*store.Order
		PaymentStatus string `json:"payment_status,omitempty"`
	}{Order: o}
	if o.Status == store.StatusPending && o.PaymentID != "" {
		// The webhook may be late: ask the provider.
		if st, err := s.Payments.Status(o.PaymentID); err == nil {
			resp.PaymentStatus = st
		}
	}
	writeJSON(w, http.StatusOK, resp)
}

// cancelOrder cancels an order and refunds it: POST /orders/{id}/cancel.
func (s *Server) cancelOrder(w http.ResponseWriter, r *http.Request) {
	o, ok := s.loadOwnOrder(w, r)
	if !ok {
		return
	}
	prev, err := s.Store.CancelOrder(r.Context(), o.ID)
	if errors.Is(err, store.ErrNotFound) {
		http.Error(w, "order can no longer be cancelled", http.StatusConflict)
		return
	} else if err != nil {
		s.internalError(w, r, err)
		return
	}
	if prev.Status == store.StatusPaid {
		if err := s.Payments.Refund(r.Context(), prev.PaymentID); err != nil {
			s.internalError(w, r, err)
			return
		}
	}
	w.WriteHeader(http.StatusNoContent)
}

// resendReceipt emails the receipt again: POST /orders/{id}/receipt.
func (s *Server) resendReceipt(w http.ResponseWriter, r *http.Request) {
	o, ok := s.loadOwnOrder(w, r)
	if !ok {
		return
	}
	s.Queue.Enqueue(worker.Job{Kind: worker.SendReceipt, OrderID: o.ID})
	w.WriteHeader(http.StatusAccepted)
}
