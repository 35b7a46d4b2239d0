package report

import (
	"bytes"
	"errors"
	"fmt"
	"html"
	"net/http"
	"os/exec"
	"path/filepath"

	"example.com/shop/internal/store"
)

// Invoice renders the invoice of an order: GET /orders/{id}/invoice.pdf.
func (h *Handlers) Invoice(w http.ResponseWriter, r *http.Request) {
	id, ok := pathID(r, "id")
	if !ok {
		http.Error(w, "bad order id", http.StatusBadRequest)
		return
	}
	o, err := h.Store.Order(r.Context(), id)
	if errors.Is(err, store.ErrNotFound) {
		http.NotFound(w, r)
		return
	} else if err != nil {
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	number, err := h.Store.NextInvoiceNumber(r.Context())
	if err != nil {
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}

	cmd := exec.Command("pdftk", filepath.Join(h.TemplateDir, "invoice.pdf"), "fill_form", "-", "output", "-", "flatten")
	cmd.Stdin = bytes.NewReader(invoiceFields(number, o))
	pdf, err := cmd.Output()
	if err != nil {
		http.Error(w, "could not render invoice", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/pdf")
	w.Header().Set("Content-Disposition", fmt.Sprintf("inline; filename=%q", number+".pdf"))
	w.Write(pdf)
}

// invoiceFields is the XFDF document that fills the invoice form.
func invoiceFields(number string, o *store.Order) []byte {
	var b bytes.Buffer
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	b.WriteString(`<xfdf xmlns="http://ns.adobe.com/xfdf/"><fields>`)
	field := func(name, value string) {
		fmt.Fprintf(&b, `<field name=%q><value>%s</value></field>`, name, html.EscapeString(value))
	}
	field("number", number)
	field("order", fmt.Sprint(o.ID))
	field("date", o.CreatedAt.Format("2006-01-02"))
	field("total", fmt.Sprintf("%d.%02d", o.TotalCents/100, o.TotalCents%100))
	field("producer", pdftkVersion)
	b.WriteString(`</fields></xfdf>`)
	return b.Bytes()
}
