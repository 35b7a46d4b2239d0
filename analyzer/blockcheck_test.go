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
		{"crosspkg", []string{"crosspkg/...", "github.com/acme/backoff"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			analysistest.Run(t, analysistest.TestData(), newAnalyzer(), tt.patterns...)
		})
	}
}
