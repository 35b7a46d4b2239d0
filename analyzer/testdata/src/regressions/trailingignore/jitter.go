// Package trailingignore has a directive at the end of a line. It silences
// that line; the next line is another statement, which the reviewer did
// not look at.
package trailingignore

import (
	"net/http"
	"time"
)

func jitter(w http.ResponseWriter, r *http.Request) { // want jitter:`blocks\(sleep: time.Sleep via jitter\)`
	time.Sleep(time.Millisecond) //blockcheck:ignore sleep 1ms of jitter to spread retries, reviewed in #88
	time.Sleep(5 * time.Second)  // want `^sleep: time\.Sleep in handler jitter `
}
