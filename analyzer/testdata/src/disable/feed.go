// Package disable is analyzed with -disable=chanwait: its channel waits
// are not reported, though they are still summarized, while the other
// rules report as usual.
package disable

import (
	"net/http"
	"sync"
	"time"
)

// Feed fans events out to subscribers.
type Feed struct {
	events chan string
	wg     sync.WaitGroup
}

// publish sends on a shared channel and sleeps.
func (f *Feed) publish(w http.ResponseWriter, r *http.Request) { // want publish:`blocks\(sleep: time.Sleep via Feed.publish; wait: send on f.events via Feed.publish\)`
	f.events <- r.FormValue("event")
	f.wg.Wait()
	time.Sleep(time.Millisecond) // want `^sleep: time\.Sleep in handler Feed\.publish `
}

// push is a helper that waits on the shared channel.
func (f *Feed) push(ev string) { // want push:`blocks\(wait: send on f.events via Feed.push\)`
	f.events <- ev
}

// relay reaches the wait through the helper.
func (f *Feed) relay(w http.ResponseWriter, r *http.Request) { // want relay:`blocks\(wait: send on f.events via Feed.relay → Feed.push\)`
	f.push(r.FormValue("event"))
}
