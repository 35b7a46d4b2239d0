package lsp

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestFraming(t *testing.T) {
	var buf bytes.Buffer
	c := newConn(&buf, &buf)
	require.NoError(t, c.notify("x/y", map[string]int{"a": 1}))
	require.NoError(t, c.reply(json.RawMessage("3"), nil, nil))
	first := `{"jsonrpc":"2.0","method":"x/y","params":{"a":1}}`
	assert.True(t, strings.HasPrefix(buf.String(), fmt.Sprintf("Content-Length: %d\r\n\r\n%s", len(first), first)), buf.String())

	m, _, err := c.readMessage()
	require.NoError(t, err)
	assert.True(t, m.isNotification())
	assert.Equal(t, `{"a":1}`, string(m.Params))
	m, raw, err := c.readMessage()
	require.NoError(t, err)
	assert.True(t, m.isResponse())
	assert.Equal(t, `{"jsonrpc":"2.0","id":3,"result":null}`, string(raw), "a null result is sent, as the protocol requires")
	_, _, err = c.readMessage()
	assert.ErrorIs(t, err, io.EOF)

	for _, bad := range []string{
		"Content-Type: x\r\n\r\n{}",
		"Content-Length: -1\r\n\r\n",
		"Content-Length: 99999999999\r\n\r\n",
		"Content-Length: 10\r\n\r\n{}",
	} {
		_, err := newConn(strings.NewReader(bad), io.Discard).read()
		assert.Error(t, err, "%q", bad)
	}
	// Other headers are allowed; the length counts bytes.
	body := `{"jsonrpc":"2.0","method":"é"}`
	in := fmt.Sprintf("Content-Type: application/vscode-jsonrpc; charset=utf-8\r\nContent-Length: %d\r\n\r\n%s", len(body), body)
	got, err := newConn(strings.NewReader(in), io.Discard).read()
	require.NoError(t, err)
	assert.Equal(t, body, string(got))
}

// peer is the test's end of a stream: the editor, or the fake gopls.
type peer struct {
	t       *testing.T
	c       *conn
	msgs    chan *message
	timeout time.Duration // for expect
}

func newPeer(t *testing.T, r io.Reader, w io.Writer) *peer {
	p := &peer{t: t, c: newConn(r, w), msgs: make(chan *message, 100), timeout: 10 * time.Second}
	go func() {
		defer close(p.msgs)
		for {
			m, _, err := p.c.readMessage()
			if err != nil {
				return
			}
			p.msgs <- m
		}
	}()
	return p
}

// expect reads messages until one satisfies ok, and returns it.
func (p *peer) expect(what string, ok func(*message) bool) *message {
	p.t.Helper()
	timeout := time.After(p.timeout)
	for {
		select {
		case m, open := <-p.msgs:
			if !open {
				p.t.Fatalf("stream closed while waiting for %s", what)
			}
			if ok(m) {
				return m
			}
		case <-timeout:
			p.t.Fatalf("timed out waiting for %s", what)
		}
	}
}

func (p *peer) send(id any, method string, params any) {
	p.t.Helper()
	m := &message{Method: method}
	if id != nil {
		m.ID, _ = json.Marshal(id)
	}
	m.Params, _ = json.Marshal(params)
	require.NoError(p.t, p.c.send(m))
}

func (p *peer) respond(id json.RawMessage, result string) {
	p.t.Helper()
	require.NoError(p.t, p.c.send(&message{ID: id, Result: json.RawMessage(result)}))
}

func method(name string) func(*message) bool {
	return func(m *message) bool { return m.Method == name }
}

func response(id string) func(*message) bool {
	return func(m *message) bool { return m.isResponse() && string(m.ID) == id }
}

// fakeVet answers with one finding in file, with a fix, and
// records its calls: the finding is the call on line 5 (1-based), the
// related position the function on line 4. block makes a run wait until it is cancelled.
type fakeVet struct {
	file  string
	mu    sync.Mutex
	calls []string // "flags | dirs"
	block bool
	// cancelled counts runs that ended by cancellation.
	cancelled int
}

