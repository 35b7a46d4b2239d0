package api

import (
	"errors"
	"net/http"
	"strconv"
	"sync"

	"example.com/shop/internal/store"
)

// getUser returns a user's profile: GET /users/{id}.
func (s *Server) getUser(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil || id != userFrom(r.Context()) {
		http.NotFound(w, r)
		return
	}
	u, err := s.Store.GetUser(id)
	if errors.Is(err, store.ErrNotFound) {
		http.NotFound(w, r)
		return
	} else if err != nil {
		s.internalError(w, r, err)
		return
	}
	go s.Store.TouchLastSeen(id)
	writeJSON(w, http.StatusOK, u)
}

// getUserSummary returns the profile and the five latest orders in one call:
// GET /users/{id}/summary.
func (s *Server) getUserSummary(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil || id != userFrom(r.Context()) {
		http.NotFound(w, r)
		return
	}
	ctx := r.Context()
	var (
		wg                 sync.WaitGroup
		user               *store.User
		orders             []store.Order
		userErr, ordersErr error
	)
	wg.Go(func() { user, userErr = s.Store.GetUserContext(ctx, id) })
	wg.Go(func() { orders, ordersErr = s.Store.ListOrdersContext(ctx, id, 5) })
	wg.Wait()

	if errors.Is(userErr, store.ErrNotFound) {
		http.NotFound(w, r)
		return
	}
	if err := errors.Join(userErr, ordersErr); err != nil {
		s.internalError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"user": user, "recent_orders": orders})
}

// listOrders returns a page of the user's orders: GET /users/{id}/orders?limit=N.
//
//blockcheck:handler
func (s *Server) listOrders(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	if id != userFrom(r.Context()) {
		return &httpError{http.StatusNotFound, "not found"}
	}
	limit := 20
	if v := r.URL.Query().Get("limit"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > 100 {
			return badRequest("limit must be between 1 and 100")
		}
		limit = n
	}
	orders, err := s.Store.ListOrders(id, limit)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, orders)
}
