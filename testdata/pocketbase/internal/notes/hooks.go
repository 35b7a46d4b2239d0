package notes

import (
	"net/http"
	"net/url"
	"time"

	"github.com/pocketbase/pocketbase/core"
)

// Hooks react to PocketBase's record API.
type Hooks struct {
	WebhookURL string
}

// Bind registers the hooks on app.
func (h *Hooks) Bind(app core.App) {
	// A request hook: it runs in the API request that creates the note.
	app.OnRecordCreateRequest("notes").BindFunc(h.notifyCreated)

	// A model hook runs wherever a record is saved: in a request, a cron
	// job, a migration or the CLI. It is not a request path: silent.
	app.OnRecordAfterCreateSuccess("notes").BindFunc(func(e *core.RecordEvent) error {
		time.Sleep(10 * time.Millisecond)
		return e.Next()
	})
}

// notifyCreated tells the webhook about a note before PocketBase saves it.
func (h *Hooks) notifyCreated(e *core.RecordRequestEvent) error {
	resp, err := http.PostForm(h.WebhookURL, url.Values{"title": {e.Record.GetString("title")}})
	if err != nil {
		return err
	}
	resp.Body.Close()
	return e.Next()
}
