package fasthttpapp

import (
	"strconv"

	"github.com/valyala/fasthttp"
)

// batch answers as many items as the query asks for.
func (s *Server) batch(ctx *fasthttp.RequestCtx) {
	n := ctx.QueryArgs().GetUintOrZero("count")
	for i := 0; i < n; i++ {
		ctx.WriteString(strconv.Itoa(i))
	}
}

// defaults reads back args the server built itself: not input.
func (s *Server) defaults(ctx *fasthttp.RequestCtx) {
	args := fasthttp.AcquireArgs()
	defer fasthttp.ReleaseArgs(args)
	args.SetUint("count", 8)
	for i := 0; i < args.GetUintOrZero("count"); i++ {
		ctx.WriteString(strconv.Itoa(i))
	}
}
