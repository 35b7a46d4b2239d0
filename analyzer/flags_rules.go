package analyzer

import (
	"fmt"
	"slices"
	"strings"

	"github.com/blockcheck/blockcheck/analyzer/catalog"
	"github.com/blockcheck/blockcheck/analyzer/handlers"
	"github.com/blockcheck/blockcheck/analyzer/rules"
)

// funcKinds are the kinds a -funcs row may give: the operations that wait
// without a context, and file I/O. (Sleep and Wait rows get the advice to
// wait in a select instead, whatever their alternative.)
var funcKinds = []catalog.Kind{catalog.Sleep, catalog.HTTP, catalog.SQL, catalog.Exec, catalog.Dial, catalog.Wait, catalog.File}

// funcList is the -funcs flag: more blocking functions, as catalogue rows,
// in the manner of printf's -funcs. Each comma-separated row is
//
//	FUNC=KIND[:ALT]
//
// FUNC names the function as -handler-registrations does
// (pkg/path.Func, pkg/path.(*Type).Method or (*pkg/path.Type).Method);
// KIND is what it waits for, one of funcKinds, which decides the rule
// that reports it (sql: sqlnoctx, …); ALT, optional, is the context-aware
// alternative the message suggests. For example
//
//	-funcs='github.com/acme/db.(*Client).Fetch=sql:FetchContext,github.com/acme/rpc.Call=http'
//
// A row replaces a built-in row of the same function. Rows get no
// suggested fix: the alternative's signature is not known.
type funcList struct {
	text []string
	ops  []catalog.Op
}

func (l *funcList) String() string { return strings.Join(l.text, ",") }

func (l *funcList) Set(s string) error {
	l.text, l.ops = nil, nil
	for row := range strings.SplitSeq(s, ",") {
		row = strings.TrimSpace(row)
		if row == "" {
			continue
		}
		op, err := parseFunc(row)
		if err != nil {
			return err
		}
		l.ops = append(l.ops, op)
		l.text = append(l.text, row)
	}
	return nil
}

// parseFunc parses one -funcs row.
func parseFunc(row string) (catalog.Op, error) {
	name, spec, ok := strings.Cut(row, "=")
	if !ok {
		return catalog.Op{}, fmt.Errorf("func %q: want FUNC=KIND[:ALT], e.g. github.com/acme/db.(*Client).Fetch=sql:FetchContext", row)
	}
	full, ok := handlers.FuncName(strings.TrimSpace(name))
	if !ok {
		return catalog.Op{}, fmt.Errorf("func %q: want a function as pkg/path.Func, (*pkg/path.Type).Method or pkg/path.(*Type).Method", row)
	}
	kind, alt, _ := strings.Cut(spec, ":")
	k := catalog.Kind(strings.TrimSpace(kind))
	if !slices.Contains(funcKinds, k) {
		names := make([]string, len(funcKinds))
		for i, fk := range funcKinds {
			names[i] = string(fk)
		}
		return catalog.Op{}, fmt.Errorf("func %q: unknown kind %q, want one of %s", row, kind, strings.Join(names, ", "))
	}
	return catalog.Op{Func: full, Kind: k, Alt: strings.TrimSpace(alt)}, nil
}

// catalogue returns the built-in catalogue, extended by -funcs.
func (c *config) catalogue() *catalog.Catalog {
	if len(c.funcs.ops) == 0 {
		return catalog.Default()
	}
	return catalog.With(c.funcs.ops)
}

// enabled reports whether rule id is on: on by default (Rule.Default) or
// named by -enable, and not named by -disable, which wins.
func (c *config) enabled(id string) bool {
	if slices.Contains(c.disabled, id) {
		return false
	}
	return c.isDefault(id) || slices.Contains(c.enable, id)
}

// isDefault reports whether rule id is on without configuration.
func isDefault(id string) bool {
	r := rules.ByID(id)
	return r != nil && r.Default
}
