package main

import (
	"slices"
	"strings"
	"testing"
	"time"
)

// The judge of the measurements, on measurements made up to agree with
// the findings and to contradict them.

var testParams = params{N: 4, Query: 100 * time.Millisecond, Wait: time.Second, GiveUp: 100 * time.Millisecond}

// agreeing is what the demo measures: serialized before, parallel after;
// handlers busy after the clients gave up before, released after.
func agreeing() (before, after *measurement) {
	busy := cancelOutcome{Goroutines: 8, InUse: 4, Released: 900 * time.Millisecond}
	busySleep := cancelOutcome{Goroutines: 4, Released: 650 * time.Millisecond}
	released := cancelOutcome{Released: 2 * time.Millisecond}
	before = &measurement{Serial: 410 * time.Millisecond, Parallel: time.Millisecond, Sleeping: 760 * time.Millisecond,
		Cancel: map[string]cancelOutcome{"sleep": busySleep, "sqlnoctx": busy, "httpnoctx": busy}}
	after = &measurement{Serial: 110 * time.Millisecond, Parallel: time.Millisecond, Sleeping: 760 * time.Millisecond,
		Cancel: map[string]cancelOutcome{"sleep": released, "sqlnoctx": released, "httpnoctx": released}}
	return before, after
}

func contradictions(t *testing.T, before, after *measurement) []string {
	t.Helper()
	fixes, err := parseFixes(fixesText)
	if err != nil {
		t.Fatal(err)
	}
	reported := map[string]bool{}
	for _, f := range fixes {
		reported[f.rule+" example.com/shop/internal/api."+f.handler] = true
	}
	var all []string
	for _, r := range rows(testParams, before, after, fixes, reported, map[string]bool{}) {
		all = append(all, r.contradictions...)
	}
	return all
}

func TestAgreeing(t *testing.T) {
	b, a := agreeing()
	if c := contradictions(t, b, a); len(c) > 0 {
		t.Errorf("measurements that agree with the findings are judged contradicting: %q", c)
	}
}

func TestContradicting(t *testing.T) {
	for name, change := range map[string]func(b, a *measurement){
		"not serialized before": func(b, a *measurement) { b.Serial = 120 * time.Millisecond },
		"serialized after":      func(b, a *measurement) { a.Serial = 400 * time.Millisecond },
		"released before": func(b, a *measurement) {
			b.Cancel["sqlnoctx"] = cancelOutcome{Goroutines: 4, InUse: 4, Released: 60 * time.Millisecond}
		},
		"no pool connection held before": func(b, a *measurement) {
			b.Cancel["sqlnoctx"] = cancelOutcome{Goroutines: 4, Released: 900 * time.Millisecond}
		},
		"busy after":         func(b, a *measurement) { a.Cancel["httpnoctx"] = cancelOutcome{Goroutines: 4, Released: -1} },
		"waited for sleeper": func(b, a *measurement) { a.Parallel = 700 * time.Millisecond },
	} {
		b, a := agreeing()
		change(b, a)
		if c := contradictions(t, b, a); len(c) == 0 {
			t.Errorf("%s: not judged contradicting", name)
		}
	}
}

// TestFixes checks fixes.txt: one documented fix per measured rule, each
// with text to replace.
func TestFixes(t *testing.T) {
	fixes, err := parseFixes(fixesText)
	if err != nil {
		t.Fatal(err)
	}
	var ruleSet []string
	for _, f := range fixes {
		if f.old == "" || f.new == "" || strings.HasSuffix(f.new, "\n\n") {
			t.Errorf("fix of %s in %s: old %q, new %q", f.rule, f.handler, f.old, f.new)
		}
		if !slices.Contains(ruleSet, f.rule) {
			ruleSet = append(ruleSet, f.rule)
		}
	}
	want := []string{"lockheld"}
	for _, c := range cancelCases {
		want = append(want, c.rule)
	}
	slices.Sort(ruleSet)
	slices.Sort(want)
	if !slices.Equal(ruleSet, want) {
		t.Errorf("fixes.txt fixes %v, want %v", ruleSet, want)
	}
}
