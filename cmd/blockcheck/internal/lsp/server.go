package lsp

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"
	"sync"
	"time"
)

// server is one editor session. Standalone, it is the language server;
// in proxy mode (gopls != nil) it sits between the editor and gopls,
// forwards every message both ways, and adds blockcheck's findings to
// gopls' diagnostics and code actions.
type server struct {
	client   *conn
	gopls    *conn // nil when standalone
	vet      vetFunc
	skip     func(dir string) bool // directories not to analyse (GOROOT, module cache)
	debounce time.Duration
	log      io.Writer

	mu           sync.Mutex
	open         map[string]string                   // path → URI, as the editor wrote it
	goplsDiags   map[string]publishDiagnosticsParams // path → gopls' last publication
	ours         map[string][]finding                // path → blockcheck's findings
	codeActions  map[string]codeActionParams         // editor request ID → params, awaiting gopls' reply
	initializeID string                              // the editor's initialize request, awaiting gopls' reply
	calls        map[string]chan *message            // our requests to the editor, by ID
	nextCall     int
	flags        []string // analyzer flags from the settings
	canConfigure bool     // the editor answers workspace/configuration
	canProgress  bool     // the editor shows work-done progress
	cancelRun    context.CancelFunc
	shuttingDown bool

	runMu sync.Mutex // one analysis at a time: a cancelled run ends before the next starts
	wg    sync.WaitGroup
}

func newServer(client, gopls *conn, vet vetFunc, debounce time.Duration, log io.Writer) *server {
	return &server{
		client: client, gopls: gopls, vet: vet, debounce: debounce, log: log,
		skip:        func(string) bool { return false },
		open:        map[string]string{},
		goplsDiags:  map[string]publishDiagnosticsParams{},
		ours:        map[string][]finding{},
		codeActions: map[string]codeActionParams{},
		calls:       map[string]chan *message{},
	}
}

// serve runs the session until the editor sends exit or closes the stream
// (or, in proxy mode, gopls closes its stream).
func (s *server) serve() error {
	done := make(chan error, 2)
	go func() { done <- s.readClient() }()
	if s.gopls != nil {
		go func() { done <- s.readGopls() }()
	}
	err := <-done
	s.mu.Lock()
	s.shuttingDown = true
	if s.cancelRun != nil {
		s.cancelRun()
	}
	s.mu.Unlock()
	s.wg.Wait()
	return err
}

var errExit = errors.New("exit")

func (s *server) readClient() error {
	for {
		msg, raw, err := s.client.readMessage()
		if err != nil {
			if errors.Is(err, io.EOF) {
				return nil
			}
			return err
		}
		if err := s.fromClient(msg, raw); err != nil {
			if errors.Is(err, errExit) {
				return nil
			}
			return err
		}
	}
}

func (s *server) readGopls() error {
	for {
		msg, raw, err := s.gopls.readMessage()
		if err != nil {
			if errors.Is(err, io.EOF) {
				s.mu.Lock()
				done := s.shuttingDown // gopls exits after shutdown and exit
				s.mu.Unlock()
				if done {
					return nil
				}
				return errors.New("gopls closed its output")
			}
			return fmt.Errorf("gopls: %w", err)
		}
		if err := s.fromGopls(msg, raw); err != nil {
			return err
		}
	}
}

// forward sends a message on to gopls; standalone it answers requests
// that blockcheck does not serve with MethodNotFound.
func (s *server) forward(msg *message, raw []byte) error {
	if s.gopls != nil {
		return s.gopls.write(raw)
	}
	if msg.isRequest() {
		return s.client.reply(msg.ID, nil, &rpcError{Code: codeMethodNotFound, Message: "blockcheck does not serve " + msg.Method})
	}
	return nil
}

