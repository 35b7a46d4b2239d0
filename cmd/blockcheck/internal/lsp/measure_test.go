package lsp

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// TestMeasure measures the built `blockcheck lsp` the way an editor uses
// it, for docs/editors.md; it runs only when asked:
//
//	BLOCKCHECK_LSP_MEASURE_FILE=/abs/path/to/file.go \
//	[BLOCKCHECK_LSP_MEASURE_SAVES=200] [BLOCKCHECK_GOPLS=/path/to/gopls] \
//	go test -run TestMeasure -v -timeout 60m ./cmd/blockcheck/internal/lsp
//
// It opens the file and times the first analysis (twice: the first session
// warms go vet's cache for the file's module), then saves the file
// SAVES times, each time with new content (a comment line appended, and
// removed again at the end), and times each update: from didSave to the
// end of the run's work-done progress, debounce (200 ms) included. It
// samples the server's resident memory (VmRSS; with gopls, the server's
// own, gopls' apart) after each save.
func TestMeasure(t *testing.T) {
	file := os.Getenv("BLOCKCHECK_LSP_MEASURE_FILE")
	if file == "" {
		t.Skip("set BLOCKCHECK_LSP_MEASURE_FILE to measure (see the comment)")
	}
	saves := 200
	if n, err := strconv.Atoi(os.Getenv("BLOCKCHECK_LSP_MEASURE_SAVES")); err == nil {
		saves = n
	}
	bin := filepath.Join(t.TempDir(), "blockcheck")
	out, err := exec.Command("go", "build", "-o", bin, "github.com/blockcheck/blockcheck/cmd/blockcheck").CombinedOutput()
	require.NoError(t, err, "%s", out)
	args := []string{"lsp"}
	if g := os.Getenv("BLOCKCHECK_GOPLS"); g != "" {
		args = append(args, "-gopls="+g)
	}
	orig, err := os.ReadFile(file)
	require.NoError(t, err)
	t.Cleanup(func() { _ = os.WriteFile(file, orig, 0o644) })

	for session := 1; session <= 2; session++ {
		m := startMeasured(t, bin, args, file)
		first := m.open()
		t.Logf("session %d: first analysis done %v after didOpen", session, first.Round(time.Millisecond))
		if session == 1 {
			m.stop()
			continue
		}
		var lat []time.Duration
		var rss []int
		for i := range saves {
			require.NoError(t, os.WriteFile(file, fmt.Appendf(bytes.Clone(orig), "\n// save %d\n", i), 0o644))
			lat = append(lat, m.save())
			rss = append(rss, vmRSS(t, m.cmd.Process.Pid))
		}
		slices.Sort(lat)
		t.Logf("%d saves: update latency median %v, p90 %v, max %v", saves,
			lat[len(lat)/2].Round(time.Millisecond), lat[len(lat)*9/10].Round(time.Millisecond), lat[len(lat)-1].Round(time.Millisecond))
		pick := func(i int) int { return rss[min(i, len(rss)-1)] / 1024 }
		t.Logf("server VmRSS (MiB): after save 1 %d, 10 %d, 50 %d, 100 %d, %d %d; max %d",
			pick(0), pick(9), pick(49), pick(99), saves, pick(saves-1), slices.Max(rss)/1024)
		if kids := children(m.cmd.Process.Pid); len(kids) > 0 {
			t.Logf("gopls VmRSS after the saves: %d MiB", vmRSS(t, kids[0])/1024)
		}
		m.stop()
	}
}

type measured struct {
	t     *testing.T
	cmd   *exec.Cmd
	ed    *peer
	uri   string
	next  int
	stdin io.Closer
}

func startMeasured(t *testing.T, bin string, args []string, file string) *measured {
	cmd := exec.Command(bin, args...)
	cmd.Dir = filepath.Dir(file)
	cmd.Stderr = os.Stderr
	in, err := cmd.StdinPipe()
	require.NoError(t, err)
	outp, err := cmd.StdoutPipe()
	require.NoError(t, err)
	require.NoError(t, cmd.Start())
	m := &measured{t: t, cmd: cmd, ed: newPeer(t, outp, in), uri: pathURI(file), stdin: in}
	m.ed.timeout = 10 * time.Minute // a cold first analysis of a large module
	m.ed.send(0, "initialize", map[string]any{
		"rootUri":      pathURI(moduleRoot(filepath.Dir(file))),
		"capabilities": map[string]any{"window": map[string]any{"workDoneProgress": true}},
	})
	m.answer(response("0"))
	m.ed.send(nil, "initialized", map[string]any{})
	return m
}

// answer reads until ok, answering the server's requests on the way (null
// for all: no settings, progress tokens accepted).
func (m *measured) answer(ok func(*message) bool) *message {
	return m.ed.expect("message", func(msg *message) bool {
		if msg.isRequest() && !ok(msg) {
			m.ed.respond(msg.ID, "null")
			return false
		}
		return ok(msg)
	})
}

func progressEnd(msg *message) bool {
	return msg.Method == "$/progress" && strings.Contains(string(msg.Params), `"kind":"end"`) &&
		strings.Contains(string(msg.Params), `"token":"blockcheck-`)
}

func (m *measured) open() time.Duration {
	src, err := os.ReadFile(uriPath(m.uri))
	require.NoError(m.t, err)
	t0 := time.Now()
	m.ed.send(nil, "textDocument/didOpen", map[string]any{"textDocument": map[string]any{"uri": m.uri, "languageId": "go", "version": 1, "text": string(src)}})
	m.expectRun()
	return time.Since(t0)
}

func (m *measured) save() time.Duration {
	t0 := time.Now()
	m.ed.send(nil, "textDocument/didSave", map[string]any{"textDocument": map[string]any{"uri": m.uri}})
	m.expectRun()
	return time.Since(t0)
}

// expectRun waits for the end of a run; "cancelled" ends do not count.
func (m *measured) expectRun() {
	m.answer(func(msg *message) bool {
		return progressEnd(msg) && !strings.Contains(string(msg.Params), "cancelled")
	})
}

func (m *measured) stop() {
	m.next++
	m.ed.send(1000+m.next, "shutdown", nil)
	m.answer(response(strconv.Itoa(1000 + m.next)))
	m.ed.send(nil, "exit", nil)
	_ = m.stdin.Close()
	_ = m.cmd.Wait()
}

func vmRSS(t *testing.T, pid int) int {
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	require.NoError(t, err)
	for line := range strings.Lines(string(data)) {
		if v, ok := strings.CutPrefix(line, "VmRSS:"); ok {
			kb, _ := strconv.Atoi(strings.TrimSuffix(strings.TrimSpace(v), " kB"))
			return kb
		}
	}
	return 0
}

func children(pid int) []int {
	data, _ := os.ReadFile(fmt.Sprintf("/proc/%d/task/%d/children", pid, pid))
	var kids []int
	for _, f := range strings.Fields(string(data)) {
		if n, err := strconv.Atoi(f); err == nil {
			kids = append(kids, n)
		}
	}
	return kids
}
