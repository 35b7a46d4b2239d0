package taint_test

import (
	"go/token"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/blockcheck/blockcheck/analyzer/taint"
)

func TestSources(t *testing.T) {
	s := load(t, `package app

import (
	"encoding/json"
	"net/http"
	"strconv"
)

func query(w http.ResponseWriter, r *http.Request) {
	n, _ := strconv.Atoi(r.URL.Query().Get("count"))
	_ = make([]int, n)
}

func queryVar(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	n, _ := strconv.Atoi(q.Get("count"))
	_ = make([]int, n)
}

func index(w http.ResponseWriter, r *http.Request) {
	n, _ := strconv.Atoi(r.URL.Query()["count"][0])
	_ = make([]int, n)
}

func form(w http.ResponseWriter, r *http.Request) {
	a, _ := strconv.Atoi(r.FormValue("a"))
	b, _ := strconv.ParseInt(r.PostFormValue("b"), 10, 64)
	c, _ := strconv.ParseUint(r.PathValue("c"), 10, 64)
	d, _ := strconv.ParseFloat(r.Header.Get("X-D"), 64)
	_ = make([]int, a)
	_ = make([]int, b)
	_ = make([]int, c)
	_ = make([]int, int(d))
}

func cookie(w http.ResponseWriter, r *http.Request) {
	c, err := r.Cookie("n")
	if err != nil {
		return
	}
	n, _ := strconv.Atoi(c.Value)
	_ = make([]int, n)
}

func contentLength(w http.ResponseWriter, r *http.Request) {
	_ = make([]byte, r.ContentLength)
}

func decoded(w http.ResponseWriter, r *http.Request) {
	var req struct{ Days int }
	if err := json.NewDecoder(http.MaxBytesReader(w, r.Body, 1<<20)).Decode(&req); err != nil {
		return
	}
	_ = make([]int, req.Days)
}

func unmarshaled(w http.ResponseWriter, r *http.Request) {
	var req struct{ Days int }
	body := make([]byte, 10)
	r.Body.Read(body)
	json.Unmarshal(body, &req)
	_ = make([]int, req.Days) // body came from r.Body.Read: not a table read
}

func notInput(w http.ResponseWriter, r *http.Request) {
	n := 10
	_ = make([]int, n)
	req, _ := http.NewRequest("GET", "/", nil)
	_ = req
	_ = make([]int, len(r.URL.Query().Get("q")))
}
`, taint.Config{})
	assert.Equal(t, []string{`alloc@11 n <- r.URL.Query().Get("count")@10`}, s.sinks("query"))
	assert.Equal(t, []string{`alloc@17 n <- q.Get("count")@16`}, s.sinks("queryVar"))
	assert.Equal(t, []string{`alloc@22 n <- r.URL.Query()["count"][0]@21`}, s.sinks("index"))
	assert.Equal(t, []string{
		`alloc@30 a <- r.FormValue("a")@26`,
		`alloc@31 b <- r.PostFormValue("b")@27`,
		`alloc@32 c <- r.PathValue("c")@28`,
		`alloc@33 int(d) <- r.Header.Get("X-D")@29`,
	}, s.sinks("form"))
	assert.Equal(t, []string{`alloc@42 n <- c.Value@41`}, s.sinks("cookie"))
	assert.Equal(t, []string{`alloc@46 r.ContentLength <- r.ContentLength@46`}, s.sinks("contentLength"))
	assert.Equal(t, []string{`alloc@54 req.Days <- json.NewDecoder(http.MaxBytesReader(w, r.Body, 1 << 20)).Decode(&req)@51`}, s.sinks("decoded"))
	assert.Empty(t, s.sinks("notInput"))
}

