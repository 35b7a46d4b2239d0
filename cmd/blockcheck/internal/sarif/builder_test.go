package sarif_test

import (
	"bytes"
	"encoding/json"
	"go/token"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/tools/go/analysis"

	"github.com/blockcheck/blockcheck/analyzer/rules"
	"github.com/blockcheck/blockcheck/cmd/blockcheck/internal/sarif"
	"github.com/blockcheck/blockcheck/cmd/blockcheck/internal/sarif/sariftest"
)

// handlerSrc has non-ASCII text before the call on line 5, so its byte
// and UTF-16 columns differ: "é" is 2 bytes and 1 unit, "😀" 4 bytes
// and 2 units (a surrogate pair).
const handlerSrc = `package api

func handler(w http.ResponseWriter, r *http.Request) {
	load()
	s := "é😀"; time.Sleep(time.Second)
}
`

const helperSrc = `package api

func load() {
	retry()
}
`

// files is a module root with two source files in a FileSet.
type files struct {
	root  string
	fset  *token.FileSet
	files map[string]*token.File
}

func newFiles(t *testing.T, srcs map[string]string) *files {
	t.Helper()
	fs := &files{root: t.TempDir(), fset: token.NewFileSet(), files: make(map[string]*token.File)}
	for name, src := range srcs {
		path := filepath.Join(fs.root, filepath.FromSlash(name))
		require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))
		require.NoError(t, os.WriteFile(path, []byte(src), 0o644))
		f := fs.fset.AddFile(path, -1, len(src))
		f.SetLinesForContent([]byte(src))
		fs.files[name] = f
	}
	return fs
}

// pos returns the position of the n-th occurrence (0-based) of text in
// the file name.
func (fs *files) pos(t *testing.T, name, src, text string) token.Pos {
	t.Helper()
	i := strings.Index(src, text)
	require.GreaterOrEqual(t, i, 0, "%q not in %s", text, name)
	return fs.files[name].Pos(i)
}

func build(t *testing.T, b *sarif.Builder) (*sarif.Log, []byte) {
	t.Helper()
	log := b.Log()
	var buf bytes.Buffer
	require.NoError(t, sarif.Write(&buf, log))
	sariftest.Validate(t, buf.Bytes())
	return log, buf.Bytes()
}

func TestRules(t *testing.T) {
	b := sarif.NewBuilder(sarif.Options{})
	log, _ := build(t, b)
	got := log.Runs[0].Tool.Driver.Rules
	require.Len(t, got, len(rules.All()), "one reportingDescriptor per rule")
	for i, d := range got {
		r := &rules.All()[i]
		assert.Equal(t, r.ID, d.ID)
		assert.Equal(t, r.ID, d.Name)
		assert.Equal(t, r.Title, d.ShortDescription.Text)
		assert.Equal(t, r.Summary, d.FullDescription.Text)
		assert.Equal(t, r.URL(), d.HelpURI)
		assert.Contains(t, d.Help.Text, r.URL())
		assert.Contains(t, d.Help.Markdown, r.Summary)
		assert.Equal(t, r.Default, d.DefaultConfiguration.Enabled)
		assert.Equal(t, "warning", d.DefaultConfiguration.Level)
		assert.Contains(t, d.Properties.Tags, r.Family)
		// Relative links of the rule pages must not survive outside
		// docs/rules: every Markdown link target is absolute.
		for _, m := range strings.Split(d.Help.Markdown, "](")[1:] {
			assert.True(t, strings.HasPrefix(m, "https://"), "%s: relative link in help: %.60s", r.ID, m)
		}
	}
	assert.Empty(t, log.Runs[0].Results)
	assert.True(t, log.Runs[0].Invocations[0].ExecutionSuccessful)
}

