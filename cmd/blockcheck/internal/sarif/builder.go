package sarif

import (
	"bytes"
	"cmp"
	"encoding/json"
	"fmt"
	"go/token"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

	"golang.org/x/tools/go/analysis"

	"github.com/blockcheck/blockcheck/analyzer/rules"
)

// InformationURI is blockcheck's home page.
const InformationURI = "https://github.com/blockcheck/blockcheck"

// Options configure a Builder.
type Options struct {
	// Root is the absolute source root; artifact URIs are relative to it.
	Root string
	// ToolVersion is blockcheck's version, or "" when unknown.
	ToolVersion string
	// ReadFile reads a source file to convert its columns; os.ReadFile
	// when nil.
	ReadFile func(filename string) ([]byte, error)
}

// A Builder collects diagnostics and builds a Log. Diagnostics reported
// twice (a package and its test variant share files) are kept once.
type Builder struct {
	opts    Options
	rules   []ReportingDescriptor
	index   map[string]int // rule ID → index in rules
	results []Result
	seen    map[string]bool
	notes   []Notification
	files   map[string]*source
}

// source is a file read for column conversion; nil content when it could
// not be read.
type source struct {
	content []byte
	lines   []int // byte offset of the start of each line
}

// NewBuilder returns a Builder with a descriptor for every rule of the
// rule table.
func NewBuilder(opts Options) *Builder {
	if opts.ReadFile == nil {
		opts.ReadFile = os.ReadFile
	}
	b := &Builder{
		opts:  opts,
		index: make(map[string]int),
		seen:  make(map[string]bool),
		files: make(map[string]*source),
	}
	all := rules.All()
	for i := range all {
		b.addRule(Descriptor(&all[i]))
	}
	return b
}

func (b *Builder) addRule(d ReportingDescriptor) int {
	b.index[d.ID] = len(b.rules)
	b.rules = append(b.rules, d)
	return len(b.rules) - 1
}

// Descriptor returns the SARIF reportingDescriptor of rule r.
func Descriptor(r *rules.Rule) ReportingDescriptor {
	return ReportingDescriptor{
		ID:               r.ID,
		Name:             r.ID,
		ShortDescription: &Message{Text: r.Title},
		FullDescription:  &Message{Text: r.Summary},
		Help: &Message{
			Text:     r.Summary + "\n\nDocumentation: " + r.URL(),
			Markdown: helpMarkdown(r),
		},
		HelpURI:              r.URL(),
		DefaultConfiguration: &ReportingConfiguration{Enabled: r.Default, Level: "warning"},
		Properties:           &Properties{Tags: []string{"go", r.Family}},
	}
}

// relLink matches a Markdown link to a page beside the rule pages, which
// must become absolute outside docs/rules: "](README.md#anchor)".
var relLink = regexp.MustCompile(`\]\(([A-Za-z0-9_.-]+\.md(?:#[^)\s]*)?)\)`)

// helpMarkdown is the help shown with a result: what, why, the fix, and
// a link to the full page.
func helpMarkdown(r *rules.Rule) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s\n\n", r.Summary)
	if r.Why != "" {
		fmt.Fprintf(&b, "**Why it matters.** %s\n\n", r.Why)
	}
	if r.Fix != "" {
		fmt.Fprintf(&b, "**Fix.** %s\n\n", r.Fix)
	}
	fmt.Fprintf(&b, "[Examples, what is not reported, suppression](%s)", r.URL())
	return relLink.ReplaceAllString(b.String(), "]("+rules.DocsBase+"$1)")
}

// Error records an error met during the run (a package that does not
// build, an analysis that failed); the invocation is then unsuccessful.
func (b *Builder) Error(msg string) {
	b.notes = append(b.notes, Notification{Level: "error", Message: Message{Text: msg}})
}

// Len returns the number of results so far.
func (b *Builder) Len() int { return len(b.results) }

