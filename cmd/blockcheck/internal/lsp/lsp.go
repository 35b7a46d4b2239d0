// Package lsp is `blockcheck lsp`: a language server that shows
// blockcheck's findings in the editor, standalone or in front of gopls.
//
//	blockcheck lsp                        the server, beside gopls
//	blockcheck lsp -gopls=PATH [ARGS...]  fronts gopls: the editor starts this
//	                                      as its gopls; ARGS go to gopls
//
// Findings are published for the packages of the open Go files, on open
// and on save, with the rule ID as the code, the rule's page as its
// description, the call chain as related information, and the suggested
// fixes and an "ignore" line as quick fixes.
package lsp

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"
)

const usage = `Usage: blockcheck lsp [-gopls=PATH] [-debounce=DURATION] [gopls arguments]

Runs a language server on stdin and stdout that publishes blockcheck's
findings for the open Go files, on open and on save, with quick fixes.

With -gopls, it runs that gopls and stands in front of it: point the
editor's gopls path at a script that runs 'blockcheck lsp -gopls=PATH "$@"'
and it gets every gopls feature plus blockcheck's findings. The arguments
after blockcheck's own flags go to gopls; gopls subcommands that do not
serve an editor (version, help, api-json, bug, licenses, stats) run gopls
directly. Settings: docs/editors.md.

Flags:
`

// Main runs `blockcheck lsp` with the arguments after "lsp" and returns
// the exit status.
func Main(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("blockcheck lsp", flag.ContinueOnError)
	fs.SetOutput(stderr)
	gopls := fs.String("gopls", "", "path of the gopls to run and front (default: none, run beside gopls)")
	debounce := fs.Duration("debounce", 200*time.Millisecond, "how long to wait after an open or save before analysing, for the next one")
	fs.Usage = func() {
		fmt.Fprint(stderr, usage)
		fs.PrintDefaults()
	}
	// blockcheck's flags come first; the rest, flags included, are gopls'
	// (editors pass gopls flags such as -mode=stdio to "their gopls").
	own, rest := splitFlags(fs, args)
	if err := fs.Parse(own); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	rest = append(fs.Args(), rest...)
	if *gopls == "" && len(rest) > 0 {
		fmt.Fprintf(stderr, "blockcheck lsp: unexpected arguments %q (gopls arguments need -gopls)\n", rest)
		return 2
	}
	if *gopls != "" && isGoplsSubcommand(rest) {
		return runDirect(*gopls, rest, stdin, stdout, stderr)
	}

	self, err := os.Executable()
	if err != nil {
		fmt.Fprintf(stderr, "blockcheck lsp: cannot find its own executable for go vet -vettool: %v\n", err)
		return 1
	}
	client := newConn(stdin, stdout)
	if *gopls == "" {
		s := newServer(client, nil, goVet(self), *debounce, stderr)
		s.skip = outsideWorkspace()
		if err := s.serve(); err != nil {
			fmt.Fprintf(stderr, "blockcheck lsp: %v\n", err)
			return 1
		}
		return 0
	}

	// Running the gopls the user names, with its arguments, is what this
	// mode is for.
	cmd := exec.Command(*gopls, rest...) //nolint:gosec // G204: the user's own gopls and arguments
	cmd.Stderr = stderr                  // the editor's log of its gopls
	toGopls, err := cmd.StdinPipe()
	if err != nil {
		fmt.Fprintf(stderr, "blockcheck lsp: %v\n", err)
		return 1
	}
	fromGopls, err := cmd.StdoutPipe()
	if err != nil {
		fmt.Fprintf(stderr, "blockcheck lsp: %v\n", err)
		return 1
	}
	if err := cmd.Start(); err != nil {
		fmt.Fprintf(stderr, "blockcheck lsp: starting gopls: %v\n", err)
		return 1
	}
	s := newServer(client, newConn(fromGopls, toGopls), goVet(self), *debounce, stderr)
	s.skip = outsideWorkspace()
	serveErr := s.serve()
	toGopls.Close() // gopls exits at the end of its input, after exit or without
	waited := make(chan error, 1)
	go func() { waited <- cmd.Wait() }()
	var waitErr error
	select {
	case waitErr = <-waited:
	case <-time.After(5 * time.Second):
		_ = cmd.Process.Kill()
		waitErr = <-waited
	}
	if waitErr != nil {
		fmt.Fprintf(stderr, "blockcheck lsp: gopls ended: %v\n", waitErr)
	}
	if serveErr != nil {
		fmt.Fprintf(stderr, "blockcheck lsp: %v\n", serveErr)
		return 1
	}
	return 0
}

// splitFlags returns the leading arguments that are fs's flags (with
// their values) and the rest.
func splitFlags(fs *flag.FlagSet, args []string) (own, rest []string) {
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			return args[:i], args[i+1:]
		}
		name, _, hasValue := strings.Cut(strings.TrimLeft(a, "-"), "=")
		if !strings.HasPrefix(a, "-") || fs.Lookup(name) == nil && name != "h" && name != "help" {
			return args[:i], args[i:]
		}
		if !hasValue && fs.Lookup(name) != nil {
			i++ // its value
		}
	}
	return args, nil
}

// goplsCommands are the gopls subcommands that do not serve the editor,
// which editors and their plugins run on "their gopls" (the VS Code Go
// extension runs version, for one). They run gopls directly.
var goplsCommands = map[string]bool{
	"version": true, "help": true, "api-json": true, "bug": true, "licenses": true, "stats": true,
}

// isGoplsSubcommand reports whether gopls' arguments name one of
// goplsCommands. Anything else (serve, gopls' flags and their values)
// serves the editor through blockcheck: a flag's value cannot be told from
// a subcommand without gopls' flag list, and serving is the safe default.
func isGoplsSubcommand(args []string) bool {
	for _, a := range args {
		if !strings.HasPrefix(a, "-") && goplsCommands[a] {
			return true
		}
	}
	return false
}

func runDirect(gopls string, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	cmd := exec.Command(gopls, args...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = stdin, stdout, stderr
	if err := cmd.Run(); err != nil {
		var exit *exec.ExitError
		if errors.As(err, &exit) {
			return exit.ExitCode()
		}
		fmt.Fprintf(stderr, "blockcheck lsp: %v\n", err)
		return 1
	}
	return 0
}

// outsideWorkspace returns the test for directories that go vet cannot
// analyse from the module being edited: GOROOT and the module cache,
// where "go to definition" opens files.
func outsideWorkspace() func(string) bool {
	var roots []string
	if out, err := exec.Command("go", "env", "GOROOT", "GOMODCACHE").Output(); err == nil {
		for _, r := range strings.Fields(string(out)) {
			roots = append(roots, filepath.Clean(r)+string(filepath.Separator))
		}
	}
	return func(dir string) bool {
		dir = filepath.Clean(dir) + string(filepath.Separator)
		for _, r := range roots {
			if strings.HasPrefix(dir, r) {
				return true
			}
		}
		return false
	}
}
