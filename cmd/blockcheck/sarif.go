package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
	"strconv"
	"strings"

	"golang.org/x/tools/go/packages"

	"github.com/blockcheck/blockcheck/analyzer"
	"github.com/blockcheck/blockcheck/cmd/blockcheck/internal/sarif"
)

// The flags that take a value, beside the analyzer's: singlechecker's,
// and -baseline (adopt.go). wantFlag skips their values.
var driverValueFlags = map[string]bool{
	"c": true, "debug": true, "cpuprofile": true, "memprofile": true, "trace": true, "tags": true,
	"baseline": true,
}

// wantSARIF reports whether args ask for SARIF output. go vet never passes
// -sarif (the tool's -flags output does not list it), so the vet protocol
// (-V=full, -flags, a .cfg file) always reaches singlechecker.Main.
func wantSARIF(args []string) bool { return wantFlag(args, "sarif") }

// wantFlag reports whether flag name is set among the flags that start
// args: a boolean flag that is not false (-sarif, --sarif, -sarif=true; a
// bad value counts, to be reported by the mode's own flag parsing), or a
// flag with a value.
func wantFlag(args []string, name string) bool {
	for _, f := range leadingFlags(args) {
		if f.name == name {
			if !f.hasValue || isValueFlag(name) {
				return true
			}
			on, err := strconv.ParseBool(f.value)
			return on || err != nil
		}
	}
	return false
}

// argFlag is one flag of a command line: its name, and its value unless
// it is a bare boolean flag.
type argFlag struct {
	name, value string
	hasValue    bool
}

// leadingFlags returns the flags that start args, as package flag reads
// them: -name=value, -name value for a flag that takes one, -name, with
// one or two dashes, up to "--" or the first argument that is not a flag.
func leadingFlags(args []string) []argFlag {
	var flags []argFlag
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" || len(a) < 2 || a[0] != '-' {
			break
		}
		name, value, hasValue := strings.Cut(strings.TrimPrefix(a[1:], "-"), "=")
		if !hasValue && isValueFlag(name) && i+1 < len(args) {
			i++
			value, hasValue = args[i], true
		}
		flags = append(flags, argFlag{name, value, hasValue})
	}
	return flags
}

func isValueFlag(name string) bool {
	if driverValueFlags[name] {
		return true
	}
	f := analyzer.Analyzer.Flags.Lookup(name)
	if f == nil {
		return false
	}
	b, ok := f.Value.(interface{ IsBoolFlag() bool })
	return !ok || !b.IsBoolFlag()
}

const sarifUsage = `Usage: blockcheck -sarif [-srcroot dir] [-test=false] [analyzer flags] packages

Runs blockcheck on the packages and writes the findings to stdout as a
SARIF 2.1.0 log, for GitHub code scanning and other SARIF viewers.
Artifact URIs are relative to -srcroot (default: the main module's
directory) under the uriBaseId %SRCROOT%; columns are UTF-16 code units.

Exit status: 0 no findings, 3 findings, 1 errors (a package does not
build, bad flags). The log is written in every case, but after an error
it is incomplete: do not upload it (an upload with fewer results closes
the missing alerts). -sarif cannot be combined with -fix, -diff or -json.

Flags:
`

// runSARIF is main for -sarif: it runs the analyzer in-process (driver.go)
// and writes the root packages' diagnostics as SARIF to stdout. It returns
// the exit status.
func runSARIF(args []string, stdout, stderr io.Writer) int {
	var srcroot *string
	fs, tests, code, ok := parseFlags(args, sarifUsage, stderr, func(fs *flag.FlagSet) {
		fs.Bool("sarif", false, "write the findings to stdout as SARIF 2.1.0")
		srcroot = fs.String("srcroot", "", "directory that artifact URIs are relative to (default: the main module's directory)")
	})
	if !ok {
		return code
	}
	fail := func(err error) int {
		fmt.Fprintf(stderr, "blockcheck: %v\n", err)
		return 1
	}

	res, err := analyze(fs.Args(), tests, stderr)
	if err != nil {
		return fail(err)
	}
	root, err := sourceRoot(*srcroot, res.Pkgs)
	if err != nil {
		return fail(err)
	}
	b := sarif.NewBuilder(sarif.Options{Root: root, ToolVersion: version()})
	for _, e := range res.Errs {
		b.Error(e)
	}
	for _, d := range res.Diags {
		b.Add(d.Fset, d.Diagnostic)
	}

	log := b.Log()
	if err := sarif.Write(stdout, log); err != nil {
		return fail(err)
	}
	switch {
	case !log.Runs[0].Invocations[0].ExecutionSuccessful:
		return 1
	case b.Len() > 0:
		return 3
	}
	return 0
}

// sourceRoot returns the absolute directory that artifact URIs are
// relative to: flagValue if set, else the main module's directory, else
// the working directory.
func sourceRoot(flagValue string, pkgs []*packages.Package) (string, error) {
	if flagValue != "" {
		return filepath.Abs(flagValue)
	}
	for _, p := range pkgs {
		if p.Module != nil && p.Module.Main && p.Module.Dir != "" {
			return p.Module.Dir, nil
		}
	}
	return os.Getwd()
}

// version is the main module's version: v1.2.3 when installed with
// go install ...@v1.2.3 or pinned with go get -tool, "(devel)" when built
// from a checkout.
func version() string {
	if bi, ok := debug.ReadBuildInfo(); ok {
		return bi.Main.Version
	}
	return ""
}