// Add adds diagnostic d, whose positions are in fset.
func (b *Builder) Add(fset *token.FileSet, d analysis.Diagnostic) {
	start := fset.Position(d.Pos)
	if !start.IsValid() {
		return // a diagnostic must have a position; nothing to point at
	}
	end := position(fset, d.End)
	key := fmt.Sprintf("%s:%d:%d-%d:%d %s", start.Filename, start.Line, start.Column, end.Line, end.Column, d.Message)
	if b.seen[key] {
		return
	}
	b.seen[key] = true

	id := d.Category
	if id == "" {
		id = "blockcheck"
	}
	idx, ok := b.index[id]
	if !ok {
		idx = b.addRule(ReportingDescriptor{ID: id, Name: id, ShortDescription: &Message{Text: id}})
	}
	res := Result{
		RuleID:    id,
		RuleIndex: idx,
		Level:     "warning",
		Message:   Message{Text: d.Message},
		Locations: []Location{{PhysicalLocation: b.physical(start, end)}},
	}
	for _, rel := range d.Related {
		p := fset.Position(rel.Pos)
		if !p.IsValid() {
			continue
		}
		res.RelatedLocations = append(res.RelatedLocations, Location{
			ID:               len(res.RelatedLocations) + 1,
			PhysicalLocation: b.physical(p, position(fset, rel.End)),
			Message:          &Message{Text: rel.Message},
		})
	}
	for _, sf := range d.SuggestedFixes {
		if fix, ok := b.fix(fset, sf); ok {
			res.Fixes = append(res.Fixes, fix)
		}
	}
	b.results = append(b.results, res)
}

// position is fset.Position(pos), or the zero Position for NoPos.
func position(fset *token.FileSet, pos token.Pos) token.Position {
	if !pos.IsValid() {
		return token.Position{}
	}
	return fset.Position(pos)
}

// fix converts a suggested fix. Edits are made to the files as they are
// on disk, so their positions ignore //line directives.
func (b *Builder) fix(fset *token.FileSet, sf analysis.SuggestedFix) (Fix, bool) {
	fix := Fix{Description: &Message{Text: sf.Message}}
	byFile := make(map[string]int) // file name → index in ArtifactChanges
	for _, e := range sf.TextEdits {
		start := fset.PositionFor(e.Pos, false)
		if !start.IsValid() {
			return Fix{}, false
		}
		end := start
		if e.End.IsValid() {
			end = fset.PositionFor(e.End, false)
		}
		i, ok := byFile[start.Filename]
		if !ok {
			i = len(fix.ArtifactChanges)
			byFile[start.Filename] = i
			fix.ArtifactChanges = append(fix.ArtifactChanges, ArtifactChange{ArtifactLocation: b.artifact(start.Filename)})
		}
		r := Replacement{DeletedRegion: *b.region(start, end)}
		if len(e.NewText) > 0 {
			r.InsertedContent = &ArtifactContent{Text: string(e.NewText)}
		}
		fix.ArtifactChanges[i].Replacements = append(fix.ArtifactChanges[i].Replacements, r)
	}
	return fix, len(fix.ArtifactChanges) > 0
}

func (b *Builder) physical(start, end token.Position) PhysicalLocation {
	return PhysicalLocation{ArtifactLocation: b.artifact(start.Filename), Region: b.region(start, end)}
}

// region converts a start and an optional end position (the zero Position
// when there is none).
func (b *Builder) region(start, end token.Position) *Region {
	r := &Region{StartLine: start.Line, StartColumn: b.column(start)}
	if end.IsValid() && end.Filename == start.Filename && end.Offset >= start.Offset {
		r.EndLine = end.Line
		r.EndColumn = b.column(end)
	}
	return r
}

// column converts p's byte column into UTF-16 code units, reading the line
// p is on; the byte column stands when the file cannot be read.
func (b *Builder) column(p token.Position) int {
	if p.Column <= 0 {
		return 0
	}
	src := b.source(p.Filename)
	if src == nil || p.Line < 1 || p.Line > len(src.lines) {
		return p.Column
	}
	lineStart := src.lines[p.Line-1]
	stop := min(lineStart+p.Column-1, len(src.content))
	return UTF16Len(src.content[lineStart:stop]) + 1
}

