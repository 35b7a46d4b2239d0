package report

import (
	"fmt"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/analysis"
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

// called is what step i of c calls, as a Related line at that step says
// it: the next step's function. Where the chain was cut before its last
// step (summary.MaxSteps), the step calls a function not kept, and the
// line says how many are not shown rather than naming the last one as the
// callee.
func (c Chain) called(i int) string {
	next := c.Steps[i+1].Name
	if i+2 == len(c.Steps) && c.Hidden > 0 {
		return fmt.Sprintf("… → %s (%d functions not shown)", next, c.Hidden)
	}
	return next
}
