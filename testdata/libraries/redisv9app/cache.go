// Package redisv9app caches product prices in Redis with go-redis v9.
package redisv9app

import (
	"context"
	"net/http"
	"sync"
	"time"

	"github.com/redis/go-redis/v9"
)

// Prices serves /prices, with a Redis client and a local copy of the
// price list that a mutex guards.
type Prices struct {
	rdb   *redis.Client
	cache redis.UniversalClient

	mu    sync.Mutex
	local map[string]string
}

// New returns the service.
func New(rdb *redis.Client, cache redis.UniversalClient) *Prices {
	return &Prices{rdb: rdb, cache: cache, local: make(map[string]string)}
}

// Routes registers the handlers.
func (p *Prices) Routes(mux *http.ServeMux) {
	mux.HandleFunc("GET /prices/{sku}", p.price)
	mux.HandleFunc("GET /prices/{sku}/cached", p.cached)
	mux.HandleFunc("POST /prices/{sku}", p.setPrice)
	mux.HandleFunc("GET /prices/{sku}/fast", p.priceFast)
	mux.HandleFunc("POST /prices/batch", p.batch)
}

// price asks Redis with a context of its own: the request's is dropped.
func (p *Prices) price(w http.ResponseWriter, r *http.Request) {
	v, err := p.rdb.Get(context.Background(), "price:"+r.PathValue("sku")).Result()
	if err != nil {
		http.NotFound(w, r)
		return
	}
	w.Write([]byte(v))
}

// cached holds the mutex across the round trip to Redis: requests to it
// run one at a time while Redis answers.
func (p *Prices) cached(w http.ResponseWriter, r *http.Request) {
	sku := r.PathValue("sku")
	p.mu.Lock()
	defer p.mu.Unlock()
	v, ok := p.local[sku]
	if !ok {
		var err error
		if v, err = p.cache.Get(r.Context(), "price:"+sku).Result(); err != nil {
			http.NotFound(w, r)
			return
		}
		p.local[sku] = v
	}
	w.Write([]byte(v))
}

// setPrice bounds the write by a timeout made from nothing of the request.
func (p *Prices) setPrice(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(context.TODO(), time.Second)
	defer cancel()
	if err := p.cache.Set(ctx, "price:"+r.PathValue("sku"), r.FormValue("price"), 0).Err(); err != nil {
		http.Error(w, err.Error(), http.StatusServiceUnavailable)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

// priceFast passes the request's context and takes the lock only around
// the map: silent.
func (p *Prices) priceFast(w http.ResponseWriter, r *http.Request) {
	sku := r.PathValue("sku")
	v, err := p.rdb.Get(r.Context(), "price:"+sku).Result()
	if err != nil {
		http.NotFound(w, r)
		return
	}
	p.mu.Lock()
	p.local[sku] = v
	p.mu.Unlock()
	w.Write([]byte(v))
}

// batch queues commands on a pipeline under the lock (queueing is no
// round trip) and sends them after unlocking: silent.
func (p *Prices) batch(w http.ResponseWriter, r *http.Request) {
	pipe := p.rdb.Pipeline()
	p.mu.Lock()
	for sku, v := range p.local {
		pipe.Set(r.Context(), "price:"+sku, v, time.Hour)
	}
	p.mu.Unlock()
	if _, err := pipe.Exec(r.Context()); err != nil {
		http.Error(w, err.Error(), http.StatusServiceUnavailable)
	}
}
