// Command blockcheck reports code that makes request handlers slow, stuck
// or serialized.
//
// Standalone:
//
//	blockcheck ./...          report findings (exit 3 when there are any)
//	blockcheck -fix ./...     apply the suggested fixes
//	blockcheck -diff ./...    show the fixes as a diff
//	blockcheck -json ./...    findings as JSON (always exit 0)
//
// As a go vet tool:
//
//	go vet -vettool=$(which blockcheck) ./...
package main

import (
	"golang.org/x/tools/go/analysis/singlechecker"

	"github.com/blockcheck/blockcheck/analyzer"
)

func main() { singlechecker.Main(analyzer.Analyzer) }
