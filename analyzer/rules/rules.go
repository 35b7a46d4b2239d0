// Package rules holds the metadata of every blockcheck rule: its stable ID,
// title, family and documentation. It is the one source for the messages'
// rule IDs, Diagnostic.URL, and the pages under docs/rules, which
// `go generate` writes from this table (a test fails when they are stale).
//
// Rule IDs are part of blockcheck's interface: users write them in
// //blockcheck:ignore directives and in configuration. Never rename one.
package rules

import (
	"slices"

	"github.com/blockcheck/blockcheck/analyzer/catalog"
)

// The rule IDs.
const (
	Sleep     = "sleep"
	HTTPNoCtx = "httpnoctx"
	SQLNoCtx  = "sqlnoctx"
	ExecNoCtx = "execnoctx"
	DialNoCtx = "dialnoctx"
	ChanWait  = "chanwait"
	LockHeld  = "lockheld"
	EventLoop = "eventloop"
	Directive = "directive"

	ClientTimeout  = "clienttimeout"
	UnboundedLoop  = "unboundedloop"
	UnboundedAlloc = "unboundedalloc"
	InfiniteLoop   = "infiniteloop"
	BodyRead       = "bodyread"
)

// Families group rules by the harm they describe.
const (
	Cancellation  = "cancellation"
	Serialization = "serialization"
	EventLoops    = "eventloop"
	Meta          = "meta"
	Unbounded     = "unbounded"
)

// DocsBase is where the rule pages are published; a rule's page is
// DocsBase + ID + ".md", and the index DocsBase + "README.md" has an
// anchor per rule ID (analysis drivers link Analyzer.URL + "#" + Category).
const DocsBase = "https://github.com/blockcheck/blockcheck/blob/main/docs/rules/"

// Rule describes one rule.
type Rule struct {
	ID     string
	Title  string // a noun phrase, used as the page title and SARIF short description
	Family string
	// Default reports whether the rule is enabled without configuration.
	Default bool
	Since   string
	// Summary is one sentence: what is reported.
	Summary string
	// Reports details what is reported (Markdown). The page adds the
	// catalogued calls of the rule's kind, from package catalog.
	Reports string
	// Why explains the harm in Go terms (Markdown).
	Why string
	// Bad and Good are short Go examples: declarations that compile with
	// the standard library imports they use (a test checks that, and that
	// the analyzer reports Bad and not Good).
	Bad, Good string
	// Fix describes the suggested fix, or why there is none (Markdown).
	Fix string
	// NotReported says what the rule deliberately leaves alone (Markdown).
	NotReported string
	// Kinds are the catalogue kinds whose operations the rule reports when
	// a request handler reaches them.
	Kinds []catalog.Kind
	// Says is what the rule's messages say about them.
	Says Says
}

// Says are the fragments a rule's messages use about the operations of its
// kinds, so that a kind is described in one place.
type Says struct {
	// WhileRuns is what goes on while a lock is held across the
	// operation: "the query runs".
	WhileRuns string
	// Here is how to wait instead, in the handler, for an operation with
	// no context-aware variant: "wait in a select that also has a case
	// for {done}"; There is what to pass the context down to when the
	// operation is in a function the handler calls: "a select on {done}".
	// {done} stands for the context's Done call.
	Here, There string
}

// URL returns the documentation page of the rule.
func (r *Rule) URL() string { return DocsBase + r.ID + ".md" }

// All returns the rules, in documentation order: a copy of the table, which
// is not changed from outside.
func All() []Rule { return slices.Clone(all) }

// ByID returns the rule with the given ID, or nil.
func ByID(id string) *Rule {
	for i := range all {
		if all[i].ID == id {
			return &all[i]
		}
	}
	return nil
}

// ForKind returns the ID of the rule whose Kinds has k: the rule that
// reports an operation of kind k reached from a request handler, or ""
// when reaching it from a handler is not a problem in itself (file I/O in
// a net/http handler is normal Go, and so is a context-aware query). The
// Serial kind is a lock held across a blocking operation: the lockheld
// rule.
func ForKind(k catalog.Kind) string {
	if r := ofKind(k); r != nil {
		return r.ID
	}
	return ""
}

func ofKind(k catalog.Kind) *Rule {
	for i := range all {
		if slices.Contains(all[i].Kinds, k) {
			return &all[i]
		}
	}
	return nil
}

// kindless are the message fragments of the kinds no rule reports on their
// own: file I/O is normal in a handler, and named only when a lock is held
// across it or an event loop waits for it.
var kindless = []struct {
	kind catalog.Kind
	says Says
}{
	{catalog.File, Says{WhileRuns: "the file I/O runs"}},
}

// SaysOf returns what messages say about operations of kind k.
func SaysOf(k catalog.Kind) Says {
	if r := ofKind(k); r != nil {
		return r.Says
	}
	for _, row := range kindless {
		if row.kind == k {
			return row.says
		}
	}
	return Says{}
}
