// Package mailapp sends receipts with net/smtp, which has no context-aware
// form: the handler waits on the mail server as long as it takes.
package mailapp

import (
	"net/http"
	"net/smtp"
)

// Receipts serves /receipts.
type Receipts struct{ relay string }

// New returns the service sending through relay.
func New(relay string) *Receipts { return &Receipts{relay: relay} }

// Routes registers the handlers.
func (m *Receipts) Routes(mux *http.ServeMux) {
	mux.HandleFunc("POST /receipts", m.send)
	mux.HandleFunc("GET /health/smtp", m.health)
}

func (m *Receipts) send(w http.ResponseWriter, r *http.Request) {
	msg := []byte("Subject: your receipt\r\n\r\nThanks.")
	if err := smtp.SendMail(m.relay, nil, "shop@example.com", []string{r.FormValue("to")}, msg); err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
	}
}

func (m *Receipts) health(w http.ResponseWriter, r *http.Request) {
	c, err := smtp.Dial(m.relay)
	if err != nil {
		http.Error(w, err.Error(), http.StatusServiceUnavailable)
		return
	}
	c.Quit()
}
