// Command prove measures, on loopback, that the demo's findings do what
// their messages say in Go, and that the documented fixes undo it:
//
//	cd testdata/demo && go run ./cmd/prove
//
// It starts the demo's API (internal/api) on 127.0.0.1 with a database/sql
// driver whose statements take a set time (example.com/slowdb) and fake
// upstreams, sends bounded bursts of requests, and counts: how long N
// requests that share a lock take, and how many goroutines and pool
// connections stay busy after the clients give up (runtime.NumGoroutine,
// sql.DBStats.InUse). It does so twice: on the demo as it is, and on a
// copy with the fixes of fixes.txt applied, where it first checks that
// blockcheck no longer reports those findings. It prints a Markdown table
// and exits with status 1 when a measurement contradicts a finding (or the
// fix), 2 when it could not measure.
package main

import (
	_ "embed"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"time"
)

//go:embed fixes.txt
var fixesText string

func main() {
	var p params
	flag.IntVar(&p.N, "n", 8, "concurrent requests per measurement (1 to 64)")
	flag.DurationVar(&p.Query, "query", 100*time.Millisecond, "how long the product query takes (serialization)")
	flag.DurationVar(&p.Wait, "wait", time.Second, "how long the slow query and the slow warehouse take (cancellation)")
	flag.DurationVar(&p.GiveUp, "giveup", 100*time.Millisecond, "when the clients give up")
	eventloop := flag.String("eventloop", "../eventloop", "the module, relative to the demo's, whose cmd/prove measures a gnet loop; empty: skip")
	check := flag.Bool("check", true, "check with blockcheck that the findings are reported before the fixes and not after")
	measureOnly := flag.Bool("measure", false, "measure this build only and print the measurements as JSON (used on the fixed copy)")
	flag.Parse()
	if p.N < 1 || p.N > 64 || p.Query <= 0 || p.Query > 2*time.Second || p.Wait > 10*time.Second || p.GiveUp >= p.Wait || p.GiveUp >= couponDelay {
		fmt.Fprintln(os.Stderr, "prove: want 1 ≤ -n ≤ 64, 0 < -query ≤ 2s, -giveup < -wait ≤ 10s, -giveup < 750ms")
		os.Exit(2)
	}
	if *measureOnly {
		m, err := measure(p)
		if err == nil {
			err = json.NewEncoder(os.Stdout).Encode(m)
		}
		if err != nil {
			fmt.Fprintln(os.Stderr, "prove:", err)
			os.Exit(2)
		}
		return
	}
	dir, err := moduleDir()
	if err != nil {
		fmt.Fprintln(os.Stderr, "prove:", err)
		os.Exit(2)
	}
	rows, err := prove(dir, p, *check)
	if err != nil {
		fmt.Fprintln(os.Stderr, "prove:", err)
		os.Exit(2)
	}
	contradicted := writeTable(os.Stdout, os.Stderr, rows)
	if *eventloop != "" {
		// The gnet servers live in their own module, with gnet pinned:
		// its prove prints its own rows and judges them.
		cmd := exec.Command("go", "run", "./cmd/prove", "-rows")
		cmd.Dir = filepath.Join(dir, filepath.FromSlash(*eventloop))
		cmd.Stdout, cmd.Stderr = os.Stdout, os.Stderr
		var exit *exec.ExitError
		switch err := cmd.Run(); {
		case errors.As(err, &exit) && exit.ExitCode() == 1:
			contradicted = true
		case err != nil:
			fmt.Fprintf(os.Stderr, "prove: the event-loop measurement in %s: %v\n", cmd.Dir, err)
			os.Exit(2)
		}
	}
	if contradicted {
		os.Exit(1)
	}
}

// moduleDir returns the demo module's directory: prove runs in it.
func moduleDir() (string, error) {
	gomod, err := goCmd(".", "env", "GOMOD")
	if err != nil {
		return "", err
	}
	dir := filepath.Dir(strings.TrimSpace(string(gomod)))
	if _, err := os.Stat(filepath.Join(dir, "cmd", "prove", "fixes.txt")); err != nil {
		return "", errors.New("run prove in the demo module: cd testdata/demo && go run ./cmd/prove")
	}
	return dir, nil
}

// prove measures the demo in dir before and after the fixes.
func prove(dir string, p params, check bool) ([]row, error) {
	fixes, err := parseFixes(fixesText)
	if err != nil {
		return nil, err
	}
	tmp, err := os.MkdirTemp("", "prove")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(tmp)
	fixed := filepath.Join(tmp, "demo")
	if err := fixedCopy(dir, fixed, fixes); err != nil {
		return nil, err
	}
	// Build the fixed copy and run blockcheck on both at once: on two
	// cores that halves the wait. The measurements come after, alone.
	bin := filepath.Join(tmp, "prove-fixed")
	var before, after map[string]bool
	var buildErr, beforeErr, afterErr error
	var wg sync.WaitGroup
	wg.Go(func() {
		if _, err := goCmd(fixed, "build", "-o", bin, "./cmd/prove"); err != nil {
			buildErr = fmt.Errorf("the fixed demo does not build: %v", err)
		}
	})
	if check {
		wg.Go(func() { before, beforeErr = reported(dir) })
		wg.Go(func() { after, afterErr = reported(fixed) })
	}
	wg.Wait()
	if err := errors.Join(buildErr, beforeErr, afterErr); err != nil {
		return nil, err
	}

	mb, err := measure(p)
	if err != nil {
		return nil, fmt.Errorf("before the fixes: %v", err)
	}
	cmd := exec.Command(bin, "-measure", fmt.Sprint("-n=", p.N), "-query="+p.Query.String(),
		"-wait="+p.Wait.String(), "-giveup="+p.GiveUp.String())
	cmd.Stderr = os.Stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("after the fixes: %v", err)
	}
	var ma measurement
	if err := json.Unmarshal(out, &ma); err != nil {
		return nil, fmt.Errorf("after the fixes: %v", err)
	}
	return rows(p, mb, &ma, fixes, before, after), nil
}

