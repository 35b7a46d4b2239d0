package rules

import (
	"fmt"
	"strings"

	"github.com/blockcheck/blockcheck/analyzer/eventloop"
)

// callbackTable lists, on the eventloop page, the callbacks of each
// framework that run on a loop goroutine, from package eventloop's tables,
// and each framework's advice.
//
//	| gnet v2.9.7 | `OnOpen`, `OnTraffic`, `OnClose` of a type that implements `gnet.EventHandler` | stalls … |
//	| nbio v1.6.8 | the function passed to `(*nbio.Engine).OnData` | stalls … |
func callbackTable(b *strings.Builder) {
	b.WriteString("| Framework (tested version) | Callback | Blocking there |\n|---|---|---|\n")
	for _, ev := range eventloop.Events() {
		fw := framework(ev.Framework)
		if fw == nil {
			continue
		}
		var what string
		if ev.Interface != "" {
			methods := make([]string, len(ev.Methods))
			for i, m := range ev.Methods {
				methods[i] = "`" + m + "`"
			}
			what = fmt.Sprintf("%s of a type that implements `%s.%s`",
				strings.Join(methods, ", "), lastElem(fw.Path), ev.Interface)
		} else {
			// Each registering function has one parameter of function
			// type: "the function passed to" names it.
			what = "the function passed to `" + strings.ReplaceAll(ev.Register, fw.Path, lastElem(fw.Path)) + "`"
		}
		fmt.Fprintf(b, "| %s %s | %s | %s |\n", fw.Name, fw.Tested, cell(what), cell(ev.Stalls))
	}
	b.WriteString("\nWhat each finding advises:\n\n")
	for _, fw := range eventloop.Frameworks() {
		fmt.Fprintf(b, "- **%s** (`%s`): %s.\n", fw.Name, fw.Path, fw.Advice)
	}
	b.WriteString("\n")
}

func framework(name string) *eventloop.Framework {
	fws := eventloop.Frameworks()
	for i := range fws {
		if fws[i].Name == name {
			return &fws[i]
		}
	}
	return nil
}

// lastElem returns the package name a path is imported as: "gnet" for
// "github.com/panjf2000/gnet/v2".
func lastElem(path string) string {
	elems := strings.Split(path, "/")
	last := elems[len(elems)-1]
	if len(elems) > 1 && len(last) > 1 && last[0] == 'v' && strings.Trim(last[1:], "0123456789") == "" {
		last = elems[len(elems)-2]
	}
	return last
}
