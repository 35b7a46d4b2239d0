// Package gclplugin registers blockcheck as a golangci-lint v2 module plugin.
//
// A custom golangci-lint binary that imports this package (built with
// `golangci-lint custom` from a .custom-gcl.yml) knows the linter
// "blockcheck"; .golangci.yml enables it as a custom linter of type
// "module". Its settings are the analyzer's own flags, decoded strictly (an
// unknown key is an error) and applied through Flags.Set, so the command
// line, go vet and golangci-lint share one parser:
//
//	linters:
//	  enable: [blockcheck]
//	  settings:
//	    custom:
//	      blockcheck:
//	        type: module
//	        settings:
//	          disable: [chanwait]
//	          funcs:
//	            - "github.com/acme/db.(*Client).Fetch=sql:FetchContext"
//	          handler-shapes:
//	            - "func(*github.com/acme/web.Ctx) error={0}.Context()"
//	          handler-registrations:
//	            - "github.com/acme/web.(*Router).Handle"
//
// See docs/golangci-lint.md.
package gclplugin

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/golangci/plugin-module-register/register"
	"golang.org/x/tools/go/analysis"

	"github.com/blockcheck/blockcheck/analyzer"
)

// Name is the plugin's name: the key under linters.settings.custom and in
// linters.enable, and what //nolint:blockcheck names.
const Name = "blockcheck"

func init() {
	register.Plugin(Name, New)
}

// Settings are the plugin's settings in .golangci.yml. Each key is one of
// the analyzer's flags; a nil field leaves the flag at its default.
type Settings struct {
	// Disable lists rule IDs to turn off: the -disable flag.
	Disable []string `json:"disable"`
	// Enable lists rule IDs that are off by default to turn on: the
	// -enable flag.
	Enable []string `json:"enable"`
	// Funcs declares more blocking functions, one FUNC=KIND[:ALT] row per
	// item: the -funcs flag.
	Funcs []string `json:"funcs"`
	// HandlerShapes declares the handler signatures of other frameworks,
	// one per item: the -handler-shapes flag (docs/frameworks.md).
	HandlerShapes []string `json:"handler-shapes"`
	// HandlerRegistrations lists functions whose function arguments are
	// handlers: the -handler-registrations flag.
	HandlerRegistrations []string `json:"handler-registrations"`
	// MaxBody is the request body limit, in bytes, of the bodyread rule's
	// fix: the -max-body flag.
	MaxBody *int64 `json:"max-body"`
}

// flags returns the flag assignments the settings stand for, in the
// syntax of the command line.
func (s Settings) flags() [][2]string {
	var fs [][2]string
	if s.Disable != nil {
		fs = append(fs, [2]string{"disable", strings.Join(s.Disable, ",")})
	}
	if s.Enable != nil {
		fs = append(fs, [2]string{"enable", strings.Join(s.Enable, ",")})
	}
	if s.Funcs != nil {
		fs = append(fs, [2]string{"funcs", strings.Join(s.Funcs, ",")})
	}
	if s.HandlerShapes != nil {
		fs = append(fs, [2]string{"handler-shapes", strings.Join(s.HandlerShapes, ",")})
	}
	if s.HandlerRegistrations != nil {
		fs = append(fs, [2]string{"handler-registrations", strings.Join(s.HandlerRegistrations, ",")})
	}
	if s.MaxBody != nil {
		fs = append(fs, [2]string{"max-body", strconv.FormatInt(*s.MaxBody, 10)})
	}
	return fs
}

// plugin is a configured blockcheck analyzer.
type plugin struct {
	analyzer *analysis.Analyzer
}

// New decodes the settings golangci-lint passes (nil when there are none)
// and returns the plugin, with a fresh analyzer configured by them.
func New(settings any) (register.LinterPlugin, error) {
	s, err := register.DecodeSettings[Settings](settings)
	if err != nil {
		return nil, fmt.Errorf("blockcheck settings: %w", err)
	}
	a := analyzer.New()
	for _, f := range s.flags() {
		if err := a.Flags.Set(f[0], f[1]); err != nil {
			return nil, fmt.Errorf("blockcheck settings: %s: %w", f[0], err)
		}
	}
	return &plugin{analyzer: a}, nil
}

// BuildAnalyzers returns the configured analyzer.
func (p *plugin) BuildAnalyzers() ([]*analysis.Analyzer, error) {
	return []*analysis.Analyzer{p.analyzer}, nil
}

// GetLoadMode asks for type information: blockcheck matches handlers and
// blocking calls by their types, and passes facts between packages.
func (p *plugin) GetLoadMode() string {
	return register.LoadModeTypesInfo
}
