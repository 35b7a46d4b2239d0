package bodyfix

import (
	"bytes"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
)

// Attachments stores uploads on disk and forwards others to a scanner.
type Attachments struct {
	Dir     string
	Scanner net.Conn
}

// Save copies an upload to a file: as large as the client makes it.
func (a *Attachments) Save(w http.ResponseWriter, r *http.Request) { // want Save:`blocks\(file: os.Create via Attachments.Save\)`
	f, err := os.Create(filepath.Join(a.Dir, filepath.Base(r.URL.Path)))
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	defer f.Close()
	if _, err := io.Copy(f, r.Body); err != nil { // want `^bodyread: io\.Copy\(f, r\.Body\) in handler Attachments\.Save copies the whole request body to a file, as much as the client sends, with no size limit; limit the body first: r\.Body = http\.MaxBytesReader\(w, r\.Body, 1<<20\)$`
		http.Error(w, err.Error(), http.StatusBadRequest)
	}
}

// Preview keeps the upload in memory.
func (a *Attachments) Preview(w http.ResponseWriter, r *http.Request) {
	var buf bytes.Buffer
	io.Copy(&buf, r.Body) // want `^bodyread: io\.Copy\(&buf, r\.Body\) in handler Attachments\.Preview copies the whole request body into memory, with no size limit; `
	w.Write(buf.Bytes()[:min(buf.Len(), 512)])
}

// Discard drains the body before answering: it keeps nothing.
func (a *Attachments) Discard(w http.ResponseWriter, r *http.Request) {
	io.Copy(io.Discard, r.Body)
	w.WriteHeader(http.StatusAccepted)
}

// Scan streams the upload to the scanner: the peer bounds it.
func (a *Attachments) Scan(w http.ResponseWriter, r *http.Request) {
	io.Copy(a.Scanner, r.Body)
	w.WriteHeader(http.StatusAccepted)
}

// SaveLimited limits the body first.
func (a *Attachments) SaveLimited(w http.ResponseWriter, r *http.Request) { // want SaveLimited:`blocks\(file: os.Create via Attachments.SaveLimited\)`
	r.Body = http.MaxBytesReader(w, r.Body, 8<<20)
	f, err := os.Create(filepath.Join(a.Dir, "upload"))
	if err != nil {
		return
	}
	defer f.Close()
	io.Copy(f, r.Body)
}
