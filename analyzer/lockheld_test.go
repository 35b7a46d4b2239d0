package analyzer

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"
)

// TestLockHeld runs the lockheld scenario: handlers that hold, or reach
// functions that hold, a lock shared by every request across a blocking
// operation, in the same package and across packages; and the ones that
// must stay silent.
func TestLockHeld(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), newAnalyzer(), "lockheld/...")
}
