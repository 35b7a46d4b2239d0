package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// fix is one edit of fixes.txt: the documented fix of the finding of rule
// in handler, or a part of it.
type fix struct {
	file, rule, handler string
	old, new            string
}

// parseFixes reads fixes.txt (its comment says the format).
func parseFixes(text string) ([]fix, error) {
	var fixes []fix
	var part *string // the old or new text being read
	for i, line := range strings.Split(text, "\n") {
		switch {
		case strings.HasPrefix(line, "=== "):
			f := strings.Fields(strings.TrimPrefix(line, "=== "))
			if len(f) != 3 {
				return nil, fmt.Errorf("fixes.txt:%d: want === file rule handler", i+1)
			}
			fixes = append(fixes, fix{file: f[0], rule: f[1], handler: f[2]})
			part = nil
		case line == "--- old" && len(fixes) > 0:
			part = &fixes[len(fixes)-1].old
		case line == "--- new" && len(fixes) > 0:
			part = &fixes[len(fixes)-1].new
		case part != nil:
			*part += line + "\n"
		}
	}
	for i := range fixes {
		// The blank line before the next fix is not part of the text.
		fixes[i].new = strings.TrimRight(fixes[i].new, "\n") + "\n"
		if fixes[i].old == "" {
			return nil, fmt.Errorf("fixes.txt: fix %d of %s has no old text", i+1, fixes[i].file)
		}
	}
	return fixes, nil
}

// fixedCopy copies the module in dir to to and applies fixes there. The
// copy's replace directives that point outside the module are made
// absolute, so that it builds where it is.
func fixedCopy(dir, to string, fixes []fix) error {
	if err := os.CopyFS(to, os.DirFS(dir)); err != nil {
		return err
	}
	for _, f := range fixes {
		name := filepath.Join(to, filepath.FromSlash(f.file))
		src, err := os.ReadFile(name)
		if err != nil {
			return err
		}
		if n := bytes.Count(src, []byte(f.old)); n != 1 {
			return fmt.Errorf("fix of %s in %s: the old text occurs %d times in %s, want once (has the demo changed?)",
				f.rule, f.handler, n, f.file)
		}
		if err := os.WriteFile(name, bytes.Replace(src, []byte(f.old), []byte(f.new), 1), 0o644); err != nil {
			return err
		}
	}
	out, err := goCmd(to, "mod", "edit", "-json")
	if err != nil {
		return err
	}
	var mod struct {
		Replace []struct{ Old, New struct{ Path string } }
	}
	if err := json.Unmarshal(out, &mod); err != nil {
		return err
	}
	for _, r := range mod.Replace {
		if strings.HasPrefix(r.New.Path, "..") {
			abs := filepath.Join(dir, filepath.FromSlash(r.New.Path))
			if _, err := goCmd(to, "mod", "edit", "-replace="+r.Old.Path+"="+abs); err != nil {
				return err
			}
		}
	}
	return nil
}

// reported returns what blockcheck reports in the module in dir, as
// "rule handler" for each handler of each finding, from its -summary
// -json output (cmd/blockcheck/adopt.go): handlers are qualified by their
// package path, "example.com/shop/internal/api.Server.getUser".
func reported(dir string) (map[string]bool, error) {
	out, err := goCmd(dir, "tool", "blockcheck", "-summary", "-json", "./...")
	if err != nil {
		return nil, err
	}
	var plan []struct {
		Rule       string
		Operations []struct{ Handlers []string }
	}
	if err := json.Unmarshal(out, &plan); err != nil {
		return nil, fmt.Errorf("blockcheck -summary -json: %v", err)
	}
	set := map[string]bool{}
	for _, r := range plan {
		for _, op := range r.Operations {
			for _, h := range op.Handlers {
				set[r.Rule+" "+h] = true
			}
		}
	}
	return set, nil
}

// has reports whether set has the finding of rule in handler, named as
// in fixes.txt ("Server.getUser").
func has(set map[string]bool, rule, handler string) bool {
	for k := range set {
		if strings.HasPrefix(k, rule+" ") && strings.HasSuffix(k, "."+handler) {
			return true
		}
	}
	return false
}

func goCmd(dir string, args ...string) ([]byte, error) {
	cmd := exec.Command("go", args...)
	cmd.Dir = dir
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("go %s in %s: %v\n%s", strings.Join(args, " "), dir, err, stderr.Bytes())
	}
	return out, nil
}