func (s *server) fromClient(msg *message, raw []byte) error {
	if msg.isResponse() {
		s.mu.Lock()
		ch, ours := s.calls[string(msg.ID)]
		delete(s.calls, string(msg.ID))
		s.mu.Unlock()
		if ours {
			ch <- msg
			return nil
		}
		return s.forward(msg, raw) // an answer to gopls' request
	}
	switch msg.Method {
	case "initialize":
		return s.initialize(msg, raw)
	case "initialized":
		if err := s.forward(msg, raw); err != nil {
			return err
		}
		s.goAsync(s.fetchConfiguration)
		return nil
	case "textDocument/didOpen":
		var p didOpenParams
		if json.Unmarshal(msg.Params, &p) == nil && isGoFile(p.TextDocument.URI, p.TextDocument.LanguageID) {
			if path := uriPath(p.TextDocument.URI); path != "" {
				s.mu.Lock()
				s.open[path] = p.TextDocument.URI
				s.mu.Unlock()
				s.schedule()
			}
		}
		return s.forward(msg, raw)
	case "textDocument/didSave":
		var p didCloseParams // the same textDocument field
		if json.Unmarshal(msg.Params, &p) == nil && isGoFile(p.TextDocument.URI, "") {
			s.schedule()
		}
		return s.forward(msg, raw)
	case "textDocument/didClose":
		var p didCloseParams
		if json.Unmarshal(msg.Params, &p) == nil {
			s.mu.Lock()
			delete(s.open, uriPath(p.TextDocument.URI))
			s.mu.Unlock()
		}
		return s.forward(msg, raw)
	case "textDocument/codeAction":
		var p codeActionParams
		if err := json.Unmarshal(msg.Params, &p); err != nil {
			return s.client.reply(msg.ID, nil, &rpcError{Code: codeInvalidParams, Message: err.Error()})
		}
		if s.gopls == nil {
			return s.client.reply(msg.ID, s.actionsFor(p), nil)
		}
		s.mu.Lock()
		s.codeActions[string(msg.ID)] = p
		s.mu.Unlock()
		return s.forward(msg, raw)
	case "workspace/didChangeConfiguration":
		var p struct {
			Settings map[string]json.RawMessage `json:"settings"`
		}
		if json.Unmarshal(msg.Params, &p) == nil && p.Settings[settingsSection] != nil {
			s.applySettings(p.Settings[settingsSection])
		} else {
			s.goAsync(s.fetchConfiguration)
		}
		return s.forward(msg, raw)
	case "shutdown":
		s.mu.Lock()
		s.shuttingDown = true
		if s.cancelRun != nil {
			s.cancelRun()
		}
		s.mu.Unlock()
		if s.gopls == nil {
			return s.client.reply(msg.ID, nil, nil)
		}
		return s.forward(msg, raw)
	case "exit":
		if err := s.forward(msg, raw); err != nil {
			return err
		}
		return errExit
	}
	return s.forward(msg, raw)
}

func isGoFile(uri, languageID string) bool {
	return languageID == "go" || strings.HasSuffix(uri, ".go")
}

// initialize reads the editor's capabilities and blockcheck's settings.
// Standalone it answers; in proxy mode it passes the request on without
// blockcheck's settings, which gopls would report as unknown.
func (s *server) initialize(msg *message, raw []byte) error {
	var p initializeParams
	if err := json.Unmarshal(msg.Params, &p); err != nil {
		return s.client.reply(msg.ID, nil, &rpcError{Code: codeInvalidParams, Message: err.Error()})
	}
	s.mu.Lock()
	s.canConfigure = p.Capabilities.Workspace.Configuration
	s.canProgress = p.Capabilities.Window.WorkDoneProgress
	s.mu.Unlock()

	var opts map[string]json.RawMessage
	_ = json.Unmarshal(p.InitializationOptions, &opts) // not an object: no settings of ours
	settings, found := opts[settingsSection]
	if !found && s.gopls == nil {
		settings = p.InitializationOptions // standalone, the options are ours
	}
	s.applySettings(settings)

	if s.gopls == nil {
		return s.client.reply(msg.ID, map[string]any{
			"capabilities": map[string]any{
				// Findings are of the files as saved: no change events.
				"textDocumentSync":   map[string]any{"openClose": true, "change": 0, "save": map[string]any{}},
				"codeActionProvider": map[string]any{"codeActionKinds": []string{kindQuickFix}},
			},
			"serverInfo": map[string]any{"name": "blockcheck"},
		}, nil)
	}
	s.mu.Lock()
	s.initializeID = string(msg.ID)
	s.mu.Unlock()
	if found {
		delete(opts, settingsSection)
		var params map[string]json.RawMessage
		if err := json.Unmarshal(msg.Params, &params); err != nil {
			return err
		}
		params["initializationOptions"], _ = json.Marshal(opts)
		var err error
		if msg.Params, err = json.Marshal(params); err != nil {
			return err
		}
		if raw, err = json.Marshal(msg); err != nil {
			return err
		}
	}
	return s.gopls.write(raw)
}