func (f *fakeVet) run(ctx context.Context, dir string, flags, dirs []string) ([]byte, []byte, error) {
	f.mu.Lock()
	f.calls = append(f.calls, strings.Join(flags, " ")+" | "+strings.Join(dirs, " "))
	block := f.block
	f.mu.Unlock()
	if block {
		<-ctx.Done()
		f.mu.Lock()
		f.cancelled++
		f.mu.Unlock()
		return nil, nil, ctx.Err()
	}
	out := fmt.Sprintf(`{"example.com/p": {"blockcheck": [{
		"category": "sleep", "posn": %[1]q, "end": %[2]q, "message": "sleep: handler h calls time.Sleep",
		"related": [{"posn": %[3]q, "end": %[3]q, "message": "h is declared here"}],
		"suggested_fixes": [{"message": "sleep in a select with ctx.Done()", "edits": [{"filename": %[4]q, "start": %[5]d, "end": %[6]d, "new": "wait(ctx)"}]}]
	}]}}
`, f.file+":5:16", f.file+":5:29", f.file+":4:1", f.file, sleepAt, sleepAt+10)
	return []byte(out), nil, nil
}

func (f *fakeVet) callList() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]string(nil), f.calls...)
}

// fileSrc is the file the fake findings point into: "é" and "🙂" before
// the call make LSP's UTF-16 columns differ from go vet's byte columns.
const fileSrc = "package p\n\n// é🙂\nfunc h() {\n\t_ = \"é🙂\"; time.Sleep(1)\n}\n"

var sleepAt = strings.Index(fileSrc, "time.Sleep")

func moduleFile(t *testing.T) string {
	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module example.com/p\n"), 0o644))
	file := filepath.Join(dir, "p.go")
	require.NoError(t, os.WriteFile(file, []byte(fileSrc), 0o644))
	return file
}

// session wires a server between a test editor and, in proxy mode, a test
// gopls.
func session(t *testing.T, proxy bool, vet vetFunc) (editor, gopls *peer, s *server) {
	edIn, srvOut := io.Pipe()
	srvIn, edOut := io.Pipe()
	editor = newPeer(t, edIn, edOut)
	var goplsConn *conn
	if proxy {
		gIn, srvToG := io.Pipe()
		gToSrv, gOut := io.Pipe()
		gopls = newPeer(t, gIn, gOut)
		goplsConn = newConn(gToSrv, srvToG)
		t.Cleanup(func() { gOut.Close(); srvToG.Close() })
	}
	srv := newServer(newConn(srvIn, srvOut), goplsConn, vet, 10*time.Millisecond, io.Discard)
	done := make(chan struct{})
	go func() {
		defer close(done)
		_ = srv.serve()
	}()
	t.Cleanup(func() {
		edOut.Close()
		srvOut.Close()
		<-done
	})
	return editor, gopls, srv
}

