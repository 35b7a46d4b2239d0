// Package poll is a library whose Forever never returns: its fact tells
// the handlers of other packages.
package poll

import (
	"fmt"
	"io"
)

// Forever writes a heartbeat until the process exits.
func Forever(w io.Writer) { // want Forever:`blocks\(endless: for loop with no exit via Forever\)`
	for {
		fmt.Fprintln(w, "beat")
	}
}

// Until writes heartbeats until stop is closed.
func Until(w io.Writer, stop <-chan struct{}) {
	for {
		select {
		case <-stop:
			return
		default:
			fmt.Fprintln(w, "beat")
		}
	}
}
