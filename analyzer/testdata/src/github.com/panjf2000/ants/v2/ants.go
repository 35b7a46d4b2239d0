// Package ants is a stub of github.com/panjf2000/ants/v2: a goroutine pool
// whose Submit may wait for a free worker, as the real one does in its
// default (blocking) mode.
package ants

import "sync"

// Pool accepts the tasks and processes them concurrently.
type Pool struct {
	lock        sync.Mutex
	cond        *sync.Cond
	running     int
	capacity    int
	nonblocking bool
	tasks       chan func()
}

// Option represents the optional function.
type Option func(p *Pool)

// WithNonblocking indicates that pool will return nil when there is no available workers.
func WithNonblocking(nonblocking bool) Option {
	return func(p *Pool) { p.nonblocking = nonblocking }
}

// NewPool instantiates a Pool with customized options.
func NewPool(size int, options ...Option) (*Pool, error) {
	p := &Pool{capacity: size, tasks: make(chan func())}
	p.cond = sync.NewCond(&p.lock)
	for _, o := range options {
		o(p)
	}
	return p, nil
}

// Submit submits a task to this pool.
func (p *Pool) Submit(task func()) error {
	p.retrieveWorker()
	go task()
	return nil
}

func (p *Pool) retrieveWorker() {
	p.lock.Lock()
	defer p.lock.Unlock()
	for p.running >= p.capacity && !p.nonblocking {
		p.cond.Wait() // block and wait for an available worker
	}
	p.running++
}

var defaultAntsPool, _ = NewPool(1 << 10)

// Submit submits a task to the default pool.
func Submit(task func()) error { return defaultAntsPool.Submit(task) }
