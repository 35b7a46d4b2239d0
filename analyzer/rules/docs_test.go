package rules

import (
	"flag"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/blockcheck/blockcheck/analyzer/catalog"
)

var update = flag.Bool("update", false, "rewrite docs/rules from the rule table")

// docsDir is docs/rules, seen from this package's directory.
var docsDir = filepath.Join("..", "..", "docs", "rules")

const stale = "docs/rules is stale: run go generate ./analyzer/rules"

// TestDocs checks that docs/rules holds exactly what the rule table
// generates; with -update it writes the files and removes extra ones.
func TestDocs(t *testing.T) {
	want := Docs()
	if *update {
		require.NoError(t, os.MkdirAll(docsDir, 0o755))
		entries, err := os.ReadDir(docsDir)
		require.NoError(t, err)
		for _, e := range entries {
			if _, ok := want[e.Name()]; !ok {
				require.NoError(t, os.RemoveAll(filepath.Join(docsDir, e.Name())))
			}
		}
		for name, content := range want {
			require.NoError(t, os.WriteFile(filepath.Join(docsDir, name), []byte(content), 0o644))
		}
		return
	}

	var problems []string
	entries, err := os.ReadDir(docsDir)
	if err != nil && !os.IsNotExist(err) {
		require.NoError(t, err)
	}
	have := make(map[string]bool)
	for _, e := range entries {
		have[e.Name()] = true
		if _, ok := want[e.Name()]; !ok {
			problems = append(problems, "extra:   "+e.Name())
		}
	}
	for _, name := range sortedKeys(want) {
		if !have[name] {
			problems = append(problems, "missing: "+name)
			continue
		}
		got, err := os.ReadFile(filepath.Join(docsDir, name))
		require.NoError(t, err)
		if string(got) != want[name] {
			problems = append(problems, "differs: "+name)
		}
	}
	if len(problems) > 0 {
		t.Fatalf("%s\n\t%s", stale, strings.Join(problems, "\n\t"))
	}
}

var idRE = regexp.MustCompile(`^[a-z]+$`)

func TestRuleTable(t *testing.T) {
	seen := make(map[string]bool)
	for _, r := range all {
		assert.Regexp(t, idRE, r.ID, "rule IDs are short lowercase words")
		assert.False(t, seen[r.ID], "duplicate rule ID %q", r.ID)
		seen[r.ID] = true
		assert.Same(t, &all[slices.IndexFunc(all, func(x Rule) bool { return x.ID == r.ID })], ByID(r.ID))
		assert.Contains(t, []string{Cancellation, Serialization, EventLoops, Unbounded, Meta}, r.Family, "rule %s: unknown family", r.ID)
		assert.Regexp(t, `^v\d+\.\d+\.\d+$`, r.Since, "rule %s: Since is a release tag", r.ID)
		assert.Equal(t, DocsBase+r.ID+".md", r.URL())
		assert.NotContains(t, r.Title, "|", "rule %s: the title goes in a table cell", r.ID)
		assert.False(t, strings.HasSuffix(r.Title, "."), "rule %s: the title is a noun phrase", r.ID)
		assert.NotContains(t, r.Summary, "\n", "rule %s: the summary is one sentence", r.ID)
		assert.True(t, strings.HasSuffix(r.Summary, "."), "rule %s: the summary is a sentence", r.ID)
		assert.NotEqual(t, r.Bad, r.Good, "rule %s", r.ID)
		for _, text := range []string{r.Summary, r.Reports, r.Why, r.Fix, r.NotReported} {
			assert.NotRegexp(t, `(?i)blocks (the|other|all)|blocking the server`, text,
				"rule %s: net/http serves each request on its own goroutine; say what really happens", r.ID)
		}
		if r.Default {
			v := reflect.ValueOf(r)
			for i := range v.NumField() {
				if f := v.Field(i); f.Kind() == reflect.String {
					assert.NotEmpty(t, strings.TrimSpace(f.String()), "rule %s: %s is empty", r.ID, v.Type().Field(i).Name)
				}
			}
		}
	}
	assert.Nil(t, ByID("nosuchrule"))

	// Every ID constant in rules.go has a row, and every row a constant.
	ids := idConstants(t)
	require.NotEmpty(t, ids)
	for _, id := range ids {
		assert.True(t, seen[id], "rule ID %q is declared in rules.go but missing from All", id)
	}
	assert.Len(t, all, len(ids), "every rule in All has an ID constant in rules.go")

	// Every kind maps to a rule in the table, or to none.
	for _, k := range catalog.Kinds {
		if id := ForKind(k); id != "" {
			assert.True(t, seen[id], "ForKind(%s) = %q, which is not in All", k, id)
		}
	}
}

