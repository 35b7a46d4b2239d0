package summary_test

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/tools/go/analysis"

	"github.com/blockcheck/blockcheck/analyzer/catalog"
	"github.com/blockcheck/blockcheck/analyzer/internal/srctest"
	"github.com/blockcheck/blockcheck/analyzer/summary"
)

// pkg is one type-checked package and a pass over it whose facts are kept
// in memory: exported facts by function name and by object; imported ones
// come from the packages it was loaded with.
type pkg struct {
	pass     *analysis.Pass
	exported map[string]*summary.BlockingFact
	byObj    map[types.Object]*summary.BlockingFact
}

// imports resolves deps by path, the standard library from export data.
type imports []*pkg

func (deps imports) Import(path string) (*types.Package, error) {
	for _, d := range deps {
		if d.pass.Pkg.Path() == path {
			return d.pass.Pkg, nil
		}
	}
	return srctest.Std.Import(path)
}

func load(t *testing.T, src string, deps ...*pkg) *pkg {
	t.Helper()
	fset := token.NewFileSet()
	name, _, _ := strings.Cut(strings.TrimPrefix(src, "package "), "\n")
	f, tp, info := srctest.Check(t, fset, "example.com/"+name, src, imports(deps))
	p := &pkg{exported: make(map[string]*summary.BlockingFact), byObj: make(map[types.Object]*summary.BlockingFact)}
	p.pass = &analysis.Pass{
		Fset: fset, Files: []*ast.File{f}, Pkg: tp, TypesInfo: info,
		ImportObjectFact: func(obj types.Object, fact analysis.Fact) bool {
			for _, d := range deps {
				if bf, ok := d.byObj[obj]; ok {
					*fact.(*summary.BlockingFact) = *bf
					return true
				}
			}
			return false
		},
		ExportObjectFact: func(obj types.Object, fact analysis.Fact) {
			p.exported[obj.Name()] = fact.(*summary.BlockingFact)
			p.byObj[obj] = fact.(*summary.BlockingFact)
		},
	}
	return p
}

func (p *pkg) build(detectors ...summary.Detector) *summary.Summary {
	s := summary.Build(p.pass, p.pass.Files, summary.Config{Catalog: catalog.Default(), Detectors: detectors})
	s.Export()
	return s
}

// facts renders the exported facts, one per line, sorted by name.
func (p *pkg) facts() string {
	var lines []string
	for _, name := range sortedKeys(p.exported) {
		lines = append(lines, name+": "+p.exported[name].String())
	}
	return strings.Join(lines, "\n")
}

func sortedKeys(m map[string]*summary.BlockingFact) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	for i := range keys {
		for j := i + 1; j < len(keys); j++ {
			if keys[j] < keys[i] {
				keys[i], keys[j] = keys[j], keys[i]
			}
		}
	}
	return keys
}

func TestShortestChainPerKind(t *testing.T) {
	p := load(t, `package p

import (
	"database/sql"
	"time"
)

var db *sql.DB

func Handler() {
	viaTwo()
	viaOne()
	query()
}

func viaTwo() { viaOne() }
func viaOne() { time.Sleep(time.Second) }
func query()  { db.Query("SELECT 1") }
`)
	p.build()
	assert.Equal(t, "blocks(sleep: time.Sleep via Handler → viaOne; sql: (*sql.DB).Query via Handler → query)",
		p.exported["Handler"].String(), "the shortest chain of each kind, sorted by kind")
	assert.Equal(t, "blocks(sleep: time.Sleep via viaTwo → viaOne)", p.exported["viaTwo"].String())
	r := p.exported["Handler"].Reasons[0]
	assert.Equal(t, 2, r.Depth)
	assert.Equal(t, []string{"p.go:12", "p.go:17"}, posns(r))
}

func posns(r summary.Reason) []string {
	var out []string
	for _, s := range r.Steps {
		out = append(out, s.Posn)
	}
	return out
}

func TestCycles(t *testing.T) {
	p := load(t, `package p

import "time"

func ping(n int) {
	if n > 0 {
		pong(n - 1)
	}
	time.Sleep(time.Millisecond)
}

func pong(n int) { ping(n) }

func self() { self() }
`)
	p.build()
	assert.Equal(t, "ping: blocks(sleep: time.Sleep via ping)\npong: blocks(sleep: time.Sleep via pong → ping)", p.facts(),
		"recursion terminates, and a function calling only itself blocks on nothing")
}

