package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/blockcheck/blockcheck/analyzer/rules"
	"github.com/blockcheck/blockcheck/cmd/blockcheck/internal/sarif"
	"github.com/blockcheck/blockcheck/cmd/blockcheck/internal/sarif/sariftest"
)

func TestWantSARIF(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want bool
	}{
		{[]string{"-sarif", "./..."}, true},
		{[]string{"--sarif", "./..."}, true},
		{[]string{"-sarif=true", "./..."}, true},
		{[]string{"-sarif=false", "./..."}, false},
		{[]string{"-sarif=maybe", "./..."}, true}, // runSARIF reports the bad value
		{[]string{"-disable", "sleep", "-sarif", "./..."}, true},
		{[]string{"-disable=sleep", "-test=false", "-sarif", "./..."}, true},
		{[]string{"-c", "2", "-sarif", "./..."}, true},
		{[]string{"./...", "-sarif"}, false}, // flags end at the first package
		{[]string{"--", "-sarif"}, false},
		{[]string{"./..."}, false},
		{[]string{"-json", "./..."}, false},
		// The go vet protocol.
		{[]string{"-V=full"}, false},
		{[]string{"-flags"}, false},
		{[]string{"-disable=", "/tmp/go-build/vet.cfg"}, false},
		{[]string{"vet.cfg"}, false},
	} {
		assert.Equal(t, tc.want, wantSARIF(tc.args), "%q", tc.args)
	}
}

// TestVetFlagsWithoutSARIF: go vet learns the tool's flags from -flags;
// -sarif must not be among them (it is not a vet mode).
func TestVetFlagsWithoutSARIF(t *testing.T) {
	stdout, stderr, code := run(t, ".", binary, "-flags")
	require.Equal(t, 0, code, stderr)
	var flags []struct{ Name string }
	require.NoError(t, json.Unmarshal([]byte(stdout), &flags), stdout)
	var names []string
	for _, f := range flags {
		names = append(names, f.Name)
	}
	assert.Contains(t, names, "disable")
	assert.NotContains(t, names, "sarif")
	assert.NotContains(t, names, "srcroot")

	stdout, stderr, code = run(t, ".", binary, "-V=full")
	require.Equal(t, 0, code, stderr)
	assert.Contains(t, stdout, "blockcheck version")
}

// runSARIFBinary runs blockcheck -sarif in dir, checks the log against
// the SARIF 2.1.0 schema and decodes it.
func runSARIFBinary(t *testing.T, dir string, args ...string) (*sarif.Log, []byte, string, int) {
	t.Helper()
	stdout, stderr, code := run(t, dir, binary, append([]string{"-sarif"}, args...)...)
	require.NotEmpty(t, stdout, "no SARIF on stdout; stderr:\n%s", stderr)
	sariftest.Validate(t, []byte(stdout))
	var log sarif.Log
	require.NoError(t, json.Unmarshal([]byte(stdout), &log))
	require.Len(t, log.Runs, 1)
	return &log, []byte(stdout), stderr, code
}

// TestSARIFDemo checks the SARIF log of the demo: valid against the
// schema, the same findings as the other drivers (demo.golden), rule
// metadata from the rule table, and the golden log.
func TestSARIFDemo(t *testing.T) {
	dir := demoDir(t)
	log, doc, stderr, code := runSARIFBinary(t, dir, "./...")
	assert.Equal(t, 3, code, "exit code with findings; stderr:\n%s", stderr)
	run := log.Runs[0]
	assert.True(t, run.Invocations[0].ExecutionSuccessful)
	assert.Equal(t, sarif.FileURI(dir)+"/", run.OriginalURIBaseIDs[sarif.SrcRoot].URI)

	var ids []string
	for _, d := range run.Tool.Driver.Rules {
		ids = append(ids, d.ID)
	}
	var want []string
	for i := range rules.All() {
		want = append(want, rules.All()[i].ID)
	}
	assert.Equal(t, want, ids, "one reportingDescriptor per rule, in table order")

	var lines []string
	chains := 0
	for _, r := range run.Results {
		require.Less(t, r.RuleIndex, len(run.Tool.Driver.Rules))
		assert.Equal(t, r.RuleID, run.Tool.Driver.Rules[r.RuleIndex].ID)
		assert.True(t, strings.HasPrefix(r.Message.Text, r.RuleID+": "), r.Message.Text)
		loc := r.Locations[0].PhysicalLocation
		assert.Equal(t, sarif.SrcRoot, loc.ArtifactLocation.URIBaseID)
		assert.NotZero(t, loc.Region.EndColumn, "a finding has an end: %s", r.Message.Text)
		if strings.Contains(r.Message.Text, " reaches ") {
			assert.NotEmpty(t, r.RelatedLocations, "a chain finding must point at its chain: %s", r.Message.Text)
			chains++
		}
		lines = append(lines, fmt.Sprintf("%s:%d:%d: %s", loc.ArtifactLocation.URI, loc.Region.StartLine, loc.Region.StartColumn, r.Message.Text))
	}
	assert.Positive(t, chains, "the demo has interprocedural findings")
	assert.True(t, slices.ContainsFunc(run.Results, func(r sarif.Result) bool { return len(r.Fixes) > 0 }),
		"the demo has findings with suggested fixes")
	slices.Sort(lines)
	checkGolden(t, "demo.golden", lines) // the demo's files are ASCII: UTF-16 and byte columns agree

	checkSARIFGolden(t, normalizeSARIF(t, doc, dir))
}

