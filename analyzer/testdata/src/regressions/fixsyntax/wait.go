// want package:`pending\(fixsyntax\.Converter\.waitReady: Converter\.ready\)`

// Package fixsyntax sleeps where only a simple statement may go: the
// select the sleep fix writes there is a syntax error.
package fixsyntax

import (
	"net/http"
	"time"
)

// Converter converts uploads.
type Converter struct{ ready func() bool }

// waitReady sleeps in a for statement's post statement, and in an if
// statement's init: a select is not a simple statement, so the rewrite
// is a syntax error there.
func (c *Converter) waitReady(w http.ResponseWriter, r *http.Request) { // want waitReady:`blocks\(sleep: time\.Sleep via Converter\.waitReady; open: Converter\.ready\)`
	for ; !c.ready(); time.Sleep(100 * time.Millisecond) { // want `^sleep: time\.Sleep in handler Converter\.waitReady `
	}
	if time.Sleep(time.Millisecond); c.ready() { // want `^sleep: time\.Sleep in handler Converter\.waitReady `
		w.WriteHeader(http.StatusOK)
	}
}
