package fixes

import (
	"context"
	"database/sql"
	"net/http"
	"os/exec"
	"time"
)

// Converter converts uploads. Its handlers build a command or request
// first and derive a context afterwards: the fix rewrites the constructor,
// so it must use a context that exists there.
type Converter struct {
	db     *sql.DB
	client *http.Client
}

// thumbnail builds the command, then derives a bounded context for the
// rest of the work: ctx does not exist yet where exec.Command is.
func (c *Converter) thumbnail(w http.ResponseWriter, r *http.Request) { // want thumbnail:`blocks\(exec: \(\*exec.Cmd\).Run via Converter.thumbnail; slow: \(\*sql.DB\).ExecContext via Converter.thumbnail\)`
	cmd := exec.Command("convert", "-", "png:-")
	ctx, cancel := context.WithTimeout(r.Context(), 5*time.Second)
	defer cancel()
	cmd.Stdin, cmd.Stdout = r.Body, w
	if err := cmd.Run(); err != nil { // want `^execnoctx: \(\*exec\.Cmd\)\.Run \(built by exec\.Command\) in handler Converter\.thumbnail ignores the request's context \(other requests are still served\); build it with exec\.CommandContext and r\.Context\(\)$`
		return
	}
	c.db.ExecContext(ctx, "UPDATE uploads SET converted = true WHERE id = $1", r.PathValue("id"))
}

// forward builds the request before ctx is declared, too.
func (c *Converter) forward(w http.ResponseWriter, r *http.Request) { // want forward:`blocks\(http: \(\*http.Client\).Do via Converter.forward; slow: \(\*sql.DB\).ExecContext via Converter.forward\)`
	req, err := http.NewRequest(http.MethodPost, "https://cdn.internal/purge", nil)
	if err != nil {
		return
	}
	ctx := r.Context()
	c.db.ExecContext(ctx, "UPDATE uploads SET purged = true")
	resp, err := c.client.Do(req) // want `^httpnoctx: \(\*http\.Client\)\.Do \(built by http\.NewRequest\) in handler Converter\.forward ignores the request's context \(other requests are still served\); build it with http\.NewRequestWithContext and r\.Context\(\)$`
	if err == nil {
		resp.Body.Close()
	}
}
