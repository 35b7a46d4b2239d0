// Package admin's handlers return errors; they become handlers by the
// conversion to web.ErrorFunc, explicit or where Router.Get takes them.
package admin

import (
	"database/sql"
	"net/http"
	"os/exec"
	"time"

	"services/web"
)

// Admin serves the admin pages.
type Admin struct {
	DB *sql.DB
}

// Routes registers the pages.
func (a *Admin) Routes(rt *web.Router, mux *http.ServeMux) {
	rt.Get("/admin/backup", a.backup)
	mux.Handle("/admin/vacuum", web.ErrorFunc(a.vacuum))
}

func (a *Admin) backup(w http.ResponseWriter, r *http.Request) error {
	return exec.Command("pg_dump", "app").Run()
}

func (a *Admin) vacuum(w http.ResponseWriter, r *http.Request) error {
	_, err := a.DB.Exec("VACUUM")
	return err
}

// report returns an error too, but nothing converts it: a helper no
// handler calls.
func (a *Admin) report(w http.ResponseWriter, r *http.Request) error {
	time.Sleep(time.Second)
	return nil
}