func TestClamps(t *testing.T) {
	s := load(t, `package app

import (
	"errors"
	"net/http"
	"strconv"
)

const maxRows = 500

type Server struct{ maxDays int }

var limit = 100

func count(r *http.Request) int {
	n, _ := strconv.Atoi(r.FormValue("n"))
	return n
}

func minClamp(w http.ResponseWriter, r *http.Request) {
	n := min(count(r), maxRows)
	_ = make([]int, n)
}

func ifReturn(w http.ResponseWriter, r *http.Request) {
	n := count(r)
	if n < 1 || n > maxRows {
		http.Error(w, "bad n", http.StatusBadRequest)
		return
	}
	_ = make([]int, n)
}

func ifAssign(w http.ResponseWriter, r *http.Request) {
	n := count(r)
	if n > limit {
		n = limit
	}
	_ = make([]int, n)
}

func (s *Server) field(w http.ResponseWriter, r *http.Request) {
	n := count(r)
	if n >= s.maxDays {
		return
	}
	_ = make([]int, n)
}

func branch(w http.ResponseWriter, r *http.Request) {
	n := count(r)
	if n <= maxRows {
		_ = make([]int, n)
	}
}

func switchCase(w http.ResponseWriter, r *http.Request) {
	n := count(r)
	switch {
	case n > maxRows:
		n = maxRows
	case n < 0:
		n = 0
	}
	_ = make([]int, n)
}

func parse(r *http.Request) (int, error) {
	n, err := strconv.Atoi(r.FormValue("n"))
	if err != nil {
		return 0, err
	}
	if n > maxRows {
		return 0, errors.New("too many")
	}
	return n, nil
}

func errHelper(w http.ResponseWriter, r *http.Request) {
	n, err := parse(r)
	if err != nil {
		return
	}
	_ = make([]int, n)
}

func clamp(v, lo, hi int) int {
	if v < lo {
		return lo
	}
	if v > hi {
		return hi
	}
	return v
}

func clampHelper(w http.ResponseWriter, r *http.Request) {
	_ = make([]int, clamp(count(r), 1, maxRows))
}

func remainder(w http.ResponseWriter, r *http.Request) {
	_ = make([]int, count(r)%64)
}

// Not clamps.

func lowerOnly(w http.ResponseWriter, r *http.Request) {
	n := count(r)
	if n < 1 {
		return
	}
	_ = make([]int, n)
}

func oneBranch(w http.ResponseWriter, r *http.Request) {
	n := count(r)
	if r.Method == "GET" && n > maxRows {
		return
	}
	_ = make([]int, n)
}

func againstInput(w http.ResponseWriter, r *http.Request) {
	n := count(r)
	m, _ := strconv.Atoi(r.FormValue("m"))
	if n > m {
		return
	}
	_ = make([]int, n)
}

func afterLoop(w http.ResponseWriter, r *http.Request) {
	n := count(r)
	i := 0
	for i = 0; i < n; i++ {
		if i > 10 {
			break
		}
	}
	_ = make([]int, n)
}
`, taint.Config{})
	for _, name := range []string{"minClamp", "ifReturn", "ifAssign", "Server.field", "branch", "switchCase", "errHelper", "clampHelper", "remainder"} {
		assert.Empty(t, s.sinks(name), "%s clamps its input", name)
	}
	assert.Equal(t, []string{`alloc@112 n <- count(r)@108 returns r.FormValue("n")@16`}, s.sinks("lowerOnly"))
	assert.Len(t, s.sinks("oneBranch"), 1, "the bound holds only for GET")
	assert.Len(t, s.sinks("againstInput"), 1, "m is input too")
	assert.Len(t, s.sinks("afterLoop"), 1, "the loop's condition does not bound n")
	// clamp returns lo, hi or a bounded v. A comparison with a parameter
	// counts as a bound, on both sides: hi is taken as bounded by v too,
	// which loses hi (silence is the safe side).
	assert.Equal(t, []string{"params=10"}, s.results("clamp"))
}

