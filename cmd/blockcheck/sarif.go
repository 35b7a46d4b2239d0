package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
	"strconv"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"

	"github.com/blockcheck/blockcheck/analyzer"
	"github.com/blockcheck/blockcheck/cmd/blockcheck/internal/sarif"
)

// singlechecker's flags that take a value; wantSARIF skips their values.
var driverValueFlags = map[string]bool{
	"c": true, "debug": true, "cpuprofile": true, "memprofile": true, "trace": true, "tags": true,
}

// wantSARIF reports whether args ask for SARIF output: a -sarif (or
// --sarif, -sarif=true) flag among the flags, which end at the first
// argument that is not a flag, as in package flag. go vet never passes
// -sarif (the tool's -flags output does not list it), so the vet protocol
// (-V=full, -flags, a .cfg file) always reaches singlechecker.Main.
func wantSARIF(args []string) bool {
	for _, f := range leadingFlags(args) {
		if f.name == "sarif" {
			if !f.hasValue {
				return true
			}
			on, err := strconv.ParseBool(f.value)
			return on || err != nil // a bad value is reported by runSARIF
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

// runSARIF is main for -sarif: it loads the packages with go/packages,
// runs the analyzer with checker.Analyze, and writes the root packages'
// diagnostics as SARIF to stdout. It returns the exit status.
func runSARIF(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("blockcheck", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Bool("sarif", false, "write the findings to stdout as SARIF 2.1.0")
	srcroot := fs.String("srcroot", "", "directory that artifact URIs are relative to (default: the main module's directory)")
	tests := fs.Bool("test", true, "analyze test files too")
	analyzer.Analyzer.Flags.VisitAll(func(f *flag.Flag) { fs.Var(f.Value, f.Name, f.Usage) })
	fs.Usage = func() {
		fmt.Fprint(stderr, sarifUsage)
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 1
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return 1
	}
	fail := func(err error) int {
		fmt.Fprintf(stderr, "blockcheck: %v\n", err)
		return 1
	}

	cfg := &packages.Config{Mode: packages.LoadAllSyntax | packages.NeedModule, Tests: *tests}
	pkgs, err := packages.Load(cfg, fs.Args()...)
	if err != nil {
		return fail(err)
	}
	if len(pkgs) == 0 {
		return fail(fmt.Errorf("%s matched no packages", strings.Join(fs.Args(), " ")))
	}

	root, err := sourceRoot(*srcroot, pkgs)
	if err != nil {
		return fail(err)
	}
	b := sarif.NewBuilder(sarif.Options{Root: root, ToolVersion: version()})

	// Errors in the packages: printed as by the other modes, and recorded
	// in the log. The analyzer does not run on a package with errors.
	packages.Visit(pkgs, nil, func(p *packages.Package) {
		for _, e := range p.Errors {
			fmt.Fprintln(stderr, e)
			b.Error(e.Error())
		}
	})

	graph, err := checker.Analyze([]*analysis.Analyzer{analyzer.Analyzer}, pkgs, nil)
	if err != nil {
		return fail(err)
	}
	for act := range graph.All() {
		switch {
		case act.Err != nil:
			fmt.Fprintf(stderr, "blockcheck: %s: %v\n", act.Package.PkgPath, act.Err)
			b.Error(fmt.Sprintf("%s: %v", act.Package.PkgPath, act.Err))
		case act.IsRoot:
			for _, d := range act.Diagnostics {
				b.Add(act.Package.Fset, d)
			}
		}
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
