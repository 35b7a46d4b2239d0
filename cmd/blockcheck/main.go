// Command blockcheck reports code that makes request handlers slow, stuck
// or serialized.
//
// Standalone:
//
//	blockcheck ./...            report findings on stderr (exit 3 when there are any)
//	blockcheck -fix ./...       apply the suggested fixes, printing nothing
//	blockcheck -fix -diff ./... print the fixes as a diff instead of applying them
//	blockcheck -json ./...      findings as JSON on stdout (exit 0 with or without
//	                            findings, 1 when a package does not load or type-check)
//	blockcheck -sarif ./...     findings as SARIF 2.1.0 on stdout, for code scanning
//	                            (exit 3 when there are findings, 1 on errors)
//	blockcheck -baseline=FILE ./... record the findings in FILE, or report only new ones
//	blockcheck -summary ./...   the operations behind the findings, most reached first
//
// In the editor, as a language server (docs/editors.md):
//
//	blockcheck lsp                 beside gopls
//	blockcheck lsp -gopls=PATH     in front of gopls, as the editor's gopls
//
// As a go vet tool:
//
//	go vet -vettool=$(which blockcheck) ./...
//
// Every mode exits 1 on errors, and 2 with one line on a bad flag value.
package main

import (
	"flag"
	"fmt"
	"os"
	"strings"

	"golang.org/x/tools/go/analysis/singlechecker"

	"github.com/blockcheck/blockcheck/analyzer"
	"github.com/blockcheck/blockcheck/cmd/blockcheck/internal/lsp"
)

func main() {
	// go vet never passes "lsp" as the first argument (it passes flags
	// and a .cfg file), so the language server cannot shadow the vet
	// protocol.
	if len(os.Args) > 1 && os.Args[1] == "lsp" {
		os.Exit(lsp.Main(os.Args[2:], os.Stdin, os.Stdout, os.Stderr))
	}
	args := os.Args[1:]
	// A bad flag value is one line, not the error and the whole help,
	// which go vet would print for every package.
	if err := checkFlagValues(args); err != nil {
		fmt.Fprintf(os.Stderr, "blockcheck: %v\n", err)
		os.Exit(2)
	}
	// singlechecker cannot write SARIF, baselines or summaries: in those
	// modes, run the analyzer here (driver.go). Everything else, including
	// the go vet protocol, is singlechecker's.
	if wantSARIF(args) {
		os.Exit(runSARIF(args, os.Stdout, os.Stderr))
	}
	if !vetProtocol(args) {
		// Listed in -help; handled above. Not offered to go vet (its
		// -flags output), which could not use it.
		flag.Bool("sarif", false, "write the findings to stdout as SARIF 2.1.0, for code scanning (blockcheck -sarif -help)")
	}
	if wantAdopt(args) { // adopt.go
		os.Exit(runAdopt(args, os.Stdout, os.Stderr))
	}
	singlechecker.Main(analyzer.Analyzer)
}

// checkFlagValues sets the analyzer flags of args on a fresh analyzer
// and returns the first value that is refused.
func checkFlagValues(args []string) error {
	fresh := analyzer.New()
	for _, f := range leadingFlags(args) {
		fl := fresh.Flags.Lookup(f.name)
		if fl == nil || !f.hasValue {
			continue
		}
		if err := fl.Value.Set(f.value); err != nil {
			return fmt.Errorf("invalid value %q for flag -%s: %w", f.value, f.name, err)
		}
	}
	return nil
}

// vetProtocol reports whether go vet is calling: to learn the tool's
// flags or version, or to analyze one package described by a .cfg file.
func vetProtocol(args []string) bool {
	if len(args) == 1 && (args[0] == "-flags" || strings.HasPrefix(args[0], "-V")) {
		return true
	}
	return len(args) > 0 && strings.HasSuffix(args[len(args)-1], ".cfg")
}
