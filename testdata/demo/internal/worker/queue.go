// Package worker runs the shop's background jobs: receipts and order expiry.
package worker

import "context"

// Job kinds.
const (
	SendReceipt = "send_receipt"
)

// Job is a unit of background work.
type Job struct {
	Kind    string `json:"kind"`
	OrderID int64  `json:"order_id"`
}

// Queue is an in-memory job queue with a fixed capacity.
type Queue struct {
	jobs chan Job
}

// NewQueue returns a queue that holds up to size pending jobs.
func NewQueue(size int) *Queue {
	return &Queue{jobs: make(chan Job, size)}
}

// Enqueue adds a job, waiting for room if the queue is full.
func (q *Queue) Enqueue(job Job) {
	q.jobs <- job
}

// TryEnqueue adds a job, giving up if ctx is done before there is room.
func (q *Queue) TryEnqueue(ctx context.Context, job Job) error {
	select {
	case q.jobs <- job:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// Len returns the number of pending jobs.
func (q *Queue) Len() int { return len(q.jobs) }
