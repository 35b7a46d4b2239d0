// Package fasthttp is a stub of github.com/valyala/fasthttp.
package fasthttp

import "time"

type RequestCtx struct{}

func (ctx *RequestCtx) Deadline() (time.Time, bool) { return time.Time{}, false }
func (ctx *RequestCtx) Done() <-chan struct{}       { return nil }
func (ctx *RequestCtx) Err() error                  { return nil }
func (ctx *RequestCtx) Value(key any) any           { return nil }

type RequestHandler func(ctx *RequestCtx)
