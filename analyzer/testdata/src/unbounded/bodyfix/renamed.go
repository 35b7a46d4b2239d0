package bodyfix

import (
	"io"
	nethttp "net/http"
)

// legacy imports net/http under another name; the fix uses it.
func legacy(rw nethttp.ResponseWriter, req *nethttp.Request) {
	data, _ := io.ReadAll(req.Body) // want `^bodyread: io\.ReadAll\(req\.Body\) in handler legacy .*; limit the body first: req\.Body = nethttp\.MaxBytesReader\(rw, req\.Body, 1<<20\)$`
	rw.Write(data)
}
