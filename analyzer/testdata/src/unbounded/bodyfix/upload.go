// Package bodyfix is where the bodyread fix is golden-tested: each read
// of an unlimited body gets r.Body = http.MaxBytesReader(w, r.Body, limit)
// before its statement, with the handler's own names.
package bodyfix

import (
	"bufio"
	"encoding/json"
	"io"
	"net/http"
)

// Note is a note posted to the board.
type Note struct {
	Text string `json:"text"`
}

func readNote(r *http.Request) (Note, error) {
	var n Note
	err := json.NewDecoder(r.Body).Decode(&n)
	return n, err
}

// post reads the whole body.
func post(w http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(r.Body) // want `^bodyread: io\.ReadAll\(r\.Body\) in handler post `
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	w.Write(body)
}

// postJSON decodes in an if statement, in a branch.
func postJSON(w http.ResponseWriter, r *http.Request) {
	if r.Header.Get("Content-Type") == "application/json" {
		var n Note
		if err := json.NewDecoder(r.Body).Decode(&n); err != nil { // want `^bodyread: json\.NewDecoder\(r\.Body\) in handler postJSON `
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
	}
}

// postVia reads through a helper; the fix goes before the call.
func postVia(rw http.ResponseWriter, req *http.Request) {
	n, err := readNote(req) // want `^bodyread: handler postVia reaches json\.NewDecoder\(r\.Body\) via readNote \(upload\.go:20\), .*; limit the body before the call: req\.Body = http\.MaxBytesReader\(rw, req\.Body, 1<<20\)$`
	if err != nil {
		http.Error(rw, err.Error(), http.StatusBadRequest)
		return
	}
	rw.Write([]byte(n.Text))
}

// postLines scans inside a switch case.
func postLines(w http.ResponseWriter, r *http.Request) {
	switch r.Method {
	case http.MethodPost:
		sc := bufio.NewScanner(r.Body) // want `^bodyread: bufio\.NewScanner\(r\.Body\) in handler postLines `
		for sc.Scan() {
			w.Write(sc.Bytes())
		}
	}
}

// shadowed reads where w is no longer the ResponseWriter: no fix.
func shadowed(w http.ResponseWriter, r *http.Request) {
	{
		w := bufio.NewWriter(w)
		defer w.Flush()
		io.Copy(w, bufio.NewReader(r.Body))
		body, _ := io.ReadAll(r.Body) // want `^bodyread: io\.ReadAll\(r\.Body\) in handler shadowed .*; limit the body first with http\.MaxBytesReader$`
		w.Write(body)
	}
}

// unnamed has no ResponseWriter to name: no fix.
func unnamed(_ http.ResponseWriter, r *http.Request) {
	io.ReadAll(r.Body) // want `^bodyread: io\.ReadAll\(r\.Body\) in handler unnamed .*; limit the body first with http\.MaxBytesReader$`
}
