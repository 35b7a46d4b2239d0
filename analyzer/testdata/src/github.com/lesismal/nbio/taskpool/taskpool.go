// Package taskpool is a stub of nbio's taskpool: Go waits when the queue
// is full, as the real one does.
package taskpool

// TaskPool is a goroutine pool with a queue.
type TaskPool struct {
	queue   chan func()
	chClose chan struct{}
}

// New creates and returns a TaskPool.
func New(maxConcurrent int, chQqueueSize int, v ...interface{}) *TaskPool {
	return &TaskPool{queue: make(chan func(), chQqueueSize), chClose: make(chan struct{})}
}

// Go runs f in the pool.
func (tp *TaskPool) Go(f func()) {
	select {
	case tp.queue <- f:
	case <-tp.chClose:
	}
}
