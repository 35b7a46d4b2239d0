package notes

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"sync/atomic"
	"time"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/router"
)

// API serves the custom routes.
type API struct {
	Store      *Store
	PreviewURL string
	ExportURL  string

	queued atomic.Int64 // exports waiting
}

// Register adds the routes to PocketBase's router.
func (a *API) Register(r *router.Router[*core.RequestEvent]) {
	g := r.Group("/api/notes")
	g.GET("/{id}", a.getNote)
	g.GET("/{id}/fast", a.getNoteFast)
	g.GET("/{id}/preview", a.preview)
	g.POST("/{id}/export", a.export)
	g.POST("/{id}/touch", a.touch)
	g.GET("/ids", a.ids)
	g.POST("/reserve", a.reserve)
	g.GET("/progress", a.progress)
	g.POST("/import", a.importNotes)
}

// getNote reads the note without the request's context.
func (a *API) getNote(e *core.RequestEvent) error {
	n, err := a.Store.Load(e.Request.PathValue("id"))
	if err != nil {
		return e.NotFoundError("no such note", err)
	}
	return e.JSON(http.StatusOK, n)
}

// getNoteFast passes the request's context down: silent.
func (a *API) getNoteFast(e *core.RequestEvent) error {
	n, err := a.Store.LoadContext(e.Request.Context(), e.Request.PathValue("id"))
	if err != nil {
		return e.NotFoundError("no such note", err)
	}
	return e.JSON(http.StatusOK, n)
}

// preview fetches the rendered note from the preview service.
func (a *API) preview(e *core.RequestEvent) error {
	resp, err := http.Get(a.PreviewURL + "/render/" + e.Request.PathValue("id"))
	if err != nil {
		return e.InternalServerError("preview failed", err)
	}
	defer resp.Body.Close()
	return e.Stream(http.StatusOK, "text/html", resp.Body)
}

// export posts the note to the export service, retrying with a pause.
func (a *API) export(e *core.RequestEvent) error {
	a.queued.Add(1)
	defer a.queued.Add(-1)
	var err error
	for attempt := range 3 {
		if attempt > 0 {
			time.Sleep(time.Duration(attempt) * time.Second)
		}
		if err = a.post(e); err == nil {
			return e.NoContent(http.StatusAccepted)
		}
	}
	return e.InternalServerError("export failed", err)
}

// post sends one export request, with the request's context.
func (a *API) post(e *core.RequestEvent) error {
	req, err := http.NewRequestWithContext(e.Request.Context(), http.MethodPost, a.ExportURL+"/"+e.Request.PathValue("id"), nil)
	if err != nil {
		return err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	resp.Body.Close()
	if resp.StatusCode >= 300 {
		return errors.New(resp.Status)
	}
	return nil
}

// touch records the read on a goroutine of its own, after the response:
// silent.
func (a *API) touch(e *core.RequestEvent) error {
	id := e.Request.PathValue("id")
	go func() {
		if err := a.Store.Touch(id); err != nil {
			e.App.Logger().Warn("touch failed", "id", id, "error", err)
		}
	}()
	return e.NoContent(http.StatusAccepted)
}

// ids makes as many note IDs as the query asks for.
func (a *API) ids(e *core.RequestEvent) error {
	n, err := strconv.Atoi(e.Request.URL.Query().Get("n"))
	if err != nil {
		return e.BadRequestError("n must be a number", err)
	}
	var out []string
	for i := 0; i < n; i++ {
		out = append(out, strconv.Itoa(i))
	}
	return e.JSON(http.StatusOK, out)
}

// reserve reserves as many IDs as the body asks for.
func (a *API) reserve(e *core.RequestEvent) error {
	var req struct {
		Count int `json:"count"`
	}
	if err := e.BindBody(&req); err != nil {
		return e.BadRequestError("bad body", err)
	}
	ids := make([]string, 0, req.Count)
	return e.JSON(http.StatusOK, ids)
}

// progress streams the export queue's length, once a second.
func (a *API) progress(e *core.RequestEvent) error {
	e.Response.Header().Set("Content-Type", "text/event-stream")
	tick := time.NewTicker(time.Second)
	defer tick.Stop()
	for {
		fmt.Fprintf(e.Response, "data: %d\n\n", a.queued.Load())
		if err := e.Flush(); err != nil {
			e.App.Logger().Debug("flush", "error", err)
		}
		<-tick.C
	}
}

// importNotes reads the uploaded notes; PocketBase's router limits every
// body (apis.BodyLimit, 32 MiB by default): silent.
func (a *API) importNotes(e *core.RequestEvent) error {
	b, err := io.ReadAll(e.Request.Body)
	if err != nil {
		return e.BadRequestError("bad body", err)
	}
	return e.JSON(http.StatusOK, map[string]int{"bytes": len(b)})
}
