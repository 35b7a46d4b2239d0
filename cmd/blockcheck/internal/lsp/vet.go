package lsp

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/blockcheck/blockcheck/analyzer/rules"
	"github.com/blockcheck/blockcheck/analyzer/suppress"
)

// Analysis runs through the go command: `go vet -vettool=<this binary>
// -json <package dirs>`. go vet keeps each package's facts and its JSON
// output in the build cache, keyed by the package's inputs, the tool's
// build ID and the flags; a run after a save re-analyses only the saved
// package and the packages that import it, and replays the rest.

// vetFunc runs the analysis of the package directories dirs, in the module
// rooted at dir, with the analyzer flags, and returns go vet's stdout (the
// JSON trees of unitchecker) and stderr.
type vetFunc func(ctx context.Context, dir string, flags, dirs []string) (stdout, stderr []byte, err error)

// goVet returns the vetFunc that runs go vet with vettool as the tool.
func goVet(vettool string) vetFunc {
	return func(ctx context.Context, dir string, flags, dirs []string) ([]byte, []byte, error) {
		args := append([]string{"vet", "-vettool=" + vettool, "-json"}, flags...)
		args = append(args, dirs...)
		cmd := exec.CommandContext(ctx, "go", args...)
		cmd.Dir = dir
		var stdout, stderr bytes.Buffer
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		killGroup(cmd) // a newer run cancels this one: stop the tool processes too
		cmd.WaitDelay = 2 * time.Second
		err := cmd.Run()
		return stdout.Bytes(), stderr.Bytes(), err
	}
}

// finding is one blockcheck diagnostic as the editor sees it, with the
// code actions it offers.
type finding struct {
	path    string
	diag    diagnostic
	actions []codeAction
}

// ignoreReason is the reason the "ignore" action writes: a directive needs
// one to take effect (package suppress), and the placeholder says that
// this one is the author's to write.
const ignoreReason = "TODO: say why this is safe"

// vetJSON mirrors the JSON that unitchecker prints with -json
// (golang.org/x/tools/internal/analysis/driverutil: JSONDiagnostic).
type vetJSON struct {
	Category       string `json:"category"`
	Posn           string `json:"posn"`
	End            string `json:"end"`
	Message        string `json:"message"`
	SuggestedFixes []struct {
		Message string `json:"message"`
		Edits   []struct {
			Filename string `json:"filename"`
			Start    int    `json:"start"`
			End      int    `json:"end"`
			New      string `json:"new"`
		} `json:"edits"`
	} `json:"suggested_fixes"`
	Related []struct {
		Posn    string `json:"posn"`
		End     string `json:"end"`
		Message string `json:"message"`
	} `json:"related"`
}

// parseVet translates go vet's -json output: a stream of JSON objects,
// package path → analyzer name → a list of diagnostics or {"error": …}.
// It returns the findings and the analysis errors, as text.
func parseVet(out []byte, files *fileCache) ([]finding, []string) {
	var (
		findings []finding
		problems []string
	)
	dec := json.NewDecoder(bytes.NewReader(out))
	for {
		var tree map[string]map[string]json.RawMessage
		if err := dec.Decode(&tree); err != nil {
			if !errors.Is(err, io.EOF) {
				problems = append(problems, fmt.Sprintf("reading go vet -json output: %v", err))
			}
			break
		}
		for pkg, byAnalyzer := range tree {
			raw := byAnalyzer["blockcheck"]
			var failed struct{ Error string }
			if json.Unmarshal(raw, &failed) == nil && failed.Error != "" {
				problems = append(problems, pkg+": "+failed.Error)
				continue
			}
			var diags []vetJSON
			if err := json.Unmarshal(raw, &diags); err != nil {
				problems = append(problems, fmt.Sprintf("%s: %v", pkg, err))
				continue
			}
			for _, d := range diags {
				if f, ok := translate(d, files); ok {
					findings = append(findings, f)
				}
			}
		}
	}
	return findings, problems
}

// translate turns one diagnostic into a finding; ok is false when its
// position cannot be read (a file that has gone since the run).
func translate(d vetJSON, files *fileCache) (finding, bool) {
	start, ok := files.location(d.Posn)
	if !ok {
		return finding{}, false
	}
	end, ok := files.location(d.End)
	if !ok || end.URI != start.URI {
		end = start
	}
	path := uriPath(start.URI)
	diag := diagnostic{
		Range:    lspRange{start.Range.Start, end.Range.Start},
		Severity: severityWarning,
		Code:     d.Category,
		Source:   "blockcheck",
		Message:  d.Message,
	}
	if r := rules.ByID(d.Category); r != nil {
		diag.CodeDescription = &codeDescription{Href: r.URL()}
	}
	for _, rel := range d.Related {
		if loc, ok := files.location(rel.Posn); ok {
			if e, ok := files.location(rel.End); ok && e.URI == loc.URI {
				loc.Range.End = e.Range.Start
			}
			diag.RelatedInformation = append(diag.RelatedInformation, diagnosticRelatedInformation{Location: loc, Message: rel.Message})
		}
	}
	f := finding{path: path, diag: diag}
	for i, fix := range d.SuggestedFixes {
		edit := &workspaceEdit{Changes: map[string][]textEdit{}}
		ok := true
		for _, e := range fix.Edits {
			from, ok1 := files.offset(e.Filename, e.Start)
			to, ok2 := files.offset(e.Filename, e.End)
			if !ok1 || !ok2 {
				ok = false
				break
			}
			u := pathURI(e.Filename)
			edit.Changes[u] = append(edit.Changes[u], textEdit{Range: lspRange{from, to}, NewText: e.New})
		}
		if ok {
			f.actions = append(f.actions, codeAction{Title: fix.Message, Kind: kindQuickFix, Diagnostics: []diagnostic{diag}, IsPreferred: i == 0, Edit: edit})
		}
	}
	if d.Category != "" && d.Category != rules.Directive {
		if a, ok := ignoreAction(diag, path, files); ok {
			f.actions = append(f.actions, a)
		}
	}
	return f, true
}

