package analyzer

import (
	"slices"
	"strings"

	"github.com/blockcheck/blockcheck/analyzer/handlers"
)

// shapeList is the -handler-shapes flag: handler signatures users declare,
// in the syntax of handlers.ParseShapes.
type shapeList struct {
	text   []string
	shapes []handlers.Shape
}

func (l *shapeList) String() string { return strings.Join(l.text, ",") }

func (l *shapeList) Set(s string) error {
	shapes, err := handlers.ParseShapes(s)
	if err != nil {
		return err
	}
	l.shapes, l.text = shapes, nil
	for _, sh := range shapes {
		l.text = append(l.text, sh.String())
	}
	return nil
}

// registrationList is the -handler-registrations flag: functions whose
// function arguments are handlers, in the syntax of
// handlers.ParseRegistrations.
type registrationList []handlers.Registration

func (l *registrationList) String() string {
	var names []string
	for _, r := range *l {
		names = append(names, r.Func)
	}
	return strings.Join(names, ",")
}

func (l *registrationList) Set(s string) error {
	regs, err := handlers.ParseRegistrations(s)
	if err != nil {
		return err
	}
	*l = regs
	return nil
}

// handlers returns what the handler finder recognises: the built-in
// tables, extended by the flags.
func (c *config) handlers() handlers.Config {
	cfg := handlers.Default()
	if len(c.shapes.shapes) > 0 {
		cfg.Shapes = slices.Concat(cfg.Shapes, c.shapes.shapes)
	}
	if len(c.regs) > 0 {
		cfg.Registrations = slices.Concat(cfg.Registrations, c.regs)
	}
	return cfg
}
