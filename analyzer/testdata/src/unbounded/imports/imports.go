// Package imports receives bulk imports. Some routes run behind the
// package's body-limiting middleware, one behind http.MaxBytesHandler, and
// some behind nothing.
package imports

import (
	"bufio"
	"encoding/json"
	"io"
	"net/http"
)

// Item is one imported item.
type Item struct {
	SKU  string `json:"sku"`
	Name string `json:"name"`
}

// Server serves the import API.
type Server struct {
	items []Item
}

// limitBody caps request bodies at 1 MiB.
func limitBody(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		r.Body = http.MaxBytesReader(w, r.Body, 1<<20)
		next.ServeHTTP(w, r)
	})
}

// Routes returns the import API.
func (s *Server) Routes() http.Handler {
	limited := http.NewServeMux()
	limited.HandleFunc("POST /items/bulk", s.bulk)
	limited.Handle("POST /items/lines", http.HandlerFunc(s.lines))

	mux := http.NewServeMux()
	mux.Handle("/items/", limitBody(limited))
	mux.Handle("POST /upload", http.MaxBytesHandler(http.HandlerFunc(s.upload), 8<<20))
	mux.HandleFunc("POST /raw", s.raw)
	mux.HandleFunc("POST /items", s.create)
	mux.HandleFunc("POST /attachments", s.attach)
	mux.HandleFunc("POST /small", s.small)
	return mux
}

// decodeJSON decodes the request's body into v.
func decodeJSON(r *http.Request, v any) error {
	return json.NewDecoder(r.Body).Decode(v)
}

// bulk is behind limitBody.
func (s *Server) bulk(w http.ResponseWriter, r *http.Request) {
	var items []Item
	if err := json.NewDecoder(r.Body).Decode(&items); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	s.items = append(s.items, items...)
}

// lines is behind limitBody too.
func (s *Server) lines(w http.ResponseWriter, r *http.Request) {
	sc := bufio.NewScanner(r.Body)
	for sc.Scan() {
		s.items = append(s.items, Item{SKU: sc.Text()})
	}
}

// upload is behind http.MaxBytesHandler.
func (s *Server) upload(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseMultipartForm(32 << 20); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
	}
}

// raw stores the body as it comes: reported, and its size sizes a buffer.
func (s *Server) raw(w http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(r.Body) // want `^bodyread: io\.ReadAll\(r\.Body\) in handler Server\.raw reads the whole request body into memory, with no size limit; limit the body first: r\.Body = http\.MaxBytesReader\(w, r\.Body, 1<<20\)$`
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	out := make([]byte, 2*len(body)) // want `^unboundedalloc: 2 \* len\(body\) comes from len\(body\) \(imports\.go:85\) with no upper bound`
	copy(out, body)
	w.Write(out)
}

// create decodes through a helper: reported at the call.
func (s *Server) create(w http.ResponseWriter, r *http.Request) {
	var it Item
	if err := decodeJSON(r, &it); err != nil { // want `^bodyread: handler Server\.create reaches json\.NewDecoder\(r\.Body\) via decodeJSON \(imports\.go:50\), which decodes the request body, holding as much of it in memory as one JSON value takes, with no size limit; limit the body before the call: r\.Body = http\.MaxBytesReader\(w, r\.Body, 1<<20\)$`
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	s.items = append(s.items, it)
}

// attach parses a multipart upload with 32 MiB of memory: reported.
func (s *Server) attach(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseMultipartForm(32 << 20); err != nil { // want `^bodyread: r\.ParseMultipartForm\(32 << 20\) in handler Server\.attach keeps up to 32 MiB of the request in memory and writes the rest of its file parts to temporary files, with no size limit; limit the body first: r\.Body = http\.MaxBytesReader\(w, r\.Body, 1<<20\)$`
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	f, _, err := r.FormFile("file") // want `^bodyread: r\.FormFile\("file"\) in handler Server\.attach parses the request body as a multipart form`
	if err == nil {
		f.Close()
	}
}

// small limits the body itself, or reads through a limit, or keeps little
// of a multipart form in memory.
func (s *Server) small(w http.ResponseWriter, r *http.Request) {
	head, _ := io.ReadAll(io.LimitReader(r.Body, 512))
	r.Body = http.MaxBytesReader(w, r.Body, 64<<10)
	var it Item
	if err := decodeJSON(r, &it); err != nil {
		return
	}
	r.ParseMultipartForm(512 << 10)
	w.Write(head)
}
