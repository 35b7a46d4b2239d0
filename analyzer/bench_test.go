package analyzer

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"
)

// genModule writes a module of nPkgs packages, each with nHandlers
// handlers whose calls go depth functions deep before they block, and each
// calling into the previous package, so that facts cross packages. With
// handlers false the same call graphs exist but no function is a handler:
// the common case of a package that serves no requests.
func genModule(tb testing.TB, nPkgs, nHandlers, depth int, handlers bool) string {
	tb.Helper()
	dir, write := newModule(tb)
	for p := range nPkgs {
		var b strings.Builder
		fmt.Fprintf(&b, "package p%d\n\nimport (\n\t\"database/sql\"\n\t\"net/http\"\n\t\"time\"\n", p)
		if p > 0 {
			fmt.Fprintf(&b, "\n\tprev \"gen/p%d\"\n", p-1)
		}
		b.WriteString(")\n\nvar _ = http.StatusOK\n\ntype Store struct{ db *sql.DB }\n\n")
		b.WriteString("func Exported(s *Store) { s.step0_0() }\n\n")
		for h := range nHandlers {
			for d := range depth {
				fmt.Fprintf(&b, "func (s *Store) step%d_%d() {\n", h, d)
				if d+1 < depth {
					fmt.Fprintf(&b, "\tfor i := 0; i < 3; i++ {\n\t\ts.step%d_%d()\n\t}\n", h, d+1)
				} else if h%2 == 0 {
					b.WriteString("\ttime.Sleep(time.Millisecond)\n")
				} else {
					b.WriteString("\trow := s.db.QueryRow(\"SELECT 1\")\n\t_ = row\n")
				}
				b.WriteString("}\n\n")
			}
			params := "n int, s *Store"
			if handlers {
				params = "w http.ResponseWriter, r *http.Request"
			}
			fmt.Fprintf(&b, "func handle%d(%s) {\n\tvar st Store\n\tst.step%d_0()\n", h, params, h)
			if p > 0 {
				b.WriteString("\tprev.Exported(&prev.Store{})\n")
			}
			b.WriteString("}\n\n")
		}
		write(fmt.Sprintf("p%d/p.go", p), b.String())
	}
	return dir
}

// newModule makes an empty module "gen" in a temporary directory and
// returns it with a function that writes a file into it.
func newModule(tb testing.TB) (dir string, write func(name, content string)) {
	tb.Helper()
	dir = tb.TempDir()
	write = func(name, content string) {
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			tb.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
			tb.Fatal(err)
		}
	}
	write("go.mod", "module gen\n\ngo 1.26\n")
	return dir, write
}

// analyzeLoop is the timed loop of the benchmarks: a fresh analyzer over
// pkgs, loaded once outside it.
func analyzeLoop(b *testing.B, pkgs []*packages.Package) {
	for b.Loop() {
		graph, err := checker.Analyze([]*analysis.Analyzer{newAnalyzer()}, pkgs, &checker.Options{Sequential: true})
		if err != nil {
			b.Fatal(err)
		}
		for act := range graph.All() {
			if act.Err != nil {
				b.Fatal(act.Err)
			}
		}
	}
}

func loadModule(tb testing.TB, dir string) []*packages.Package {
	tb.Helper()
	cfg := &packages.Config{Mode: packages.LoadAllSyntax, Dir: dir}
	pkgs, err := packages.Load(cfg, "./...")
	if err != nil {
		tb.Fatal(err)
	}
	if packages.PrintErrors(pkgs) > 0 {
		tb.Fatal("generated code does not type-check")
	}
	return pkgs
}

// BenchmarkAnalyzer measures blockcheck on generated code of growing size;
// doubling packages, handlers or depth should roughly double the time.
// Packages are loaded once, outside the timed loop: the numbers are the
// analyzer's own cost, standard library dependencies included.
func BenchmarkAnalyzer(b *testing.B) {
	for _, bc := range []struct {
		pkgs, handlers, depth int
		handlersOn            bool
	}{
		{10, 20, 5, true},
		{20, 20, 5, true},
		{10, 40, 5, true},
		{10, 20, 10, true},
		{20, 20, 5, false},
	} {
		name := fmt.Sprintf("pkgs=%d/handlers=%d/depth=%d", bc.pkgs, bc.handlers, bc.depth)
		if !bc.handlersOn {
			name = fmt.Sprintf("pkgs=%d/nohandlers/funcs=%d", bc.pkgs, bc.handlers*bc.depth)
		}
		b.Run(name, func(b *testing.B) {
			pkgs := loadModule(b, genModule(b, bc.pkgs, bc.handlers, bc.depth, bc.handlersOn))
			b.ReportAllocs()
			analyzeLoop(b, pkgs)
		})
	}
}

// TestGeneratedModuleFindings keeps the benchmark honest: the generated
// handlers are reported, through their chains and across packages, and
// the handler-free variant reports nothing.
func TestGeneratedModuleFindings(t *testing.T) {
	t.Parallel() // loads a module of its own
	count := func(handlers bool) int {
		pkgs := loadModule(t, genModule(t, 3, 4, 3, handlers))
		graph, err := checker.Analyze([]*analysis.Analyzer{newAnalyzer()}, pkgs, &checker.Options{SanityCheck: true})
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for act := range graph.All() {
			if act.IsRoot {
				n += len(act.Diagnostics)
			}
		}
		return n
	}
	// 3 packages × 4 handlers, plus one cross-package call in each of the
	// 4 handlers of packages 1 and 2.
	if got, want := count(true), 3*4+2*4; got != want {
		t.Errorf("generated module with handlers: %d findings, want %d", got, want)
	}
	if got := count(false); got != 0 {
		t.Errorf("generated module without handlers: %d findings, want 0", got)
	}
}
