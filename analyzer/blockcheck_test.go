package analyzer

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"
)

// TestScenarios runs the analyzer on the scenario packages under
// testdata/src; each one states its diagnostics and facts in // want
// comments.
func TestScenarios(t *testing.T) {
	tests := []struct {
		name     string
		patterns []string
	}{
		{"sleep", []string{"sleep"}},
		{"httpnoctx", []string{"httpnoctx"}},
		{"sqlnoctx", []string{"sqlnoctx"}},
		{"execnoctx", []string{"execnoctx"}},
		{"dialnoctx", []string{"dialnoctx"}},
		{"chanwait", []string{"chanwait"}},
		{"nethttp", []string{"nethttp"}},
		{"negatives", []string{"negatives"}},
		{"suppress", []string{"suppress"}},
		{"crosspkg", []string{"crosspkg/...", "github.com/acme/backoff"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			analysistest.Run(t, analysistest.TestData(), newAnalyzer(), tt.patterns...)
		})
	}
}

// TestDisable turns chanwait off: its findings disappear, the other rules
// still report, and summaries (facts) are unchanged.
func TestDisable(t *testing.T) {
	a := newAnalyzer()
	if err := a.Flags.Set("disable", "chanwait"); err != nil {
		t.Fatal(err)
	}
	analysistest.Run(t, analysistest.TestData(), a, "disable")
}

// TestSuggestedFixes applies every suggested fix of the fixes scenario and
// compares the result with the .golden file beside each input.
func TestSuggestedFixes(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, analysistest.TestData(), newAnalyzer(), "fixes")
}
