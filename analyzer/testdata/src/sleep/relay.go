// Package sleep is a webhook relay: it throttles callers, polls upstream
// jobs, and streams progress. Some handlers wait with time.Sleep or a bare
// timer; the correct ones wait in a select that also watches the request's
// context.
package sleep

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"time"
)

// Relay forwards webhooks to subscribers.
type Relay struct {
	backoff time.Duration
	poll    time.Duration
	jobs    map[string]string
}

// throttle slows down noisy senders before answering 429.
func (rl *Relay) throttle(w http.ResponseWriter, r *http.Request) { // want throttle:`blocks\(sleep: time.Sleep via Relay.throttle\)`
	time.Sleep(rl.backoff) // want `^sleep: time\.Sleep in handler Relay\.throttle ignores the request's context \(other requests are still served\); use a select on time\.After and r\.Context\(\)\.Done\(\)$`
	w.WriteHeader(http.StatusTooManyRequests)
}

// waitForJob polls until the upstream job has finished.
func (rl *Relay) waitForJob(w http.ResponseWriter, r *http.Request) { // want waitForJob:`blocks\(sleep: receive from time.After\(rl.poll\) via Relay.waitForJob\)`
	id := r.PathValue("id")
	for rl.jobs[id] == "running" {
		<-time.After(rl.poll) // want `^sleep: receive from time\.After\(rl\.poll\) in handler Relay\.waitForJob ignores the request's context \(other requests are still served\); wait in a select on the timer and r\.Context\(\)\.Done\(\)$`
	}
	json.NewEncoder(w).Encode(map[string]string{"status": rl.jobs[id]})
}

// ticks streams a fixed number of heartbeats.
func ticks(w http.ResponseWriter, req *http.Request) { // want ticks:`blocks\(sleep: receive from ticker.C via ticks\)`
	ticker := time.NewTicker(time.Second)
	defer ticker.Stop()
	for i := 0; i < 5; i++ {
		<-ticker.C // want `^sleep: receive from ticker\.C in handler ticks .*; wait in a select on the timer and req\.Context\(\)\.Done\(\)$`
		fmt.Fprintf(w, "tick %d\n", i)
	}
}

// heartbeat ranges over a ticker channel until the count is reached.
func heartbeat(w http.ResponseWriter, r *http.Request) { // want heartbeat:`blocks\(sleep: range over tick.C via heartbeat\)`
	tick := time.NewTicker(500 * time.Millisecond)
	defer tick.Stop()
	n := 0
	for range tick.C { // want `^sleep: range over tick\.C in handler heartbeat `
		n++
		fmt.Fprintln(w, "beat")
		if n == 3 {
			return
		}
	}
}

// settle waits for replication with a select that has nothing but timers:
// it cannot notice the client leaving either.
func (rl *Relay) settle(w http.ResponseWriter, r *http.Request) { // want settle:`blocks\(sleep: select on a timer via Relay.settle\)`
	deadline := time.NewTimer(2 * time.Second)
	defer deadline.Stop()
	select { // want `^sleep: select on a timer in handler Relay\.settle .*; wait in a select on the timer and r\.Context\(\)\.Done\(\)$`
	case <-deadline.C:
	case <-time.After(rl.poll):
	}
	w.WriteHeader(http.StatusAccepted)
}

// retryLater is a helper: the sleep is reported where a handler calls it.
func retryLater(d time.Duration) { // want retryLater:`blocks\(sleep: time.Sleep via retryLater\)`
	time.Sleep(d)
}

// redeliver calls the sleeping helper.
func (rl *Relay) redeliver(w http.ResponseWriter, r *http.Request) { // want redeliver:`blocks\(sleep: time.Sleep via Relay.redeliver → retryLater\)`
	retryLater(rl.backoff) // want `^sleep: handler Relay\.redeliver reaches time\.Sleep via retryLater \(relay\.go:\d+\) without the request's context \(other requests are still served\); pass it down to a select on the timer and ctx\.Done\(\)$`
	w.WriteHeader(http.StatusAccepted)
}

// replay redelivers a batch: the sleep is two calls down.
func (rl *Relay) replay(w http.ResponseWriter, r *http.Request) { // want replay:`blocks\(sleep: time.Sleep via Relay.replay → replayBatch → retryLater\)`
	replayBatch(rl.backoff, 3) // want `^sleep: handler Relay\.replay reaches time\.Sleep via replayBatch → retryLater \(relay\.go:\d+\) without the request's context \(other requests are still served\); pass it down to a select on the timer and ctx\.Done\(\)$`
}

func replayBatch(d time.Duration, n int) { // want replayBatch:`blocks\(sleep: time.Sleep via replayBatch → retryLater\)`
	for i := 0; i < n; i++ {
		retryLater(d)
	}
}

// cooldown sleeps in a deferred literal, which runs before the handler
// returns: it is part of the handler.
func (rl *Relay) cooldown(w http.ResponseWriter, r *http.Request) { // want cooldown:`blocks\(sleep: time.Sleep via Relay.cooldown\)`
	defer func() {
		time.Sleep(rl.backoff) // want `^sleep: time\.Sleep in handler Relay\.cooldown `
	}()
	w.WriteHeader(http.StatusOK)
}

// The handlers below wait correctly: every wait can end when the request's
// context is done.

// politeThrottle sleeps in a select with ctx.Done().
func (rl *Relay) politeThrottle(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	select {
	case <-time.After(rl.backoff):
	case <-ctx.Done():
		return
	}
	w.WriteHeader(http.StatusTooManyRequests)
}

// stream sends progress every second until the client goes away.
func (rl *Relay) stream(w http.ResponseWriter, r *http.Request) {
	ticker := time.NewTicker(time.Second)
	defer ticker.Stop()
	flusher, _ := w.(http.Flusher)
	for {
		select {
		case <-r.Context().Done():
			return
		case t := <-ticker.C:
			fmt.Fprintf(w, "data: %s\n\n", t.Format(time.RFC3339))
			if flusher != nil {
				flusher.Flush()
			}
		}
	}
}

// pollDone keeps ctx.Done() in a variable, as loops often do.
func (rl *Relay) pollDone(w http.ResponseWriter, r *http.Request) {
	done := r.Context().Done()
	id := r.PathValue("id")
	for rl.jobs[id] == "running" {
		select {
		case <-done:
			return
		case <-time.After(rl.poll):
		}
	}
	w.WriteHeader(http.StatusOK)
}

// sleepCtx is the helper handlers should use; it is not blocking-unaware.
func sleepCtx(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// retryPolitely calls the context-aware helper.
func (rl *Relay) retryPolitely(w http.ResponseWriter, r *http.Request) {
	if err := sleepCtx(r.Context(), rl.backoff); err != nil {
		return
	}
	w.WriteHeader(http.StatusAccepted)
}

// nonBlocking checks a timer without waiting.
func nonBlocking(w http.ResponseWriter, r *http.Request) {
	t := time.NewTimer(time.Millisecond)
	select {
	case <-t.C:
		fmt.Fprintln(w, "expired")
	default:
		fmt.Fprintln(w, "pending")
	}
}
