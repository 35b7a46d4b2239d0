package main

import (
	"errors"
	"flag"
	"fmt"
	"go/token"
	"io"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"

	"github.com/blockcheck/blockcheck/analyzer"
)

// The modes singlechecker cannot serve (-sarif, -baseline, -summary) run
// the analyzer here, in-process, on packages loaded with go/packages.

// diagnostic is a diagnostic of a root package, with what it is about.
type diagnostic struct {
	analysis.Diagnostic
	Fset  *token.FileSet
	About analyzer.Finding
}

// analyzed is the outcome of one run of the analyzer.
type analyzed struct {
	Pkgs  []*packages.Package
	Diags []diagnostic
	// Errs are the errors in the packages and in the analysis, each also
	// printed to stderr as the other modes print them. The analyzer does
	// not run on a package with errors, so after one the findings are
	// incomplete.
	Errs []string
}

// analyze loads the packages that patterns name and runs the analyzer on
// them. It fails only when nothing could be loaded or analyzed.
func analyze(patterns []string, tests bool, stderr io.Writer) (*analyzed, error) {
	cfg := &packages.Config{Mode: packages.LoadAllSyntax | packages.NeedModule, Tests: tests}
	pkgs, err := packages.Load(cfg, patterns...)
	if err != nil {
		return nil, err
	}
	if len(pkgs) == 0 {
		return nil, fmt.Errorf("%s matched no packages", strings.Join(patterns, " "))
	}
	res := &analyzed{Pkgs: pkgs}
	packages.Visit(pkgs, nil, func(p *packages.Package) {
		for _, e := range p.Errors {
			fmt.Fprintln(stderr, e)
			res.Errs = append(res.Errs, e.Error())
		}
	})
	graph, err := checker.Analyze([]*analysis.Analyzer{analyzer.Analyzer}, pkgs, nil)
	if err != nil {
		return nil, err
	}
	for act := range graph.All() {
		switch {
		case act.Err != nil:
			fmt.Fprintf(stderr, "blockcheck: %s: %v\n", act.Package.PkgPath, act.Err)
			res.Errs = append(res.Errs, fmt.Sprintf("%s: %v", act.Package.PkgPath, act.Err))
		case act.IsRoot:
			// The analyzer's result has one Finding per diagnostic, in
			// the order it reported them; a diagnostic with none (an
			// internal error's, after a recovered panic) is described by
			// its position and category alone.
			about, _ := act.Result.([]analyzer.Finding)
			next := 0
			for _, d := range act.Diagnostics {
				f := analyzer.Finding{Pos: d.Pos, Rule: d.Category, Pkg: act.Package.PkgPath}
				if next < len(about) && about[next].Pos == d.Pos && about[next].Rule == d.Category {
					f = about[next]
					next++
				}
				res.Diags = append(res.Diags, diagnostic{Diagnostic: d, Fset: act.Package.Fset, About: f})
			}
		}
	}
	return res, nil
}

// parseFlags parses the arguments of a mode run here: the flags declare
// adds, -test, and the analyzer's flags, then the packages. ok is false
// when the mode must exit with code: 0 after -help, 1 after a bad flag or
// with no packages.
func parseFlags(args []string, usage string, stderr io.Writer, declare func(*flag.FlagSet)) (fs *flag.FlagSet, tests bool, code int, ok bool) {
	fs = flag.NewFlagSet("blockcheck", flag.ContinueOnError)
	fs.SetOutput(stderr)
	declare(fs)
	fs.BoolVar(&tests, "test", true, "analyze test files too")
	analyzer.Analyzer.Flags.VisitAll(func(f *flag.Flag) { fs.Var(f.Value, f.Name, f.Usage) })
	fs.Usage = func() {
		fmt.Fprint(stderr, usage)
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return fs, tests, 0, false
		}
		return fs, tests, 1, false
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return fs, tests, 1, false
	}
	return fs, tests, 0, true
}
