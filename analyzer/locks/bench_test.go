package locks_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/blockcheck/blockcheck/analyzer/locks"
)

// generated returns a file with a method Server.Big of about 12*groups
// statements: lock/unlock pairs, early returns under the lock, loops and
// switches, and (when locked is false) a method of the same shape with no
// lock at all.
func generated(groups int, locked bool) string {
	var b strings.Builder
	b.WriteString(`package app

import "sync"

type Server struct {
	mu    sync.Mutex
	stats struct{ mu sync.RWMutex }
}

func work(x int) int { return x + 1 }

func (s *Server) Big(x int) int {
`)
	lock, unlock, rlock, runlock := "s.mu.Lock()", "s.mu.Unlock()", "s.stats.mu.RLock()", "s.stats.mu.RUnlock()"
	if !locked {
		lock, unlock, rlock, runlock = "x++", "x--", "x++", "x--"
	}
	for i := range groups {
		fmt.Fprintf(&b, `	%s
	x = work(x)
	if x == %d {
		%s
		return x
	}
	%s
	for i := 0; i < x%%7; i++ {
		x += work(i)
	}
	switch x %% 3 {
	case 0:
		%s
		x = work(x)
		%s
	default:
		x--
	}
`, lock, i, unlock, unlock, rlock, runlock)
	}
	b.WriteString("\treturn x\n}\n")
	return b.String()
}

func BenchmarkAnalyze(b *testing.B) {
	for _, groups := range []int{10, 100, 1000} {
		stmts := groups * 12
		for _, locked := range []bool{true, false} {
			s := load(b, generated(groups, locked))
			fn := s.fn("Server.Big")
			b.Run(fmt.Sprintf("stmts=%d/locked=%t", stmts, locked), func(b *testing.B) {
				for b.Loop() {
					if f := locks.Analyze(s.info, fn, nil); locked && f == nil {
						b.Fatal("no lock found")
					}
				}
				b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*stmts), "ns/stmt")
			})
		}
		// What the lockheld rule does: analyze, then ask at every call.
		s := load(b, generated(groups, true))
		fn := s.fn("Server.Big")
		calls := s.calls(fn, "work")
		b.Run(fmt.Sprintf("stmts=%d/heldat-every-call", stmts), func(b *testing.B) {
			for b.Loop() {
				f := locks.Analyze(s.info, fn, nil)
				for _, c := range calls {
					f.HeldAt(c)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*stmts), "ns/stmt")
		})
	}
}

// TestGeneratedIsAnalyzed checks the benchmark's input, so that the
// benchmark measures what it claims to.
func TestGeneratedIsAnalyzed(t *testing.T) {
	s := load(t, generated(3, true))
	fn := s.fn("Server.Big")
	f := s.analyze(fn, nil)
	var held, free int
	for _, c := range s.calls(fn, "work") {
		if len(f.HeldAt(c)) == 0 {
			free++
		} else {
			held++
		}
	}
	require.Equal(t, 6, held, "x = work(x) under each lock")
	require.Equal(t, 3, free, "the loop bodies")
	require.Nil(t, locks.Analyze(s.info, load(t, generated(3, false)).fn("Server.Big"), nil))
}
