package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The pre-commit tests run the real pre-commit (Debian's package; .ci/run
// installs it) on throwaway git repositories. They skip only where
// pre-commit is missing outside CI.

func needPreCommit(t *testing.T) {
	t.Helper()
	if _, err := exec.LookPath("pre-commit"); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("pre-commit is not installed: .ci/run installs Debian's pre-commit package when it is absent")
		}
		t.Skip("pre-commit is not installed (apt-get install pre-commit); CI runs this test")
	}
}

// preCommitEnv isolates pre-commit and git from the user's setup: its own
// PRE_COMMIT_HOME, no global or system git configuration, an identity
// for commits. Go runs offline from the module cache: pre-commit's
// `go install` sets GOPATH to its environment directory, which would put
// the module cache there too, so GOMODCACHE is set explicitly.
func preCommitEnv(t *testing.T) []string {
	t.Helper()
	modcache := strings.TrimSpace(mustRun(t, ".", os.Environ(), "go", "env", "GOMODCACHE"))
	return offlineEnv(
		"PRE_COMMIT_HOME="+t.TempDir(),
		"GOMODCACHE="+modcache,
		"GIT_CONFIG_NOSYSTEM=1",
		"GIT_CONFIG_GLOBAL="+os.DevNull,
		"GIT_AUTHOR_NAME=blockcheck test", "GIT_AUTHOR_EMAIL=test@example.com",
		"GIT_COMMITTER_NAME=blockcheck test", "GIT_COMMITTER_EMAIL=test@example.com",
	)
}

// hooksRepo copies this repository's working tree (tracked files and
// untracked ones that are not ignored, so uncommitted changes are what is
// tested) into a new git repository with one commit, as pre-commit needs,
// and returns its path and the commit.
func hooksRepo(t *testing.T, env []string) (dir, rev string) {
	t.Helper()
	src := repoDir(t)
	dir = t.TempDir()
	list := mustRun(t, src, env, "git", "ls-files", "-z", "--cached", "--others", "--exclude-standard")
	for name := range strings.SplitSeq(strings.TrimRight(list, "\x00"), "\x00") {
		from := filepath.Join(src, filepath.FromSlash(name))
		info, err := os.Lstat(from)
		if err != nil || !info.Mode().IsRegular() {
			continue // deleted in the working tree, or not a file
		}
		data, err := os.ReadFile(from)
		require.NoError(t, err)
		to := filepath.Join(dir, filepath.FromSlash(name))
		require.NoError(t, os.MkdirAll(filepath.Dir(to), 0o755))
		require.NoError(t, os.WriteFile(to, data, info.Mode().Perm()))
	}
	require.FileExists(t, filepath.Join(dir, ".pre-commit-hooks.yaml"))
	mustRun(t, dir, env, "git", "init", "-q")
	mustRun(t, dir, env, "git", "add", "-A")
	mustRun(t, dir, env, "git", "commit", "-q", "-m", "blockcheck under test")
	rev = strings.TrimSpace(mustRun(t, dir, env, "git", "rev-parse", "HEAD"))
	return dir, rev
}

// userRepo is a git repository holding a module with a clean handler,
// staged but not committed.
func userRepo(t *testing.T, env []string) string {
	t.Helper()
	dir := writeModule(t, map[string]string{
		"go.mod":         "module example.com/shop\n\ngo 1.26\n",
		"api/patient.go": cleanHandler,
	})
	mustRun(t, dir, env, "git", "init", "-q")
	mustRun(t, dir, env, "git", "add", "-A")
	return dir
}

