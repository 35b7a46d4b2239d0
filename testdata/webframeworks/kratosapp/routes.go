package kratosapp

import (
	"net/http"
	"os/exec"
	"strconv"
	"time"

	khttp "github.com/go-kratos/kratos/v2/transport/http"
)

// Routes adds the routes that are not in the API: handlers of
// khttp.HandlerFunc's shape, func(khttp.Context) error.
func (s *CatalogService) Routes(srv *khttp.Server) {
	r := srv.Route("/")
	r.GET("/items/{id}/thumbnail", s.thumbnail)
	r.GET("/items/{id}/related", s.related)
	r.POST("/items/import", s.importItems)
	r.GET("/items/{id}/price", s.priceOf)
	r.GET("/healthz", func(ctx khttp.Context) error {
		time.Sleep(10 * time.Millisecond) // let the probe see a warm cache
		return ctx.String(http.StatusOK, "ok")
	})
}

// thumbnail renders the item's thumbnail with an external tool.
func (s *CatalogService) thumbnail(ctx khttp.Context) error {
	png, err := exec.Command("render-thumbnail", ctx.Vars().Get("id")).Output()
	if err != nil {
		return err
	}
	return ctx.Blob(http.StatusOK, "image/png", png)
}

// related lists as many related items as the query asks for.
func (s *CatalogService) related(ctx khttp.Context) error {
	n, err := strconv.Atoi(ctx.Query().Get("n"))
	if err != nil {
		return err
	}
	ids := make([]string, 0, 8)
	for i := 0; i < n; i++ {
		ids = append(ids, ctx.Vars().Get("id")+"-"+strconv.Itoa(i))
	}
	return ctx.JSON(http.StatusOK, ids)
}

// importRequest is the body of an import.
type importRequest struct {
	Names []string `json:"names"`
}

// importItems stores the items of the request's body.
func (s *CatalogService) importItems(ctx khttp.Context) error {
	var req importRequest
	if err := ctx.Bind(&req); err != nil {
		return err
	}
	for _, name := range req.Names {
		if _, err := s.DB.ExecContext(ctx, "INSERT INTO items (name) VALUES ($1)", name); err != nil {
			return err
		}
	}
	return ctx.JSON(http.StatusOK, len(req.Names))
}

// priceOf passes the request's context everywhere: silent. The
// khttp.Context is itself the request's context.
func (s *CatalogService) priceOf(ctx khttp.Context) error {
	var p int64
	if err := s.DB.QueryRowContext(ctx, "SELECT price FROM items WHERE id = $1", ctx.Vars().Get("id")).Scan(&p); err != nil {
		return err
	}
	name, err := s.Store.LoadContext(ctx.Request().Context(), ctx.Vars().Get("id"))
	if err != nil {
		return err
	}
	return ctx.JSON(http.StatusOK, map[string]any{"name": name, "price": p})
}
