//go:build unix

package lsp

import (
	"os/exec"
	"syscall"
)

// killGroup makes cancelling cmd kill its whole process group: go vet
// runs the tool in child processes, which a kill of the go command alone
// would leave running to compete with the next run for the CPU.
func killGroup(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error { return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) }
}
