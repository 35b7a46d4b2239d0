// Command blockcheck reports code that makes request handlers slow, stuck
// or serialized.
//
// Standalone:
//
//	blockcheck ./...          report findings (exit 3 when there are any)
//	blockcheck -fix ./...     apply the suggested fixes
//	blockcheck -diff ./...    show the fixes as a diff
//	blockcheck -json ./...    findings as JSON (always exit 0)
//	blockcheck -sarif ./...   findings as SARIF 2.1.0 on stdout, for code scanning
//	                          (exit 3 when there are findings, 1 on errors)
//
// In the editor, as a language server (docs/editors.md):
//
//	blockcheck lsp                 beside gopls
//	blockcheck lsp -gopls=PATH     in front of gopls, as the editor's gopls
//
// As a go vet tool:
//
//	go vet -vettool=$(which blockcheck) ./...
package main

import (
	"os"

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
	// singlechecker cannot write SARIF: with -sarif, run the analyzer
	// here (sarif.go). Everything else, including the go vet protocol,
	// is singlechecker's.
	if wantSARIF(os.Args[1:]) {
		os.Exit(runSARIF(os.Args[1:], os.Stdout, os.Stderr))
	}
	singlechecker.Main(analyzer.Analyzer)
}
