// Package goroutine is a stub of gnet's pkg/pool/goroutine: a non-blocking
// ants pool.
package goroutine

import "github.com/panjf2000/ants/v2"

// Pool is the alias of ants.Pool.
type Pool = ants.Pool

// DefaultWorkerPool is the global worker pool.
var DefaultWorkerPool = Default()

// Default instantiates a non-blocking goroutine pool.
func Default() *Pool {
	p, _ := ants.NewPool(1<<18, ants.WithNonblocking(true))
	return p
}
