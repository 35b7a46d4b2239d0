// Command pocketbase runs the notes app on PocketBase.
package main

import (
	"database/sql"
	"log"
	"os"

	"github.com/pocketbase/pocketbase"
	"github.com/pocketbase/pocketbase/core"

	"example.com/pocketbase/internal/notes"
)

func main() {
	app := pocketbase.New()

	// PocketBase's own driver ("sqlite", modernc) opens the reporting
	// database.
	db, err := sql.Open("sqlite", os.Getenv("REPORTS_DB"))
	if err != nil {
		log.Fatal(err)
	}
	store := notes.NewStore(db)
	api := &notes.API{Store: store, PreviewURL: os.Getenv("PREVIEW_URL"), ExportURL: os.Getenv("EXPORT_URL")}
	(&notes.Hooks{WebhookURL: os.Getenv("WEBHOOK_URL")}).Bind(app)

	// OnServe runs once, when the server starts: setup, not a request.
	app.OnServe().BindFunc(func(se *core.ServeEvent) error {
		if err := db.Ping(); err != nil {
			return err
		}
		api.Register(se.Router)
		return se.Next()
	})

	// A cron job is not a request path either.
	app.Cron().MustAdd("sweep", "0 3 * * *", func() {
		if err := store.Sweep(); err != nil {
			app.Logger().Error("sweep failed", "error", err)
		}
	})

	if err := app.Start(); err != nil {
		log.Fatal(err)
	}
}