func TestDepthCap(t *testing.T) {
	var b strings.Builder
	b.WriteString("package p\n\nimport \"time\"\n\n")
	const n = 12
	for i := range n {
		fmt.Fprintf(&b, "func f%d() { f%d() }\n", i, i+1)
	}
	fmt.Fprintf(&b, "func f%d() { time.Sleep(time.Second) }\n", n)
	p := load(t, b.String())
	p.build()
	r := p.exported["f0"].Reasons[0]
	assert.Equal(t, n+1, r.Depth, "Depth counts every step")
	require.Len(t, r.Steps, summary.MaxSteps, "the fact keeps at most MaxSteps")
	assert.Equal(t, "f6", r.Steps[summary.MaxSteps-2].Func, "the first steps are kept")
	assert.Equal(t, "f12", r.Steps[summary.MaxSteps-1].Func, "and the last, the operation's")
	assert.Equal(t, "f0 → f1 → f2 → f3 → f4 → f5 → f6 → … → f12", r.Chain("example.com/p"))
}

func TestGoStatements(t *testing.T) {
	p := load(t, `package p

import "time"

func slow() int { time.Sleep(time.Second); return 1 }
func use(int)   {}

func Starts() {
	go slow()
	go func() { slow() }()
}

func EvaluatesArgs() {
	go use(slow())
}

func Defers() {
	defer slow()
}
`)
	p.build()
	assert.Nil(t, p.exported["Starts"], "the goroutine does not block its starter")
	assert.Equal(t, "blocks(sleep: time.Sleep via EvaluatesArgs → slow)", p.exported["EvaluatesArgs"].String(),
		"the starter evaluates the arguments")
	assert.Equal(t, "blocks(sleep: time.Sleep via Defers → slow)", p.exported["Defers"].String())
}

func TestDeterminism(t *testing.T) {
	const src = `package p

import (
	"database/sql"
	"os/exec"
	"time"
)

var db *sql.DB

func A() { b(); c(); d() }
func b() { c(); time.Sleep(1) }
func c() { d(); db.Query("") }
func d() { b(); exec.Command("x").Run() }
`
	want := ""
	for i := range 20 {
		p := load(t, src)
		p.build()
		if i == 0 {
			want = p.facts()
			continue
		}
		require.Equal(t, want, p.facts(), "run %d", i)
	}
}

func TestImportedFacts(t *testing.T) {
	store := load(t, `package store

import "time"

type Store struct{}

func (s *Store) Load() { retry() }
func retry()           { time.Sleep(time.Second) }
`)
	store.build()
	api := load(t, `package api

import "example.com/store"

func Handler(s *store.Store) { get(s) }
func get(s *store.Store)     { s.Load() }
`, store)
	sum := api.build()
	assert.Equal(t, "blocks(sleep: time.Sleep via Handler → get → Store.Load → store.retry)", api.exported["Handler"].String())
	r := api.exported["Handler"].Reasons[0]
	assert.Equal(t, 4, r.Depth, "the chain goes on from the fact's depth")
	for _, fn := range sum.Funcs() {
		for _, c := range fn.Calls {
			if c.Callee.Name() == "Load" {
				for _, st := range sum.Reasons(c.Callee)[0].Steps {
					assert.False(t, st.Pos().IsValid(), "steps from a fact carry no position")
				}
			}
		}
	}
}

// A detector's Across decides, per call, whether its kind's reasons reach
// the caller, for the package's own calls and for facts alike; a Later
// detector's kinds wait for its Propagated hook.
func TestDetectorHooks(t *testing.T) {
	lib := load(t, `package lib

import "time"

func Nap() { time.Sleep(time.Second) }
`)
	lib.build()
	p := load(t, `package p

import (
	"example.com/lib"
	"time"
)

func Kept()    { nap() }
func Dropped() { blocked() }
func blocked() { nap() }
func nap()     { time.Sleep(time.Second) }
func Remote()  { lib.Nap() }
`, lib)
	var propagated bool
	p.build(summary.Detector{
		Kinds: []catalog.Kind{catalog.Sleep},
		Across: func(s *summary.Summary, caller *summary.Func, callee *types.Func, call *ast.CallExpr, r summary.Reason) (summary.Reason, bool) {
			return r, caller.Obj.Name() != "blocked" && caller.Obj.Name() != "Remote"
		},
	}, summary.Detector{
		Kinds: []catalog.Kind{catalog.Serial},
		Later: true,
		Propagated: func(s *summary.Summary) {
			propagated = true
			assert.Len(t, s.Reasons(s.Pass().Pkg.Scope().Lookup("Kept").(*types.Func)), 1,
				"the other kinds are in place when a Later detector runs")
		},
	})
	assert.True(t, propagated)
	assert.Equal(t, "Kept: blocks(sleep: time.Sleep via Kept → nap)\nnap: blocks(sleep: time.Sleep via nap)", p.facts())
}