func TestLoops(t *testing.T) {
	s := load(t, `package app

import (
	"net/http"
	"strconv"
)

func count(r *http.Request) int {
	n, _ := strconv.Atoi(r.FormValue("n"))
	return n
}

func up(w http.ResponseWriter, r *http.Request) {
	n := count(r)
	for i := 0; i < n; i++ {
	}
}

func down(w http.ResponseWriter, r *http.Request) {
	n := count(r)
	for n > 0 {
		n--
	}
}

func rangeInt(w http.ResponseWriter, r *http.Request) {
	for range count(r) {
	}
}

func errReturn(w http.ResponseWriter, r *http.Request) (err error) {
	for i := 0; i <= count(r); i++ {
		if err != nil {
			return err
		}
	}
	return nil
}

func helperLoops(w http.ResponseWriter, r *http.Request) {
	repeat(count(r))
}

func repeat(times int) {
	for i := 0; i < times; i++ {
	}
}

func twoHops(w http.ResponseWriter, r *http.Request) {
	outer(r)
}

func outer(r *http.Request) {
	repeat(count(r))
}

// Bounded loops.

func andConst(w http.ResponseWriter, r *http.Request) {
	for i := 0; i < count(r) && i < 100; i++ {
	}
}

func breaks(w http.ResponseWriter, r *http.Request) {
	for i := 0; i < count(r); i++ {
		if i == 100 {
			break
		}
	}
}

func returnsOnCompare(w http.ResponseWriter, r *http.Request) {
	rows := 0
	for i := 0; i < count(r); i++ {
		rows++
		if rows >= 100 {
			return
		}
	}
}

func window(w http.ResponseWriter, r *http.Request) {
	offset := count(r)
	for i := offset; i < offset+20; i++ {
	}
}

func scan(w http.ResponseWriter, r *http.Request, next func() bool) {
	for i := 0; i < count(r) && next(); i++ {
	}
}

func rangeSlice(w http.ResponseWriter, r *http.Request) {
	for _, id := range r.URL.Query()["id"] {
		_ = id
	}
	ids := r.URL.Query()["id"]
	for i := 0; i < len(ids); i++ {
	}
}

func helperClean(w http.ResponseWriter, r *http.Request) {
	repeat(10)
}

func recursive(w http.ResponseWriter, r *http.Request) {
	rec(count(r))
}

func rec(n int) int {
	if n <= 0 {
		return 0
	}
	return rec(n-1) + 1
}
`, taint.Config{})
	assert.Equal(t, []string{`loop@15 n <- count(r)@14 returns r.FormValue("n")@9`}, s.sinks("up"))
	assert.Equal(t, []string{`loop@21 n <- count(r)@20 returns r.FormValue("n")@9`}, s.sinks("down"))
	assert.Equal(t, []string{`loop@27 count(r) <- count(r)@27 returns r.FormValue("n")@9`}, s.sinks("rangeInt"))
	assert.Equal(t, []string{`loop@32 count(r) <- count(r)@32 returns r.FormValue("n")@9`}, s.sinks("errReturn"))
	assert.Equal(t, []string{`loop@45 times <- params=1`}, s.sinks("repeat"))
	assert.Equal(t, []string{`loop@41 count(r) <- count(r)@41 returns r.FormValue("n")@9 via repeat@45`}, s.sinks("helperLoops"))
	assert.Equal(t, []string{`loop@50 count(r) <- count(r)@54 returns r.FormValue("n")@9 via outer@54 via repeat@45`}, s.sinks("twoHops"))
	for _, name := range []string{"andConst", "breaks", "returnsOnCompare", "window", "scan", "rangeSlice", "helperClean", "recursive"} {
		assert.Empty(t, s.sinks(name), "%s is bounded", name)
	}
}