// idConstants returns the values of the constants declared in rules.go
// under the comment "The rule IDs.".
func idConstants(t *testing.T) []string {
	t.Helper()
	f, err := parser.ParseFile(token.NewFileSet(), "rules.go", nil, parser.ParseComments)
	require.NoError(t, err)
	var ids []string
	for _, d := range f.Decls {
		gd, ok := d.(*ast.GenDecl)
		if !ok || gd.Tok != token.CONST || gd.Doc == nil || !strings.HasPrefix(gd.Doc.Text(), "The rule IDs") {
			continue
		}
		for _, spec := range gd.Specs {
			for _, v := range spec.(*ast.ValueSpec).Values {
				lit, ok := v.(*ast.BasicLit)
				require.True(t, ok, "rule ID constants are string literals")
				id, err := strconv.Unquote(lit.Value)
				require.NoError(t, err)
				ids = append(ids, id)
			}
		}
	}
	return ids
}

var (
	linkRE    = regexp.MustCompile(`\]\(([^)\s]+)\)`)
	headingRE = regexp.MustCompile(`(?m)^#{1,6} (.+)$`)
	fenceRE   = regexp.MustCompile("(?ms)^```.*?^```$")
)

// TestDocLinks checks that every relative link of the generated docs
// resolves to a generated file and, with a fragment, to a heading in it,
// and that the analyzer's links do: Diagnostic.URL, and Analyzer.URL
// plus "#" plus the category.
func TestDocLinks(t *testing.T) {
	docs := Docs()
	anchors := make(map[string]map[string]bool)
	for name, content := range docs {
		anchors[name] = make(map[string]bool)
		for _, m := range headingRE.FindAllStringSubmatch(fenceRE.ReplaceAllString(content, ""), -1) {
			slug := githubSlug(m[1])
			assert.False(t, anchors[name][slug], "%s: two headings have the anchor #%s", name, slug)
			anchors[name][slug] = true
		}
	}
	for name, content := range docs {
		for _, m := range linkRE.FindAllStringSubmatch(fenceRE.ReplaceAllString(content, ""), -1) {
			target := m[1]
			if strings.Contains(target, "://") {
				continue
			}
			file, frag, _ := strings.Cut(target, "#")
			if file == "" {
				file = name
			}
			if !assert.Contains(t, docs, file, "%s links to %s, which is not generated", name, target) {
				continue
			}
			if frag != "" {
				assert.True(t, anchors[file][frag], "%s links to %s, which has no heading #%s", name, target, frag)
			}
		}
	}
	for _, r := range all {
		page, ok := strings.CutPrefix(r.URL(), DocsBase)
		require.True(t, ok)
		assert.Contains(t, docs, page)
		assert.True(t, anchors["README.md"][r.ID], "README.md has no section #%s", r.ID)
	}
}

// githubSlug is the anchor GitHub gives a Markdown heading.
func githubSlug(heading string) string {
	var b strings.Builder
	for _, c := range strings.ToLower(heading) {
		switch {
		case c == ' ':
			b.WriteByte('-')
		case c == '-' || c == '_' || 'a' <= c && c <= 'z' || '0' <= c && c <= '9':
			b.WriteRune(c)
		}
	}
	return b.String()
}

func TestShort(t *testing.T) {
	for in, want := range map[string]string{
		"time.Sleep":               "time.Sleep",
		"net/http.Get":             "http.Get",
		"(*database/sql.DB).Query": "(*sql.DB).Query",
		"(*net.Dialer).Dial":       "(*net.Dialer).Dial",
		"crypto/tls.Dial":          "tls.Dial",
	} {
		assert.Equal(t, want, short(in), in)
	}
	assert.Equal(t, "x.QueryContext(ctx, args…)", fixText("${recv}.QueryContext(${ctx}${,args})", "sql"))
	assert.Equal(t, "(&net.Dialer{Timeout: arg2}).DialContext(ctx, arg0, arg1)",
		fixText("(&${pkg}.Dialer{Timeout: ${2}}).DialContext(${ctx}, ${0}, ${1})", "net"))
}

func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
