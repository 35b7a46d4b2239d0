package main

import (
	"cmp"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"maps"
	"os"
	"slices"
	"strings"

	"github.com/blockcheck/blockcheck/analyzer"
	"github.com/blockcheck/blockcheck/analyzer/rules"
)

// The modes for adopting blockcheck on a codebase that already has many
// findings (docs/adopting.md): -baseline records today's findings and
// later runs report only new ones; -summary groups the findings by the
// operation behind them, so the few functions that most handlers reach
// can be fixed first.

const adoptUsage = `Usage: blockcheck [-baseline=FILE] [-summary] [-json] [-test=false] [analyzer flags] packages

-baseline=FILE: when FILE does not exist, write the current findings to it
and report none; when it does, report only the findings not in it. A
finding is known by its rule, package, handler, operation and call chain,
not by its line, so edits elsewhere do not bring baselined findings back.
To shrink the baseline after fixing some, delete FILE and run again.

-summary: print, per rule, the distinct operations behind the findings
and the handlers that reach each, the most reached first; with -json, as
JSON. With -baseline, of the findings not in the baseline (of all of them
when the baseline is written).

Exit status: 0 nothing to report (or -json), 3 findings, 1 errors (a
package does not build, bad flags; no baseline is written then).

Flags:
`

// wantAdopt reports whether args ask for -baseline or -summary.
func wantAdopt(args []string) bool { return wantFlag(args, "baseline") || wantFlag(args, "summary") }

// runAdopt is main for -baseline and -summary. It returns the exit status.
func runAdopt(args []string, stdout, stderr io.Writer) int {
	var (
		baseline      *string
		summary, asJS *bool
	)
	fs, tests, code, ok := parseFlags(args, adoptUsage, stderr, func(fs *flag.FlagSet) {
		baseline = fs.String("baseline", "", "file of known findings: written when missing, else only findings not in it are reported")
		summary = fs.Bool("summary", false, "print the operations behind the findings and how many handlers reach each")
		asJS = fs.Bool("json", false, "with -summary, write the summary as JSON")
	})
	if !ok {
		return code
	}
	if *asJS && !*summary {
		fs.Usage()
		return 1
	}
	fail := func(err error) int {
		fmt.Fprintf(stderr, "blockcheck: %v\n", err)
		return 1
	}

	res, err := analyze(fs.Args(), tests, stderr)
	if err != nil {
		return fail(err)
	}
	if len(res.Errs) > 0 {
		// The analyzer skipped the packages with errors: a baseline
		// written now would miss their findings, and a filtered report
		// would look clean.
		return fail(errors.New("errors in the packages: nothing written or reported"))
	}
	report := res.Diags
	if *baseline != "" {
		known, err := readBaseline(*baseline)
		switch {
		case errors.Is(err, os.ErrNotExist):
			if err := writeBaseline(*baseline, res.Diags); err != nil {
				return fail(err)
			}
			fmt.Fprintf(stderr, "blockcheck: wrote %d findings to %s; later runs report only findings not in it\n",
				len(res.Diags), *baseline)
			if !*summary {
				return 0
			}
			// The summary of what was written, to plan with; nothing is
			// new, so the run passes.
			if err := writeSummary(stdout, summarize(res.Diags), *asJS); err != nil {
				return fail(err)
			}
			return 0
		case err != nil:
			return fail(err)
		default:
			var gone int
			report, gone = known.filter(res.Diags)
			if gone > 0 {
				fmt.Fprintf(stderr, "blockcheck: %d findings in %s are gone; delete it and run again to drop them\n", gone, *baseline)
			}
		}
	}

	if *summary {
		if err := writeSummary(stdout, summarize(report), *asJS); err != nil {
			return fail(err)
		}
		if *asJS {
			return 0 // as -json: gate on the JSON
		}
	} else {
		// As singlechecker prints them: the related positions indented.
		for _, d := range report {
			fmt.Fprintf(stderr, "%s: %s\n", d.Fset.Position(d.Pos), d.Message)
			for _, rel := range d.Related {
				fmt.Fprintf(stderr, "%s: \t%s\n", d.Fset.Position(rel.Pos), rel.Message)
			}
		}
	}
	if len(report) > 0 {
		return 3
	}
	return 0
}