func TestBodyReads(t *testing.T) {
	s := load(t, `package app

import (
	"bufio"
	"encoding/json"
	"io"
	"net/http"
)

func readAll(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	_ = make([]byte, len(body))
}

func decoder(w http.ResponseWriter, r *http.Request) {
	var v struct{ N int }
	json.NewDecoder(r.Body).Decode(&v)
	sc := bufio.NewScanner(r.Body)
	_ = sc
}

func wrapped(w http.ResponseWriter, r *http.Request) {
	io.ReadAll(bufio.NewReader(r.Body))
}

func limited(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, 1<<20)
	body, _ := io.ReadAll(r.Body)
	_ = make([]byte, len(body))
	json.NewDecoder(r.Body).Decode(new(int))
}

func limitReader(w http.ResponseWriter, r *http.Request) {
	io.ReadAll(io.LimitReader(r.Body, 1<<20))
}

func limitedOnOnePath(w http.ResponseWriter, r *http.Request) {
	if r.Method == "POST" {
		r.Body = http.MaxBytesReader(w, r.Body, 1<<20)
	}
	io.ReadAll(r.Body)
}

func copiedFirst(w http.ResponseWriter, r *http.Request) {
	b := r.Body
	r.Body = http.MaxBytesReader(w, r.Body, 1<<20)
	io.ReadAll(b)
}

func decodeJSON(r *http.Request, v any) error {
	return json.NewDecoder(r.Body).Decode(v)
}

func viaHelper(w http.ResponseWriter, r *http.Request) {
	var v struct{ N int }
	decodeJSON(r, &v)
	_ = make([]int, v.N)
}

func limitBody(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, 1<<20)
}

func viaLimitHelper(w http.ResponseWriter, r *http.Request) {
	limitBody(w, r)
	var v struct{ N int }
	decodeJSON(r, &v)
}

func withContext(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, 1<<20)
	r2 := r.WithContext(r.Context())
	io.ReadAll(r2.Body)
	decodeJSON(r.WithContext(r.Context()), new(int))
}

func multipart(w http.ResponseWriter, r *http.Request) {
	r.ParseMultipartForm(32 << 20)
}

func multipartSmall(w http.ResponseWriter, r *http.Request) {
	r.ParseMultipartForm(512 << 10)
}

func formFile(w http.ResponseWriter, r *http.Request) {
	f, _, _ := r.FormFile("upload")
	_ = f
}

func closure(w http.ResponseWriter, r *http.Request) {
	func() {
		io.ReadAll(r.Body)
	}()
	go func() {
		io.ReadAll(r.Body) // in a goroutine: not this request's read
	}()
}
`, taint.Config{})
	assert.Equal(t, []string{"read@11 io.ReadAll(r.Body) of r (param 1)"}, s.reads("readAll"))
	assert.Equal(t, []string{`alloc@12 len(body) <- len(body)@12`}, s.sinks("readAll"), "the size of an unlimited body is input")
	assert.Equal(t, []string{
		"read@17 json.NewDecoder(r.Body) of r (param 1)",
		"read@18 bufio.NewScanner(r.Body) of r (param 1)",
	}, s.reads("decoder"))
	assert.Equal(t, []string{"read@23 io.ReadAll(bufio.NewReader(r.Body)) of r (param 1)"}, s.reads("wrapped"))
	for _, name := range []string{"limited", "limitReader", "viaLimitHelper", "withContext", "multipartSmall"} {
		assert.Empty(t, s.reads(name), "%s reads a limited body", name)
	}
	assert.Empty(t, s.sinks("limited"), "the size of a limited body is bounded")
	assert.Len(t, s.reads("limitedOnOnePath"), 1)
	assert.Len(t, s.reads("copiedFirst"), 1, "b is the body before the limit")
	assert.Equal(t, []string{"read@51 json.NewDecoder(r.Body) of r (param 0)"}, s.reads("decodeJSON"))
	assert.Equal(t, []string{"read@56 json.NewDecoder(r.Body) of r (param 1) via decodeJSON@51"}, s.reads("viaHelper"))
	assert.Equal(t, []string{`alloc@57 v.N <- decodeJSON(r, &v)@56 returns json.NewDecoder(r.Body).Decode(v)@51`}, s.sinks("viaHelper"))
	assert.Equal(t, []string{"read@78 r.ParseMultipartForm(32 << 20) of r (param 1)"}, s.reads("multipart"))
	assert.Equal(t, []string{`read@86 r.FormFile("upload") of r (param 1)`}, s.reads("formFile"))
	assert.Equal(t, []string{"read@92 io.ReadAll(r.Body) of r (param 1)"}, s.reads("closure"))
}

