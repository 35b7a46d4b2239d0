// Package fasthttpapp is an image service on bare fasthttp.
package fasthttpapp

import (
	"net/http"
	"os/exec"
	"time"

	"github.com/valyala/fasthttp"
)

// Server serves thumbnails.
type Server struct {
	Upstream string
}

// Handler routes requests.
func (s *Server) Handler() fasthttp.RequestHandler {
	return func(ctx *fasthttp.RequestCtx) {
		switch string(ctx.Path()) {
		case "/thumbnail":
			s.thumbnail(ctx)
		case "/origin":
			s.origin(ctx)
		default:
			ctx.SetStatusCode(fasthttp.StatusNotFound)
		}
	}
}

func (s *Server) thumbnail(ctx *fasthttp.RequestCtx) {
	out, err := exec.Command("convert", string(ctx.QueryArgs().Peek("src")), "-thumbnail", "200x200", "png:-").Output()
	if err != nil {
		ctx.Error("conversion failed", fasthttp.StatusInternalServerError)
		return
	}
	ctx.SetContentType("image/png")
	ctx.SetBody(out)
}

func (s *Server) origin(ctx *fasthttp.RequestCtx) {
	req, err := http.NewRequest(http.MethodGet, s.Upstream+string(ctx.Path()), nil)
	if err != nil {
		ctx.Error(err.Error(), fasthttp.StatusInternalServerError)
		return
	}
	resp, err := upstream.Do(req)
	if err != nil {
		ctx.Error("upstream", fasthttp.StatusBadGateway)
		return
	}
	resp.Body.Close()
	ctx.SetStatusCode(resp.StatusCode)
}

// Backoff is a fasthttp.RequestHandler value.
var Backoff fasthttp.RequestHandler = func(ctx *fasthttp.RequestCtx) {
	time.Sleep(100 * time.Millisecond)
	ctx.SetStatusCode(fasthttp.StatusTooManyRequests)
}

// Patient waits in a select on the request: silent.
func Patient(ctx *fasthttp.RequestCtx) {
	select {
	case <-time.After(100 * time.Millisecond):
	case <-ctx.Done():
		return
	}
	ctx.SetStatusCode(fasthttp.StatusNoContent)
}

// upstream has a timeout: once httpnoctx's fix gives the request the
// handler's context, nothing else is left to report (clienttimeout).
var upstream = &http.Client{Timeout: 10 * time.Second}