func TestProxyForwardsAndMerges(t *testing.T) {
	file := moduleFile(t)
	uri := pathURI(file)
	vet := &fakeVet{file: file}
	editor, gopls, _ := session(t, true, vet.run)

	// initialize: blockcheck takes its settings out; gopls' stay.
	editor.send(1, "initialize", map[string]any{
		"rootUri":               pathURI(filepath.Dir(file)),
		"initializationOptions": map[string]any{"blockcheck": map[string]any{"disable": []string{"chanwait"}}, "gofumpt": true},
		"capabilities":          map[string]any{},
	})
	init := gopls.expect("initialize at gopls", method("initialize"))
	assert.JSONEq(t, `{"gofumpt": true}`, string(mustField(t, init.Params, "initializationOptions")))
	gopls.respond(init.ID, `{"capabilities": {"textDocumentSync": 2, "hoverProvider": true}}`)
	res := editor.expect("initialize result", response("1"))
	assert.JSONEq(t, `{"capabilities": {"textDocumentSync": {"openClose": true, "change": 2, "save": {}},
		"hoverProvider": true, "codeActionProvider": {"codeActionKinds": ["quickfix"]}}}`, string(res.Result))

	editor.send(nil, "initialized", map[string]any{})
	gopls.expect("initialized at gopls", method("initialized"))

	// A request gopls makes of the editor, and its answer, pass through.
	gopls.send("g1", "workspace/configuration", map[string]any{"items": []any{map[string]string{"section": "gopls"}}})
	req := editor.expect("gopls' request", method("workspace/configuration"))
	editor.respond(req.ID, `[{"staticcheck": true}]`)
	ans := gopls.expect("the editor's answer at gopls", response(`"g1"`))
	assert.JSONEq(t, `[{"staticcheck": true}]`, string(ans.Result))

	// Open: gopls hears of it, and blockcheck runs with the settings.
	editor.send(nil, "textDocument/didOpen", map[string]any{"textDocument": map[string]any{"uri": uri, "languageId": "go", "version": 1, "text": fileSrc}})
	gopls.expect("didOpen at gopls", method("textDocument/didOpen"))
	pub := editor.expect("blockcheck's diagnostics", method("textDocument/publishDiagnostics"))
	var p struct {
		URI         string       `json:"uri"`
		Diagnostics []diagnostic `json:"diagnostics"`
	}
	require.NoError(t, json.Unmarshal(pub.Params, &p))
	assert.Equal(t, []string{"-disable=chanwait | " + filepath.Dir(file)}, vet.callList())
	require.Len(t, p.Diagnostics, 1)
	d := p.Diagnostics[0]
	assert.Equal(t, "sleep", d.Code)
	assert.Equal(t, "blockcheck", d.Source)
	assert.Equal(t, severityWarning, d.Severity)
	assert.Equal(t, "https://github.com/blockcheck/blockcheck/blob/main/docs/rules/sleep.md", d.CodeDescription.Href)
	assert.Equal(t, lspRange{position{4, 12}, position{4, 25}}, d.Range, "UTF-16 columns")
	require.Len(t, d.RelatedInformation, 1)
	assert.Equal(t, "h is declared here", d.RelatedInformation[0].Message)

	// gopls' publication is merged with blockcheck's, not replaced by it.
	gopls.send(nil, "textDocument/publishDiagnostics", map[string]any{"uri": uri, "version": 1,
		"diagnostics": []any{map[string]any{"range": d.Range, "message": "unused", "source": "unusedfunc"}}})
	pub = editor.expect("merged diagnostics", method("textDocument/publishDiagnostics"))
	require.NoError(t, json.Unmarshal(pub.Params, &p))
	var sources []string
	for _, d := range p.Diagnostics {
		sources = append(sources, d.Source)
	}
	assert.Equal(t, []string{"unusedfunc", "blockcheck"}, sources)
	assert.JSONEq(t, "1", string(mustField(t, pub.Params, "version")), "gopls' version is kept")

	// Code actions: gopls' reply gets blockcheck's added.
	editor.send(7, "textDocument/codeAction", map[string]any{"textDocument": map[string]string{"uri": uri},
		"range": lspRange{position{4, 14}, position{4, 14}}, "context": map[string]any{"diagnostics": []any{}}})
	ca := gopls.expect("codeAction at gopls", method("textDocument/codeAction"))
	gopls.respond(ca.ID, `[{"title": "gopls' own", "kind": "refactor.rewrite"}]`)
	res = editor.expect("merged code actions", response("7"))
	var actions []codeAction
	require.NoError(t, json.Unmarshal(res.Result, &actions))
	require.Len(t, actions, 3)
	assert.Equal(t, "gopls' own", actions[0].Title)
	assert.Equal(t, "sleep in a select with ctx.Done()", actions[1].Title)
	assert.Equal(t, []textEdit{{Range: lspRange{position{4, 12}, position{4, 22}}, NewText: "wait(ctx)"}}, actions[1].Edit.Changes[uri])
	assert.Equal(t, "Ignore sleep here with //blockcheck:ignore (write the reason)", actions[2].Title)
	assert.Equal(t, []textEdit{{Range: lspRange{position{4, 0}, position{4, 0}}, NewText: "\t//blockcheck:ignore sleep " + ignoreReason + "\n"}}, actions[2].Edit.Changes[uri])

	// A code action request away from the finding gets gopls' alone, and
	// so does one asking only for other kinds.
	editor.send(8, "textDocument/codeAction", map[string]any{"textDocument": map[string]string{"uri": uri},
		"range": lspRange{position{0, 0}, position{0, 3}}, "context": map[string]any{}})
	ca = gopls.expect("codeAction at gopls", method("textDocument/codeAction"))
	gopls.respond(ca.ID, `null`)
	res = editor.expect("gopls' code actions", response("8"))
	assert.Equal(t, "null", string(res.Result))
	editor.send(9, "textDocument/codeAction", map[string]any{"textDocument": map[string]string{"uri": uri},
		"range": lspRange{position{4, 14}, position{4, 14}}, "context": map[string]any{"only": []string{"source.organizeImports"}}})
	ca = gopls.expect("codeAction at gopls", method("textDocument/codeAction"))
	gopls.respond(ca.ID, `[]`)
	res = editor.expect("gopls' code actions", response("9"))
	assert.Equal(t, "[]", string(res.Result))

	// Everything else passes both ways untouched.
	editor.send(10, "textDocument/hover", map[string]any{"textDocument": map[string]string{"uri": uri}, "position": position{3, 6}})
	h := gopls.expect("hover at gopls", method("textDocument/hover"))
	gopls.respond(h.ID, `{"contents": {"kind": "markdown", "value": "func h()"}}`)
	res = editor.expect("hover result", response("10"))
	assert.JSONEq(t, `{"contents": {"kind": "markdown", "value": "func h()"}}`, string(res.Result))

	editor.send(11, "shutdown", nil)
	sd := gopls.expect("shutdown at gopls", method("shutdown"))
	gopls.respond(sd.ID, `null`)
	editor.expect("shutdown result", response("11"))
	editor.send(nil, "exit", nil)
	gopls.expect("exit at gopls", method("exit"))
}