// row is one line of the table: a harm, the finding that names it, what
// was measured before and after its fix, and what contradicts the
// finding, if anything did.
type row struct {
	harm, finding  string
	before, after  string
	contradictions []string
}

func rows(p params, b, a *measurement, fixes []fix, before, after map[string]bool) []row {
	finding := func(rule string) (string, []string) {
		var handler string
		for _, f := range fixes {
			if f.rule == rule {
				handler = f.handler
			}
		}
		text := rule + " in " + handler
		if before == nil {
			return text + " (not checked)", nil
		}
		var bad []string
		if !has(before, rule, handler) {
			bad = append(bad, "blockcheck does not report "+text+" before the fix")
		}
		if has(after, rule, handler) {
			bad = append(bad, "blockcheck still reports "+text+" after the fix")
		}
		return text + ": " + map[bool]string{true: "reported", false: "silent"}[has(before, rule, handler)] +
			" → " + map[bool]string{true: "reported", false: "silent"}[has(after, rule, handler)], bad
	}
	var rs []row

	// Serialization.
	q := p.Query
	r := row{harm: fmt.Sprintf("serialization: %d requests at once to GET /products/{id}, each a %s query", p.N, q)}
	r.finding, r.contradictions = finding("lockheld")
	times := func(d time.Duration) string {
		return fmt.Sprintf("%s (%.1f × the query)", ms(d), float64(d)/float64(q))
	}
	r.before, r.after = times(b.Serial), times(a.Serial)
	if p.N > 1 && b.Serial < q*time.Duration(p.N)*8/10 {
		r.contradictions = append(r.contradictions, "before the fix, the requests did not run one at a time")
	}
	if p.N > 1 && a.Serial >= q*time.Duration(p.N)/2 {
		r.contradictions = append(r.contradictions, "after the fix, the requests still ran one at a time")
	}
	rs = append(rs, r)

	// Cancellation.
	for _, c := range cancelCases {
		lasts := c.lasts(p)
		r := row{harm: fmt.Sprintf("cancellation: %d clients of %s %s give up after %s; the handler blocks for %s",
			p.N, c.method, c.path, p.GiveUp, lasts)}
		r.finding, r.contradictions = finding(c.rule)
		ob, oa := b.Cancel[c.rule], a.Cancel[c.rule]
		r.before, r.after = ob.String(), oa.String()
		late := (lasts - p.GiveUp) / 2
		if ob.Goroutines < p.N || (ob.Released >= 0 && ob.Released < late) || (c.rule == "sqlnoctx" && ob.InUse < p.N) {
			r.contradictions = append(r.contradictions, "before the fix, the handlers did not keep waiting after the clients gave up")
		}
		if oa.Released < 0 || oa.Released >= late || oa.InUse > 0 {
			r.contradictions = append(r.contradictions, "after the fix, the handlers were not released when the clients gave up")
		}
		rs = append(rs, r)
	}

	// Not an event loop.
	r = row{harm: fmt.Sprintf("net/http is not an event loop: GET /healthz while POST /coupons/redeem sleeps %s", couponDelay),
		finding: "sleep says: other requests are still served"}
	served := func(m *measurement) string {
		return fmt.Sprintf("served in %s (the sleeping request took %s)", ms(m.Parallel), ms(m.Sleeping))
	}
	r.before, r.after = served(b), served(a)
	if b.Parallel >= couponDelay/2 || a.Parallel >= couponDelay/2 {
		r.contradictions = append(r.contradictions, "a request waited for another one that slept")
	}
	return append(rs, r)
}

func (o cancelOutcome) String() string {
	released := "not back to idle within the bound"
	if o.Released >= 0 {
		released = "back to idle " + ms(o.Released) + " after they gave up"
	}
	return fmt.Sprintf("%d goroutines, %d pool connections busy %s later; %s", o.Goroutines, o.InUse, ms(Settle), released)
}

func ms(d time.Duration) string {
	return fmt.Sprintf("%d ms", d.Round(time.Millisecond).Milliseconds())
}

// writeTable prints the rows as a Markdown table to w and the
// contradictions to errw; it reports whether there were any.
func writeTable(w, errw io.Writer, rs []row) bool {
	fmt.Fprintln(w, "| harm | blockcheck: before → after the fix | before the fix | after the fix |")
	fmt.Fprintln(w, "|---|---|---|---|")
	contradicted := false
	for _, r := range rs {
		fmt.Fprintf(w, "| %s | %s | %s | %s |\n", r.harm, r.finding, r.before, r.after)
		for _, c := range r.contradictions {
			fmt.Fprintf(errw, "prove: CONTRADICTED: %s: %s\n", r.harm, c)
			contradicted = true
		}
	}
	return contradicted
}
