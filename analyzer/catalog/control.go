package catalog

import (
	"slices"
	"strings"
)

// This file holds what the passes need to know about the standard library
// beyond blocking operations: the calls that never return, the channels
// that only wait for time to pass, and the calls that give a context a
// deadline. Like the operations, these are rows: the standard library is
// never analyzed, so it has no facts.

// noReturnFuncs never return to their caller: they end the program or the
// goroutine, or panic. The project's own wrappers of them (func die() {
// log.Fatal(…) }) are found by package noreturn and travel as facts.
var noReturnFuncs = []string{
	"os.Exit", "syscall.Exit", "runtime.Goexit",
	"log.Fatal", "log.Fatalf", "log.Fatalln",
	"log.Panic", "log.Panicf", "log.Panicln",
}

// noReturnMethodPrefixes and noReturnMethods name the methods taken as not
// returning, on any receiver: (*log.Logger).Fatal, a third-party logger's
// Fatalf, (*testing.T).FailNow. Loggers end the program through a func
// value (logrus's ExitFunc, zap's hooks) no fact can follow, so the name is
// all there is; erring this way makes the passes quieter, not louder.
var (
	noReturnMethodPrefixes = []string{"Fatal", "Panic"}
	noReturnMethods        = []string{"Exit", "FailNow", "Goexit"}
)

// NoReturn reports whether the function pkgPath.name, or a method called
// name when isMethod, never returns to its caller. It takes the parts of
// the full name rather than the full name because it is asked about every
// call the control-flow passes see, and building the name allocates.
func NoReturn(pkgPath, name string, isMethod bool) bool {
	if !isMethod {
		for _, f := range noReturnFuncs {
			if len(f) == len(pkgPath)+1+len(name) && strings.HasPrefix(f, pkgPath) && f[len(pkgPath)] == '.' && strings.HasSuffix(f, name) {
				return true
			}
		}
		return false
	}
	for _, p := range noReturnMethodPrefixes {
		if strings.HasPrefix(name, p) {
			return true
		}
	}
	return slices.Contains(noReturnMethods, name)
}

// timerFuncs return a channel that delivers once time has passed; timerTypes
// have such a channel in their field C. A receive from one just waits.
var (
	timerFuncs = []string{"time.After", "time.Tick"}
	timerTypes = []string{"time.Timer", "time.Ticker"}
)

// IsTimerFunc reports whether the function fullName returns a timer channel.
func IsTimerFunc(fullName string) bool { return slices.Contains(timerFuncs, fullName) }

// IsTimerType reports whether the type pkgPath.name has a timer channel C.
func IsTimerType(pkgPath, name string) bool { return slices.Contains(timerTypes, pkgPath+"."+name) }

// deadlineSetters return a context with a deadline.
var deadlineSetters = []string{
	"context.WithTimeout", "context.WithDeadline", "context.WithTimeoutCause", "context.WithDeadlineCause",
}

// contextCarriers return a request carrying the context they are given as
// their first argument.
var contextCarriers = []string{
	"net/http.NewRequestWithContext", "(*net/http.Request).WithContext", "(*net/http.Request).Clone",
}

// SetsDeadline reports whether the function fullName returns a context
// with a deadline.
func SetsDeadline(fullName string) bool { return slices.Contains(deadlineSetters, fullName) }

// CarriesContext reports whether the function fullName returns a request
// that carries the context passed as its first argument.
func CarriesContext(fullName string) bool { return slices.Contains(contextCarriers, fullName) }

// syncCallbacks are the standard-library functions that call a function
// argument before they return, by the index of that argument: the
// callback's work is its caller's. The project's own (retry(fn),
// db.Transaction(fn), logEvent(r).Timing(fn)) are found from their bodies
// by package slots and travel as facts.
//
// (*sync.Once).Do is not here on purpose: its body runs once per process,
// normally at startup, so what it blocks on is not per-request work
// (docs/rules: "one-time initialisation").
var syncCallbacks = map[string][]int{
	"(*sync.Map).Range":     {0},
	"sort.Slice":            {1},
	"sort.SliceStable":      {1},
	"sort.Search":           {1},
	"slices.SortFunc":       {1},
	"slices.SortStableFunc": {1},
	"slices.IndexFunc":      {1},
	"slices.ContainsFunc":   {1},
	"slices.DeleteFunc":     {1},
	"path/filepath.Walk":    {1},
	"path/filepath.WalkDir": {1},
	"io/fs.WalkDir":         {2},
}

// SyncCallbacks returns the arguments a standard-library function calls
// before it returns (see syncCallbacks), by the function's full name.
func SyncCallbacks(fullName string) []int { return syncCallbacks[fullName] }
