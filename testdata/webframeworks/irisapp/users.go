// Package irisapp is a users API on Iris. Its handlers take an
// iris.Context, an alias of *context.Context: itself a context.Context
// whose Done is the request's, but pooled, so the request's own context,
// ctx.Request().Context(), is the one to pass on.
package irisapp

import (
	"context"
	"database/sql"
	"log"
	"net"
	"net/http"
	"strconv"
	"time"

	"github.com/kataras/iris/v12"

	"example.com/webframeworks/internal/store"
)

// Server serves users.
type Server struct {
	DB    *sql.DB
	Store *store.Store
}

// Routes registers the handlers and middleware on app.
func (s *Server) Routes(app *iris.Application) {
	app.Use(audit)
	users := app.Party("/users")
	users.Get("/{id:uint64}", s.getUser)
	users.Get("/{id:uint64}/avatar", s.avatar)
	users.Get("/{id:uint64}/fast", s.getUserFast)
	users.Get("/search", s.search)
	users.Post("/import", s.importUsers)
	users.Post("/import/limited", s.importLimited)
	app.Post("/webhooks/payments", s.webhook)
	app.Get("/mx/{domain}", func(ctx iris.Context) {
		hosts, err := net.LookupMX(ctx.Params().Get("domain"))
		if err != nil {
			ctx.StopWithStatus(http.StatusBadGateway)
			return
		}
		ctx.JSON(hosts)
	})
}

// audit is middleware: it records every request, then serves it.
func audit(ctx iris.Context) {
	time.Sleep(2 * time.Millisecond) // let the audit log catch up
	ctx.Next()
}

func (s *Server) getUser(ctx iris.Context) {
	id, _ := ctx.Params().GetUint64("id")
	var name string
	if err := s.DB.QueryRow("SELECT name FROM users WHERE id = $1", id).Scan(&name); err != nil {
		ctx.StopWithStatus(http.StatusNotFound)
		return
	}
	ctx.JSON(iris.Map{"name": name})
}

func (s *Server) avatar(ctx iris.Context) {
	name, err := s.Store.Load(ctx.Params().Get("id"))
	if err != nil {
		ctx.StopWithStatus(http.StatusBadGateway)
		return
	}
	ctx.WriteString(name)
}

// search returns as many suggestions as the query asks for.
func (s *Server) search(ctx iris.Context) {
	limit, err := ctx.URLParamInt("limit")
	if err != nil {
		ctx.StopWithStatus(http.StatusBadRequest)
		return
	}
	prefix := ctx.URLParam("q")
	out := make([]string, 0, 8)
	for i := 0; i < limit; i++ {
		out = append(out, prefix+strconv.Itoa(i))
	}
	ctx.JSON(out)
}

// importRequest is the body of an import.
type importRequest struct {
	Names []string `json:"names"`
}

// importUsers stores the users of the request's body.
func (s *Server) importUsers(ctx iris.Context) {
	var req importRequest
	if err := ctx.ReadJSON(&req); err != nil {
		ctx.StopWithStatus(http.StatusBadRequest)
		return
	}
	s.insert(ctx, req.Names)
}

// importLimited limits the body before it reads it: silent.
func (s *Server) importLimited(ctx iris.Context) {
	ctx.SetMaxRequestBodySize(1 << 20)
	var req importRequest
	if err := ctx.ReadJSON(&req); err != nil {
		ctx.StopWithStatus(http.StatusBadRequest)
		return
	}
	s.insert(ctx, req.Names)
}

func (s *Server) insert(ctx iris.Context, names []string) {
	for _, name := range names {
		if _, err := s.DB.ExecContext(ctx.Request().Context(), "INSERT INTO users (name) VALUES ($1)", name); err != nil {
			ctx.StopWithError(http.StatusInternalServerError, err)
			return
		}
	}
	ctx.JSON(iris.Map{"imported": len(names)})
}

// webhook takes a signed event from the payment provider: it reads the
// whole body to check the signature.
func (s *Server) webhook(ctx iris.Context) {
	body, err := ctx.GetBody()
	if err != nil {
		ctx.StopWithStatus(http.StatusBadRequest)
		return
	}
	if _, err := s.DB.ExecContext(ctx.Request().Context(), "INSERT INTO events (payload) VALUES ($1)", body); err != nil {
		ctx.StopWithError(http.StatusInternalServerError, err)
		return
	}
	ctx.StatusCode(http.StatusAccepted)
}

// getUserFast passes the request's context everywhere: silent.
func (s *Server) getUserFast(ctx iris.Context) {
	rctx := ctx.Request().Context()
	id := ctx.Params().Get("id")
	var name string
	if err := s.DB.QueryRowContext(rctx, "SELECT name FROM users WHERE id = $1", id).Scan(&name); err != nil {
		ctx.StopWithStatus(http.StatusNotFound)
		return
	}
	avatar, err := s.Store.LoadContext(rctx, id)
	if err != nil {
		ctx.StopWithStatus(http.StatusBadGateway)
		return
	}
	go func() { // after the response, on its own goroutine: not the request's
		time.Sleep(time.Second)
		if _, err := s.DB.Exec("UPDATE users SET seen = now() WHERE id = $1", id); err != nil {
			log.Print(err)
		}
	}()
	ctx.JSON(iris.Map{"name": name, "avatar": avatar})
}

// Expire is a background worker, started by main: not a handler.
func (s *Server) Expire(ctx context.Context) {
	for ctx.Err() == nil {
		if _, err := s.DB.Exec("DELETE FROM sessions WHERE expires < now()"); err != nil {
			log.Print(err)
		}
		time.Sleep(time.Minute)
	}
}
