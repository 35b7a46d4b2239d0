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
//	blockcheck -baseline=FILE ./...  record the findings in FILE, or report only new ones
//	blockcheck -summary ./...        the operations behind the findings, most reached first
//
// As a go vet tool:
//
//	go vet -vettool=$(which blockcheck) ./...
package main

import (
	"os"

	"golang.org/x/tools/go/analysis/singlechecker"

	"github.com/blockcheck/blockcheck/analyzer"
)

func main() {
	// singlechecker cannot write SARIF, baselines or summaries: in those
	// modes, run the analyzer here (driver.go). Everything else, including the go vet protocol,
	// is singlechecker's.
	if wantSARIF(os.Args[1:]) {
		os.Exit(runSARIF(os.Args[1:], os.Stdout, os.Stderr))
	}
	if wantAdopt(os.Args[1:]) { // adopt.go
		os.Exit(runAdopt(os.Args[1:], os.Stdout, os.Stderr))
	}
	singlechecker.Main(analyzer.Analyzer)
}