// ignoreAction is the code action that silences the finding on its line:
// a //blockcheck:ignore line above it, indented like it, which covers the
// line below (package suppress).
func ignoreAction(d diagnostic, path string, files *fileCache) (codeAction, bool) {
	content, ok := files.read(path)
	if !ok {
		return codeAction{}, false
	}
	line := lineText(content, d.Range.Start.Line)
	indent := line[:len(line)-len(strings.TrimLeft(string(line), " \t"))]
	text := string(indent) + suppress.Prefix + " " + d.Code + " " + ignoreReason + "\n"
	at := position{Line: d.Range.Start.Line}
	return codeAction{
		Title:       "Ignore " + d.Code + " here with //blockcheck:ignore (write the reason)",
		Kind:        kindQuickFix,
		Diagnostics: []diagnostic{d},
		Edit:        &workspaceEdit{Changes: map[string][]textEdit{pathURI(path): {{Range: lspRange{at, at}, NewText: text}}}},
	}, true
}

// fileCache holds the files a run's positions point into, read once per
// run: LSP positions count UTF-16 code units, go vet's count bytes.
type fileCache struct {
	files map[string][]byte
}

func newFileCache() *fileCache { return &fileCache{files: map[string][]byte{}} }

func (c *fileCache) read(path string) ([]byte, bool) {
	if b, ok := c.files[path]; ok {
		return b, b != nil
	}
	b, err := os.ReadFile(path)
	if err != nil {
		b = nil
	}
	c.files[path] = b
	return b, b != nil
}

// location reads a go/token position, "file:line:col" (col is a byte
// column; "file:line" when it is unknown).
func (c *fileCache) location(posn string) (location, bool) {
	file, line, col, ok := splitPosn(posn)
	if !ok {
		return location{}, false
	}
	content, ok := c.read(file)
	if !ok {
		return location{}, false
	}
	p := position{Line: line - 1, Character: utf16Len(lineText(content, line-1), col-1)}
	return location{URI: pathURI(file), Range: lspRange{p, p}}, true
}

// offset converts a byte offset in the file to an LSP position.
func (c *fileCache) offset(file string, off int) (position, bool) {
	content, ok := c.read(file)
	if !ok || off < 0 || off > len(content) {
		return position{}, false
	}
	line := bytes.Count(content[:off], []byte("\n"))
	lineStart := bytes.LastIndexByte(content[:off], '\n') + 1
	return position{Line: line, Character: utf16Len(content[lineStart:off], off-lineStart)}, true
}

func splitPosn(posn string) (file string, line, col int, ok bool) {
	rest, last, found := cutLast(posn, ":")
	if !found {
		return "", 0, 0, false
	}
	n, err := strconv.Atoi(last)
	if err != nil {
		return "", 0, 0, false
	}
	if f, l, found := cutLast(rest, ":"); found {
		if m, err := strconv.Atoi(l); err == nil && m > 0 {
			return f, m, max(n, 1), true
		}
	}
	return rest, n, 1, n > 0
}

func cutLast(s, sep string) (before, after string, found bool) {
	i := strings.LastIndex(s, sep)
	if i < 0 {
		return s, "", false
	}
	return s[:i], s[i+len(sep):], true
}

// lineText returns the zero-based line n of content, without its newline.
func lineText(content []byte, n int) []byte {
	for ; n > 0; n-- {
		i := bytes.IndexByte(content, '\n')
		if i < 0 {
			return nil
		}
		content = content[i+1:]
	}
	if i := bytes.IndexByte(content, '\n'); i >= 0 {
		content = content[:i]
	}
	return content
}

// utf16Len is the length, in UTF-16 code units, of the first n bytes of
// line (all of it when it is shorter).
func utf16Len(line []byte, n int) int {
	n = min(max(n, 0), len(line))
	units := 0
	for b := line[:n]; len(b) > 0; {
		r, size := utf8.DecodeRune(b)
		units += len(utf16.Encode([]rune{r}))
		b = b[size:]
	}
	return units
}

// pathURI and uriPath convert between file paths and file: URIs.
func pathURI(path string) string {
	return (&url.URL{Scheme: "file", Path: filepath.ToSlash(path)}).String()
}

func uriPath(uri string) string {
	u, err := url.Parse(uri)
	if err != nil || u.Scheme != "file" {
		return ""
	}
	return filepath.FromSlash(u.Path)
}

// moduleRoot returns the directory of the go.mod that governs dir, or "".
func moduleRoot(dir string) string {
	for {
		// dir is the directory of a file the editor has open, or above it.
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil { //nolint:gosec // G703: a stat of go.mod above the editor's own file, not a path from a remote peer
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return ""
		}
		dir = parent
	}
}

// packageDirs groups the directories of the Go files by module root. Files
// outside the module being edited (the module cache, GOROOT, a file with no
// go.mod above it) are left out: go vet cannot be pointed at them, and
// what they do is their authors' to fix.
func packageDirs(paths []string, skip func(string) bool) map[string][]string {
	byRoot := map[string][]string{}
	for _, p := range paths {
		dir := filepath.Dir(p)
		if skip(dir) {
			continue
		}
		root := moduleRoot(dir)
		if root == "" {
			continue
		}
		if !slices.Contains(byRoot[root], dir) {
			byRoot[root] = append(byRoot[root], dir)
		}
	}
	for _, dirs := range byRoot {
		slices.Sort(dirs)
	}
	return byRoot
}
