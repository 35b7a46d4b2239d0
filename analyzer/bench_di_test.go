package analyzer

import (
	"fmt"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
)

// genDIModule writes a module shaped the way services inject their
// dependencies: per domain d, a repository interface and its database
// implementation (repo_d, pg_d), a service that holds the repository
// interface (svc_d), and handlers that hold the service behind an
// interface of their own and are adapted by an error-returning handler
// type (api_d); one wiring package binds them all (api.Handlers{Svc:
// svc.New(pg.New(db))}). Each of the domain's methods queries without a
// context: every finding needs open calls resolved in the wiring
// package, and every handler is inferred through the adapter type.
func genDIModule(tb testing.TB, domains, methods int) string {
	tb.Helper()
	dir, write := newModule(tb)
	write("web/web.go", `package web

import "net/http"

// HandlerFunc returns its error; ServeHTTP writes it.
type HandlerFunc func(w http.ResponseWriter, r *http.Request) error

func (fn HandlerFunc) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if err := fn(w, r); err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
	}
}
`)
	var wiring strings.Builder
	wiring.WriteString("package wiring\n\nimport (\n\t\"database/sql\"\n\t\"net/http\"\n\n\t\"gen/web\"\n")
	for d := range domains {
		fmt.Fprintf(&wiring, "\tapi%[1]d \"gen/api%[1]d\"\n\tpg%[1]d \"gen/pg%[1]d\"\n\tsvc%[1]d \"gen/svc%[1]d\"\n", d)
		var repo, pg, svc, api strings.Builder
		fmt.Fprintf(&repo, "package repo%d\n\n// Repo stores records.\ntype Repo interface {\n", d)
		fmt.Fprintf(&pg, "package pg%[1]d\n\nimport \"database/sql\"\n\n// DB is the database repository.\ntype DB struct{ db *sql.DB }\n\n// New returns the repository.\nfunc New(db *sql.DB) *DB { return &DB{db: db} }\n\n", d)
		fmt.Fprintf(&svc, "package svc%[1]d\n\nimport \"gen/repo%[1]d\"\n\n// Service is the domain's logic.\ntype Service struct{ repo repo%[1]d.Repo }\n\n// New returns the service over r.\nfunc New(r repo%[1]d.Repo) *Service { return &Service{repo: r} }\n\n", d)
		fmt.Fprintf(&api, "package api%d\n\nimport (\n\t\"net/http\"\n\n\t\"gen/web\"\n)\n\n// Service is what the handlers need.\ntype Service interface {\n", d)
		for m := range methods {
			fmt.Fprintf(&repo, "\tGet%d(id string) (string, error)\n", m)
			fmt.Fprintf(&pg, "func (p *DB) Get%d(id string) (string, error) {\n\tvar s string\n\terr := p.db.QueryRow(\"SELECT v FROM t%d WHERE id = $1\", id).Scan(&s)\n\treturn s, err\n}\n\n", m, m)
			fmt.Fprintf(&svc, "func (s *Service) Get%[1]d(id string) (string, error) { return s.repo.Get%[1]d(id) }\n\n", m)
			fmt.Fprintf(&api, "\tGet%d(id string) (string, error)\n", m)
		}
		repo.WriteString("}\n")
		api.WriteString("}\n\n// Handlers serve the domain.\ntype Handlers struct{ Svc Service }\n\n// Routes registers them.\nfunc (h *Handlers) Routes(mux *http.ServeMux) {\n")
		for m := range methods {
			fmt.Fprintf(&api, "\tmux.Handle(\"/get%[1]d\", web.HandlerFunc(h.get%[1]d))\n", m)
		}
		api.WriteString("}\n\n")
		for m := range methods {
			fmt.Fprintf(&api, "func (h *Handlers) get%[1]d(w http.ResponseWriter, r *http.Request) error {\n\tv, err := h.Svc.Get%[1]d(r.URL.Query().Get(\"id\"))\n\tw.Write([]byte(v))\n\treturn err\n}\n\n", m)
		}
		write(fmt.Sprintf("repo%d/repo.go", d), repo.String())
		write(fmt.Sprintf("pg%d/pg.go", d), pg.String())
		write(fmt.Sprintf("svc%d/svc.go", d), svc.String())
		write(fmt.Sprintf("api%d/api.go", d), api.String())
	}
	wiring.WriteString(")\n\nvar _ web.HandlerFunc\n\n// Mount wires every domain on mux.\nfunc Mount(db *sql.DB, mux *http.ServeMux) {\n")
	for d := range domains {
		fmt.Fprintf(&wiring, "\th%[1]d := &api%[1]d.Handlers{Svc: svc%[1]d.New(pg%[1]d.New(db))}\n\th%[1]d.Routes(mux)\n", d)
	}
	wiring.WriteString("}\n")
	write("wiring/wiring.go", wiring.String())
	return dir
}

// BenchmarkInjected measures the open calls, their resolution in the
// wiring package and the handlers inferred through an adapter type, on
// generated dependency-injected services.
func BenchmarkInjected(b *testing.B) {
	for _, bc := range []struct{ domains, methods int }{{5, 10}, {10, 10}, {5, 20}} {
		b.Run(fmt.Sprintf("domains=%d/methods=%d", bc.domains, bc.methods), func(b *testing.B) {
			pkgs := loadModule(b, genDIModule(b, bc.domains, bc.methods))
			b.ReportAllocs()
			analyzeLoop(b, pkgs)
		})
	}
}

// TestGeneratedDIFindings keeps BenchmarkInjected honest: every handler's
// query is reported, in the wiring package, at the binding.
func TestGeneratedDIFindings(t *testing.T) {
	t.Parallel() // loads a module of its own
	pkgs := loadModule(t, genDIModule(t, 2, 3))
	graph, err := checker.Analyze([]*analysis.Analyzer{newAnalyzer()}, pkgs, &checker.Options{SanityCheck: true})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for act := range graph.All() {
		if !act.IsRoot {
			continue
		}
		for _, d := range act.Diagnostics {
			got = append(got, act.Package.PkgPath+": "+d.Message)
		}
	}
	t.Log(strings.Join(got, "\n"))
	if len(got) != 2*3 {
		t.Fatalf("%d findings, want one per handler (6):\n%s", len(got), strings.Join(got, "\n"))
	}
	for _, f := range got {
		if !strings.HasPrefix(f, "gen/wiring: sqlnoctx: handler ") || !strings.Contains(f, "QueryRow") {
			t.Errorf("want each finding at the wiring package's binding, got %s", f)
		}
	}
}
