// Package suppress is a notification service whose authors have reviewed
// some findings and silenced them with a reason.
package suppress

import (
	"database/sql"
	"net/http"
	"time"
)

// Notifier sends notifications.
type Notifier struct {
	db    *sql.DB
	queue chan string
}

// vendorPace waits as the SMS vendor's terms require; the directive on the
// line above silences the sleep, and only the sleep.
func (n *Notifier) vendorPace(w http.ResponseWriter, r *http.Request) { // want vendorPace:`blocks\(sql: \(\*sql.DB\).Exec via Notifier.vendorPace\)`
	//blockcheck:ignore sleep the vendor allows one call per 200ms and the call is cheap
	time.Sleep(200 * time.Millisecond)
	n.db.Exec("INSERT INTO sms_log (at) VALUES (now())") // want `^sqlnoctx: \(\*sql\.DB\)\.Exec in handler Notifier\.vendorPace `
}

// trailing silences at the end of the line.
func (n *Notifier) trailing(w http.ResponseWriter, r *http.Request) {
	time.Sleep(10 * time.Millisecond) //blockcheck:ignore sleep jitter to spread webhook retries, bounded at 10ms
	w.WriteHeader(http.StatusAccepted)
}

// several silences two rules with one directive.
func (n *Notifier) several(w http.ResponseWriter, r *http.Request) {
	//blockcheck:ignore sleep,chanwait the queue is drained by a dedicated worker; reviewed in #412
	n.queue <- "x"
	time.Sleep(time.Millisecond) //blockcheck:ignore sleep,chanwait reviewed in #412
	w.WriteHeader(http.StatusAccepted)
}

// tooFar has the directive two lines above the call: it does not apply.
func (n *Notifier) tooFar(w http.ResponseWriter, r *http.Request) { // want tooFar:`blocks\(sleep: time.Sleep via Notifier.tooFar\)`
	//blockcheck:ignore sleep this comment is too far from the call to apply

	time.Sleep(time.Millisecond) // want `^sleep: time\.Sleep in handler Notifier\.tooFar `
}

// wrongRule names another rule than the one reported.
func (n *Notifier) wrongRule(w http.ResponseWriter, r *http.Request) { // want wrongRule:`blocks\(sleep: time.Sleep via Notifier.wrongRule\)`
	//blockcheck:ignore chanwait this is about the queue, not the sleep
	time.Sleep(time.Millisecond) // want `^sleep: time\.Sleep in handler Notifier\.wrongRule `
}

// gentle is a helper whose sleep has been reviewed at its source: the
// directive keeps the sleep out of gentle's summary, so no handler that
// calls it is told about it.
func gentle() {
	//blockcheck:ignore sleep a fixed 5ms pause that the load test showed is harmless
	time.Sleep(5 * time.Millisecond)
}

// callsGentle is silent: the only blocking below it was reviewed.
func (n *Notifier) callsGentle(w http.ResponseWriter, r *http.Request) {
	gentle()
	w.WriteHeader(http.StatusOK)
}

// retry is a helper that sleeps, unreviewed.
func retry() { // want retry:`blocks\(sleep: time.Sleep via retry\)`
	time.Sleep(time.Millisecond)
}

// reviewedCall silences the finding where the handler calls the helper.
func (n *Notifier) reviewedCall(w http.ResponseWriter, r *http.Request) {
	retry() //blockcheck:ignore sleep retry sleeps 1ms at most; tracked in #77
}

// unreviewedCall is reported.
func (n *Notifier) unreviewedCall(w http.ResponseWriter, r *http.Request) { // want unreviewedCall:`blocks\(sleep: time.Sleep via Notifier.unreviewedCall → retry\)`
	retry() // want `^sleep: handler Notifier\.unreviewedCall reaches time\.Sleep via retry `
}

// digest builds the nightly digest; the whole function was reviewed.
//
//blockcheck:ignore sqlnoctx called only from the admin UI with a 5s server timeout
func (n *Notifier) digest(w http.ResponseWriter, r *http.Request) { // want digest:`blocks\(sleep: time.Sleep via Notifier.digest\)`
	rows, err := n.db.Query("SELECT body FROM notifications WHERE day = current_date")
	if err != nil {
		return
	}
	rows.Close()
	n.db.Exec("UPDATE digest SET sent = true")
	time.Sleep(time.Millisecond) // want `^sleep: time\.Sleep in handler Notifier\.digest `
}

// noReason has a directive without a reason: it is reported and silences
// nothing.
func (n *Notifier) noReason(w http.ResponseWriter, r *http.Request) { // want noReason:`blocks\(sleep: time.Sleep via Notifier.noReason\)`
	// want +1 `^directive: blockcheck:ignore sleep needs a reason after the rule ID; it silences nothing until it has one$`
	//blockcheck:ignore sleep
	time.Sleep(time.Millisecond) // want `^sleep: time\.Sleep in handler Notifier\.noReason `
}

// noRule has a bare directive.
func (n *Notifier) noRule(w http.ResponseWriter, r *http.Request) { // want noRule:`blocks\(sleep: time.Sleep via Notifier.noRule\)`
	time.Sleep(time.Millisecond) /* want `^sleep: time\.Sleep in handler Notifier\.noRule ` `^directive: blockcheck:ignore needs a rule ID and a reason` */ //blockcheck:ignore
}

// unknownRule names a rule that does not exist.
func (n *Notifier) unknownRule(w http.ResponseWriter, r *http.Request) { // want unknownRule:`blocks\(sleep: time.Sleep via Notifier.unknownRule\)`
	// want +1 `^directive: blockcheck:ignore names unknown rule sleeping$`
	//blockcheck:ignore sleeping the vendor asked for it
	time.Sleep(time.Millisecond) // want `^sleep: time\.Sleep in handler Notifier\.unknownRule `
}

// notADirective only looks like one.
func (n *Notifier) notADirective(w http.ResponseWriter, r *http.Request) { // want notADirective:`blocks\(sleep: time.Sleep via Notifier.notADirective\)`
	//blockcheck:ignored sleep this is not the directive's spelling
	time.Sleep(time.Millisecond) // want `^sleep: time\.Sleep in handler Notifier\.notADirective `
}

// spaced writes the directive like an ordinary comment: it silences
// nothing, and is reported so that the author notices.
func (n *Notifier) spaced(w http.ResponseWriter, r *http.Request) { // want spaced:`blocks\(sleep: time.Sleep via Notifier.spaced\)`
	// want +1 `^directive: write //blockcheck:ignore with no space after //`
	// blockcheck:ignore sleep the vendor asked for it
	time.Sleep(time.Millisecond) // want `^sleep: time\.Sleep in handler Notifier\.spaced `
}