// TestLimitedBodies: a body reached from a parameter whose framework
// limits it before the handler runs (PocketBase's events: apis.NewRouter
// binds apis.BodyLimit) is not an unlimited body, directly, through an
// embedded event or through a helper; net/http's own still is.
func TestLimitedBodies(t *testing.T) {
	s := loadStubs(t, `package app

import (
	"encoding/json"
	"io"
	"net/http"

	"github.com/pocketbase/pocketbase/core"
)

func decodeJSON(r *http.Request, v any) error {
	return json.NewDecoder(r.Body).Decode(v)
}

func upload(e *core.RequestEvent) error {
	io.ReadAll(e.Request.Body)
	decodeJSON(e.Request, new(int))
	e.Request.FormFile("f")
	return nil
}

func created(e *core.RecordRequestEvent) error {
	_, err := io.ReadAll(e.Request.Body)
	return err
}

func plain(w http.ResponseWriter, r *http.Request) {
	io.ReadAll(r.Body)
}
`, taint.Config{}, map[string]string{
		"github.com/pocketbase/pocketbase/core": `package core

import "net/http"

type Event struct {
	Response http.ResponseWriter
	Request  *http.Request
}

type RequestEvent struct{ Event }

type RecordRequestEvent struct{ *RequestEvent }
`,
	})
	assert.Empty(t, s.reads("upload"), "PocketBase limits e.Request.Body")
	assert.Empty(t, s.reads("created"), "and the body of an event that embeds *core.RequestEvent")
	assert.Equal(t, []string{"read@28 io.ReadAll(r.Body) of r (param 1)"}, s.reads("plain"))
}

func TestWrapped(t *testing.T) {
	src := `package app

import (
	"context"
	"net/http"
	"time"
)

type Server struct{ mux *http.ServeMux }

func limit(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		r.Body = http.MaxBytesReader(w, r.Body, 1<<20)
		next.ServeHTTP(w, r)
	})
}

func deadline(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeout(r.Context(), time.Second)
		defer cancel()
		next.ServeHTTP(w, r.WithContext(ctx))
	})
}

// healthz returns a handler and sets a deadline: not middleware.
func healthz() http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeout(r.Context(), time.Second)
		defer cancel()
		_ = ctx
	}
}

func (s *Server) a(w http.ResponseWriter, r *http.Request) {}
func (s *Server) b(w http.ResponseWriter, r *http.Request) {}
func (s *Server) c(w http.ResponseWriter, r *http.Request) {}
func (s *Server) d(w http.ResponseWriter, r *http.Request) {}
func e(w http.ResponseWriter, r *http.Request)             {}

func (s *Server) Routes() http.Handler {
	inner := http.NewServeMux()
	inner.HandleFunc("/a", s.a)
	inner.Handle("/b", http.HandlerFunc(s.b))
	s.mux = http.NewServeMux()
	s.mux.Handle("/api/", limit(inner))
	s.mux.HandleFunc("/c", s.c)
	s.mux.Handle("/d", http.TimeoutHandler(http.HandlerFunc(s.d), time.Second, "slow"))
	s.mux.Handle("/e", deadline(http.HandlerFunc(e)))
	s.mux.HandleFunc("/healthz", healthz())
	return s.mux
}
`
	s := load(t, src, taint.Config{})
	w := s.wrapped()
	obj := func(name string) any { return s.info.Defs[s.fn(name).Name] }
	assert.True(t, w.LimitsBody(obj("Server.a")))
	assert.True(t, w.LimitsBody(obj("Server.b")))
	assert.False(t, w.LimitsBody(obj("Server.c")))
	assert.False(t, w.LimitsBody(obj("Server.d")))
	assert.False(t, w.Deadline(obj("Server.a")))
	assert.True(t, w.Deadline(obj("Server.d")))
	assert.True(t, w.Deadline(obj("e")))
	assert.False(t, w.Deadline(obj("Server.c")), "healthz sets a deadline for itself, wrapping nothing")

	// A middleware handed to a router cannot be followed: every handler
	// is taken as limited.
	s = load(t, src+`
type router interface{ Use(func(http.Handler) http.Handler) }

func use(r router) { r.Use(limit) }
`, taint.Config{})
	w = s.wrapped()
	assert.True(t, w.LimitsBody(s.info.Defs[s.fn("Server.c").Name]))
	assert.False(t, w.Deadline(s.info.Defs[s.fn("Server.c").Name]))
}

