// Package execnoctx renders invoices and thumbnails with external tools.
package execnoctx

import (
	"bytes"
	"context"
	"log"
	"net/http"
	"os/exec"
	"time"
)

// Renderer serves generated documents.
type Renderer struct {
	pdftk   string
	convert string
}

// invoice renders a PDF with Output on a command built without a context.
func (rd *Renderer) invoice(w http.ResponseWriter, r *http.Request) { // want invoice:`blocks\(exec: \(\*exec.Cmd\).Output via Renderer.invoice\)`
	out, err := exec.Command(rd.pdftk, "invoice.pdf", "fill_form", "-", "output", "-").Output() // want `^execnoctx: \(\*exec\.Cmd\)\.Output \(built by exec\.Command\) in handler Renderer\.invoice ignores the request's context \(other requests are still served\); build it with exec\.CommandContext and r\.Context\(\)$`
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/pdf")
	w.Write(out)
}

// thumbnail builds the command first and runs it later.
func (rd *Renderer) thumbnail(w http.ResponseWriter, r *http.Request) { // want thumbnail:`blocks\(exec: \(\*exec.Cmd\).Run via Renderer.thumbnail\)`
	var buf bytes.Buffer
	cmd := exec.Command(rd.convert, "-resize", "128x128", "-", "png:-")
	cmd.Stdin = r.Body
	cmd.Stdout = &buf
	if err := cmd.Run(); err != nil { // want `^execnoctx: \(\*exec\.Cmd\)\.Run \(built by exec\.Command\) in handler Renderer\.thumbnail ignores the request's context \(other requests are still served\); build it with exec\.CommandContext and r\.Context\(\)$`
		http.Error(w, err.Error(), http.StatusUnprocessableEntity)
		return
	}
	w.Write(buf.Bytes())
}

// merge combines two PDFs and reports the tool's complaints.
func (rd *Renderer) merge(w http.ResponseWriter, r *http.Request) { // want merge:`blocks\(exec: \(\*exec.Cmd\).CombinedOutput via Renderer.merge\)`
	ctx := r.Context()
	_ = ctx
	cmd := exec.Command(rd.pdftk, r.FormValue("a"), r.FormValue("b"), "cat", "output", "-")
	out, err := cmd.CombinedOutput() // want `^execnoctx: \(\*exec\.Cmd\)\.CombinedOutput \(built by exec\.Command\) in handler Renderer\.merge ignores the request's context \(other requests are still served\); build it with exec\.CommandContext and ctx$`
	if err != nil {
		log.Printf("pdftk: %s", out)
	}
}

// archive starts the tool and waits for it.
func (rd *Renderer) archive(w http.ResponseWriter, r *http.Request) { // want archive:`blocks\(exec: \(\*exec.Cmd\).Wait via Renderer.archive\)`
	cmd := exec.Command("tar", "czf", "-", "/var/invoices")
	cmd.Stdout = w
	if err := cmd.Start(); err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	cmd.Wait() // want `^execnoctx: \(\*exec\.Cmd\)\.Wait \(built by exec\.Command\) in handler Renderer\.archive ignores the request's context \(other requests are still served\); build it with exec\.CommandContext and r\.Context\(\)$`
}

// version is a helper that runs a tool.
func version(tool string) string { // want version:`blocks\(exec: \(\*exec.Cmd\).Output via version\)`
	out, _ := exec.Command(tool, "--version").Output()
	return string(bytes.TrimSpace(out))
}

// about reaches the child process through the helper.
func (rd *Renderer) about(w http.ResponseWriter, r *http.Request) { // want about:`blocks\(exec: \(\*exec.Cmd\).Output via Renderer.about → version\)`
	w.Write([]byte(version(rd.pdftk))) // want `^execnoctx: handler Renderer\.about reaches \(\*exec\.Cmd\)\.Output via version \(invoices\.go:\d+\) without the request's context \(other requests are still served\); pass it down to exec\.CommandContext$`
}

// The handlers below tie the child process to the request, or do not wait
// for it.

// invoiceCtx uses CommandContext.
func (rd *Renderer) invoiceCtx(w http.ResponseWriter, r *http.Request) { // want invoiceCtx:`blocks\(slow: \(\*exec.Cmd\).Output via Renderer.invoiceCtx\)`
	out, err := exec.CommandContext(r.Context(), rd.pdftk, "invoice.pdf", "output", "-").Output()
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.Write(out)
}

// thumbnailCtx builds the command with a derived, bounded context.
func (rd *Renderer) thumbnailCtx(w http.ResponseWriter, r *http.Request) { // want thumbnailCtx:`blocks\(slow: \(\*exec.Cmd\).Run via Renderer.thumbnailCtx\)`
	ctx, cancel := context.WithTimeout(r.Context(), 5*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, rd.convert, "-resize", "128x128", "-", "png:-")
	cmd.Stdin = r.Body
	cmd.Stdout = w
	cmd.Run()
}

// reindex starts a long job and reaps it in the background: the handler
// does not wait.
func (rd *Renderer) reindex(w http.ResponseWriter, r *http.Request) {
	cmd := exec.Command("/usr/local/bin/reindex", "--all")
	if err := cmd.Start(); err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	go cmd.Wait()
	w.WriteHeader(http.StatusAccepted)
}

// describe only builds the command to show it.
func (rd *Renderer) describe(w http.ResponseWriter, r *http.Request) {
	cmd := exec.Command(rd.pdftk, "--help")
	w.Write([]byte(cmd.String()))
}