func TestResult(t *testing.T) {
	fs := newFiles(t, map[string]string{"api/handler.go": handlerSrc, "api/load.go": helperSrc})
	sleep := fs.pos(t, "api/handler.go", handlerSrc, "time.Sleep")
	sleepEnd := fs.pos(t, "api/handler.go", handlerSrc, "\n}")
	call := fs.pos(t, "api/handler.go", handlerSrc, "load()")
	retry := fs.pos(t, "api/load.go", helperSrc, "retry()")
	b := sarif.NewBuilder(sarif.Options{Root: fs.root, ToolVersion: "v1.2.3"})
	b.Add(fs.fset, analysis.Diagnostic{
		Pos: call, End: call + token.Pos(len("load()")), Category: rules.Sleep,
		Message: "sleep: handler handler reaches time.Sleep via load → retry",
		Related: []analysis.RelatedInformation{
			{Pos: retry, Message: "load calls retry"},
			{Pos: sleep, End: sleepEnd, Message: "retry calls time.Sleep"},
		},
	})
	log, _ := build(t, b)
	run := log.Runs[0]
	assert.Equal(t, "v1.2.3", run.Tool.Driver.Version)
	assert.Equal(t, sarif.ColumnKind, run.ColumnKind)
	assert.Equal(t, sarif.FileURI(fs.root)+"/", run.OriginalURIBaseIDs[sarif.SrcRoot].URI)
	require.Len(t, run.Results, 1)
	res := run.Results[0]
	assert.Equal(t, rules.Sleep, res.RuleID)
	assert.Equal(t, rules.Sleep, run.Tool.Driver.Rules[res.RuleIndex].ID)
	assert.Equal(t, "warning", res.Level)
	assert.Equal(t, sarif.PhysicalLocation{
		ArtifactLocation: sarif.ArtifactLocation{URI: "api/handler.go", URIBaseID: sarif.SrcRoot},
		Region:           &sarif.Region{StartLine: 4, StartColumn: 2, EndLine: 4, EndColumn: 8},
	}, res.Locations[0].PhysicalLocation)

	// The chain, in order, with IDs from 1; a position without an end
	// has no end in SARIF either.
	require.Len(t, res.RelatedLocations, 2)
	assert.Equal(t, 1, res.RelatedLocations[0].ID)
	assert.Equal(t, "load calls retry", res.RelatedLocations[0].Message.Text)
	assert.Equal(t, sarif.PhysicalLocation{
		ArtifactLocation: sarif.ArtifactLocation{URI: "api/load.go", URIBaseID: sarif.SrcRoot},
		Region:           &sarif.Region{StartLine: 4, StartColumn: 2},
	}, res.RelatedLocations[0].PhysicalLocation)
	assert.Equal(t, 2, res.RelatedLocations[1].ID)
	assert.Equal(t, "retry calls time.Sleep", res.RelatedLocations[1].Message.Text)
}

// TestColumns checks the byte → UTF-16 conversion: go/token counts bytes,
// the log declares utf16CodeUnits.
func TestColumns(t *testing.T) {
	fs := newFiles(t, map[string]string{"api/handler.go": handlerSrc})
	sleep := fs.pos(t, "api/handler.go", handlerSrc, "time.Sleep")
	end := sleep + token.Pos(len("time.Sleep(time.Second)"))
	b := sarif.NewBuilder(sarif.Options{Root: fs.root})
	b.Add(fs.fset, analysis.Diagnostic{Pos: sleep, End: end, Category: rules.Sleep, Message: "sleep: time.Sleep"})
	log, _ := build(t, b)

	line := `	s := "é😀"; time.Sleep(time.Second)`
	byteCol := strings.Index(line, "time.Sleep") + 1
	require.Equal(t, byteCol, fs.fset.Position(sleep).Column, "go/token columns count bytes")
	region := log.Runs[0].Results[0].Locations[0].PhysicalLocation.Region
	assert.Equal(t, byteCol-1-2, region.StartColumn, "é is one UTF-16 unit (two bytes), 😀 two (four bytes)")
	assert.Equal(t, region.StartColumn+len("time.Sleep(time.Second)"), region.EndColumn)
	assert.Equal(t, 5, region.StartLine)

	assert.Equal(t, 0, sarif.UTF16Len(nil))
	assert.Equal(t, 3, sarif.UTF16Len([]byte("aé€")))
	assert.Equal(t, 2, sarif.UTF16Len([]byte("😀")))
	assert.Equal(t, 2, sarif.UTF16Len([]byte{0xff, 'a'}), "an invalid byte is one unit")
}