func TestSizeAndOrigins(t *testing.T) {
	assert.Equal(t, "1 MiB", taint.Size(1<<20))
	assert.Equal(t, "32 MiB", taint.Size(32<<20))
	assert.Equal(t, "2 GiB", taint.Size(2<<30))
	assert.Equal(t, "1500 bytes", taint.Size(1500))

	s := load(t, `package app

import (
	"net/http"
	"strconv"
)

func n(r *http.Request) int {
	v, _ := strconv.Atoi(r.FormValue("n"))
	return v
}

func viaParam(s string) int {
	v, _ := strconv.Atoi(s)
	return v
}

func twice(w http.ResponseWriter, r *http.Request) {
	a, b := n(r), n(r)
	_ = make([]int, a+b)
	_ = make([]int, viaParam(r.Header.Get("X-N")))
}
`, taint.Config{})
	assert.Equal(t, []string{`r.FormValue("n")@9`}, s.results("n"))
	assert.Equal(t, []string{"params=1"}, s.results("viaParam"))
	assert.Equal(t, []string{
		`alloc@20 a + b <- n(r)@19 returns r.FormValue("n")@9`,
		`alloc@21 viaParam(r.Header.Get("X-N")) <- r.Header.Get("X-N")@21`,
	}, s.sinks("twice"))

	ignored := load(t, `package app

import (
	"net/http"
	"strconv"
)

func h(w http.ResponseWriter, r *http.Request) {
	n, _ := strconv.Atoi(r.FormValue("n"))
	_ = make([]int, n)
}
`, taint.Config{Ignored: func(token.Pos, taint.Kind) bool { return true }})
	assert.Empty(t, ignored.sinks("h"), "an ignored sink is not recorded")
}

// TestHertzValidateTag: hertz's BindAndValidate evaluates the vd tag's
// expression, which bounds the field when it compares it with "<" or
// lists its values.
func TestHertzValidateTag(t *testing.T) {
	s := load(t, `package app

import (
	"encoding/json"
	"net/http"
)

type Request struct {
	Pages int `+"`json:\"pages\" vd:\"$>0&&$<=100\"`"+`
	Kind  int `+"`json:\"kind\" vd:\"in($,1,2,3)\"`"+`
	Rows  int `+"`json:\"rows\" vd:\"$>0\"`"+`
}

func h(w http.ResponseWriter, r *http.Request) {
	var req Request
	json.NewDecoder(http.MaxBytesReader(w, r.Body, 1<<10)).Decode(&req)
	_ = make([]int, req.Pages)
	_ = make([]int, req.Kind)
	_ = make([]int, req.Rows)
}
`, taint.Config{})
	assert.Equal(t, []string{`alloc@19 req.Rows <- json.NewDecoder(http.MaxBytesReader(w, r.Body, 1 << 10)).Decode(&req)@16`}, s.sinks("h"),
		"a vd expression with < or in( bounds its field; $>0 does not")
}

