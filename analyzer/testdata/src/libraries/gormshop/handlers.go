package gormshop

import (
	"encoding/json"
	"net/http"

	"gorm.io/gorm"
)

// Server serves the shop's API.
type Server struct{ store *Store }

func (s *Server) getProduct(w http.ResponseWriter, r *http.Request) { // want getProduct:`blocks\(sql: \(\*gorm.DB\).First via Server.getProduct → Store.product\)`
	p, err := s.store.product(r.PathValue("id")) // want `^sqlnoctx: handler Server\.getProduct reaches \(\*gorm\.DB\)\.First via Store\.product \(store\.go:\d+\) without the request's context`
	if err != nil {
		http.NotFound(w, r)
		return
	}
	json.NewEncoder(w).Encode(p)
}

func (s *Server) getProductFast(w http.ResponseWriter, r *http.Request) { // want getProductFast:`blocks\(slow: \(\*gorm.DB\).First via Server.getProductFast → Store.productCtx\)`
	p, _ := s.store.productCtx(r.Context(), r.PathValue("id"))
	json.NewEncoder(w).Encode(p)
}

func (s *Server) listInStock(w http.ResponseWriter, r *http.Request) { // want listInStock:`blocks\(sql: \(\*gorm.DB\).Find via Server.listInStock\)`
	var ps []Product
	s.store.inStock().Order("name").Find(&ps) // want `^sqlnoctx: \(\*gorm\.DB\)\.Find in handler Server\.listInStock ignores the request's context \(other requests are still served\); use WithContext\(r\.Context\(\)\) in the chain$`
	json.NewEncoder(w).Encode(ps)
}

func (s *Server) listScoped(w http.ResponseWriter, r *http.Request) { // want listScoped:`blocks\(slow: \(\*gorm.DB\).Find via Server.listScoped\)`
	var ps []Product
	s.store.scoped(r.Context()).Find(&ps)
	json.NewEncoder(w).Encode(ps)
}

func (s *Server) count(w http.ResponseWriter, r *http.Request) { // want count:`blocks\(sql: \(\*gorm.DB\).Count via Server.count\)`
	ctx := r.Context()
	q := s.store.db.Model(&Product{})
	if name := r.URL.Query().Get("name"); name != "" {
		q = q.Where("name LIKE ?", name+"%")
	}
	var n int64
	q.Count(&n) // want `^sqlnoctx: \(\*gorm\.DB\)\.Count in handler Server\.count .*; use WithContext\(ctx\) in the chain$`
	json.NewEncoder(w).Encode(n)
	_ = ctx
}

func (s *Server) countAttached(w http.ResponseWriter, r *http.Request) { // want countAttached:`blocks\(slow: \(\*gorm.DB\).Count via Server.countAttached\)`
	q := s.store.db.Model(&Product{})
	q = q.WithContext(r.Context())
	var n int64
	q.Count(&n)
	json.NewEncoder(w).Encode(n)
}

func (s *Server) order(w http.ResponseWriter, r *http.Request) { // want order:`blocks\(sql: \(\*gorm.DB\).Transaction via Server.order; slow: \(\*gorm.DB\).Create via Server.order\)`
	o := Order{ProductID: 1}
	err := s.store.db.Transaction(func(tx *gorm.DB) error { // want `^sqlnoctx: \(\*gorm\.DB\)\.Transaction in handler Server\.order .*; use WithContext\(r\.Context\(\)\) in the chain$`
		// tx keeps the context of the chain Transaction runs on.
		return tx.Create(&o).Error
	})
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
	}
}

func (s *Server) orderCtx(w http.ResponseWriter, r *http.Request) { // want orderCtx:`blocks\(slow: \(\*gorm.DB\).Transaction via Server.orderCtx\)`
	o := Order{ProductID: 1}
	s.store.db.WithContext(r.Context()).Transaction(func(tx *gorm.DB) error {
		return tx.Create(&o).Error
	})
}

func (s *Server) tenant(w http.ResponseWriter, r *http.Request) { // want tenant:`blocks\(slow: \(\*gorm.DB\).Find via Server.tenant\)`
	var ps []Product
	byTenant(s.store.Replica, r.URL.Query().Get("t"), &ps)
	s.store.Replica.Find(&ps)
	json.NewEncoder(w).Encode(ps)
}

// Routes registers the handlers.
func (s *Server) Routes(mux *http.ServeMux) {
	mux.HandleFunc("GET /products/{id}", s.getProduct)
	mux.HandleFunc("GET /products/{id}/fast", s.getProductFast)
	mux.HandleFunc("GET /products", s.listInStock)
	mux.HandleFunc("GET /products/scoped", s.listScoped)
	mux.HandleFunc("GET /products/count", s.count)
	mux.HandleFunc("GET /products/count2", s.countAttached)
	mux.HandleFunc("POST /orders", s.order)
	mux.HandleFunc("POST /orders2", s.orderCtx)
	mux.HandleFunc("GET /tenant", s.tenant)
}