func mustField(t *testing.T, obj json.RawMessage, name string) json.RawMessage {
	t.Helper()
	var m map[string]json.RawMessage
	require.NoError(t, json.Unmarshal(obj, &m))
	return m[name]
}

func TestStandalone(t *testing.T) {
	file := moduleFile(t)
	uri := pathURI(file)
	vet := &fakeVet{file: file}
	editor, _, _ := session(t, false, vet.run)

	// Bad settings: an error message, and the server carries on.
	editor.send(1, "initialize", map[string]any{"initializationOptions": map[string]any{"disable": "nosuchrule"},
		"capabilities": map[string]any{"window": map[string]any{"workDoneProgress": true}}})
	msg := editor.expect("the settings error", method("window/showMessage"))
	var sm showMessageParams
	require.NoError(t, json.Unmarshal(msg.Params, &sm))
	assert.Equal(t, messageError, sm.Type)
	assert.Equal(t, `blockcheck setting "disable": unknown rule "nosuchrule"; blockcheck keeps its previous settings`, sm.Message)
	res := editor.expect("initialize result", response("1"))
	assert.Contains(t, string(res.Result), `"codeActionProvider"`)

	editor.send(2, "textDocument/definition", map[string]any{})
	res = editor.expect("an error for what blockcheck does not serve", response("2"))
	require.NotNil(t, res.Error)
	assert.Equal(t, codeMethodNotFound, res.Error.Code)

	// Progress: create the token, then begin and end.
	editor.send(nil, "textDocument/didOpen", map[string]any{"textDocument": map[string]any{"uri": uri, "languageId": "go"}})
	create := editor.expect("progress token request", method("window/workDoneProgress/create"))
	editor.respond(create.ID, "null")
	begin := editor.expect("progress begin", method("$/progress"))
	assert.Contains(t, string(begin.Params), `"kind":"begin","title":"blockcheck","message":"analysing 1 packages"`)
	end := editor.expect("progress end", method("$/progress"))
	assert.Contains(t, string(end.Params), `"kind":"end","message":"1 finding"`)
	editor.expect("diagnostics", method("textDocument/publishDiagnostics"))
	assert.Equal(t, []string{" | " + filepath.Dir(file)}, vet.callList(), "the bad setting never reached go vet")

	editor.send(3, "textDocument/codeAction", map[string]any{"textDocument": map[string]string{"uri": uri},
		"range": lspRange{position{4, 12}, position{4, 12}}, "context": map[string]any{"only": []string{"quickfix"}}})
	res = editor.expect("code actions", response("3"))
	var actions []codeAction
	require.NoError(t, json.Unmarshal(res.Result, &actions))
	assert.Len(t, actions, 2)

	// Settings changed by the editor apply to the next run.
	editor.send(nil, "workspace/didChangeConfiguration", map[string]any{"settings": map[string]any{"blockcheck": map[string]any{"max-body": 4096}}})
	editor.send(nil, "textDocument/didSave", map[string]any{"textDocument": map[string]any{"uri": uri}})
	create = editor.expect("progress token request", method("window/workDoneProgress/create"))
	editor.respond(create.ID, "null")
	editor.expect("diagnostics", method("textDocument/publishDiagnostics"))
	assert.Equal(t, " | "+filepath.Dir(file), vet.callList()[0])
	assert.Equal(t, "-max-body=4096 | "+filepath.Dir(file), vet.callList()[1])
}

// TestNewerRunCancels checks the debounce and the cancellation: saves in
// quick succession start one run, and a save during a run cancels it.
func TestNewerRunCancels(t *testing.T) {
	file := moduleFile(t)
	uri := pathURI(file)
	vet := &fakeVet{file: file, block: true}
	editor, _, s := session(t, false, vet.run)
	s.debounce = 100 * time.Millisecond
	editor.send(1, "initialize", map[string]any{"capabilities": map[string]any{}})
	editor.expect("initialize result", response("1"))

	editor.send(nil, "textDocument/didOpen", map[string]any{"textDocument": map[string]any{"uri": uri, "languageId": "go"}})
	for range 5 {
		editor.send(nil, "textDocument/didSave", map[string]any{"textDocument": map[string]any{"uri": uri}})
	}
	require.Eventually(t, func() bool { return len(vet.callList()) == 1 }, 5*time.Second, 10*time.Millisecond)
	time.Sleep(300 * time.Millisecond)
	assert.Len(t, vet.callList(), 1, "six events within the debounce delay make one run")

	// The run blocks; a save cancels it and the next run answers.
	vet.mu.Lock()
	vet.block = false
	vet.mu.Unlock()
	editor.send(nil, "textDocument/didSave", map[string]any{"textDocument": map[string]any{"uri": uri}})
	editor.expect("diagnostics of the newer run", method("textDocument/publishDiagnostics"))
	vet.mu.Lock()
	defer vet.mu.Unlock()
	assert.Equal(t, 1, vet.cancelled)
	assert.Len(t, vet.calls, 2)
}