// TestPreCommit runs the hook of .pre-commit-hooks.yaml through
// pre-commit: try-repo on a clean and a blocking module, then as an
// installed hook, where a commit adding a blocking handler is refused with
// the finding shown and a clean commit passes.
func TestPreCommit(t *testing.T) {
	needPreCommit(t)
	start := time.Now()
	env := preCommitEnv(t)
	hooks, rev := hooksRepo(t, env)
	user := userRepo(t, env)

	// try-repo: pre-commit clones the hooks repository, builds the hook
	// (go install) and runs it on every file.
	out, code := runEnv(t, user, env, "pre-commit", "try-repo", hooks, "blockcheck", "--all-files")
	require.Equal(t, 0, code, "try-repo on a clean module:\n%s", out)
	assert.Regexp(t, `blockcheck\.+Passed`, out)
	t.Logf("try-repo, first run (builds the hook): %s", time.Since(start).Round(time.Second))

	// The hook installed from a .pre-commit-config.yaml, the way users do.
	config := "repos:\n  - repo: " + hooks + "\n    rev: " + rev + "\n    hooks:\n      - id: blockcheck\n"
	require.NoError(t, os.WriteFile(filepath.Join(user, ".pre-commit-config.yaml"), []byte(config), 0o644))
	mustRun(t, user, env, "pre-commit", "install")
	mustRun(t, user, env, "git", "add", "-A")
	out, code = runEnv(t, user, env, "git", "commit", "-m", "patient handler")
	require.Equal(t, 0, code, "a clean commit must pass:\n%s", out)
	assert.Regexp(t, `blockcheck\.+Passed`, out)

	// A commit that adds a blocking handler is refused, with the finding.
	require.NoError(t, os.WriteFile(filepath.Join(user, "api", "slow.go"), []byte(slowHandler), 0o644))
	mustRun(t, user, env, "git", "add", "api/slow.go")
	out, code = runEnv(t, user, env, "git", "commit", "-m", "slow handler")
	assert.NotEqual(t, 0, code, "a commit adding a blocking handler must be refused:\n%s", out)
	assert.Regexp(t, `blockcheck\.+Failed`, out)
	assert.Contains(t, out, "exit code: 3")
	assert.Regexp(t, `api/slow\.go:10:2: sleep: time\.Sleep in handler Slow`, out)
	log := mustRun(t, user, env, "git", "log", "--format=%s")
	assert.Equal(t, "patient handler\n", log, "the refused commit must not exist")

	// try-repo reports the same on the staged blocking handler.
	out, code = runEnv(t, user, env, "pre-commit", "try-repo", hooks, "blockcheck", "--all-files")
	assert.Equal(t, 1, code, "try-repo on a blocking module:\n%s", out)
	assert.Regexp(t, `api/slow\.go:10:2: sleep: time\.Sleep in handler Slow`, out)

	t.Logf("pre-commit test took %s", time.Since(start).Round(time.Second))
}

// TestPreCommitLocal runs the repo: local variant documented in the
// README: the hook runs `go tool blockcheck`, pinned in the user's go.mod.
func TestPreCommitLocal(t *testing.T) {
	needPreCommit(t)
	start := time.Now()
	env := preCommitEnv(t)
	dir := pinnedModule(t)
	config := `repos:
  - repo: local
    hooks:
      - id: blockcheck
        name: blockcheck
        entry: go tool blockcheck
        args: ["./..."]
        language: system
        pass_filenames: false
        types: [go]
        require_serial: true
`
	require.NoError(t, os.WriteFile(filepath.Join(dir, ".pre-commit-config.yaml"), []byte(config), 0o644))
	mustRun(t, dir, env, "git", "init", "-q")
	mustRun(t, dir, env, "git", "add", "-A")
	out, code := runEnv(t, dir, env, "pre-commit", "run", "--all-files")
	assert.Equal(t, 1, code, "the local hook must fail on a blocking handler:\n%s", out)
	assert.Regexp(t, `api/slow\.go:10:2: sleep: time\.Sleep in handler Slow`, out)

	// Fixed by hand: the hook passes.
	require.NoError(t, os.WriteFile(filepath.Join(dir, "api", "slow.go"), []byte(cleanHandler), 0o644))
	mustRun(t, dir, env, "git", "add", "-A")
	out, code = runEnv(t, dir, env, "pre-commit", "run", "--all-files")
	assert.Equal(t, 0, code, "the local hook must pass on a clean module:\n%s", out)
	t.Logf("pre-commit local-hook test took %s", time.Since(start).Round(time.Second))
}
