package taint

// The tables below are the data of the analysis: where request input
// enters, what carries it on, what reads the request body and what limits
// it. Functions are keyed by types.Func.FullName, fields by
// "pkgpath.Type.Field". Supporting a framework's accessors is rows here.

// Source is a function or method whose results are request input.
type Source struct {
	Func string
	// Fill, when not -1, is the argument (a pointer) the call fills with
	// input, like gin's c.ShouldBindJSON(&v); the results are then not
	// input.
	Fill int
}

// Sources are the accessors of request input.
var Sources = []Source{
	{Func: "(*net/http.Request).FormValue", Fill: -1},
	{Func: "(*net/http.Request).PostFormValue", Fill: -1},
	{Func: "(*net/http.Request).PathValue", Fill: -1},
	{Func: "(*net/http.Request).Cookie", Fill: -1},
	{Func: "(*net/http.Request).Cookies", Fill: -1},
	{Func: "(*net/http.Request).CookiesNamed", Fill: -1},
	{Func: "(*net/http.Request).UserAgent", Fill: -1},
	{Func: "(*net/http.Request).Referer", Fill: -1},
	{Func: "(*net/http.Request).BasicAuth", Fill: -1},
	{Func: "(*net/http.Request).FormFile", Fill: -1},

	// gin: query, path and form values, headers, and binding.
	{Func: "(*github.com/gin-gonic/gin.Context).Query", Fill: -1},
	{Func: "(*github.com/gin-gonic/gin.Context).DefaultQuery", Fill: -1},
	{Func: "(*github.com/gin-gonic/gin.Context).GetQuery", Fill: -1},
	{Func: "(*github.com/gin-gonic/gin.Context).QueryArray", Fill: -1},
	{Func: "(*github.com/gin-gonic/gin.Context).QueryMap", Fill: -1},
	{Func: "(*github.com/gin-gonic/gin.Context).Param", Fill: -1},
	{Func: "(*github.com/gin-gonic/gin.Context).PostForm", Fill: -1},
	{Func: "(*github.com/gin-gonic/gin.Context).DefaultPostForm", Fill: -1},
	{Func: "(*github.com/gin-gonic/gin.Context).GetPostForm", Fill: -1},
	{Func: "(*github.com/gin-gonic/gin.Context).GetHeader", Fill: -1},
	{Func: "(*github.com/gin-gonic/gin.Context).Cookie", Fill: -1},
	{Func: "(*github.com/gin-gonic/gin.Context).GetRawData", Fill: -1},
	{Func: "(*github.com/gin-gonic/gin.Context).Bind", Fill: 0},
	{Func: "(*github.com/gin-gonic/gin.Context).BindJSON", Fill: 0},
	{Func: "(*github.com/gin-gonic/gin.Context).BindQuery", Fill: 0},
	{Func: "(*github.com/gin-gonic/gin.Context).ShouldBind", Fill: 0},
	{Func: "(*github.com/gin-gonic/gin.Context).ShouldBindJSON", Fill: 0},
	{Func: "(*github.com/gin-gonic/gin.Context).ShouldBindQuery", Fill: 0},
	{Func: "(*github.com/gin-gonic/gin.Context).ShouldBindUri", Fill: 0},

	// echo v4 (Context is an interface).
	{Func: "(github.com/labstack/echo/v4.Context).QueryParam", Fill: -1},
	{Func: "(github.com/labstack/echo/v4.Context).QueryParams", Fill: -1},
	{Func: "(github.com/labstack/echo/v4.Context).Param", Fill: -1},
	{Func: "(github.com/labstack/echo/v4.Context).FormValue", Fill: -1},
	{Func: "(github.com/labstack/echo/v4.Context).Bind", Fill: 0},
}

// Fields are the fields of request types that hold request input. The
// request's Body is not among them: it is a reader, followed by itself.
var Fields = []string{
	"net/http.Request.URL",
	"net/http.Request.Header",
	"net/http.Request.Form",
	"net/http.Request.PostForm",
	"net/http.Request.MultipartForm",
	"net/http.Request.Trailer",
	"net/http.Request.ContentLength",
	"net/http.Request.Host",
	"net/http.Request.RequestURI",
	"net/http.Request.TransferEncoding",
}

