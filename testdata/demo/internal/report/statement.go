package report

import (
	"fmt"
	"net/http"
	"os/exec"
	"time"
)

// Statement merges a user's invoices of one month into a single PDF:
// GET /users/{id}/statement.pdf?month=2025-01.
func (h *Handlers) Statement(w http.ResponseWriter, r *http.Request) {
	userID, ok := pathID(r, "id")
	if !ok {
		http.Error(w, "bad user id", http.StatusBadRequest)
		return
	}
	month := r.URL.Query().Get("month")
	if _, err := time.Parse("2006-01", month); err != nil {
		http.Error(w, "month must be YYYY-MM", http.StatusBadRequest)
		return
	}
	files, err := h.Store.InvoiceFiles(r.Context(), userID, month)
	if err != nil {
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	if len(files) == 0 {
		http.Error(w, "no invoices that month", http.StatusNotFound)
		return
	}

	args := append(files, "cat", "output", "-")
	pdf, err := exec.CommandContext(r.Context(), "pdftk", args...).Output()
	if err != nil {
		http.Error(w, "could not render statement", http.StatusInternalServerError)
		return
	}
	h.countDownload("statement")
	w.Header().Set("Content-Type", "application/pdf")
	w.Header().Set("Content-Disposition", fmt.Sprintf("inline; filename=%q", "statement-"+month+".pdf"))
	w.Write(pdf)
}
