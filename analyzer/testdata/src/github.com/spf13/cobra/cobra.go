// Package cobra is a stub of github.com/spf13/cobra: just enough of
// Command for CLI code to compile.
package cobra

// Command is a CLI command.
type Command struct {
	Use   string
	Short string
	Run   func(cmd *Command, args []string)
	RunE  func(cmd *Command, args []string) error

	children []*Command
}

// AddCommand adds subcommands.
func (c *Command) AddCommand(cmds ...*Command) { c.children = append(c.children, cmds...) }

// Execute runs the command.
func (c *Command) Execute() error { return nil }
