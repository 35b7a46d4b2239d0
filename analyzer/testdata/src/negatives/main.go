// Command mailer sends queued e-mail. Nothing in it runs on behalf of an
// HTTP request, so nothing is reported, although much of it blocks: the
// functions that may block still export facts for their callers.
package main

import (
	"database/sql"
	"log"
	"net/http"
	"os/exec"
	"time"

	"github.com/spf13/cobra"
)

var db *sql.DB

func init() { // want init:`blocks\(sleep: time.Sleep via init\)`
	// Give the sidecar proxy time to start.
	time.Sleep(2 * time.Second)
}

func main() { // want main:`blocks\(sleep: time.Sleep via main → drainLoop; sql: \(\*sql.DB\).Exec via main → drainLoop\)`
	root := &cobra.Command{Use: "mailer"}
	root.AddCommand(&cobra.Command{
		Use:   "migrate",
		Short: "create the outbox table",
		Run: func(cmd *cobra.Command, args []string) {
			if _, err := db.Exec("CREATE TABLE IF NOT EXISTS outbox (id serial, body text)"); err != nil {
				log.Fatal(err)
			}
		},
	}, &cobra.Command{
		Use: "send-test",
		RunE: func(cmd *cobra.Command, args []string) error {
			time.Sleep(time.Second)
			return exec.Command("sendmail", "-t").Run()
		},
	})
	if err := root.Execute(); err != nil {
		log.Fatal(err)
	}
	go worker()
	http.HandleFunc("/healthz", func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusOK)
	})
	go http.ListenAndServe(":8081", nil)
	drainLoop()
}

// worker is the background loop: sleeping between polls is its job.
func worker() { // want worker:`blocks\(sleep: time.Sleep via worker; sql: \(\*sql.DB\).Query via worker; endless: for loop with no exit via worker\)`
	for {
		rows, err := db.Query("SELECT id, body FROM outbox LIMIT 10")
		if err != nil {
			time.Sleep(5 * time.Second)
			continue
		}
		rows.Close()
		time.Sleep(time.Second)
	}
}

// drainLoop calls the worker's helpers directly.
func drainLoop() { // want drainLoop:`blocks\(sleep: time.Sleep via drainLoop; sql: \(\*sql.DB\).Exec via drainLoop\)`
	for i := 0; i < 3; i++ {
		db.Exec("DELETE FROM outbox WHERE sent")
		time.Sleep(time.Minute)
	}
}

// handlerFactory makes handlers but calls none of the blocking literals.
func handlerFactory() http.HandlerFunc {
	slow := func() {
		time.Sleep(time.Second)
	}
	_ = slow
	return func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusNoContent)
	}
}

var _ = handlerFactory
