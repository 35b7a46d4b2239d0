// Package catalog serves the product catalogue: pagination with ?limit=
// and ?offset=, in every way a handler can bound them, and some that do
// not.
package catalog

import (
	"net/http"
	"strconv"
	"strings"
)

const maxPage = 100

// Server serves the catalogue.
type Server struct {
	products []string
	maxLimit int // from configuration
}

var defaultLimit = 20

// limitParam returns ?limit=, or the default.
func limitParam(r *http.Request) int {
	n, err := strconv.Atoi(r.URL.Query().Get("limit"))
	if err != nil {
		return defaultLimit
	}
	return n
}

// page writes the products from offset to offset+limit, as asked: reported.
func (s *Server) page(w http.ResponseWriter, r *http.Request) {
	limit := limitParam(r)
	offset, _ := strconv.Atoi(r.URL.Query().Get("offset"))
	out := make([]string, 0, limit) // want `^unboundedalloc: limit comes from limitParam\(r\) \(products\.go:33\), which returns r\.URL\.Query\(\)\.Get\("limit"\) \(products\.go:24\), with no upper bound and sizes make\(\[\]string, 0, limit\): one request can make handler Server\.page allocate as much as it asks; clamp it first: limit = min\(limit, maxLimit\)$`
	for i := 0; i < limit; i++ {    // want `^unboundedloop: limit comes from limitParam\(r\) \(products\.go:33\), which returns r\.URL\.Query\(\)\.Get\("limit"\) \(products\.go:24\), with no upper bound: one request can make handler Server\.page loop as often as it asks; clamp it first: limit = min\(limit, maxLimit\)$`
		if offset+i < len(s.products) {
			out = append(out, s.products[offset+i])
		}
	}
	w.Write([]byte(strings.Join(out, "\n")))
}

// pageMin clamps with min.
func (s *Server) pageMin(w http.ResponseWriter, r *http.Request) {
	limit := min(limitParam(r), maxPage)
	out := make([]string, 0, limit)
	for i := range limit {
		out = append(out, s.products[i])
	}
	w.Write([]byte(strings.Join(out, "\n")))
}

// pageReject answers 400 above the configured limit.
func (s *Server) pageReject(w http.ResponseWriter, r *http.Request) {
	limit := limitParam(r)
	if limit < 1 || limit > s.maxLimit {
		http.Error(w, "limit out of range", http.StatusBadRequest)
		return
	}
	out := make([]string, 0, limit)
	for i := 0; i < limit; i++ {
		out = append(out, s.products[i])
	}
	w.Write([]byte(strings.Join(out, "\n")))
}

// pageCap lowers the limit to the package-level default.
func (s *Server) pageCap(w http.ResponseWriter, r *http.Request) {
	limit := limitParam(r)
	if limit > defaultLimit*5 {
		limit = defaultLimit * 5
	}
	w.Write([]byte(strings.Repeat("-", limit)))
}

// pageSwitch clamps in a switch.
func (s *Server) pageSwitch(w http.ResponseWriter, r *http.Request) {
	limit := limitParam(r)
	switch {
	case limit > maxPage:
		limit = maxPage
	case limit < 1:
		limit = 1
	}
	_ = make([]string, limit)
}

// pageLoopBound bounds the loop itself.
func (s *Server) pageLoopBound(w http.ResponseWriter, r *http.Request) {
	limit := limitParam(r)
	for i := 0; i < limit && i < len(s.products); i++ {
		w.Write([]byte(s.products[i] + "\n"))
	}
}

// pageConstant uses no input.
func (s *Server) pageConstant(w http.ResponseWriter, r *http.Request) {
	for i := 0; i < maxPage; i++ {
		_ = i
	}
	_ = make([]string, 0, defaultLimit)
}

// pageHeader takes the size from a header: reported, through a helper
// that allocates.
func (s *Server) pageHeader(w http.ResponseWriter, r *http.Request) {
	n, err := strconv.ParseInt(r.Header.Get("X-Page-Size"), 10, 64)
	if err != nil || n < 0 {
		http.Error(w, "bad page size", http.StatusBadRequest)
		return
	}
	buffer(int(n)) // want `^unboundedalloc: handler Server\.pageHeader reaches make\(\[\]string, 0, size\) sized by int\(n\) via buffer \(products\.go:118\): int\(n\) comes from r\.Header\.Get\("X-Page-Size"\) \(products\.go:108\) with no upper bound; one request can make the handler allocate as much as it asks; clamp it before the call: min\(int\(n\), maxPageSize\)$`
	buffer(min(int(n), maxPage))
}

func buffer(size int) []string {
	return make([]string, 0, size)
}
