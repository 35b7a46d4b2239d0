package main

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// These tests set up a user's module the way the README tells users to,
// with this repository standing in for the published module through a
// replace directive. They run offline: GOPROXY=off, every module comes
// from the module cache (CI runs go mod download first), and GOSUMDB=off:
// go get adds the user's go.sum lines, which it would otherwise verify
// against sum.golang.org even with the proxy off. The hashes still come
// from this repository's go.sum, checked when the cache was filled.

// slowHandler is a user's handler that blocks: one sleep finding.
const slowHandler = `package api

import (
	"net/http"
	"time"
)

// Slow waits a second whatever the client does.
func Slow(w http.ResponseWriter, r *http.Request) {
	time.Sleep(time.Second)
	w.WriteHeader(http.StatusNoContent)
}
`

// cleanHandler waits, but gives up when the client does.
const cleanHandler = `package api

import (
	"net/http"
	"time"
)

// Patient waits a second unless the client goes away first.
func Patient(w http.ResponseWriter, r *http.Request) {
	select {
	case <-time.After(time.Second):
	case <-r.Context().Done():
		return
	}
	w.WriteHeader(http.StatusNoContent)
}
`

// repoDir is the root of this repository (the working tree).
func repoDir(t *testing.T) string {
	dir, err := filepath.Abs("../..")
	require.NoError(t, err)
	return dir
}

// offlineEnv is the environment for go commands in users' modules.
func offlineEnv(extra ...string) []string {
	env := append(os.Environ(), "GOPROXY=off", "GOSUMDB=off", "GOWORK=off", "GOTOOLCHAIN=local")
	return append(env, extra...)
}

// runEnv runs name in dir with the environment env and returns its
// combined output and exit code.
func runEnv(t *testing.T, dir string, env []string, name string, args ...string) (string, int) {
	t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	cmd.Env = env
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	err := cmd.Run()
	var exit *exec.ExitError
	switch {
	case err == nil:
		return out.String(), 0
	case errors.As(err, &exit):
		return out.String(), exit.ExitCode()
	}
	t.Fatalf("%s %v: %v", name, args, err)
	return "", 0
}

func mustRun(t *testing.T, dir string, env []string, name string, args ...string) string {
	t.Helper()
	out, code := runEnv(t, dir, env, name, args...)
	require.Equal(t, 0, code, "%s %s:\n%s", name, strings.Join(args, " "), out)
	return out
}

// pinnedModule returns a user's module with a slow handler that pins
// blockcheck as a tool: go get -tool, as in the README.
func pinnedModule(t *testing.T) string {
	t.Helper()
	dir := writeModule(t, map[string]string{
		"go.mod":      "module example.com/shop\n\ngo 1.26\n",
		"api/slow.go": slowHandler,
	})
	env := offlineEnv()
	mustRun(t, dir, env, "go", "mod", "edit", "-replace=github.com/blockcheck/blockcheck="+repoDir(t))
	mustRun(t, dir, env, "go", "get", "-tool", "github.com/blockcheck/blockcheck/cmd/blockcheck")
	gomod, err := os.ReadFile(filepath.Join(dir, "go.mod"))
	require.NoError(t, err)
	require.Contains(t, string(gomod), "tool github.com/blockcheck/blockcheck/cmd/blockcheck")
	return dir
}

// TestGoTool: blockcheck pinned with go get -tool runs as go tool
// blockcheck (exit 3 on findings) and as go vet's tool (exit 1).
func TestGoTool(t *testing.T) {
	dir := pinnedModule(t)
	env := offlineEnv()

	out, code := runEnv(t, dir, env, "go", "tool", "blockcheck", "./...")
	assert.Equal(t, 3, code, "go tool blockcheck exit code with a finding:\n%s", out)
	assert.Regexp(t, `api/slow\.go:10:2: sleep: time\.Sleep in handler Slow`, out)

	tool := strings.TrimSpace(mustRun(t, dir, env, "go", "tool", "-n", "blockcheck"))
	require.FileExists(t, tool)
	out, code = runEnv(t, dir, env, "go", "vet", "-vettool="+tool, "./...")
	assert.Equal(t, 1, code, "go vet exit code with a finding:\n%s", out)
	assert.Regexp(t, `api/slow\.go:10:2: sleep: time\.Sleep in handler Slow`, out)
}
