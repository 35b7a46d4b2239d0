package lsp

import (
	"encoding/json"
	"flag"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/blockcheck/blockcheck/analyzer"
)

// settingsSection is the key of blockcheck's settings: in
// initializationOptions (beside gopls' own in proxy mode) and the section
// asked for with workspace/configuration.
const settingsSection = "blockcheck"

// settingsFlags turns editor settings into analyzer flags, in the form go
// vet passes on to the tool ("-name=value"), sorted so that equal settings
// give equal command lines (and hit go vet's cache).
//
// Each key is one of the analyzer's own flags, as in .golangci.yml
// (cmd/gclplugin): "disable", "handler-shapes", "handler-registrations",
// "max-body". A list value is the flag's comma-separated list. Every value
// is checked by setting it on a fresh analyzer, so a bad one is reported
// here, with the flag's own error, and never reaches go vet.
func settingsFlags(raw json.RawMessage) ([]string, error) {
	if len(raw) == 0 || string(raw) == "null" {
		return nil, nil
	}
	var settings map[string]any
	if err := json.Unmarshal(raw, &settings); err != nil {
		return nil, fmt.Errorf("blockcheck settings must be an object, e.g. {\"disable\": [\"chanwait\"]}: %w", err)
	}
	a := analyzer.New()
	var flags []string
	for key, v := range settings {
		f := a.Flags.Lookup(key)
		if f == nil {
			var known []string
			a.Flags.VisitAll(func(f *flag.Flag) { known = append(known, f.Name) })
			return nil, fmt.Errorf("unknown blockcheck setting %q (the settings are %s)", key, strings.Join(known, ", "))
		}
		s, err := settingText(v)
		if err != nil {
			return nil, fmt.Errorf("blockcheck setting %q: %w", key, err)
		}
		if err := f.Value.Set(s); err != nil {
			return nil, fmt.Errorf("blockcheck setting %q: %w", key, err)
		}
		flags = append(flags, "-"+key+"="+s)
	}
	slices.Sort(flags)
	return flags, nil
}

// settingText writes a JSON setting value in flag syntax.
func settingText(v any) (string, error) {
	switch v := v.(type) {
	case string:
		return v, nil
	case bool:
		return strconv.FormatBool(v), nil
	case float64:
		return strconv.FormatFloat(v, 'f', -1, 64), nil
	case []any:
		var items []string
		for _, item := range v {
			s, ok := item.(string)
			if !ok {
				return "", fmt.Errorf("list items must be strings, not %v", item)
			}
			items = append(items, s)
		}
		return strings.Join(items, ","), nil
	}
	return "", fmt.Errorf("want a string, number, boolean or list of strings, not %v", v)
}
