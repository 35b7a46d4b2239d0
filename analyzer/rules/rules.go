// Package rules holds the metadata of every blockcheck rule: its stable ID,
// title, family and documentation. It is the one source for the messages'
// rule IDs, Diagnostic.URL, and the pages under docs/rules, which
// `go generate` writes from this table (a test fails when they are stale).
//
// Rule IDs are part of blockcheck's interface: users write them in
// //blockcheck:ignore directives and in configuration. Never rename one.
package rules

import "github.com/blockcheck/blockcheck/analyzer/catalog"

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
}

// URL returns the documentation page of the rule.
func (r *Rule) URL() string { return DocsBase + r.ID + ".md" }

// ByID returns the rule with the given ID, or nil.
func ByID(id string) *Rule {
	for i := range All {
		if All[i].ID == id {
			return &All[i]
		}
	}
	return nil
}

// ForKind returns the ID of the rule that reports an operation of kind k
// reached from a request handler, or "" when reaching it from a handler is
// not a problem in itself (file I/O in a net/http handler is normal Go, and
// so is a context-aware query). The Serial kind is a lock held across a
// blocking operation: the lockheld rule.
func ForKind(k catalog.Kind) string {
	switch k {
	case catalog.Sleep:
		return Sleep
	case catalog.HTTP:
		return HTTPNoCtx
	case catalog.SQL:
		return SQLNoCtx
	case catalog.Exec:
		return ExecNoCtx
	case catalog.Dial:
		return DialNoCtx
	case catalog.Wait:
		return ChanWait
	case catalog.Serial:
		return LockHeld
	case catalog.Endless:
		return InfiniteLoop
	case catalog.NoTimeout:
		return ClientTimeout
	}
	return ""
}
