// Package reports generates sales reports over ?days= or a JSON request,
// through helpers that parse, clamp and loop.
package reports

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"time"
)

// maxDays is the longest report.
const maxDays = 366

// Request is a report request in a JSON body.
type Request struct {
	Days    int    `json:"days"`
	Product string `json:"product"`
}

// Handlers serves the reports.
type Handlers struct {
	MaxDays int
}

// days parses ?days=; nothing bounds it.
func days(r *http.Request) (int, error) {
	return strconv.Atoi(r.FormValue("days"))
}

// boundedDays parses ?days= and rejects long reports.
func boundedDays(r *http.Request) (int, error) {
	n, err := strconv.Atoi(r.FormValue("days"))
	if err != nil {
		return 0, err
	}
	if n > maxDays {
		return 0, errors.New("at most a year")
	}
	return n, nil
}

// daily writes one line per day.
func daily(w http.ResponseWriter, n int) {
	day := time.Now()
	for i := 0; i < n; i++ {
		fmt.Fprintf(w, "%s,0\n", day.Format(time.DateOnly))
		day = day.AddDate(0, 0, -1)
	}
}

// Sales writes a daily sales report: GET /reports/sales?days=N.
func (h *Handlers) Sales(w http.ResponseWriter, r *http.Request) {
	n, err := days(r)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	daily(w, n) // want `^unboundedloop: handler Handlers\.Sales reaches a loop sized by n via daily \(reports\.go:48\): n comes from days\(r\) \(reports\.go:56\), which returns r\.FormValue\("days"\) \(reports\.go:30\), with no upper bound; one request can make the handler loop as often as it asks; clamp it before the call: n = min\(n, maxDays\)$`
}

// BoundedSales rejects long reports in its helper.
func (h *Handlers) BoundedSales(w http.ResponseWriter, r *http.Request) {
	n, err := boundedDays(r)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	daily(w, n)
}

// Custom reads the report's parameters from a JSON body (limited).
func (h *Handlers) Custom(w http.ResponseWriter, r *http.Request) {
	var req Request
	if err := json.NewDecoder(http.MaxBytesReader(w, r.Body, 4<<10)).Decode(&req); err != nil {
		http.Error(w, "bad request", http.StatusBadRequest)
		return
	}
	rows := make([]string, 0, req.Days) // want `^unboundedalloc: req\.Days comes from json\.NewDecoder\(http\.MaxBytesReader\(w, r\.Body, 4 << 10\)\)\.Decode\(&req\) \(reports\.go:77\) with no upper bound and sizes make\(\[\]string, 0, req\.Days\): one request can make handler Handlers\.Custom allocate as much as it asks; clamp it first: min\(req\.Days, maxDays\)$`
	for range req.Days {                // want `^unboundedloop: req\.Days comes from json\.NewDecoder`
		rows = append(rows, req.Product)
	}
	fmt.Fprintln(w, len(rows))
}

// CustomBounded checks the decoded value against the configured limit.
func (h *Handlers) CustomBounded(w http.ResponseWriter, r *http.Request) {
	var req Request
	if err := json.NewDecoder(http.MaxBytesReader(w, r.Body, 4<<10)).Decode(&req); err != nil {
		http.Error(w, "bad request", http.StatusBadRequest)
		return
	}
	if req.Days > h.MaxDays {
		http.Error(w, "too long", http.StatusBadRequest)
		return
	}
	daily(w, req.Days)
}

// Unmarshaled decodes with json.Unmarshal from a limited read: the body is
// bounded, the number in it is not.
func (h *Handlers) Unmarshaled(w http.ResponseWriter, r *http.Request) {
	body := make([]byte, 4<<10)
	n, _ := http.MaxBytesReader(w, r.Body, 4<<10).Read(body)
	var req Request
	if err := json.Unmarshal(body[:n], &req); err != nil {
		return
	}
	daily(w, req.Days) // want `^unboundedloop: handler Handlers\.Unmarshaled reaches a loop sized by req\.Days via daily \(reports\.go:48\): req\.Days comes from json\.Unmarshal\(body\[:n\], &req\) \(reports\.go:108\) with no upper bound`
}

// Cookie sizes the report by a cookie: reported.
func (h *Handlers) Cookie(w http.ResponseWriter, r *http.Request) {
	c, err := r.Cookie("report_days")
	if err != nil {
		return
	}
	n, _ := strconv.Atoi(c.Value)
	for n > 0 { // want `^unboundedloop: n comes from c\.Value \(reports\.go:120\) with no upper bound`
		fmt.Fprintln(w, n)
		n--
	}
}

// Ignored is reviewed: the proxy in front of it caps ?days=.
func (h *Handlers) Ignored(w http.ResponseWriter, r *http.Request) {
	n, _ := days(r)
	//blockcheck:ignore unboundedloop the gateway rejects days > 31
	daily(w, n)
}
