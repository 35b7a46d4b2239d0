// Package site serves its pages through a route table, looked up inside a
// timing callback of its only net/http handler: each page function is on
// a request's path.
package site

import (
	"database/sql"
	"net/http"
	"os"

	"services/web"
)

// visitor is who asks.
type visitor struct{ id string }

type page func(s *Site, w http.ResponseWriter, r *http.Request, v *visitor) error

// pages is the route table, given once.
var pages = map[string]page{
	"/":        (*Site).home,
	"/profile": (*Site).profile,
	"/terms":   (*Site).terms,
}

// Site serves the pages.
type Site struct {
	db *sql.DB
}

func (s *Site) ServeHTTP(w http.ResponseWriter, r *http.Request) { // want ServeHTTP:`blocks\(.*\)`
	v := &visitor{id: r.Header.Get("X-Visitor")}
	web.Timing("page", func() {
		p, ok := pages[r.URL.Path]
		if !ok {
			http.NotFound(w, r)
			return
		}
		if err := pages[r.URL.Path](s, w, r, v); err != nil { // want `^sqlnoctx: handler Site\.ServeHTTP reaches \(\*sql\.DB\)\.QueryRow via Site\.profile \(site\.go:\d+\) without the request's context`
			http.Error(w, err.Error(), http.StatusInternalServerError)
		}
		_ = p
	})
}

func (s *Site) home(w http.ResponseWriter, r *http.Request, v *visitor) error {
	_, err := w.Write([]byte("hello " + v.id))
	return err
}

func (s *Site) profile(w http.ResponseWriter, r *http.Request, v *visitor) error { // want profile:`blocks\(sql: \(\*sql.DB\).QueryRow via Site.profile\)`
	var name string
	if err := s.db.QueryRow("SELECT name FROM visitors WHERE id = $1", v.id).Scan(&name); err != nil {
		return err
	}
	_, err := w.Write([]byte(name))
	return err
}

func (s *Site) terms(w http.ResponseWriter, r *http.Request, v *visitor) error { // want terms:`blocks\(file: os.ReadFile via Site.terms\)`
	b, err := os.ReadFile("terms.html")
	if err != nil {
		return err
	}
	_, err = w.Write(b)
	return err
}
