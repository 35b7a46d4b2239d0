package analyzer

import (
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/blockcheck/blockcheck/analyzer/internal/treetest"
)

// A load is one analysis of testdata packages by a fresh analyzer with the
// default configuration. Tests that check different things about the same
// packages (their // want comments, the metadata and Related positions of
// their findings, the soundness of their fixes) share it instead of
// analysing the packages again: see loaded.
type load struct {
	once    sync.Once
	results []*analysistest.Result
	errs    []string // what analysistest reported: // want mismatches
}

var loads sync.Map // strings.Join(patterns, " ") → *load

// loaded returns the load of patterns, analysing them on first use.
func loaded(patterns ...string) *load {
	v, _ := loads.LoadOrStore(strings.Join(patterns, " "), new(load))
	ld := v.(*load)
	ld.once.Do(func() {
		rec := new(treetest.Recorder)
		ld.results = treetest.Run(rec, analysistest.TestData(), newAnalyzer(), patterns...)
		ld.errs = rec.Errs
	})
	return ld
}

// want reports to t what treetest.Run(t, …) would have: the // want
// mismatches of the load, those in files under dir only when dir is not
// "" (a package of a load of several), and every error that is not about a
// file (a package that does not load).
func (ld *load) want(t *testing.T, dir string) {
	t.Helper()
	for _, e := range ld.errs {
		e := filepath.ToSlash(e)
		if dir == "" || !strings.Contains(e, ".go:") || strings.Contains(e, "/"+dir+"/") || strings.HasPrefix(e, dir+"/") {
			t.Error(e)
		}
	}
}

// loadedResults returns the results of the loads of each list of patterns.
func loadedResults(lists ...[]string) []*analysistest.Result {
	var out []*analysistest.Result
	for _, patterns := range lists {
		out = append(out, loaded(patterns...).results...)
	}
	return out
}
