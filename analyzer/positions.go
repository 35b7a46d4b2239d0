package analyzer

import (
	"fmt"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/analysis"

	"github.com/blockcheck/blockcheck/analyzer/summary"
)

// declPos is where a Related line says obj is declared. An object of
// another package comes from source when blockcheck runs standalone, but
// from export data under go vet, which keeps its line and not its column;
// the start of its line is the same in both, so every driver prints the
// same finding. Objects of the package itself keep their exact position.
func declPos(pass *analysis.Pass, obj types.Object) token.Pos {
	pos := obj.Pos()
	if obj.Pkg() == pass.Pkg {
		return pos
	}
	tf := pass.Fset.File(pos)
	if tf == nil {
		return pos
	}
	return tf.LineStart(tf.PositionFor(pos, false).Line)
}

// calledName is what step i of reason's chain calls, as a Related line
// at that step says it: the next step's function, or last after the final
// step. Where the chain was cut before its last step (summary.MaxSteps),
// the step calls a function not kept, and the line says how many are not
// shown rather than naming the last one as the callee.
func calledName(reason summary.Reason, i int, pkg, last string) string {
	if i+1 >= len(reason.Steps) {
		return last
	}
	next := reason.Steps[i+1].Name(pkg)
	if hidden := reason.Depth - len(reason.Steps); i+2 == len(reason.Steps) && hidden > 0 {
		return fmt.Sprintf("… → %s (%d functions not shown)", next, hidden)
	}
	return next
}