// TestColumnsUnreadable keeps byte columns when the file cannot be read.
func TestColumnsUnreadable(t *testing.T) {
	fs := newFiles(t, map[string]string{"api/handler.go": handlerSrc})
	sleep := fs.pos(t, "api/handler.go", handlerSrc, "time.Sleep")
	b := sarif.NewBuilder(sarif.Options{Root: fs.root, ReadFile: func(string) ([]byte, error) { return nil, os.ErrNotExist }})
	b.Add(fs.fset, analysis.Diagnostic{Pos: sleep, Category: rules.Sleep, Message: "sleep: time.Sleep"})
	log, _ := build(t, b)
	assert.Equal(t, fs.fset.Position(sleep).Column, log.Runs[0].Results[0].Locations[0].PhysicalLocation.Region.StartColumn)
}

func TestFixes(t *testing.T) {
	fs := newFiles(t, map[string]string{"api/handler.go": handlerSrc, "api/load.go": helperSrc})
	sleep := fs.pos(t, "api/handler.go", handlerSrc, "time.Sleep(time.Second)")
	sleepEnd := sleep + token.Pos(len("time.Sleep(time.Second)"))
	call := fs.pos(t, "api/handler.go", handlerSrc, "load()")
	retry := fs.pos(t, "api/load.go", helperSrc, "retry()")
	b := sarif.NewBuilder(sarif.Options{Root: fs.root})
	b.Add(fs.fset, analysis.Diagnostic{
		Pos: sleep, End: sleepEnd, Category: rules.Sleep, Message: "sleep: time.Sleep in handler",
		SuggestedFixes: []analysis.SuggestedFix{
			{
				Message: "sleep in a select with r.Context().Done()",
				TextEdits: []analysis.TextEdit{
					{Pos: sleep, End: sleepEnd, NewText: []byte("select {\ncase <-time.After(time.Second):\ncase <-r.Context().Done():\n}")},
					// An insertion, and an edit in a second file.
					{Pos: call + 5, End: call + 5, NewText: []byte("r.Context()")},
					{Pos: retry, End: retry + token.Pos(len("retry()"))},
				},
			},
			{Message: "an alternative fix", TextEdits: []analysis.TextEdit{{Pos: sleep, End: sleepEnd, NewText: []byte("_ = 0")}}},
		},
	})
	log, _ := build(t, b)
	fixes := log.Runs[0].Results[0].Fixes
	require.Len(t, fixes, 2, "each SuggestedFix is a SARIF fix")
	assert.Equal(t, "sleep in a select with r.Context().Done()", fixes[0].Description.Text)
	require.Len(t, fixes[0].ArtifactChanges, 2, "edits grouped by file")

	handler := fixes[0].ArtifactChanges[0]
	assert.Equal(t, "api/handler.go", handler.ArtifactLocation.URI)
	require.Len(t, handler.Replacements, 2)
	assert.Equal(t, sarif.Region{StartLine: 5, StartColumn: 14, EndLine: 5, EndColumn: 37}, handler.Replacements[0].DeletedRegion,
		"UTF-16 columns in fixes too")
	assert.Equal(t, "select {\ncase <-time.After(time.Second):\ncase <-r.Context().Done():\n}", handler.Replacements[0].InsertedContent.Text)
	assert.Equal(t, sarif.Region{StartLine: 4, StartColumn: 7, EndLine: 4, EndColumn: 7}, handler.Replacements[1].DeletedRegion,
		"an insertion deletes an empty region")

	load := fixes[0].ArtifactChanges[1]
	assert.Equal(t, "api/load.go", load.ArtifactLocation.URI)
	assert.Equal(t, sarif.Region{StartLine: 4, StartColumn: 2, EndLine: 4, EndColumn: 9}, load.Replacements[0].DeletedRegion)
	assert.Nil(t, load.Replacements[0].InsertedContent, "a pure deletion inserts nothing")
}

