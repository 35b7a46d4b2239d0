// Package report renders invoices and monthly statements as PDF with pdftk.
package report

import (
	"fmt"
	"log"
	"net"
	"net/http"
	"os/exec"
	"strconv"
	"strings"

	"example.com/shop/internal/store"
)

// Handlers serves the PDF endpoints.
type Handlers struct {
	Store         *store.Store
	TemplateDir   string // holds invoice.pdf, the fillable form
	MetricsSocket string // statsd-style datagram socket; empty disables metrics
}

// pdftkVersion is recorded in the PDF metadata.
var pdftkVersion = "unknown"

func init() {
	out, err := exec.Command("pdftk", "--version").Output()
	if err != nil {
		log.Printf("report: pdftk not found, PDF endpoints will fail: %v", err)
		return
	}
	if first, _, _ := strings.Cut(string(out), "\n"); first != "" {
		pdftkVersion = first
	}
}

// countDownload bumps a download counter on the local metrics agent.
func (h *Handlers) countDownload(kind string) {
	if h.MetricsSocket == "" {
		return
	}
	conn, err := net.Dial("unixgram", h.MetricsSocket)
	if err != nil {
		return
	}
	defer conn.Close()
	fmt.Fprintf(conn, "shop.reports.downloaded:1|c|#kind:%s\n", kind)
}

func pathID(r *http.Request, name string) (int64, bool) {
	id, err := strconv.ParseInt(r.PathValue(name), 10, 64)
	return id, err == nil && id > 0
}
