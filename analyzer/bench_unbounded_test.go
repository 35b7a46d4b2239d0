package analyzer

import (
	"fmt"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
)

// genTaintModule writes a module of nPkgs packages of nHandlers handlers
// each. A handler takes ?n= through a parser, passes it down depth helpers
// that hand it back, loops that many times, clamps it for an allocation,
// decodes a limited JSON body and hands a field of it to depth helpers
// that end in a loop. With input false the handlers are the same, but the
// numbers are constants: the taint analysis runs and finds nothing.
func genTaintModule(tb testing.TB, nPkgs, nHandlers, depth int, input bool) string {
	tb.Helper()
	dir, write := newModule(tb)
	for p := range nPkgs {
		var b strings.Builder
		fmt.Fprintf(&b, "package p%d\n\nimport (\n\t\"encoding/json\"\n\t\"net/http\"\n\t\"strconv\"\n)\n\n", p)
		b.WriteString("const maxRows = 100\n\n")
		if input {
			b.WriteString("func parse(r *http.Request) int {\n\tn, _ := strconv.Atoi(r.FormValue(\"n\"))\n\treturn n\n}\n\n")
		} else {
			b.WriteString("func parse(r *http.Request) int {\n\tn, _ := strconv.Atoi(\"10\")\n\treturn n\n}\n\n")
		}
		for h := range nHandlers {
			for d := range depth {
				if d+1 < depth {
					fmt.Fprintf(&b, "func hop%d_%d(n int) int { return hop%d_%d(n) }\n\n", h, d, h, d+1)
					fmt.Fprintf(&b, "func rows%d_%d(w http.ResponseWriter, n int) { rows%d_%d(w, n) }\n\n", h, d, h, d+1)
				} else {
					fmt.Fprintf(&b, "func hop%d_%d(n int) int { return n }\n\n", h, d)
					fmt.Fprintf(&b, "func rows%d_%d(w http.ResponseWriter, n int) {\n\tfor i := 0; i < n; i++ {\n\t\tw.Write(nil)\n\t}\n}\n\n", h, d)
				}
			}
			fmt.Fprintf(&b, "func handle%d(w http.ResponseWriter, r *http.Request) {\n", h)
			fmt.Fprintf(&b, "\tn := parse(r)\n\tm := hop%d_0(n)\n", h)
			b.WriteString("\tfor i := 0; i < m; i++ {\n\t\tw.Write(nil)\n\t}\n")
			b.WriteString("\t_ = make([]byte, min(n, maxRows))\n")
			b.WriteString("\tvar req struct{ N int }\n")
			if input {
				b.WriteString("\tif err := json.NewDecoder(http.MaxBytesReader(w, r.Body, 1<<20)).Decode(&req); err != nil {\n\t\treturn\n\t}\n")
			} else {
				b.WriteString("\tif err := json.Unmarshal([]byte(`{\"N\": 3}`), &req); err != nil {\n\t\treturn\n\t}\n")
			}
			fmt.Fprintf(&b, "\trows%d_0(w, req.N)\n}\n\n", h)
		}
		write(fmt.Sprintf("p%d/p.go", p), b.String())
	}
	return dir
}

// BenchmarkTaint measures blockcheck on the input-heavy generated module
// ("input"), on the same module with constants for input ("constants":
// the taint analysis runs on every handler and helper and finds nothing),
// and on the input-heavy module with the taint rules disabled ("off": the
// analysis does not run). "input" minus "off" is the cost of the taint
// analysis.
func BenchmarkTaint(b *testing.B) {
	for _, bc := range []struct {
		pkgs, handlers, depth int
	}{
		{10, 20, 5},
		{20, 20, 5},
		{10, 40, 5},
		{10, 20, 10},
	} {
		for _, variant := range []string{"input", "constants", "off"} {
			name := fmt.Sprintf("pkgs=%d/handlers=%d/depth=%d/%s", bc.pkgs, bc.handlers, bc.depth, variant)
			b.Run(name, func(b *testing.B) {
				pkgs := loadModule(b, genTaintModule(b, bc.pkgs, bc.handlers, bc.depth, variant != "constants"))
				b.ReportAllocs()
				for b.Loop() {
					a := newAnalyzer()
					if variant == "off" {
						if err := a.Flags.Set("disable", "unboundedloop,unboundedalloc,bodyread"); err != nil {
							b.Fatal(err)
						}
					}
					graph, err := checker.Analyze([]*analysis.Analyzer{a}, pkgs, &checker.Options{Sequential: true})
					if err != nil {
						b.Fatal(err)
					}
					for act := range graph.All() {
						if act.Err != nil {
							b.Fatal(act.Err)
						}
					}
				}
			})
		}
	}
}

// TestGeneratedTaintModuleFindings keeps BenchmarkTaint honest: each
// handler's own loop and the loop at the end of its helpers are reported,
// the clamped allocation is not, and nothing is without input.
func TestGeneratedTaintModuleFindings(t *testing.T) {
	t.Parallel() // loads a module of its own
	count := func(input bool) []string {
		pkgs := loadModule(t, genTaintModule(t, 2, 3, 3, input))
		graph, err := checker.Analyze([]*analysis.Analyzer{newAnalyzer()}, pkgs, &checker.Options{SanityCheck: true})
		if err != nil {
			t.Fatal(err)
		}
		var msgs []string
		for act := range graph.All() {
			if act.IsRoot {
				for _, d := range act.Diagnostics {
					msgs = append(msgs, d.Message)
				}
			}
		}
		return msgs
	}
	msgs := count(true)
	if len(msgs) != 2*3*2 {
		t.Errorf("module with input: %d findings, want %d:\n%s", len(msgs), 2*3*2, strings.Join(msgs, "\n"))
	}
	for _, m := range msgs {
		if !strings.HasPrefix(m, "unboundedloop: ") {
			t.Errorf("unexpected finding: %s", m)
		}
	}
	if msgs := count(false); len(msgs) != 0 {
		t.Errorf("module without input: %d findings, want 0:\n%s", len(msgs), strings.Join(msgs, "\n"))
	}
}
