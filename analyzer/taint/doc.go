// Package taint follows request input through a function body to the
// places where it decides how much work is done: loop bounds, allocation
// sizes, and reads of the request body. It is the library behind the
// unboundedloop, unboundedalloc and bodyread rules.
//
//	n, _ := strconv.Atoi(r.URL.Query().Get("count"))  // n is input
//	if n > maxCount { n = maxCount }                   // now it is bounded
//	for i := 0; i < n; i++ { … }                       // so this is not reported
//
// # Design
//
// The analysis is intraprocedural and flow-sensitive, over the control-flow
// graph of golang.org/x/tools/go/cfg, on the syntax tree: no SSA. A forward
// dataflow computes, at each point, the local variables that hold request
// input (Val: the origin, and the parameters it depends on) and the request
// bodies wrapped in a limit on every path (http.MaxBytesReader,
// io.LimitReader). Input is a may-property (joined by union: one path is
// enough), a limit a must-property (intersected). The edges out of a
// condition narrow the state: on the edge where n <= K holds, with K not
// input, n is bounded. That is how the clamps are recognised, in every form
// that puts a comparison on the path: if n > K { return }, if n > K { n = K },
// an error return, a switch case; and min(n, K) is bounded by its
// definition. SSA would give the same answers with a larger machinery, and
// it would have to be built for the handlers' packages only: the CFG costs
// one walk of each body analyzed, and only handlers and the functions they
// call are.
//
// Calls of functions of the same package are followed through summaries
// (Summary), computed on demand, once, with the function's parameters as
// symbolic inputs: which results are input, always or when a parameter is;
// which loops and allocations a parameter sizes; which parameter's request
// body is read without a limit, or limited. Recursion is cut by taking the
// call in the cycle to do nothing. Function literals called in place, or
// handed to other functions, are analyzed as part of the function that
// writes them (goroutine bodies and handler literals are not).
//
// The sources, the conversions that carry input into numbers, the decoders,
// the body reads and the limits are tables (tables.go): a framework's
// accessors are rows.
//
// # What is knowingly not followed
//
//   - Input stored in a struct field, a package-level variable or a map and
//     read back elsewhere; a variable counts as input as a whole once any
//     part of it is.
//   - Functions of other packages, other than the standard library's in the
//     tables: their results are not input. Summaries are not exported as
//     facts.
//   - Calls through interfaces and function values.
//   - len() of anything but data read from an unlimited body: the URL and
//     headers are bounded by the server (MaxHeaderBytes), and a limited
//     body by its limit.
//   - Standard functions that turn input into numbers other than those of
//     Passes (strings.Count(s, ",") is no larger than s).
//   - A loop bounded by input but left by a break, a goto or a return under
//     an ordering comparison is taken as bounded; a ctx.Err() check does
//     not bound a loop (the client decides how long it waits).
//   - A comparison counts as a bound when the other side is not known
//     input, a parameter included: a helper that clamps to a limit passed
//     in is trusted. So are checks it cannot see into: fields tagged with
//     an upper bound for a validator (binding:"max=…", validate:"lte=…"),
//     and whatever is passed to a function named as a validation
//     (Validate, validate.Struct, isValid…). A check of the package that
//     returns true or a nil error only for a bounded argument
//     (func inRange(n int) bool { return n > 0 && n <= 100 }) is followed
//     (Summary.Checks); one in another package is not.
//   - Bodies limited by middleware are the caller's business (Wrapped,
//     wrap.go): this package sees only what one function does.
package taint
