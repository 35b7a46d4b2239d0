package worker

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"sync"
	"time"

	"example.com/shop/internal/store"
)

// Worker consumes a Queue and periodically expires abandoned orders.
type Worker struct {
	queue     *Queue
	store     *store.Store
	mailerURL string
	interval  time.Duration
	log       *slog.Logger

	busy sync.WaitGroup // jobs being processed
}

// New returns a worker. Call Run to start it.
func New(q *Queue, st *store.Store, mailerURL string, interval time.Duration, log *slog.Logger) *Worker {
	return &Worker{queue: q, store: st, mailerURL: mailerURL, interval: interval, log: log}
}

// Run processes jobs until ctx is done.
func (w *Worker) Run(ctx context.Context) {
	go w.expireLoop(ctx)
	for {
		select {
		case <-ctx.Done():
			return
		case job := <-w.queue.jobs:
			w.busy.Add(1)
			if err := w.process(job); err != nil {
				w.log.Error("job failed", "kind", job.Kind, "order", job.OrderID, "err", err)
			}
			w.busy.Done()
		}
	}
}

// WaitIdle waits until no job is being processed.
func (w *Worker) WaitIdle() {
	w.busy.Wait()
}

// expireLoop marks orders that stayed pending for a day as expired.
func (w *Worker) expireLoop(ctx context.Context) {
	for ctx.Err() == nil {
		n, err := w.store.ExpireOrders(ctx, time.Now().Add(-24*time.Hour))
		if err != nil {
			w.log.Error("expire orders", "err", err)
		} else if n > 0 {
			w.log.Info("expired orders", "count", n)
		}
		time.Sleep(w.interval)
	}
}

// process runs one job. Jobs get their own deadline so that a shutdown lets
// the current one finish.
func (w *Worker) process(job Job) error {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	switch job.Kind {
	case SendReceipt:
		o, err := w.store.Order(ctx, job.OrderID)
		if err != nil {
			return err
		}
		u, err := w.store.GetUserContext(ctx, o.UserID)
		if err != nil {
			return err
		}
		return w.sendReceipt(u, o)
	default:
		return fmt.Errorf("unknown job kind %q", job.Kind)
	}
}

func (w *Worker) sendReceipt(u *store.User, o *store.Order) error {
	body, err := json.Marshal(map[string]any{
		"template": "receipt",
		"to":       u.Email,
		"data":     o,
	})
	if err != nil {
		return err
	}
	resp, err := http.Post(w.mailerURL+"/send", "application/json", bytes.NewReader(body))
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode >= 300 {
		return fmt.Errorf("mailer: %s", resp.Status)
	}
	return nil
}
