// Package httperr ends a request with a status: the handler panics with
// an *Error, and the middleware turns it into the response.
package httperr

import "fmt"

// Error is the status and message a request ends with.
type Error struct {
	Code int
	Msg  string
}

func (e *Error) Error() string { return fmt.Sprintf("%d %s", e.Code, e.Msg) }

// Abort ends the request with code. It never returns.
func Abort(code int, msg string) { // want Abort:"noReturn"
	panic(&Error{Code: code, Msg: msg})
}

// Abortf is Abort with a format: a wrapper of a wrapper.
func Abortf(code int, format string, args ...any) { // want Abortf:"noReturn"
	Abort(code, fmt.Sprintf(format, args...))
}

// Warn reports a problem and carries on: it returns.
func Warn(msg string) {
	fmt.Println("warning:", msg)
}
