// Package redisapp is a session service on redigo.
package redisapp

import (
	"net/http"

	"github.com/gomodule/redigo/redis"
)

// Sessions serves /sessions.
type Sessions struct{ pool *redis.Pool }

// New returns the service on pool.
func New(pool *redis.Pool) *Sessions { return &Sessions{pool: pool} }

// Routes registers the handlers.
func (s *Sessions) Routes(mux *http.ServeMux) {
	mux.HandleFunc("GET /sessions/{id}", s.get)
	mux.HandleFunc("GET /sessions/{id}/fast", s.getFast)
	mux.HandleFunc("GET /health/redis", s.health)
}

func (s *Sessions) get(w http.ResponseWriter, r *http.Request) {
	conn := s.pool.Get()
	defer conn.Close()
	v, err := redis.String(conn.Do("GET", "session:"+r.PathValue("id")))
	if err != nil {
		http.NotFound(w, r)
		return
	}
	w.Write([]byte(v))
}

func (s *Sessions) getFast(w http.ResponseWriter, r *http.Request) {
	conn, err := s.pool.GetContext(r.Context())
	if err != nil {
		http.Error(w, err.Error(), http.StatusServiceUnavailable)
		return
	}
	defer conn.Close()
	v, _ := redis.String(redis.DoContext(conn, r.Context(), "GET", "session:"+r.PathValue("id")))
	w.Write([]byte(v))
}

func (s *Sessions) health(w http.ResponseWriter, r *http.Request) {
	conn, err := redis.Dial("tcp", "cache.internal:6379")
	if err != nil {
		http.Error(w, err.Error(), http.StatusServiceUnavailable)
		return
	}
	conn.Close()
}