// Pass is a function whose numeric result carries the input of an
// argument: strconv.Atoi(s) is as unbounded as s. Calls of other standard
// functions carry input into strings and slices (strings.TrimSpace(s)),
// but not into numbers: strings.Count(s, ",") is no larger than what the
// client sent, which the server bounds.
type Pass struct {
	Func string
	Arg  int
}

// Passes are the conversions of input into numbers.
var Passes = []Pass{
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

// Fills are the decoders.
var Fills = []Fill{
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
}

// Reads are the reads of a reader that the bodyread rule reports when the
// reader is an unlimited request body.
var Reads = []ReadCall{
	{Func: "io.ReadAll", Arg: 0, What: "reads the whole request body into memory"},
	{Func: "io/ioutil.ReadAll", Arg: 0, What: "reads the whole request body into memory"},
	{Func: "encoding/json.NewDecoder", Arg: 0, What: "decodes the request body, holding as much of it in memory as one JSON value takes"},
	{Func: "encoding/xml.NewDecoder", Arg: 0, What: "decodes the request body, holding as much of it in memory as one XML element takes"},
	{Func: "bufio.NewScanner", Arg: 0, What: "scans the request body for as long as the client sends"},
	{Func: "(*bytes.Buffer).ReadFrom", Arg: 0, What: "reads the whole request body into memory"},
}

// RequestRead is a method of a request type that reads its body.
type RequestRead struct {
	Func string
	// Path leads from the receiver to the *http.Request whose body is
	// read: "" for net/http, ".Request" for gin's *Context.
	Path string
	// Memory is the argument that bounds the memory used, or -1; Implicit
	// is that bound when the method fixes it. Either is compared with
	// the -max-body limit: a call that keeps more than it in memory is
	// reported.
	Memory   int
	Implicit int64
	What     string
}

// RequestReads are the body reads made by request methods.
var RequestReads = []RequestRead{
	{Func: "(*net/http.Request).ParseMultipartForm", Memory: 0,
		What: "keeps up to %s of the request in memory and writes the rest of its file parts to temporary files"},
	// FormFile and FormValue parse a multipart body with 32 MiB of memory.
	{Func: "(*net/http.Request).FormFile", Memory: -1, Implicit: 32 << 20,
		What: "parses the request body as a multipart form, keeping up to %s of it in memory and writing the rest of its files to temporary files"},
	// gin's binding decodes c.Request.Body with encoding/json.
	{Func: "(*github.com/gin-gonic/gin.Context).BindJSON", Path: ".Request", Memory: -1,
		What: "decodes the request body, holding as much of it in memory as one JSON value takes"},
	{Func: "(*github.com/gin-gonic/gin.Context).ShouldBindJSON", Path: ".Request", Memory: -1,
		What: "decodes the request body, holding as much of it in memory as one JSON value takes"},
	{Func: "(*github.com/gin-gonic/gin.Context).GetRawData", Path: ".Request", Memory: -1,
		What: "reads the whole request body into memory"},
	// echo's Bind decodes c.Request().Body by its content type.
	{Func: "(github.com/labstack/echo/v4.Context).Bind", Path: ".Request()", Memory: -1,
		What: "decodes the request body, holding as much of it in memory as one JSON or XML value takes"},
}

// Wraps are readers that read what their argument reads: an unlimited
// body read through them is still unlimited.
var Wraps = map[string]int{
	"bufio.NewReader":     0,
	"bufio.NewReaderSize": 0,
	"io.TeeReader":        0,
	"io.NopCloser":        0,
	"io/ioutil.NopCloser": 0,
}

// Limits are the readers that stop at a limit: a body read through one is
// bounded.
var Limits = map[string]int{
	"net/http.MaxBytesReader": 1,
	"io.LimitReader":          0,
}

// Sizes are the calls other than make whose argument sizes an allocation.
var Sizes = map[string]int{
	"strings.Repeat":          1,
	"bytes.Repeat":            1,
	"slices.Repeat":           1,
	"slices.Grow":             1,
	"(*strings.Builder).Grow": 0,
	"(*bytes.Buffer).Grow":    0,
	"bufio.NewReaderSize":     1,
	"bufio.NewWriterSize":     1,
}
