// Package sariftest validates SARIF logs in tests against the OASIS
// SARIF 2.1.0 JSON schema.
//
// The schema is not part of this repository: it lives in the shared test
// data beside the checkout (../shared/data/sarif-schema-2.1.0.json from
// the repository root, for every developer and in CI), or at the path in
// $BLOCKCHECK_SARIF_SCHEMA. Where it is absent, tests skip, except in CI
// (CI set), where they fail: a schema check that silently stops running is
// no check.
package sariftest

import (
	"bufio"
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

const module = "github.com/blockcheck/blockcheck"

// SchemaPath returns the path of the SARIF 2.1.0 schema, or "" and the
// reason when it cannot be found.
func SchemaPath() (path, why string) {
	if p := os.Getenv("BLOCKCHECK_SARIF_SCHEMA"); p != "" {
		return p, "" // compiling it reports a wrong path
	}
	root, err := repoRoot()
	if err != nil {
		return "", err.Error()
	}
	p := filepath.Join(root, "..", "shared", "data", "sarif-schema-2.1.0.json")
	if _, err := os.Stat(p); err != nil {
		return "", "the SARIF 2.1.0 schema is not beside the checkout (" + err.Error() +
			"); set BLOCKCHECK_SARIF_SCHEMA to its path"
	}
	return p, ""
}

// repoRoot finds the directory of this module's go.mod, from the working
// directory up (go test runs in the package's directory).
func repoRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if isRoot(filepath.Join(dir, "go.mod")) {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", os.ErrNotExist
		}
		dir = parent
	}
}

func isRoot(gomod string) bool {
	f, err := os.Open(gomod)
	if err != nil {
		return false
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if rest, ok := strings.CutPrefix(strings.TrimSpace(sc.Text()), "module "); ok {
			return strings.Trim(strings.TrimSpace(rest), `"`) == module
		}
	}
	return false
}

var (
	once     sync.Once
	compiled *jsonschema.Schema
	compErr  error
)

// Schema returns the compiled SARIF 2.1.0 schema, with format assertions
// on (URIs must be URIs). It skips the test where the schema is absent,
// and fails it there in CI.
func Schema(t testing.TB) *jsonschema.Schema {
	t.Helper()
	path, why := SchemaPath()
	if path == "" {
		if os.Getenv("CI") != "" {
			t.Fatalf("SARIF schema check cannot run in CI: %s", why)
		}
		t.Skipf("SARIF schema check skipped: %s", why)
	}
	once.Do(func() {
		c := jsonschema.NewCompiler()
		c.AssertFormat()
		compiled, compErr = c.Compile(path)
	})
	if compErr != nil {
		t.Fatalf("compiling %s: %v", path, compErr)
	}
	return compiled
}

// Validate fails the test when doc is not a valid SARIF 2.1.0 log.
func Validate(t testing.TB, doc []byte) {
	t.Helper()
	sch := Schema(t)
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(doc))
	if err != nil {
		t.Fatalf("the SARIF log is not JSON: %v", err)
	}
	if err := sch.Validate(inst); err != nil {
		t.Fatalf("the SARIF log does not validate against the SARIF 2.1.0 schema:\n%v", err)
	}
}
