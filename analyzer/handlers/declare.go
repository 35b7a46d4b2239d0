package handlers

import (
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

// Declared is the Framework of the shapes and registrations users declare.
const Declared = "declared"

// ParseShapes parses the value of the -handler-shapes flag: a
// comma-separated list of handler signatures, each optionally followed by
// "=" and its context template:
//
//	func(*github.com/acme/web.Ctx) error={0}.Context()
//	func(github.com/acme/web.Writer, *github.com/acme/web.Request)={1}.Ctx
//
// Types are written as go/types prints them, with full package paths
// ("*github.com/acme/web.Ctx", "any", "...string"). Without results, any
// results match; "()" matches none. {N} in the template stands for the
// name of parameter N; without a template, the handler's context is its
// context.Context parameter, if it has one. Commas inside brackets do not
// separate entries.
func ParseShapes(list string) ([]Shape, error) {
	var shapes []Shape
	for _, entry := range splitTop(list, ',') {
		entry = strings.TrimSpace(entry)
		if entry == "" {
			continue
		}
		s, err := parseShape(entry)
		if err != nil {
			return nil, fmt.Errorf("handler shape %q: %w", entry, err)
		}
		shapes = append(shapes, s)
	}
	return shapes, nil
}

func parseShape(entry string) (Shape, error) {
	if !balanced(entry) {
		return Shape{}, errors.New("unbalanced brackets")
	}
	sig, tmpl := entry, ""
	if parts := splitTop(entry, '='); len(parts) == 2 {
		sig, tmpl = strings.TrimSpace(parts[0]), strings.TrimSpace(parts[1])
	} else if len(parts) > 2 {
		return Shape{}, errors.New("more than one '='")
	}
	rest, ok := strings.CutPrefix(sig, "func(")
	if !ok {
		return Shape{}, errors.New("want func(parameter types) [results][=context template]")
	}
	end := closing(rest)
	if end < 0 {
		return Shape{}, errors.New("unbalanced parentheses")
	}
	params, err := typeList(rest[:end])
	if err != nil {
		return Shape{}, err
	}
	if len(params) == 0 {
		return Shape{}, errors.New("no parameters: a handler takes the request")
	}
	s := Shape{Framework: Declared, Params: params, Cancelled: CancelledDeclared}
	switch results := strings.TrimSpace(rest[end+1:]); {
	case results == "":
	case strings.HasPrefix(results, "("):
		if len(results) < 2 || closing(results[1:]) != len(results)-2 {
			return Shape{}, errors.New("unbalanced parentheses in the results")
		}
		if s.Results, err = typeList(results[1 : len(results)-1]); err != nil {
			return Shape{}, err
		}
		if s.Results == nil {
			s.Results = []string{}
		}
	default:
		s.Results = []string{normType(results)}
	}
	if tmpl == "" {
		// The context.Context parameter, as for a directive.
		for i, p := range params {
			if p == "context.Context" {
				s.Context = "{" + strconv.Itoa(i) + "}"
				break
			}
		}
		return s, nil
	}
	for _, m := range placeholder.FindAllStringSubmatch(tmpl, -1) {
		n, err := strconv.Atoi(m[1])
		if err != nil || n >= len(params) {
			return Shape{}, fmt.Errorf("context template %q: %s is not a parameter", tmpl, m[0])
		}
		if strconv.Itoa(n) != m[1] {
			// {01} would stay in the code as written: it is not {1}.
			return Shape{}, fmt.Errorf("context template %q: write %s as {%d}", tmpl, m[0], n)
		}
	}
	if !placeholder.MatchString(tmpl) {
		return Shape{}, fmt.Errorf("context template %q uses no parameter ({0} is the first)", tmpl)
	}
	s.Context = tmpl
	return s, nil
}

var placeholder = regexp.MustCompile(`\{(\d+)\}`)

// typeList splits a parenthesised list of types.
func typeList(s string) ([]string, error) {
	var out []string
	if strings.TrimSpace(s) == "" {
		return nil, nil
	}
	for _, t := range splitTop(s, ',') {
		t = strings.TrimSpace(t)
		if t == "" {
			return nil, fmt.Errorf("empty type in %q", s)
		}
		out = append(out, normType(t))
	}
	return out, nil
}

// normType writes the empty interface as typeString does.
func normType(t string) string {
	t = strings.TrimSpace(t)
	if strings.ReplaceAll(t, " ", "") == "interface{}" {
		return "any"
	}
	return t
}

// splitTop splits s at each sep outside brackets.
func splitTop(s string, sep byte) []string {
	var parts []string
	depth, start := 0, 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '(', '[', '{':
			depth++
		case ')', ']', '}':
			depth--
		case sep:
			if depth == 0 {
				parts = append(parts, s[start:i])
				start = i + 1
			}
		}
	}
	return append(parts, s[start:])
}

