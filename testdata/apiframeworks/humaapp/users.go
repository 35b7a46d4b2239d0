// Package humaapp is a user service on huma: operations registered with
// huma.Register and its convenience forms, served by huma's net/http
// adapter (cmd/api wires it with humago).
package humaapp

import (
	"context"
	"database/sql"
	"net/http"
	"time"

	"github.com/danielgtaylor/huma/v2"
)

// Store loads users.
type Store struct {
	DB *sql.DB
}

// Load queries without a context: a handler that calls it cannot stop it.
func (st *Store) Load(id string) (string, error) {
	var name string
	err := st.DB.QueryRow("SELECT name FROM users WHERE id = $1", id).Scan(&name)
	return name, err
}

// LoadContext is the context-aware form.
func (st *Store) LoadContext(ctx context.Context, id string) (string, error) {
	var name string
	err := st.DB.QueryRowContext(ctx, "SELECT name FROM users WHERE id = $1", id).Scan(&name)
	return name, err
}

// Server holds the operations.
type Server struct {
	Store *Store
	DB    *sql.DB
	Audit func(id string)
}

// UserInput is a request for one user: huma fills ID from the path.
type UserInput struct {
	ID string `path:"id" maxLength:"36"`
}

// UserOutput is one user.
type UserOutput struct {
	Body struct {
		ID   string `json:"id"`
		Name string `json:"name"`
	}
}

// ReportInput asks for a report of the last Days days.
type ReportInput struct {
	Days int `query:"days" default:"7"`
}

// ReportOutput is a report.
type ReportOutput struct {
	Body struct {
		Rows int `json:"rows"`
	}
}

// Routes registers the operations on api.
func (s *Server) Routes(api huma.API) {
	huma.Register(api, huma.Operation{
		OperationID: "get-user",
		Method:      http.MethodGet,
		Path:        "/users/{id}",
		Summary:     "Get a user",
	}, s.getUser)
	huma.Get(api, "/users/{id}/fast", s.getUserFast)
	huma.Delete(api, "/users/{id}", s.deleteUser, func(o *huma.Operation) {
		// Runs once, when the operation is registered: not a request path.
		o.Description = s.describe("delete-user")
	})
	huma.Post(api, "/reports", func(ctx context.Context, in *ReportInput) (*ReportOutput, error) {
		// Waits for the replica to catch up, whatever the client does.
		time.Sleep(2 * time.Second)
		out := &ReportOutput{}
		err := s.DB.QueryRowContext(ctx, "SELECT count(*) FROM events WHERE at > now() - $1 * interval '1 day'", in.Days).Scan(&out.Body.Rows)
		return out, err
	})
	huma.Put(api, "/users/{id}/touch", s.touch)
}

// getUser reaches a query that ignores ctx.
func (s *Server) getUser(ctx context.Context, in *UserInput) (*UserOutput, error) {
	name, err := s.Store.Load(in.ID)
	if err != nil {
		return nil, huma.Error404NotFound("no such user", err)
	}
	out := &UserOutput{}
	out.Body.ID, out.Body.Name = in.ID, name
	return out, nil
}

// getUserFast passes the request's context down: silent.
func (s *Server) getUserFast(ctx context.Context, in *UserInput) (*UserOutput, error) {
	name, err := s.Store.LoadContext(ctx, in.ID)
	if err != nil {
		return nil, huma.Error404NotFound("no such user", err)
	}
	out := &UserOutput{}
	out.Body.ID, out.Body.Name = in.ID, name
	return out, nil
}

// deleteUser deletes without the request's context.
func (s *Server) deleteUser(ctx context.Context, in *UserInput) (*struct{}, error) {
	if _, err := s.DB.Exec("DELETE FROM users WHERE id = $1", in.ID); err != nil {
		return nil, err
	}
	return &struct{}{}, nil
}

// touch records the visit on a goroutine of its own: silent.
func (s *Server) touch(ctx context.Context, in *UserInput) (*struct{}, error) {
	go func() {
		time.Sleep(time.Second)
		s.Audit(in.ID)
	}()
	return &struct{}{}, nil
}

// describe reads an operation's description from the database, at start-up.
func (s *Server) describe(op string) string {
	var text string
	_ = s.DB.QueryRow("SELECT text FROM docs WHERE op = $1", op).Scan(&text)
	return text
}