func TestSettingsFlags(t *testing.T) {
	flags, err := settingsFlags(json.RawMessage(`{"max-body": 2048, "disable": ["chanwait", "sleep"],
		"handler-registrations": ["github.com/acme/web.(*Router).Handle"]}`))
	require.NoError(t, err)
	assert.Equal(t, []string{"-disable=chanwait,sleep", "-handler-registrations=github.com/acme/web.(*Router).Handle", "-max-body=2048"}, flags)

	for settings, want := range map[string]string{
		`{"disabled": ["sleep"]}`: `unknown blockcheck setting "disabled" (the settings are disable, enable, funcs, handler-registrations, handler-shapes, max-body)`,
		`{"max-body": "lots"}`:    `blockcheck setting "max-body": `,
		`{"disable": [1]}`:        `blockcheck setting "disable": list items must be strings, not 1`,
		`{"disable": {}}`:         `blockcheck setting "disable": want a string, number, boolean or list of strings`,
		`["sleep"]`:               `blockcheck settings must be an object`,
	} {
		_, err := settingsFlags(json.RawMessage(settings))
		if assert.Error(t, err, settings) {
			assert.Contains(t, err.Error(), want, settings)
		}
	}
	flags, err = settingsFlags(json.RawMessage(`null`))
	assert.NoError(t, err)
	assert.Nil(t, flags)
}

func TestPositions(t *testing.T) {
	file := moduleFile(t)
	files := newFileCache()
	// Line 3 (1-based) is "// é🙂": byte column 6 (after "// é", é is 2
	// bytes) is UTF-16 column 4; after the emoji (4 bytes, 2 UTF-16
	// units), byte column 10 is UTF-16 column 6.
	loc, ok := files.location(file + ":3:6")
	require.True(t, ok)
	assert.Equal(t, position{2, 4}, loc.Range.Start)
	loc, ok = files.location(file + ":3:10")
	require.True(t, ok)
	assert.Equal(t, position{2, 6}, loc.Range.Start)
	p, ok := files.offset(file, sleepAt)
	require.True(t, ok)
	assert.Equal(t, position{4, 12}, p)
	_, ok = files.location(file + ":x")
	assert.False(t, ok)
	_, ok = files.location("/no/such/file.go:1:1")
	assert.False(t, ok)
	loc, ok = files.location(file + ":2")
	require.True(t, ok, "a position with no column")
	assert.Equal(t, position{1, 0}, loc.Range.Start)
}

// TestSettingsSources checks where the settings come from: the
// initializationOptions stay when the editor has no blockcheck section
// (Neovim answers null), and a section it has replaces them.
func TestSettingsSources(t *testing.T) {
	for answer, want := range map[string]string{
		`[null]`:                    "-disable=sleep",
		`[{"disable": "chanwait"}]`: "-disable=chanwait",
	} {
		t.Run(answer, func(t *testing.T) {
			file := moduleFile(t)
			vet := &fakeVet{file: file}
			editor, _, _ := session(t, false, vet.run)
			editor.send(1, "initialize", map[string]any{"initializationOptions": map[string]any{"blockcheck": map[string]any{"disable": "sleep"}},
				"capabilities": map[string]any{"workspace": map[string]any{"configuration": true}}})
			editor.expect("initialize result", response("1"))
			editor.send(nil, "initialized", map[string]any{})
			req := editor.expect("the settings request", method("workspace/configuration"))
			assert.JSONEq(t, `{"items": [{"section": "blockcheck"}]}`, string(req.Params))
			editor.respond(req.ID, answer)
			time.Sleep(50 * time.Millisecond) // the answer is applied before the open below
			editor.send(nil, "textDocument/didOpen", map[string]any{"textDocument": map[string]any{"uri": pathURI(file), "languageId": "go"}})
			editor.expect("diagnostics", method("textDocument/publishDiagnostics"))
			assert.Equal(t, []string{want + " | " + filepath.Dir(file)}, vet.callList())
		})
	}
}
