// Package app is a service whose handlers are wrapped in an adapter type,
// run work in callbacks, and reach a notifier behind an interface that the
// package binds itself.
package app

import (
	"database/sql"
	"net/http"
	"time"

	"services/web"
)

// userGet is wrapped by a middleware, then adapted: it serves requests.
var userGet = web.WithUser(func(w http.ResponseWriter, r *http.Request, d *web.Data) (int, error) {
	time.Sleep(100 * time.Millisecond)
	return http.StatusOK, nil
})

// settingsGet is adapted directly.
func settingsGet(w http.ResponseWriter, r *http.Request, d *web.Data) (int, error) {
	resp, err := http.Get("http://settings.internal/" + d.User)
	if err != nil {
		return http.StatusBadGateway, err
	}
	resp.Body.Close()
	return http.StatusOK, nil
}

// unused has the adapter's shape but is never adapted: not a handler.
func unused(w http.ResponseWriter, r *http.Request, d *web.Data) (int, error) {
	time.Sleep(time.Second)
	return http.StatusOK, nil
}

// Server dispatches inside callbacks.
type Server struct {
	db *sql.DB
	n  Notifier
}

// handle runs its work in a timing callback, which is still this
// request's path, and in a goroutine, which is not.
func (s *Server) handle(w http.ResponseWriter, r *http.Request) {
	web.Timing("handle", func() {
		var n int
		s.db.QueryRow("SELECT count(*) FROM visits").Scan(&n)
	})
	retry(func() error {
		_, err := s.db.Exec("UPDATE visits SET n = n + 1")
		return err
	})
	web.Later(func() {
		time.Sleep(time.Second) // on its own goroutine: not reported
	})
	s.n.Notify("visited")
}

// retry calls op until it succeeds, before it returns.
func retry(op func() error) error {
	var err error
	for range 3 {
		if err = op(); err == nil {
			return nil
		}
	}
	return err
}

// Notifier tells someone about an event.
type Notifier interface {
	Notify(msg string) error
}

type mailer struct{ url string }

func (m mailer) Notify(msg string) error {
	resp, err := http.Post(m.url, "text/plain", nil)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// Routes wires the service.
func Routes(mux *http.ServeMux, db *sql.DB) {
	mux.Handle("/api/users", web.Handle(userGet))
	mux.Handle("/api/settings", web.Handle(settingsGet))
	s := &Server{db: db, n: mailer{url: "http://mail.internal/send"}}
	mux.HandleFunc("/visit", s.handle)
	_ = unused
}