// A baseline entry: a finding's identity, and how many findings have it
// (a handler may reach the same operation the same way twice).
type baselineEntry struct {
	Rule      string   `json:"rule"`
	Package   string   `json:"package"`
	Handler   string   `json:"handler,omitempty"`
	Operation string   `json:"operation,omitempty"`
	Chain     []string `json:"chain,omitempty"`
	Count     int      `json:"count"`
}

// baselineFile is the file -baseline writes. Version changes only if the
// key does.
type baselineFile struct {
	Version  int             `json:"blockcheck_baseline"`
	Findings []baselineEntry `json:"findings"`
}

const baselineVersion = 1

// baselineKey is the identity of a finding: no position, no message.
func baselineKey(f analyzer.Finding) string {
	return strings.Join([]string{f.Rule, f.Pkg, f.Handler, f.Op, strings.Join(f.Chain, " → ")}, "\x00")
}

func writeBaseline(name string, diags []diagnostic) error {
	byKey := map[string]*baselineEntry{}
	for _, d := range diags {
		k := baselineKey(d.About)
		if e := byKey[k]; e != nil {
			e.Count++
			continue
		}
		a := d.About
		byKey[k] = &baselineEntry{Rule: a.Rule, Package: a.Pkg, Handler: a.Handler, Operation: a.Op, Chain: a.Chain, Count: 1}
	}
	f := baselineFile{Version: baselineVersion, Findings: []baselineEntry{}}
	for _, e := range byKey {
		f.Findings = append(f.Findings, *e)
	}
	slices.SortFunc(f.Findings, func(a, b baselineEntry) int {
		return cmp.Or(cmp.Compare(a.Rule, b.Rule), cmp.Compare(a.Package, b.Package), cmp.Compare(a.Handler, b.Handler),
			cmp.Compare(a.Operation, b.Operation), slices.Compare(a.Chain, b.Chain))
	})
	data, err := json.MarshalIndent(f, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(name, append(data, '\n'), 0o644) //nolint:gosec // G306: the baseline is committed and read like source
}

// baselineCounts is a read baseline: how many findings of each key are
// known.
type baselineCounts map[string]int

func readBaseline(name string) (baselineCounts, error) {
	data, err := os.ReadFile(name)
	if err != nil {
		return nil, err
	}
	var f baselineFile
	if err := json.Unmarshal(data, &f); err != nil {
		return nil, fmt.Errorf("baseline %s: %w", name, err)
	}
	if f.Version != baselineVersion {
		return nil, fmt.Errorf("baseline %s: version %d, want %d (delete it and run again)", name, f.Version, baselineVersion)
	}
	counts := baselineCounts{}
	for _, e := range f.Findings {
		counts[baselineKey(analyzer.Finding{Rule: e.Rule, Pkg: e.Package, Handler: e.Handler, Op: e.Operation, Chain: e.Chain})] += e.Count
	}
	return counts, nil
}

// filter returns the diagnostics the baseline does not know, and how many
// known findings no longer occur.
func (known baselineCounts) filter(diags []diagnostic) (fresh []diagnostic, gone int) {
	left := maps.Clone(known)
	for _, d := range diags {
		k := baselineKey(d.About)
		if left[k] > 0 {
			left[k]--
			continue
		}
		fresh = append(fresh, d)
	}
	for _, n := range left {
		gone += n
	}
	return fresh, gone
}

// The summary: per rule, the operations behind its findings.
type planRule struct {
	Rule       string   `json:"rule"`
	Title      string   `json:"title"`
	Findings   int      `json:"findings"`
	Operations []planOp `json:"operations"`
}

// planOp is one operation and the handlers that reach it: fixing it in
// Func fixes the findings of all of them.
type planOp struct {
	// Func is the function that does Operation, qualified by its package
	// path: the last function of the chain, or the handler itself.
	Func      string   `json:"function"`
	Operation string   `json:"operation"`
	Handlers  []string `json:"handlers"` // package-qualified, sorted
	Findings  int      `json:"findings"`
}

func summarize(diags []diagnostic) []planRule {
	type opKey struct{ rule, fn, op string }
	ops := map[opKey]*planOp{}
	for _, d := range diags {
		a := d.About
		handler := qualifiedName(a.Pkg, a.Handler)
		fn := handler
		if len(a.Chain) > 0 {
			fn = a.Chain[len(a.Chain)-1]
		}
		k := opKey{a.Rule, fn, a.Op}
		p := ops[k]
		if p == nil {
			p = &planOp{Func: fn, Operation: a.Op}
			ops[k] = p
		}
		p.Findings++
		if !slices.Contains(p.Handlers, handler) {
			p.Handlers = append(p.Handlers, handler)
		}
	}
	byRule := map[string]*planRule{}
	for k, p := range ops {
		slices.Sort(p.Handlers)
		r := byRule[k.rule]
		if r == nil {
			r = &planRule{Rule: k.rule}
			if rl := rules.ByID(k.rule); rl != nil {
				r.Title = rl.Title
			}
			byRule[k.rule] = r
		}
		r.Findings += p.Findings
		r.Operations = append(r.Operations, *p)
	}
	plan := []planRule{}
	for _, r := range byRule {
		slices.SortFunc(r.Operations, func(a, b planOp) int {
			return cmp.Or(-cmp.Compare(len(a.Handlers), len(b.Handlers)), -cmp.Compare(a.Findings, b.Findings),
				cmp.Compare(a.Func, b.Func), cmp.Compare(a.Operation, b.Operation))
		})
		plan = append(plan, *r)
	}
	slices.SortFunc(plan, func(a, b planRule) int {
		return cmp.Or(-cmp.Compare(a.Findings, b.Findings), cmp.Compare(a.Rule, b.Rule))
	})
	return plan
}

// writeSummary writes the plan as JSON or as text.
func writeSummary(w io.Writer, plan []planRule, asJSON bool) error {
	if !asJSON {
		writePlan(w, plan)
		return nil
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(plan)
}

// writePlan prints the summary:
//
//	sqlnoctx — database call without the request's context: 3 findings
//	  store.Store.GetUser: (*database/sql.DB).QueryRow — 1 handler (api.Server.getUser)
func writePlan(w io.Writer, plan []planRule) {
	for i, r := range plan {
		if i > 0 {
			fmt.Fprintln(w)
		}
		fmt.Fprintf(w, "%s — %s: %s\n", r.Rule, r.Title, plural(r.Findings, "finding"))
		for _, op := range r.Operations {
			names := make([]string, len(op.Handlers))
			for i, h := range op.Handlers {
				names[i] = shortName(h)
			}
			fmt.Fprintf(w, "  %s: %s — %s (%s)\n", shortName(op.Func), op.Operation,
				plural(len(op.Handlers), "handler"), strings.Join(names, ", "))
		}
	}
}

func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// qualifiedName is name qualified by pkgPath, as the Chain of a Finding.
func qualifiedName(pkgPath, name string) string {
	if pkgPath == "" {
		return name
	}
	return pkgPath + "." + name
}

// shortName drops the package path up to its last element:
// "example.com/shop/internal/store.Store.GetUser" → "store.Store.GetUser".
func shortName(qualified string) string {
	head, _, _ := strings.Cut(qualified, " ") // "for \"GET /x\"" handlers have spaces after the path
	if i := strings.LastIndex(head, "/"); i >= 0 {
		return qualified[i+1:]
	}
	return qualified
}
