// Package export writes CSV exports whose filler and repetition come from
// the query.
package export

import (
	"bytes"
	"net/http"
	"strconv"
	"strings"
)

// Export serves GET /export?repeat=N&width=W.
func Export(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	repeat, err := strconv.Atoi(q.Get("repeat"))
	if err != nil || repeat < 0 {
		http.Error(w, "bad repeat", http.StatusBadRequest)
		return
	}
	w.Write([]byte(strings.Repeat("id,name\n", repeat))) // want `^unboundedalloc: repeat comes from q\.Get\("repeat"\) \(export\.go:15\) with no upper bound and sizes strings\.Repeat\("id,name\\n", repeat\): one request can make handler Export allocate as much as it asks; clamp it first: repeat = min\(repeat, maxRepeat\)$`
	width, _ := strconv.ParseUint(q["width"][0], 10, 32)
	w.Write(bytes.Repeat([]byte{' '}, int(width)*2)) // want `^unboundedalloc: int\(width\) \* 2 comes from q\["width"\]\[0\] \(export\.go:21\)`
	var b strings.Builder
	b.Grow(repeat % 4096)
	b.Grow(int(r.ContentLength)) // want `^unboundedalloc: int\(r\.ContentLength\) comes from r\.ContentLength \(export\.go:25\) with no upper bound`
	w.Write([]byte(b.String()))
}

// Padded pads within a constant width.
func Padded(w http.ResponseWriter, r *http.Request) {
	width, _ := strconv.Atoi(r.FormValue("width"))
	w.Write([]byte(strings.Repeat(" ", min(width, 80))))
	w.Write([]byte(strings.Repeat(" ", 80)))
}
