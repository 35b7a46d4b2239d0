package analyzer

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/blockcheck/blockcheck/analyzer/internal/treetest"
)

// TestLibraries runs the services built on the catalogued third-party
// libraries (stubs with their real signatures under testdata/src): builder
// chains, contexts carried in arguments, root contexts, and the rows of
// the catalogue; the fixes against their .golden files.
func TestLibraries(t *testing.T) {
	treetest.RunWithSuggestedFixes(t, analysistest.TestData(), newAnalyzer(), "libraries/...")
}