// balanced reports whether the brackets of s pair up.
func balanced(s string) bool {
	var open []byte
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '(', '[', '{':
			open = append(open, c)
		case ')', ']', '}':
			if len(open) == 0 || open[len(open)-1] != map[byte]byte{')': '(', ']': '[', '}': '{'}[c] {
				return false
			}
			open = open[:len(open)-1]
		}
	}
	return len(open) == 0
}

// closing returns the index in s of the ')' that closes a '(' just
// before s, or -1.
func closing(s string) int {
	depth := 1
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '(':
			depth++
		case ')':
			depth--
			if depth == 0 {
				return i
			}
		}
	}
	return -1
}

// ParseRegistrations parses the value of the -handler-registrations flag:
// a comma-separated list of functions whose function-typed arguments are
// handlers, by their types.Func.FullName,
//
//	github.com/acme/web.Handle
//	(*github.com/acme/web.Router).Handle
//
// or, for a method, as package path, receiver and name:
//
//	github.com/acme/web.(*Router).Handle
//	github.com/acme/web.(Router).Handle
func ParseRegistrations(list string) ([]Registration, error) {
	var regs []Registration
	for entry := range strings.SplitSeq(list, ",") {
		entry = strings.TrimSpace(entry)
		if entry == "" {
			continue
		}
		full, ok := FuncName(entry)
		if !ok {
			return nil, fmt.Errorf("handler registration %q: want a function as pkg/path.Func, (*pkg/path.Type).Method or pkg/path.(*Type).Method", entry)
		}
		regs = append(regs, Registration{Framework: Declared, Func: full, Cancelled: CancelledDeclared})
	}
	return regs, nil
}

var (
	// A package path has no parentheses, brackets, stars or spaces, and
	// does not start with a dot.
	fullFunc   = regexp.MustCompile(`^[^()\[\]\s*.][^()\[\]\s*]*\.[\pL_][\pL\pN_]*$`)
	fullMethod = regexp.MustCompile(`^\(\*?[^()\[\]\s*.][^()\[\]\s*]*\.[\pL_][\pL\pN_]*\)\.[\pL_][\pL\pN_]*$`)
	shortRecv  = regexp.MustCompile(`^([^()\[\]\s*.][^()\[\]\s*]*)\.\((\*?)([\pL_][\pL\pN_]*)\)\.([\pL_][\pL\pN_]*)$`)
)

// FuncName returns entry, a function named as in -handler-registrations
// (pkg/path.Func, (*pkg/path.Type).Method or pkg/path.(*Type).Method), as
// its types.Func.FullName; the -funcs flag names functions the same way.
func FuncName(entry string) (string, bool) {
	if m := shortRecv.FindStringSubmatch(entry); m != nil {
		return "(" + m[2] + m[1] + "." + m[3] + ")." + m[4], true
	}
	if fullFunc.MatchString(entry) || fullMethod.MatchString(entry) {
		return entry, true
	}
	return "", false
}
