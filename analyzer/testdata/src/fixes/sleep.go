// Package fixes holds handlers whose findings have a mechanical fix; each
// file has a .golden file with every fix applied.
package fixes

import (
	"context"
	"net/http"
	"time"
)

// Mailer sends mail.
type Mailer struct {
	pause time.Duration
	tries int
}

// pace sleeps at the top level of the handler.
func (m *Mailer) pace(w http.ResponseWriter, r *http.Request) { // want pace:`blocks\(sleep: time.Sleep via Mailer.pace\)`
	time.Sleep(m.pause) // want `^sleep: time\.Sleep in handler Mailer\.pace .*; use a select on time\.After and r\.Context\(\)\.Done\(\)$`
	w.WriteHeader(http.StatusAccepted)
}

// resend sleeps deep inside nested blocks, with ctx in scope.
func (m *Mailer) resend(w http.ResponseWriter, r *http.Request) { // want resend:`blocks\(sleep: time.Sleep via Mailer.resend\)`
	ctx := r.Context()
	for i := 0; i < m.tries; i++ {
		if err := send(ctx, r.FormValue("to")); err != nil {
			switch {
			case i < 2:
				time.Sleep(time.Duration(i+1) * m.pause) // want `^sleep: time\.Sleep in handler Mailer\.resend .*; use a select on time\.After and ctx\.Done\(\)$`
			default:
				http.Error(w, err.Error(), http.StatusBadGateway)
				return
			}
			continue
		}
		break
	}
}

// route registers a literal handler that sleeps inside an if.
func (m *Mailer) route(mux *http.ServeMux) {
	mux.HandleFunc("POST /mail/bulk", func(w http.ResponseWriter, req *http.Request) {
		if req.ContentLength > 1<<20 {
			time.Sleep(m.pause) // want `^sleep: time\.Sleep in handler for "POST /mail/bulk" .*; use a select on time\.After and req\.Context\(\)\.Done\(\)$`
		}
		w.WriteHeader(http.StatusAccepted)
	})
}

// onBounce is a queue callback marked as a handler; its context is ctx.
//
//blockcheck:handler
func (m *Mailer) onBounce(ctx context.Context, addr string) error { // want onBounce:`blocks\(sleep: time.Sleep via Mailer.onBounce\)`
	time.Sleep(m.pause) // want `^sleep: time\.Sleep in handler Mailer\.onBounce .*; use a select on time\.After and ctx\.Done\(\)$`
	return send(ctx, addr)
}

// noContext has no name for its request: nothing to put in the fix.
func noContext(w http.ResponseWriter, _ *http.Request) { // want noContext:`blocks\(sleep: time.Sleep via noContext\)`
	time.Sleep(time.Millisecond) // want `^sleep: time\.Sleep in handler noContext .*; use a select on time\.After and ctx\.Done\(\)$`
}

// deferred sleeps in a defer: not a statement the fix can replace.
func deferred(w http.ResponseWriter, r *http.Request) { // want deferred:`blocks\(sleep: time.Sleep via deferred\)`
	defer time.Sleep(time.Millisecond) // want `^sleep: time\.Sleep in handler deferred `
	w.WriteHeader(http.StatusOK)
}

func send(ctx context.Context, to string) error { return ctx.Err() }

// waitSent polls until the message is sent: the fix would end each sleep
// at once after the client leaves, and the loop would spin on send, so
// there is none here.
func (m *Mailer) waitSent(w http.ResponseWriter, r *http.Request) { // want waitSent:`blocks\(sleep: time.Sleep via Mailer.waitSent\)`
	for send(r.Context(), r.FormValue("to")) != nil {
		time.Sleep(m.pause) // want `^sleep: time\.Sleep in handler Mailer\.waitSent .*; use a select on time\.After and r\.Context\(\)\.Done\(\)$`
	}
	w.WriteHeader(http.StatusNoContent)
}