func (s *server) fromGopls(msg *message, raw []byte) error {
	switch {
	case msg.isResponse():
		s.mu.Lock()
		p, isAction := s.codeActions[string(msg.ID)]
		delete(s.codeActions, string(msg.ID))
		isInit := s.initializeID != "" && s.initializeID == string(msg.ID)
		if isInit {
			s.initializeID = ""
		}
		s.mu.Unlock()
		switch {
		case isAction && msg.Error == nil:
			merged, err := appendJSON(msg.Result, s.actionsFor(p))
			if err != nil {
				return err
			}
			msg.Result = merged
			return s.client.send(msg)
		case isInit && msg.Error == nil:
			patched, err := ensureCapabilities(msg.Result)
			if err != nil {
				return err
			}
			msg.Result = patched
			return s.client.send(msg)
		}
	case msg.isNotification() && msg.Method == "textDocument/publishDiagnostics":
		var p publishDiagnosticsParams
		if err := json.Unmarshal(msg.Params, &p); err == nil {
			path := uriPath(p.URI)
			s.mu.Lock()
			defer s.mu.Unlock()
			s.goplsDiags[path] = p
			return s.publishLocked(path)
		}
	}
	return s.client.write(raw)
}

// appendJSON appends items to a JSON array that may be null.
func appendJSON[T any](list json.RawMessage, items []T) (json.RawMessage, error) {
	var all []json.RawMessage
	if len(list) > 0 && string(list) != "null" {
		if err := json.Unmarshal(list, &all); err != nil {
			return nil, err
		}
	}
	if len(items) == 0 {
		return list, nil
	}
	for _, it := range items {
		b, err := json.Marshal(it)
		if err != nil {
			return nil, err
		}
		all = append(all, b)
	}
	return json.Marshal(all)
}

// ensureCapabilities makes gopls' initialize result promise what
// blockcheck needs: save notifications and quick fixes. gopls asks for
// both already; a gopls that did not would otherwise starve blockcheck.
func ensureCapabilities(result json.RawMessage) (json.RawMessage, error) {
	var r map[string]json.RawMessage
	if err := json.Unmarshal(result, &r); err != nil {
		return nil, err
	}
	var caps map[string]json.RawMessage
	if err := json.Unmarshal(r["capabilities"], &caps); err != nil || caps == nil {
		caps = map[string]json.RawMessage{}
	}
	var sync map[string]json.RawMessage
	if err := json.Unmarshal(caps["textDocumentSync"], &sync); err != nil || sync == nil {
		// A number is the change kind alone.
		sync = map[string]json.RawMessage{"openClose": json.RawMessage("true")}
		if k := caps["textDocumentSync"]; len(k) > 0 {
			sync["change"] = k
		}
	}
	if _, ok := sync["save"]; !ok || string(sync["save"]) == "false" {
		sync["save"] = json.RawMessage("{}")
	}
	caps["textDocumentSync"], _ = json.Marshal(sync)
	var provider struct {
		CodeActionKinds []string `json:"codeActionKinds"`
	}
	switch ca := caps["codeActionProvider"]; {
	case len(ca) == 0 || string(ca) == "false":
		caps["codeActionProvider"], _ = json.Marshal(map[string]any{"codeActionKinds": []string{kindQuickFix}})
	case json.Unmarshal(ca, &provider) == nil && len(provider.CodeActionKinds) > 0 && !slices.Contains(provider.CodeActionKinds, kindQuickFix):
		var obj map[string]json.RawMessage
		if json.Unmarshal(ca, &obj) == nil {
			obj["codeActionKinds"], _ = json.Marshal(append(provider.CodeActionKinds, kindQuickFix))
			caps["codeActionProvider"], _ = json.Marshal(obj)
		}
	}
	r["capabilities"], _ = json.Marshal(caps)
	return json.Marshal(r)
}

