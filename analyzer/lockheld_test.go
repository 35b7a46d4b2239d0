package analyzer

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"
	"golang.org/x/tools/go/analysis/checker"

	"github.com/blockcheck/blockcheck/analyzer/internal/treetest"
)

// TestLockHeld runs the lockheld scenario: handlers that hold, or reach
// functions that hold, a lock shared by every request across a blocking
// operation, in the same package and across packages; and the ones that
// must stay silent.
func TestLockHeld(t *testing.T) {
	results := treetest.Run(t, analysistest.TestData(), newAnalyzer(), "lockheld/...")

	// The related positions lead from the finding to the Lock call and
	// down the chain.
	related := make(map[string][]string) // "lockheld: <lock>" → "file:line: message"
	for _, res := range results {
		fset := res.Action.Package.Fset
		for _, d := range res.Action.Diagnostics {
			if d.Category != "lockheld" {
				continue
			}
			key := strings.Join(strings.Fields(d.Message)[:2], " ")
			for _, rel := range d.Related {
				p := fset.Position(rel.Pos)
				related[key] = append(related[key], fmt.Sprintf("%s:%d: %s", filepath.Base(p.Filename), p.Line, rel.Message))
			}
		}
	}
	wantReserve := []string{"api.go:142: i.mu is locked here", "api.go:144: inventory.reserve calls (*sql.DB).ExecContext"}
	if got := related["lockheld: i.mu"]; !slices.Equal(got, wantReserve) {
		t.Errorf("related positions of the inventory.reserve finding:\n got %q\nwant %q", got, wantReserve)
	}
	// getUser locks s.mu itself and queries in fetchUser.
	for _, want := range []string{"api.go:73: s.mu is locked here", "api.go:66: Server.fetchUser calls (*sql.DB).QueryRowContext"} {
		if !slices.Contains(related["lockheld: s.mu"], want) {
			t.Errorf("no related position %q for the findings on s.mu; got %q", want, related["lockheld: s.mu"])
		}
	}
	// Positions in the other package are not known: facts carry none.
	if got := related["lockheld: c.mu"]; len(got) != 0 {
		t.Errorf("related positions of a lock taken in another package: %q, want none", got)
	}
}

// genLockModule writes a module like genModule's, where every store
// method takes the store's mutex: the leaves hold it across a query, the
// steps above hold it only around a map update, and handlers are methods
// of a server sharing the store. With locked false the same code takes no
// lock, which measures the cost of the lock analysis.
func genLockModule(tb testing.TB, nPkgs, nHandlers, depth int, locked bool) string {
	tb.Helper()
	dir, write := newModule(tb)
	lock, unlock, deferUnlock := "\ts.mu.Lock()\n", "\ts.mu.Unlock()\n", "\tdefer s.mu.Unlock()\n"
	if !locked {
		lock, unlock, deferUnlock = "", "", ""
	}
	for p := range nPkgs {
		var b strings.Builder
		fmt.Fprintf(&b, "package p%d\n\nimport (\n\t\"context\"\n\t\"database/sql\"\n\t\"net/http\"\n\t\"sync\"\n", p)
		if p > 0 {
			fmt.Fprintf(&b, "\n\tprev \"gen/p%d\"\n", p-1)
		}
		b.WriteString(")\n\ntype Store struct {\n\tdb *sql.DB\n\tmu sync.Mutex\n\tn  map[int]int\n}\n\n")
		b.WriteString("type Server struct {\n\tst *Store\n")
		if p > 0 {
			b.WriteString("\tprev *prev.Store\n")
		}
		b.WriteString("}\n\n")
		b.WriteString("func Exported(ctx context.Context, s *Store) { s.step0_0(ctx) }\n\n")
		for h := range nHandlers {
			for d := range depth {
				fmt.Fprintf(&b, "func (s *Store) step%d_%d(ctx context.Context) {\n", h, d)
				if d+1 < depth {
					b.WriteString(lock + "\ts.n[0]++\n" + unlock)
					fmt.Fprintf(&b, "\tfor i := 0; i < 3; i++ {\n\t\ts.step%d_%d(ctx)\n\t}\n", h, d+1)
				} else {
					b.WriteString(lock + deferUnlock)
					b.WriteString("\trow := s.db.QueryRowContext(ctx, \"SELECT 1\")\n\t_ = row\n")
				}
				b.WriteString("}\n\n")
			}
			fmt.Fprintf(&b, "func (srv *Server) handle%d(w http.ResponseWriter, r *http.Request) {\n\tsrv.st.step%d_0(r.Context())\n", h, h)
			if p > 0 {
				b.WriteString("\tprev.Exported(r.Context(), srv.prev)\n")
			}
			b.WriteString("}\n\n")
		}
		write(fmt.Sprintf("p%d/p.go", p), b.String())
	}
	return dir
}

// BenchmarkLockHeld measures blockcheck on the lock-heavy generated module,
// and on the same module without its locks: the difference is the cost of
// the lock analysis.
func BenchmarkLockHeld(b *testing.B) {
	for _, bc := range []struct {
		pkgs, handlers, depth int
	}{
		{10, 20, 5},
		{20, 20, 5},
		{10, 20, 10},
	} {
		for _, locked := range []bool{true, false} {
			name := fmt.Sprintf("pkgs=%d/handlers=%d/depth=%d/locked=%t", bc.pkgs, bc.handlers, bc.depth, locked)
			b.Run(name, func(b *testing.B) {
				pkgs := loadModule(b, genLockModule(b, bc.pkgs, bc.handlers, bc.depth, locked))
				b.ReportAllocs()
				analyzeLoop(b, pkgs)
			})
		}
	}
}

// TestGeneratedLockModuleFindings keeps BenchmarkLockHeld honest: every
// handler is reported once for its own store's lock, once more for the
// previous package's, and nothing without locks.
func TestGeneratedLockModuleFindings(t *testing.T) {
	t.Parallel() // loads a module of its own
	count := func(locked bool) (n int, msgs []string) {
		pkgs := loadModule(t, genLockModule(t, 3, 4, 3, locked))
		graph, err := checker.Analyze([]*analysis.Analyzer{newAnalyzer()}, pkgs, &checker.Options{SanityCheck: true})
		if err != nil {
			t.Fatal(err)
		}
		for act := range graph.All() {
			if act.IsRoot {
				for _, d := range act.Diagnostics {
					msgs = append(msgs, d.Message)
				}
			}
		}
		return len(msgs), msgs
	}
	// 3 packages × 4 handlers, plus the cross-package call in each of the
	// 4 handlers of packages 1 and 2.
	if got, msgs := count(true); got != 3*4+2*4 {
		t.Errorf("lock-heavy module: %d findings, want %d:\n%s", got, 3*4+2*4, strings.Join(msgs, "\n"))
	}
	if got, msgs := count(false); got != 0 {
		t.Errorf("module without locks: %d findings, want 0:\n%s", got, strings.Join(msgs, "\n"))
	}
}
