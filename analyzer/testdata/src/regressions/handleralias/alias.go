// Package handleralias declares its handlers with an alias of
// *http.Request, as some codebases do to shorten signatures. An alias is
// the same type, so these are handlers.
package handleralias

import (
	"net/http"
	"time"
)

// Request is an alias of http.Request.
type Request = http.Request

// Writer is an alias of http.ResponseWriter.
type Writer = http.ResponseWriter

// poll is a handler: *Request is *http.Request.
func poll(w http.ResponseWriter, r *Request) { // want poll:`blocks\(sleep: time.Sleep via poll\)`
	time.Sleep(time.Second) // want `^sleep: time\.Sleep in handler poll ignores the request's context`
}

// pollBoth uses both aliases.
func pollBoth(w Writer, r *Request) { // want pollBoth:`blocks\(sleep: time.Sleep via pollBoth\)`
	time.Sleep(time.Second) // want `^sleep: time\.Sleep in handler pollBoth ignores the request's context`
}
