// Package enable has one finding of each of two rules, for the tests of
// -enable and Rule.Default.
package enable

import (
	"net"
	"net/http"
	"time"
)

func slow(w http.ResponseWriter, r *http.Request) {
	time.Sleep(time.Second)
	c, err := net.Dial("tcp", "cache.internal:6379")
	if err == nil {
		c.Close()
	}
}