func TestValidation(t *testing.T) {
	s := load(t, `package app

import (
	"encoding/json"
	"errors"
	"net/http"
	"strconv"
)

type Request struct {
	Days  int    `+"`json:\"days\" binding:\"required,max=366\"`"+`
	Rows  int    `+"`json:\"rows\" validate:\"gte=1,lte=500\"`"+`
	Pages int    `+"`json:\"pages\" validate:\"required\"`"+`
}

func (r *Request) Validate() error {
	if r.Pages > 10 {
		return errors.New("too many pages")
	}
	return nil
}

func decode(r *http.Request) Request {
	var req Request
	json.NewDecoder(http.MaxBytesReader(nil, r.Body, 1<<10)).Decode(&req)
	return req
}

func tags(w http.ResponseWriter, r *http.Request) {
	req := decode(r)
	_ = make([]int, req.Days)
	_ = make([]int, req.Rows)
	_ = make([]int, req.Pages)
}

func method(w http.ResponseWriter, r *http.Request) {
	req := decode(r)
	if err := req.Validate(); err != nil {
		return
	}
	_ = make([]int, req.Pages)
}

func validLimit(n int) bool { return n > 0 && n <= 100 }

func boolHelper(w http.ResponseWriter, r *http.Request) {
	n, _ := strconv.Atoi(r.FormValue("n"))
	if !validLimit(n) {
		return
	}
	_ = make([]int, n)
}

func inRange(n int) bool { return n > 0 && n <= 100 }

func checkLimit(n int) error {
	if n > 100 {
		return errors.New("too large")
	}
	return nil
}

func notACheck(n int) bool { return n > 0 }

func checks(w http.ResponseWriter, r *http.Request) {
	a, _ := strconv.Atoi(r.FormValue("a"))
	if !inRange(a) {
		return
	}
	_ = make([]int, a)
	b, _ := strconv.Atoi(r.FormValue("b"))
	if err := checkLimit(b); err != nil {
		return
	}
	_ = make([]int, b)
	c, _ := strconv.Atoi(r.FormValue("c"))
	if inRange(c) {
		_ = make([]int, c)
	}
	_ = make([]int, c) // c is not bounded here
	d, _ := strconv.Atoi(r.FormValue("d"))
	if !notACheck(d) {
		return
	}
	_ = make([]int, d)
}

func bitSize(w http.ResponseWriter, r *http.Request) {
	n, _ := strconv.ParseInt(r.FormValue("n"), 10, 16)
	m, _ := strconv.ParseUint(r.FormValue("m"), 10, 32)
	_ = make([]int, n)
	_ = make([]int, m)
}
`, taint.Config{})
	assert.Equal(t, []string{`alloc@33 req.Pages <- decode(r)@30 returns json.NewDecoder(http.MaxBytesReader(nil, r.Body, 1 << 10)).Decode(&req)@25`}, s.sinks("tags"),
		"binding:max and validate:lte bound their fields; required does not")
	assert.Empty(t, s.sinks("method"), "a Validate method is trusted")
	assert.Empty(t, s.sinks("boolHelper"), "a helper named valid… is trusted")
	assert.Equal(t, []int{0}, s.sum("inRange").Checks)
	assert.Equal(t, []int{0}, s.sum("checkLimit").Checks)
	assert.Empty(t, s.sum("notACheck").Checks)
	assert.Equal(t, []string{
		`alloc@80 c <- r.FormValue("c")@76`,
		`alloc@85 d <- r.FormValue("d")@81`,
	}, s.sinks("checks"))
	assert.Len(t, s.sinks("bitSize"), 1, "a 16-bit parse is bounded, a 32-bit one is not")
}
