// Package kv is a store the servers of the eventloop scenario call into:
// its blocking reaches their callbacks through facts.
package kv

import (
	"os"
	"time"

	"github.com/lesismal/nbio"
)

// Get reads a value from disk, retrying once.
func Get(key string) ([]byte, error) { // want Get:`blocks\(sleep: time.Sleep via Get; file: os.ReadFile via Get\)`
	b, err := os.ReadFile("/var/lib/kv/" + key)
	if err != nil {
		time.Sleep(10 * time.Millisecond)
		return os.ReadFile("/var/lib/kv/" + key)
	}
	return b, nil
}

// Throttle slows a client down.
func Throttle() { time.Sleep(time.Millisecond) } // want Throttle:`blocks\(sleep: time.Sleep via Throttle\)`

// Len answers from memory.
func Len(b []byte) int { return len(b) }

// Throttle2 has the shape of an nbio OnRead handler; it is registered by
// nbiosrv, and reported there.
func Throttle2(c *nbio.Conn) { Throttle() } // want Throttle2:`blocks\(sleep: time.Sleep via Throttle2 → Throttle\)`