// TestDedupAndOrder: a package and its test variant report the same
// diagnostic; results come out sorted whatever the order of Add.
func TestDedupAndOrder(t *testing.T) {
	fs := newFiles(t, map[string]string{"b.go": handlerSrc, "a.go": helperSrc})
	late := fs.pos(t, "b.go", handlerSrc, "time.Sleep")
	early := fs.pos(t, "b.go", handlerSrc, "load()")
	other := fs.pos(t, "a.go", helperSrc, "retry()")
	b := sarif.NewBuilder(sarif.Options{Root: fs.root})
	for _, p := range []token.Pos{late, early, late, other, early} {
		b.Add(fs.fset, analysis.Diagnostic{Pos: p, Category: rules.Sleep, Message: "sleep: x"})
	}
	assert.Equal(t, 3, b.Len())
	log, _ := build(t, b)
	var got []string
	for _, r := range log.Runs[0].Results {
		l := r.Locations[0].PhysicalLocation
		got = append(got, l.ArtifactLocation.URI+":"+string(rune('0'+l.Region.StartLine)))
	}
	assert.Equal(t, []string{"a.go:4", "b.go:4", "b.go:5"}, got)
}

// TestArtifactURIs: relative to the root (escaped), absolute file: URIs
// outside it, no uriBaseId on those.
func TestArtifactURIs(t *testing.T) {
	fs := newFiles(t, map[string]string{"my pkg/h.go": handlerSrc})
	outside := t.TempDir()
	path := filepath.Join(outside, "x.go")
	require.NoError(t, os.WriteFile(path, []byte(helperSrc), 0o644))
	f := fs.fset.AddFile(path, -1, len(helperSrc))
	f.SetLinesForContent([]byte(helperSrc))

	b := sarif.NewBuilder(sarif.Options{Root: fs.root})
	b.Add(fs.fset, analysis.Diagnostic{Pos: fs.pos(t, "my pkg/h.go", handlerSrc, "load()"), Category: rules.Sleep, Message: "sleep: in"})
	b.Add(fs.fset, analysis.Diagnostic{Pos: f.Pos(strings.Index(helperSrc, "retry")), Category: "newrule", Message: "newrule: out"})
	log, doc := build(t, b)
	res := log.Runs[0].Results
	require.Len(t, res, 2)
	byMsg := map[string]sarif.ArtifactLocation{}
	for _, r := range res {
		byMsg[r.Message.Text] = r.Locations[0].PhysicalLocation.ArtifactLocation
	}
	assert.Equal(t, sarif.ArtifactLocation{URI: "my%20pkg/h.go", URIBaseID: sarif.SrcRoot}, byMsg["sleep: in"])
	assert.Equal(t, sarif.ArtifactLocation{URI: sarif.FileURI(path)}, byMsg["newrule: out"])
	assert.True(t, strings.HasPrefix(sarif.FileURI(path), "file:///"))

	// A category missing from the rule table still gets a descriptor.
	rulesOut := log.Runs[0].Tool.Driver.Rules
	require.Len(t, rulesOut, len(rules.All())+1)
	assert.Equal(t, "newrule", rulesOut[len(rules.All())].ID)

	var raw map[string]any
	require.NoError(t, json.Unmarshal(doc, &raw))
	assert.Equal(t, "2.1.0", raw["version"])
}

func TestErrors(t *testing.T) {
	b := sarif.NewBuilder(sarif.Options{})
	b.Error("example.com/p: undefined: x")
	log, _ := build(t, b)
	inv := log.Runs[0].Invocations[0]
	assert.False(t, inv.ExecutionSuccessful)
	require.Len(t, inv.ToolExecutionNotifications, 1)
	assert.Equal(t, "error", inv.ToolExecutionNotifications[0].Level)
}

// TestSchemaCatchesErrors makes sure the schema check can fail: a log
// with a bad level and a column of 0 is rejected.
func TestSchemaCatchesErrors(t *testing.T) {
	sch := sariftest.Schema(t)
	for _, doc := range []string{
		`{"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x"}}, "results": [{"message": {"text": "m"}, "level": "fatal"}]}]}`,
		`{"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x"}}, "results": [{"message": {"text": "m"}, "locations": [{"physicalLocation": {"artifactLocation": {"uri": "a.go"}, "region": {"startLine": 1, "startColumn": 0}}}]}]}]}`,
		`{"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x", "informationUri": "not a uri"}}}]}`,
	} {
		inst, err := jsonschema.UnmarshalJSON(strings.NewReader(doc))
		require.NoError(t, err)
		assert.Error(t, sch.Validate(inst), doc)
	}
}
