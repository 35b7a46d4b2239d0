// Package chanwait is a job API in front of a worker pool: handlers hand
// jobs to workers over channels and wait for results.
package chanwait

import (
	"encoding/json"
	"net/http"
	"sync"
	"time"
)

// Job is a unit of work.
type Job struct {
	ID     string
	Result chan string
}

// Pool owns the workers and their channels.
type Pool struct {
	jobs    chan Job
	results chan string
	events  chan string
	wg      sync.WaitGroup
	mu      sync.Mutex
	ready   *sync.Cond
	started bool
}

// audit is the process-wide audit stream.
var audit = make(chan string, 100)

// enqueue sends on the pool's channel: if the workers are busy it waits,
// and keeps waiting after the client is gone.
func (p *Pool) enqueue(w http.ResponseWriter, r *http.Request) { // want enqueue:`blocks\(wait: send on p.jobs via Pool.enqueue\)`
	p.jobs <- Job{ID: r.FormValue("id")} // want `^chanwait: send on p\.jobs in handler Pool\.enqueue ignores the request's context \(other requests are still served\); wait in a select that also has a case for r\.Context\(\)\.Done\(\)$`
	w.WriteHeader(http.StatusAccepted)
}

// next receives from a shared channel and writes to a package-level one.
func (p *Pool) next(w http.ResponseWriter, r *http.Request) { // want next:`blocks\(wait: receive from p.results via Pool.next\)`
	res := <-p.results     // want `^chanwait: receive from p\.results in handler Pool\.next `
	audit <- "next " + res // want `^chanwait: send on audit in handler Pool\.next `
	w.Write([]byte(res))
}

// drain ranges over a shared channel.
func (p *Pool) drain(w http.ResponseWriter, r *http.Request) { // want drain:`blocks\(wait: range over p.events via Pool.drain\)`
	enc := json.NewEncoder(w)
	for ev := range p.events { // want `^chanwait: range over p\.events in handler Pool\.drain `
		enc.Encode(ev)
	}
}

// pick waits on either of two shared channels, with no way out.
func (p *Pool) pick(w http.ResponseWriter, r *http.Request) { // want pick:`blocks\(wait: select on p.results via Pool.pick\)`
	select { // want `^chanwait: select on p\.results in handler Pool\.pick .*; wait in a select that also has a case for r\.Context\(\)\.Done\(\)$`
	case res := <-p.results:
		w.Write([]byte(res))
	case ev := <-p.events:
		w.Write([]byte(ev))
	}
}

// flush waits for every in-flight job of the pool.
func (p *Pool) flush(w http.ResponseWriter, r *http.Request) { // want flush:`blocks\(wait: \(\*sync.WaitGroup\).Wait via Pool.flush\)`
	p.wg.Wait() // want `^chanwait: \(\*sync\.WaitGroup\)\.Wait in handler Pool\.flush .*; use a select on a done channel and r\.Context\(\)\.Done\(\)$`
	w.WriteHeader(http.StatusNoContent)
}

// awaitStart waits on a condition variable until the pool has started.
func (p *Pool) awaitStart(w http.ResponseWriter, r *http.Request) { // want awaitStart:`blocks\(wait: \(\*sync.Cond\).Wait via Pool.awaitStart\)`
	p.mu.Lock()
	for !p.started {
		p.ready.Wait() // want `^chanwait: \(\*sync\.Cond\)\.Wait in handler Pool\.awaitStart `
	}
	p.mu.Unlock()
}

// submit is a helper that waits for a worker to take the job.
func (p *Pool) submit(j Job) { // want submit:`blocks\(wait: send on p.jobs via Pool.submit\)`
	p.jobs <- j
}

// resize reaches the send through the helper.
func (p *Pool) resize(w http.ResponseWriter, r *http.Request) { // want resize:`blocks\(wait: send on p.jobs via Pool.resize → Pool.submit\)`
	p.submit(Job{ID: "resize"}) // want `^chanwait: handler Pool\.resize reaches send on p\.jobs via Pool\.submit \(queue\.go:\d+\) without the request's context \(other requests are still served\); pass it down to a select on ctx\.Done\(\)$`
}

// routes registers literals that capture the pool's channels.
func routes(mux *http.ServeMux, p *Pool) {
	jobs := p.jobs
	mux.HandleFunc("POST /jobs/fast", func(w http.ResponseWriter, r *http.Request) {
		jobs <- Job{ID: r.FormValue("id")} // want `^chanwait: send on jobs in handler for "POST /jobs/fast" `
	})
	mux.HandleFunc("GET /jobs/wait", func(w http.ResponseWriter, r *http.Request) {
		var done sync.WaitGroup
		done.Add(1)
		go func() {
			defer done.Done()
			p.submit(Job{ID: "x"})
		}()
		done.Wait()
		p.wg.Wait() // want `^chanwait: \(\*sync\.WaitGroup\)\.Wait in handler for "GET /jobs/wait" `
	})
}

// The handlers below either join work they started themselves or can stop
// waiting.

// scatter fans out to goroutines it starts and joins them over a local
// channel: the wait ends when its own work does.
func (p *Pool) scatter(w http.ResponseWriter, r *http.Request) {
	ids := r.URL.Query()["id"]
	results := make(chan string, len(ids))
	for _, id := range ids {
		go lookup(id, results)
	}
	var out []string
	for range ids {
		out = append(out, <-results)
	}
	json.NewEncoder(w).Encode(out)
}

// lookup answers on the channel it was given.
func lookup(id string, out chan<- string) { out <- "user-" + id }

// collect takes a channel parameter; its caller owns the channel.
func collect(in <-chan string) []string {
	var all []string
	for s := range in {
		all = append(all, s)
	}
	return all
}

// gather joins goroutines with a local WaitGroup.
func (p *Pool) gather(w http.ResponseWriter, r *http.Request) {
	var wg sync.WaitGroup
	var mu sync.Mutex
	var out []string
	for _, id := range r.URL.Query()["id"] {
		wg.Add(1)
		go func() {
			defer wg.Done()
			mu.Lock()
			out = append(out, id)
			mu.Unlock()
		}()
	}
	wg.Wait()
	ch := make(chan string)
	go func() {
		for _, s := range out {
			ch <- s
		}
		close(ch)
	}()
	json.NewEncoder(w).Encode(collect(ch))
}

// tryEnqueue gives up at once when the queue is full.
func (p *Pool) tryEnqueue(w http.ResponseWriter, r *http.Request) {
	select {
	case p.jobs <- Job{ID: r.FormValue("id")}:
		w.WriteHeader(http.StatusAccepted)
	default:
		http.Error(w, "busy", http.StatusServiceUnavailable)
	}
}

// enqueueCtx gives up when the request is cancelled.
func (p *Pool) enqueueCtx(w http.ResponseWriter, r *http.Request) {
	select {
	case p.jobs <- Job{ID: r.FormValue("id")}:
		w.WriteHeader(http.StatusAccepted)
	case <-r.Context().Done():
	}
}

// nextTimeout bounds the wait with a timer.
func (p *Pool) nextTimeout(w http.ResponseWriter, r *http.Request) {
	select {
	case res := <-p.results:
		w.Write([]byte(res))
	case <-time.After(2 * time.Second):
		http.Error(w, "timeout", http.StatusGatewayTimeout)
	}
}

// run is the worker loop, started with go; it is not a handler.
func (p *Pool) run() { // want run:`blocks\(wait: range over p.jobs via Pool.run\)`
	for j := range p.jobs {
		p.results <- j.ID
	}
}