// normalizeSARIF removes what depends on the machine, the build and the
// rule table (checked above and in package sarif): the version, the
// source root's absolute path, the rules and rule indexes.
func normalizeSARIF(t *testing.T, doc []byte, root string) []byte {
	t.Helper()
	var v map[string]any
	require.NoError(t, json.Unmarshal(doc, &v))
	run := v["runs"].([]any)[0].(map[string]any)
	driver := run["tool"].(map[string]any)["driver"].(map[string]any)
	delete(driver, "version")
	delete(driver, "rules")
	for _, r := range run["results"].([]any) {
		delete(r.(map[string]any), "ruleIndex")
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	require.NoError(t, enc.Encode(v))
	return bytes.ReplaceAll(buf.Bytes(), []byte(sarif.FileURI(root)), []byte("file:///DEMO"))
}

func checkSARIFGolden(t *testing.T, got []byte) {
	t.Helper()
	golden := filepath.Join("testdata", "demo.sarif.golden")
	if *update {
		require.NoError(t, os.WriteFile(golden, got, 0o644))
	}
	want, err := os.ReadFile(golden)
	require.NoError(t, err)
	assert.Equal(t, string(want), string(got), "SARIF log differs from %s (go test ./cmd/blockcheck -update rewrites it)", golden)
}

// writeModule writes a module of the given files into a new directory.
func writeModule(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, src := range files {
		path := filepath.Join(dir, filepath.FromSlash(name))
		require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))
		require.NoError(t, os.WriteFile(path, []byte(src), 0o644))
	}
	return dir
}

func TestSARIFClean(t *testing.T) {
	dir := writeModule(t, map[string]string{
		"go.mod": "module example.com/clean\n\ngo 1.26\n",
		"h.go": `package clean

import (
	"net/http"
	"time"
)

func Ping(w http.ResponseWriter, r *http.Request) {
	select {
	case <-time.After(time.Second):
	case <-r.Context().Done():
	}
}
`,
	})
	log, _, stderr, code := runSARIFBinary(t, dir, "./...")
	assert.Equal(t, 0, code, stderr)
	assert.Empty(t, log.Runs[0].Results)
	assert.True(t, log.Runs[0].Invocations[0].ExecutionSuccessful)
}

// TestSARIFErrors: a package that does not build gives exit 1 and a log
// that says the run failed.
func TestSARIFErrors(t *testing.T) {
	dir := writeModule(t, map[string]string{
		"go.mod": "module example.com/broken\n\ngo 1.26\n",
		"b.go":   "package broken\n\nfunc f() { undefinedThing() }\n",
	})
	log, _, stderr, code := runSARIFBinary(t, dir, "./...")
	assert.Equal(t, 1, code, stderr)
	assert.Contains(t, stderr, "undefinedThing")
	inv := log.Runs[0].Invocations[0]
	assert.False(t, inv.ExecutionSuccessful)
	assert.NotEmpty(t, inv.ToolExecutionNotifications)

	_, stderr, code = run(t, dir, binary, "-sarif", "-fix", "./...")
	assert.Equal(t, 1, code, "-sarif with -fix is an error")
	assert.Contains(t, stderr, "-fix")
}

// TestSARIFSrcRoot: -srcroot makes URIs relative to another directory,
// as for a module in a subdirectory of the repository.
func TestSARIFSrcRoot(t *testing.T) {
	dir := demoDir(t)
	log, _, stderr, code := runSARIFBinary(t, dir, "-srcroot=../..", "-disable=chanwait", "./internal/api")
	assert.Equal(t, 3, code, stderr)
	require.NotEmpty(t, log.Runs[0].Results)
	for _, r := range log.Runs[0].Results {
		assert.NotEqual(t, "chanwait", r.RuleID, "-disable applies")
		assert.True(t, strings.HasPrefix(r.Locations[0].PhysicalLocation.ArtifactLocation.URI, "testdata/demo/internal/api/"),
			r.Locations[0].PhysicalLocation.ArtifactLocation.URI)
	}
}
