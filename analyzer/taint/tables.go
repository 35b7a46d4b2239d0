package taint

// The tables below are the data of the analysis that belongs to no
// framework: what carries input on, what reads a reader and what limits
// it. Functions are keyed by types.Func.FullName, fields by
// "pkgpath.Type.Field". Where input enters is the frameworks' (package
// frameworks): supporting a framework's accessors is rows there.

import "github.com/blockcheck/blockcheck/analyzer/frameworks"

// Source is a function or method whose results are request input. The
// sources, and the fields of request types that hold input, are parts of
// the rows of package frameworks.
type Source = frameworks.Source

// Pass is a function whose numeric result carries the input of an
// argument: strconv.Atoi(s) is as unbounded as s. Calls of other standard
// functions carry input into strings and slices (strings.TrimSpace(s)),
// but not into numbers: strings.Count(s, ",") is no larger than what the
// client sent, which the server bounds.
type Pass struct {
	Func string
	Arg  int
}

// passes are the conversions of input into numbers.
var passes = []Pass{
	{Func: "strconv.Atoi", Arg: 0},
	{Func: "strconv.ParseInt", Arg: 0},
	{Func: "strconv.ParseUint", Arg: 0},
	{Func: "strconv.ParseFloat", Arg: 0},
	{Func: "math.Abs", Arg: 0},
	{Func: "math.Ceil", Arg: 0},
	{Func: "math.Floor", Arg: 0},
	{Func: "math.Round", Arg: 0},
	{Func: "math.Trunc", Arg: 0},
	{Func: "math.Pow", Arg: 0},
	{Func: "math.Max", Arg: 0},
	{Func: "math.Max", Arg: 1},
}

// Fill is a function that stores the input it reads into the variables
// its pointer arguments point to.
type Fill struct {
	Func string
	From int // the argument read, -1 for the receiver
	To   int // the first argument filled; a variadic call fills the rest too
}

// fills are the decoders.
var fills = []Fill{
	{Func: "(*encoding/json.Decoder).Decode", From: -1, To: 0},
	{Func: "(*encoding/xml.Decoder).Decode", From: -1, To: 0},
	{Func: "encoding/json.Unmarshal", From: 0, To: 1},
	{Func: "encoding/xml.Unmarshal", From: 0, To: 1},
	{Func: "fmt.Sscan", From: 0, To: 1},
	{Func: "fmt.Sscanf", From: 0, To: 2},
	{Func: "fmt.Sscanln", From: 0, To: 1},
	{Func: "fmt.Fscan", From: 0, To: 1},
	{Func: "fmt.Fscanf", From: 0, To: 2},
	{Func: "io.ReadFull", From: 0, To: 1},
	{Func: "io.ReadAtLeast", From: 0, To: 1},
}

// ReadCall is a call that reads a reader to its end, or for as long as the
// data lasts: given an unlimited request body, as much as the client
// sends.
type ReadCall struct {
	Func string
	Arg  int    // the reader
	What string // completes "io.ReadAll(r.Body) …": what the call does with the body
	// Dst, when not -1, is the writer the body is copied to: the call is
	// reported only when it keeps what it copies (copyKeeps), and What
	// is then the destination's. Draining into io.Discard keeps nothing;
	// streaming to a connection or a pipe (a proxy) is bounded by the
	// peer.
	Dst int
}

// copyKeeps are the destinations, by static type, that keep what is
// copied into them, completing "io.Copy(dst, r.Body) …".
var copyKeeps = map[string]string{
	"*os.File":         "copies the whole request body to a file, as much as the client sends",
	"*bytes.Buffer":    "copies the whole request body into memory",
	"*strings.Builder": "copies the whole request body into memory",
}

// reads are the reads of a reader that the bodyread rule reports when the
// reader is an unlimited request body.
var reads = []ReadCall{
	{Func: "io.ReadAll", Arg: 0, What: "reads the whole request body into memory", Dst: -1},
	{Func: "io/ioutil.ReadAll", Arg: 0, What: "reads the whole request body into memory", Dst: -1},
	{Func: "encoding/json.NewDecoder", Arg: 0, What: "decodes the request body, holding as much of it in memory as one JSON value takes", Dst: -1},
	{Func: "encoding/xml.NewDecoder", Arg: 0, What: "decodes the request body, holding as much of it in memory as one XML element takes", Dst: -1},
	{Func: "bufio.NewScanner", Arg: 0, What: "scans the request body for as long as the client sends", Dst: -1},
	{Func: "(*bytes.Buffer).ReadFrom", Arg: 0, What: "reads the whole request body into memory", Dst: -1},
	{Func: "io.Copy", Arg: 1, Dst: 0},
	{Func: "io.CopyBuffer", Arg: 1, Dst: 0},
}

// RequestRead is a method of a request type that reads its body; they
// are parts of the rows of package frameworks.
type RequestRead = frameworks.RequestRead

// wraps are readers that read what their argument reads: an unlimited
// body read through them is still unlimited.
var wraps = map[string]int{
	"bufio.NewReader":     0,
	"bufio.NewReaderSize": 0,
	"io.TeeReader":        0,
	"io.NopCloser":        0,
	"io/ioutil.NopCloser": 0,
}

// limitReaders are the readers that stop at a limit: a body read through one is
// bounded.
var limitReaders = map[string]int{
	"net/http.MaxBytesReader": 1,
	"io.LimitReader":          0,
}

// sizes are the calls other than make whose argument sizes an allocation.
var sizes = map[string]int{
	"strings.Repeat":          1,
	"bytes.Repeat":            1,
	"slices.Repeat":           1,
	"slices.Grow":             1,
	"(*strings.Builder).Grow": 0,
	"(*bytes.Buffer).Grow":    0,
	"bufio.NewReaderSize":     1,
	"bufio.NewWriterSize":     1,
}
