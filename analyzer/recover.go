package analyzer

import (
	"fmt"
	"go/token"
	"path"
	"path/filepath"
	"runtime/debug"
	"strings"

	"golang.org/x/tools/go/analysis"
)

// testPanicAt is set by cmd/blockcheck's tests at link time
// (-ldflags=-X=github.com/blockcheck/blockcheck/analyzer.testPanicAt=PKG)
// to make the analysis of package PKG panic at its first handler, so that
// recovery is tested through the built binary in every driver. It is empty
// in every other build.
var testPanicAt string

// internalCategory is the Category of an internal error's diagnostic; it
// is not a rule, and -disable cannot turn it off.
const internalCategory = "internal"

// runRecovering runs the analysis of one package and turns a panic into
// an error diagnostic for that package, at the handler being analysed
// (else the package clause), so that one bug in blockcheck does not take
// down the run: the other packages are still analysed and reported.
// Facts exported before the panic stay; the package's later facts are
// missing, which the diagnostic says.
func runRecovering(pass *analysis.Pass, cfg *config) (res any, err error) {
	var at token.Pos
	defer func() {
		p := recover()
		if p == nil {
			return
		}
		if !at.IsValid() && len(pass.Files) > 0 {
			at = pass.Files[0].Package
		}
		pass.Report(analysis.Diagnostic{
			Pos:      at,
			Category: internalCategory,
			Message: fmt.Sprintf("internal error in blockcheck, please report: %v (%s, analysing %s); "+
				"findings in this package and in callers of its functions may be missing",
				p, panicSite(debug.Stack()), pass.Pkg.Path()),
		})
		// The result must have the declared type; what the package
		// reported before the panic is not described (drivers fall back
		// to the diagnostic alone).
		res, err = []Finding(nil), nil
	}()
	return run(pass, cfg, &at)
}

// panicSite is the innermost frame of blockcheck's own code in a stack
// printed during a panic, as "analyzer.run (blockcheck.go:150)": the
// function and the file's base name, the same on every machine. It is ""
// when there is no such frame.
func panicSite(stack []byte) string {
	lines := strings.Split(string(stack), "\n")
	// Frames are pairs of lines, the function then "\tpath/file.go:line
	// +0x…". The deferred function that recovers comes first: skip it.
	for i := 0; i+1 < len(lines); i++ {
		fn, ok := strings.CutPrefix(lines[i], "github.com/blockcheck/blockcheck/")
		if !ok || strings.Contains(fn, "runRecovering") {
			continue
		}
		if j := strings.LastIndexByte(fn, '('); j > 0 {
			fn = fn[:j] // the arguments
		}
		file, _, _ := strings.Cut(strings.TrimSpace(lines[i+1]), " +")
		return fmt.Sprintf("%s (%s)", path.Base(fn), filepath.Base(file))
	}
	return ""
}
