//go:build !unix

package lsp

import "os/exec"

// killGroup leaves the default cancellation (kill the go command) where
// there are no Unix process groups.
func killGroup(*exec.Cmd) {}
