package main

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"runtime"
	"strings"
	"sync"
	"time"
)

// params bound what prove does: how many requests, and for how long.
type params struct {
	N      int           // concurrent requests per measurement
	Query  time.Duration // the product query, for serialization
	Wait   time.Duration // the slow query and the slow warehouse, for cancellation
	GiveUp time.Duration // when the clients give up
}

// measurement is what one build of the demo did; prove runs it on the
// demo as it is and on the demo with the fixes.
type measurement struct {
	Serial   time.Duration            // N concurrent requests for N products not in the cache
	Cancel   map[string]cancelOutcome // by rule
	Parallel time.Duration            // GET /healthz while another request sleeps
	Sleeping time.Duration            // how long that request took
}

// cancelOutcome is what is left after N clients gave up.
type cancelOutcome struct {
	Goroutines int           // goroutines above idle, Settle after the clients gave up
	InUse      int           // database pool connections in use then
	Released   time.Duration // from giving up until both are back to idle; -1: not within the bound
}

// Settle is how long after the clients gave up the goroutines and pool
// connections are counted.
const Settle = 50 * time.Millisecond

// couponDelay is the demo's invalidCouponDelay (internal/api/products.go).
const couponDelay = 750 * time.Millisecond

// cancelCase is a request whose handler blocks, by the rule that reports it.
type cancelCase struct {
	rule, method, path, body string
	lasts                    func(p params) time.Duration // how long the handler blocks
}

var cancelCases = []cancelCase{
	{rule: "sleep", method: "POST", path: "/coupons/redeem", body: `{"code":"GUESS"}`,
		lasts: func(params) time.Duration { return couponDelay }},
	{rule: "sqlnoctx", method: "GET", path: "/users/1", lasts: func(p params) time.Duration { return p.Wait }},
	{rule: "httpnoctx", method: "GET", path: "/products/1/stock", lasts: func(p params) time.Duration { return p.Wait }},
}

// client sends requests with no keep-alive: a request's connection, and
// the server's goroutines for it, end with it.
var client = &http.Client{Transport: &http.Transport{DisableKeepAlives: true}}

func send(ctx context.Context, url, method, body string) error {
	req, err := http.NewRequestWithContext(ctx, method, url, strings.NewReader(body))
	if err != nil {
		return err
	}
	req.Header.Set("Authorization", "Bearer prove")
	resp, err := client.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	_, err = io.Copy(io.Discard, resp.Body)
	if err == nil && resp.StatusCode >= 500 {
		err = fmt.Errorf("%s %s: %s", method, url, resp.Status)
	}
	return err
}

// measure runs every measurement on the build it is compiled into.
func measure(p params) (*measurement, error) {
	svc, err := startService(p.N + 4)
	if err != nil {
		return nil, err
	}
	defer svc.Close()
	m := &measurement{Cancel: map[string]cancelOutcome{}}

	// Serialization: N products, none in the cache yet, at once.
	svc.queryTime.Store(int64(p.Query))
	start := time.Now()
	if err := burst(p.N, func(i int) error {
		return send(context.Background(), fmt.Sprintf("%s/products/%d", svc.URL, 100+i), "GET", "")
	}); err != nil {
		return nil, err
	}
	m.Serial = time.Since(start)

	// Cancellation: N clients that give up.
	svc.queryTime.Store(int64(p.Wait))
	svc.warehouseTime.Store(int64(p.Wait))
	for _, c := range cancelCases {
		m.Cancel[c.rule] = giveUp(svc, p, c)
	}

	// Not an event loop: a request while another sleeps.
	idleGoroutines(time.Second)
	done := make(chan time.Duration)
	go func() {
		t := time.Now()
		send(context.Background(), svc.URL+"/coupons/redeem", "POST", `{"code":"GUESS"}`)
		done <- time.Since(t)
	}()
	time.Sleep(couponDelay / 10)
	t := time.Now()
	if err := send(context.Background(), svc.URL+"/healthz", "GET", ""); err != nil {
		return nil, err
	}
	m.Parallel = time.Since(t)
	m.Sleeping = <-done
	return m, nil
}

// burst runs f(0) … f(n-1) at once and waits for them.
func burst(n int, f func(i int) error) error {
	var wg sync.WaitGroup
	errs := make([]error, n)
	for i := range n {
		wg.Go(func() { errs[i] = f(i) })
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// giveUp sends p.N requests of c whose clients give up after p.GiveUp,
// then counts what the server still has busy, until it is back to idle.
func giveUp(svc *service, p params, c cancelCase) cancelOutcome {
	idle := idleGoroutines(time.Second)
	burst(p.N, func(int) error {
		ctx, cancel := context.WithTimeout(context.Background(), p.GiveUp)
		defer cancel()
		send(ctx, svc.URL+c.path, c.method, c.body) // fails: the client gives up
		return nil
	})
	gaveUp := time.Now()
	out := cancelOutcome{Released: -1}
	counted := false
	for bound := c.lasts(p) + time.Second; ; time.Sleep(time.Millisecond) {
		since := time.Since(gaveUp)
		busy, inUse := runtime.NumGoroutine()-idle, svc.DB.Stats().InUse
		if out.Released < 0 && busy <= 0 && inUse == 0 {
			out.Released = since
		}
		if !counted && since >= Settle {
			out.Goroutines, out.InUse, counted = max(busy, 0), inUse, true
		}
		if counted && out.Released >= 0 || since > bound {
			break
		}
	}
	return out
}

// idleGoroutines waits, at most bound, until the number of goroutines has
// not changed for 20 ms, and returns it.
func idleGoroutines(bound time.Duration) int {
	n := runtime.NumGoroutine()
	stable := time.Now()
	for end := time.Now().Add(bound); time.Now().Before(end); {
		time.Sleep(2 * time.Millisecond)
		if m := runtime.NumGoroutine(); m != n {
			n, stable = m, time.Now()
		} else if time.Since(stable) >= 20*time.Millisecond {
			break
		}
	}
	return n
}