// publishLocked sends the editor the diagnostics of one file: gopls'
// latest, then blockcheck's. s.mu is held, so that publications go out in
// the order of the state they show.
func (s *server) publishLocked(path string) error {
	g, fromGopls := s.goplsDiags[path]
	p := publishDiagnosticsParams{URI: g.URI, Version: g.Version, Diagnostics: slices.Clone(g.Diagnostics)}
	if !fromGopls {
		p.URI = s.open[path]
		if p.URI == "" {
			p.URI = pathURI(path)
		}
	}
	for _, f := range s.ours[path] {
		b, err := json.Marshal(f.diag)
		if err != nil {
			return err
		}
		p.Diagnostics = append(p.Diagnostics, b)
	}
	if p.Diagnostics == nil {
		p.Diagnostics = []json.RawMessage{}
	}
	return s.client.notify("textDocument/publishDiagnostics", p)
}

// actionsFor returns blockcheck's code actions for the request: those of
// the findings whose range meets the requested one.
func (s *server) actionsFor(p codeActionParams) []codeAction {
	if len(p.Context.Only) > 0 && !slices.ContainsFunc(p.Context.Only, func(k string) bool {
		return k == kindQuickFix || strings.HasPrefix(kindQuickFix, k+".") || k == ""
	}) {
		return nil
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	var actions []codeAction
	for _, f := range s.ours[uriPath(p.TextDocument.URI)] {
		if overlaps(f.diag.Range, p.Range) {
			actions = append(actions, f.actions...)
		}
	}
	return actions
}

func overlaps(a, b lspRange) bool {
	return !before(a.End, b.Start) && !before(b.End, a.Start)
}

func before(p, q position) bool {
	return p.Line < q.Line || p.Line == q.Line && p.Character < q.Character
}

// goAsync runs f on its own goroutine, which serve waits for.
func (s *server) goAsync(f func()) {
	s.wg.Add(1)
	go func() {
		defer s.wg.Done()
		f()
	}()
}

// call sends a request to the editor and waits for its answer.
func (s *server) call(ctx context.Context, method string, params any) (json.RawMessage, error) {
	p, err := json.Marshal(params)
	if err != nil {
		return nil, err
	}
	ch := make(chan *message, 1)
	s.mu.Lock()
	s.nextCall++
	// String IDs with our prefix: gopls' own requests to the editor go
	// through the same stream, and their answers must reach gopls.
	id := fmt.Sprintf("%q", fmt.Sprintf("blockcheck-%d", s.nextCall))
	s.calls[id] = ch
	s.mu.Unlock()
	defer func() {
		s.mu.Lock()
		delete(s.calls, id)
		s.mu.Unlock()
	}()
	if err := s.client.send(&message{ID: json.RawMessage(id), Method: method, Params: p}); err != nil {
		return nil, err
	}
	select {
	case m := <-ch:
		if m.Error != nil {
			return nil, fmt.Errorf("%s: %s", method, m.Error.Message)
		}
		return m.Result, nil
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// fetchConfiguration asks the editor for the blockcheck section of its
// settings, when it can answer.
func (s *server) fetchConfiguration() {
	s.mu.Lock()
	can := s.canConfigure
	s.mu.Unlock()
	if !can {
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	res, err := s.call(ctx, "workspace/configuration", map[string]any{
		"items": []map[string]string{{"section": settingsSection}},
	})
	if err != nil {
		s.logf("asking for settings: %v", err)
		return
	}
	var items []json.RawMessage
	// null: the editor has no such section; the settings from
	// initializationOptions, if any, stay.
	if err := json.Unmarshal(res, &items); err != nil || len(items) == 0 || string(items[0]) == "null" {
		return
	}
	if s.applySettings(items[0]) {
		s.schedule()
	}
}

// applySettings replaces the analyzer flags; bad settings keep the old
// ones and tell the user. It reports whether the flags changed.
func (s *server) applySettings(raw json.RawMessage) bool {
	flags, err := settingsFlags(raw)
	if err != nil {
		s.showError("%v; blockcheck keeps its previous settings", err)
		return false
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	changed := !slices.Equal(flags, s.flags)
	s.flags = flags
	return changed
}

func (s *server) showError(format string, args ...any) {
	msg := fmt.Sprintf(format, args...)
	fmt.Fprintln(s.log, "blockcheck:", msg)
	_ = s.client.notify("window/showMessage", showMessageParams{Type: messageError, Message: msg})
}

func (s *server) logf(format string, args ...any) {
	msg := fmt.Sprintf(format, args...)
	fmt.Fprintln(s.log, "blockcheck:", msg)
	_ = s.client.notify("window/logMessage", showMessageParams{Type: messageLog, Message: "blockcheck: " + msg})
}

// schedule starts an analysis after the debounce delay, cancelling the
// one waiting or running: only the newest state of the files matters.
func (s *server) schedule() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.shuttingDown {
		return
	}
	if s.cancelRun != nil {
		s.cancelRun()
	}
	ctx, cancel := context.WithCancel(context.Background())
	s.cancelRun = cancel
	s.goAsync(func() {
		t := time.NewTimer(s.debounce)
		defer t.Stop()
		select {
		case <-t.C:
		case <-ctx.Done():
			return
		}
		s.runMu.Lock()
		defer s.runMu.Unlock()
		if ctx.Err() == nil {
			s.analyse(ctx)
		}
	})
}

// analyse runs blockcheck on the packages of the open files and
// publishes the findings.
func (s *server) analyse(ctx context.Context) {
	s.mu.Lock()
	byRoot := packageDirs(slices.Collect(maps.Keys(s.open)), s.skip)
	flags := slices.Clone(s.flags)
	progress := s.canProgress
	s.mu.Unlock()
	if len(byRoot) == 0 {
		return
	}
	npkgs := 0
	for _, dirs := range byRoot {
		npkgs += len(dirs)
	}
	end := s.beginProgress(ctx, progress, fmt.Sprintf("analysing %d packages", npkgs))

	files := newFileCache()
	var findings []finding
	for _, root := range slices.Sorted(maps.Keys(byRoot)) {
		stdout, stderr, err := s.vet(ctx, root, flags, byRoot[root])
		if ctx.Err() != nil {
			end("cancelled by a newer run")
			return
		}
		f, problems := parseVet(stdout, files)
		findings = append(findings, f...)
		if err != nil || len(problems) > 0 {
			// Most often code that does not build: gopls shows why; the
			// packages that built still have their findings.
			s.logf("go vet in %s: %v\n%s%s", root, err, stderr, strings.Join(problems, "\n"))
		}
	}
	if len(findings) == 1 {
		end("1 finding")
	} else {
		end(fmt.Sprintf("%d findings", len(findings)))
	}

	byPath := map[string][]finding{}
	for _, f := range findings {
		byPath[f.path] = append(byPath[f.path], f)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if ctx.Err() != nil {
		return
	}
	old := s.ours
	s.ours = byPath
	for _, path := range slices.Sorted(maps.Keys(byPath)) {
		if err := s.publishLocked(path); err != nil {
			return
		}
	}
	for _, path := range slices.Sorted(maps.Keys(old)) {
		if _, still := byPath[path]; !still {
			if err := s.publishLocked(path); err != nil {
				return
			}
		}
	}
}

// beginProgress reports work-done progress when the editor shows it, and
// returns the function that ends it.
func (s *server) beginProgress(ctx context.Context, enabled bool, message string) func(string) {
	if !enabled {
		return func(string) {}
	}
	s.mu.Lock()
	s.nextCall++
	token := fmt.Sprintf("blockcheck-progress-%d", s.nextCall)
	s.mu.Unlock()
	cctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	if _, err := s.call(cctx, "window/workDoneProgress/create", map[string]string{"token": token}); err != nil {
		return func(string) {}
	}
	_ = s.client.notify("$/progress", progressParams{Token: token, Value: workDoneProgress{Kind: "begin", Title: "blockcheck", Message: message}})
	return func(msg string) {
		_ = s.client.notify("$/progress", progressParams{Token: token, Value: workDoneProgress{Kind: "end", Message: msg}})
	}
}