func (b *Builder) source(filename string) *source {
	if s, ok := b.files[filename]; ok {
		return s
	}
	var s *source
	if content, err := b.opts.ReadFile(filename); err == nil {
		s = &source{content: content, lines: []int{0}}
		for i, c := range content {
			if c == '\n' {
				s.lines = append(s.lines, i+1)
			}
		}
	}
	b.files[filename] = s
	return s
}

// UTF16Len returns the length of text in UTF-16 code units; an invalid
// byte counts as one unit (it decodes to U+FFFD).
func UTF16Len(text []byte) int {
	n := 0
	for len(text) > 0 {
		r, size := utf8.DecodeRune(text)
		text = text[size:]
		if r >= 0x10000 {
			n += 2
		} else {
			n++
		}
	}
	return n
}

// artifact names a file: relative to the root when it is inside it, by
// an absolute file: URI otherwise.
func (b *Builder) artifact(filename string) ArtifactLocation {
	if b.opts.Root != "" && filepath.IsAbs(filename) {
		if rel, err := filepath.Rel(b.opts.Root, filename); err == nil && filepath.IsLocal(rel) {
			return ArtifactLocation{URI: (&url.URL{Path: filepath.ToSlash(rel)}).String(), URIBaseID: SrcRoot}
		}
	}
	if !filepath.IsAbs(filename) {
		// Not expected from go/packages; keep the name as a relative URI.
		return ArtifactLocation{URI: (&url.URL{Path: filepath.ToSlash(filename)}).String()}
	}
	return ArtifactLocation{URI: FileURI(filename)}
}

// FileURI returns the file: URI of an absolute path.
func FileURI(path string) string {
	p := filepath.ToSlash(path)
	if !strings.HasPrefix(p, "/") {
		p = "/" + p // C:/dir → /C:/dir
	}
	return (&url.URL{Scheme: "file", Path: p}).String()
}

// Log returns the log: results sorted by file, position, rule and message.
func (b *Builder) Log() *Log {
	results := slices.Clone(b.results)
	if results == nil {
		results = []Result{}
	}
	slices.SortStableFunc(results, func(x, y Result) int {
		xl, yl := x.Locations[0].PhysicalLocation, y.Locations[0].PhysicalLocation
		return cmp.Or(
			cmp.Compare(xl.ArtifactLocation.URIBaseID, yl.ArtifactLocation.URIBaseID),
			cmp.Compare(xl.ArtifactLocation.URI, yl.ArtifactLocation.URI),
			cmp.Compare(xl.Region.StartLine, yl.Region.StartLine),
			cmp.Compare(xl.Region.StartColumn, yl.Region.StartColumn),
			cmp.Compare(x.RuleID, y.RuleID),
			cmp.Compare(x.Message.Text, y.Message.Text),
		)
	})
	run := Run{
		Tool: Tool{Driver: ToolComponent{
			Name:           "blockcheck",
			Version:        b.opts.ToolVersion,
			InformationURI: InformationURI,
			Rules:          slices.Clone(b.rules),
		}},
		Invocations: []Invocation{{
			ExecutionSuccessful:        len(b.notes) == 0,
			ToolExecutionNotifications: slices.Clone(b.notes),
		}},
		ColumnKind: ColumnKind,
		Results:    results,
	}
	if b.opts.Root != "" {
		run.OriginalURIBaseIDs = map[string]ArtifactLocation{
			SrcRoot: {URI: strings.TrimSuffix(FileURI(b.opts.Root), "/") + "/"},
		}
	}
	return &Log{Schema: Schema, Version: Version, Runs: []Run{run}}
}

// Write writes l as indented JSON, with "<", ">" and "&" left readable.
func Write(w io.Writer, l *Log) error {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(l); err != nil {
		return err
	}
	_, err := w.Write(buf.Bytes())
	return err
}
