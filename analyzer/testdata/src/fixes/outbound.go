package fixes

import (
	"bytes"
	"crypto/tls"
	"net"
	xhttp "net/http"
	"os/exec"
	"time"
)

// Gateway calls out to tools, services and hosts.
type Gateway struct {
	client  *xhttp.Client
	hookURL string
}

// render runs a tool.
func (g *Gateway) render(w xhttp.ResponseWriter, r *xhttp.Request) { // want render:`blocks\(exec: \(\*exec.Cmd\).Output via Gateway.render\)`
	args := []string{"-q", r.FormValue("page")}
	out, err := exec.Command("wkhtmltopdf", args...).Output() // want `^execnoctx: \(\*exec\.Cmd\)\.Output \(built by exec\.Command\) in handler Gateway\.render ignores the request's context \(other requests are still served\); build it with exec\.CommandContext and r\.Context\(\)$`
	if err != nil {
		return
	}
	w.Write(out)
}

// convert builds the command first, with ctx in scope.
func (g *Gateway) convert(w xhttp.ResponseWriter, r *xhttp.Request) { // want convert:`blocks\(exec: \(\*exec.Cmd\).Run via Gateway.convert\)`
	ctx := r.Context()
	var buf bytes.Buffer
	cmd := exec.Command("convert", "-", "png:-")
	cmd.Stdin, cmd.Stdout = r.Body, &buf
	if err := cmd.Run(); err != nil { // want `^execnoctx: \(\*exec\.Cmd\)\.Run \(built by exec\.Command\) in handler Gateway\.convert ignores the request's context \(other requests are still served\); build it with exec\.CommandContext and ctx$`
		return
	}
	send(ctx, "converted")
	w.Write(buf.Bytes())
}

// hook posts a webhook with a request built without a context.
func (g *Gateway) hook(w xhttp.ResponseWriter, r *xhttp.Request) { // want hook:`blocks\(http: \(\*http.Client\).Do via Gateway.hook\)`
	req, err := xhttp.NewRequest(xhttp.MethodPost, g.hookURL, r.Body)
	if err != nil {
		return
	}
	resp, err := g.client.Do(req) // want `^httpnoctx: \(\*http\.Client\)\.Do \(built by http\.NewRequest\) in handler Gateway\.hook ignores the request's context \(other requests are still served\); build it with http\.NewRequestWithContext and r\.Context\(\)$`
	if err == nil {
		resp.Body.Close()
	}
}

// ping uses http.Get: the fix would need a new request and a Do, which is
// not a mechanical rewrite, so there is none.
func (g *Gateway) ping(w xhttp.ResponseWriter, r *xhttp.Request) { // want ping:`blocks\(http: http.Get via Gateway.ping\)`
	if resp, err := xhttp.Get(g.hookURL); err == nil { // want `^httpnoctx: http\.Get in handler Gateway\.ping `
		resp.Body.Close()
	}
}

// connect dials in the ways net offers.
func (g *Gateway) connect(w xhttp.ResponseWriter, r *xhttp.Request) { // want connect:`blocks\(dial: net.Dial via Gateway.connect\)`
	addr := r.FormValue("addr")
	if c, err := net.Dial("tcp", addr); err == nil { // want `^dialnoctx: net\.Dial in handler Gateway\.connect .*; use \(&net\.Dialer\{\}\)\.DialContext with r\.Context\(\)$`
		c.Close()
	}
	if c, err := net.DialTimeout("tcp", addr, 3*time.Second); err == nil { // want `^dialnoctx: net\.DialTimeout in handler Gateway\.connect `
		c.Close()
	}
	if c, err := (&net.Dialer{KeepAlive: time.Minute}).Dial("tcp", addr); err == nil { // want `^dialnoctx: \(\*net\.Dialer\)\.Dial in handler Gateway\.connect .*; use DialContext with r\.Context\(\)$`
		c.Close()
	}
	// tls.Dial returns a *tls.Conn and tls.Dialer.DialContext a net.Conn:
	// no mechanical fix.
	if c, err := tls.Dial("tcp", addr, nil); err == nil { // want `^dialnoctx: tls\.Dial in handler Gateway\.connect `
		c.Close()
	}
}

// resolve looks names up.
func (g *Gateway) resolve(w xhttp.ResponseWriter, r *xhttp.Request) { // want resolve:`blocks\(dial: net.LookupHost via Gateway.resolve\)`
	ctx := r.Context()
	host := r.FormValue("host")
	addrs, _ := net.LookupHost(host)                         // want `^dialnoctx: net\.LookupHost in handler Gateway\.resolve .*; use net\.DefaultResolver\.LookupHost with ctx$`
	ips, _ := net.LookupIP(host)                             // want `^dialnoctx: net\.LookupIP in handler Gateway\.resolve `
	port, _ := net.LookupPort("tcp", r.FormValue("service")) // want `^dialnoctx: net\.LookupPort in handler Gateway\.resolve `
	send(ctx, "resolved")
	w.Write([]byte(addrs[0] + ips[0].String() + string(rune(port))))
}
