// Package dialnoctx is an uptime prober: its handlers connect to hosts and
// resolve names on behalf of the caller.
package dialnoctx

import (
	"crypto/tls"
	"fmt"
	"net"
	"net/http"
	"strings"
	"time"
)

// Prober checks endpoints.
type Prober struct {
	timeout time.Duration
	dialer  *net.Dialer
	tlsConf *tls.Config
}

// tcp connects with net.Dial and net.DialTimeout.
func (p *Prober) tcp(w http.ResponseWriter, r *http.Request) { // want tcp:`blocks\(dial: net.Dial via Prober.tcp\)`
	addr := r.URL.Query().Get("addr")
	conn, err := net.Dial("tcp", addr) // want `^dialnoctx: net\.Dial in handler Prober\.tcp ignores the request's context \(other requests are still served\); use \(&net\.Dialer\{\}\)\.DialContext with r\.Context\(\)$`
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	conn.Close()
	conn, err = net.DialTimeout("tcp", addr, p.timeout) // want `^dialnoctx: net\.DialTimeout in handler Prober\.tcp .*; use \(&net\.Dialer\{Timeout: d\}\)\.DialContext with r\.Context\(\)$`
	if err == nil {
		conn.Close()
	}
	raddr, _ := net.ResolveTCPAddr("tcp", addr)               // want `^dialnoctx: net\.ResolveTCPAddr in handler Prober\.tcp .*; use net\.DefaultResolver\.LookupNetIP with r\.Context\(\)$`
	if c, err := net.DialTCP("tcp", nil, raddr); err == nil { // want `^dialnoctx: net\.DialTCP in handler Prober\.tcp `
		c.Close()
	}
}

// cert fetches the peer certificate with tls.Dial.
func (p *Prober) cert(w http.ResponseWriter, r *http.Request) { // want cert:`blocks\(dial: tls.Dial via Prober.cert\)`
	conn, err := tls.Dial("tcp", r.URL.Query().Get("host")+":443", p.tlsConf) // want `^dialnoctx: tls\.Dial in handler Prober\.cert .*; use \(&tls\.Dialer\{Config: cfg\}\)\.DialContext with r\.Context\(\)$`
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	defer conn.Close()
	fmt.Fprintln(w, conn.ConnectionState().PeerCertificates[0].NotAfter)
	c2, err := tls.DialWithDialer(p.dialer, "tcp", "example.com:443", p.tlsConf) // want `^dialnoctx: tls\.DialWithDialer in handler Prober\.cert `
	if err == nil {
		c2.Close()
	}
}

// dns resolves names with the package-level lookups.
func (p *Prober) dns(w http.ResponseWriter, r *http.Request) { // want dns:`blocks\(dial: net.LookupHost via Prober.dns\)`
	host := r.URL.Query().Get("host")
	addrs, err := net.LookupHost(host) // want `^dialnoctx: net\.LookupHost in handler Prober\.dns .*; use net\.DefaultResolver\.LookupHost with r\.Context\(\)$`
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	fmt.Fprintln(w, strings.Join(addrs, ","))
	ips, _ := net.LookupIP(host) // want `^dialnoctx: net\.LookupIP in handler Prober\.dns `
	fmt.Fprintln(w, len(ips))
	mx, _ := net.LookupMX(host) // want `^dialnoctx: net\.LookupMX in handler Prober\.dns `
	fmt.Fprintln(w, len(mx))
	txt, _ := net.LookupTXT(host) // want `^dialnoctx: net\.LookupTXT in handler Prober\.dns `
	fmt.Fprintln(w, txt)
	names, _ := net.LookupAddr(addrs[0]) // want `^dialnoctx: net\.LookupAddr in handler Prober\.dns `
	fmt.Fprintln(w, names)
	cname, _ := net.LookupCNAME(host) // want `^dialnoctx: net\.LookupCNAME in handler Prober\.dns `
	fmt.Fprintln(w, cname)
	port, _ := net.LookupPort("tcp", "https") // want `^dialnoctx: net\.LookupPort in handler Prober\.dns `
	fmt.Fprintln(w, port)
}

// viaDialer uses a Dialer's context-free method.
func (p *Prober) viaDialer(w http.ResponseWriter, r *http.Request) { // want viaDialer:`blocks\(dial: \(\*net.Dialer\).Dial via Prober.viaDialer\)`
	conn, err := (&net.Dialer{Timeout: p.timeout}).Dial("tcp", r.FormValue("addr")) // want `^dialnoctx: \(\*net\.Dialer\)\.Dial in handler Prober\.viaDialer .*; use DialContext with r\.Context\(\)$`
	if err == nil {
		conn.Close()
	}
	if conn, err := p.dialer.Dial("udp", r.FormValue("addr")); err == nil { // want `^dialnoctx: \(\*net\.Dialer\)\.Dial in handler Prober\.viaDialer `
		conn.Close()
	}
	td := &tls.Dialer{Config: p.tlsConf}
	if conn, err := td.Dial("tcp", r.FormValue("addr")); err == nil { // want `^dialnoctx: \(\*tls\.Dialer\)\.Dial in handler Prober\.viaDialer .*; use DialContext with r\.Context\(\)$`
		conn.Close()
	}
}

// reachable is a helper used by several handlers.
func reachable(addr string) bool { // want reachable:`blocks\(dial: net.DialTimeout via reachable\)`
	c, err := net.DialTimeout("tcp", addr, time.Second)
	if err != nil {
		return false
	}
	c.Close()
	return true
}

// status reaches the dial through the helper.
func (p *Prober) status(w http.ResponseWriter, r *http.Request) { // want status:`blocks\(dial: net.DialTimeout via Prober.status → reachable\)`
	fmt.Fprintln(w, reachable(r.FormValue("addr"))) // want `^dialnoctx: handler Prober\.status reaches net\.DialTimeout via reachable \(probe\.go:\d+\) without the request's context \(other requests are still served\); pass it down to \(&net\.Dialer\{Timeout: d\}\)\.DialContext$`
}

// The handlers below pass the request's context to the network.

// tcpCtx uses DialContext.
func (p *Prober) tcpCtx(w http.ResponseWriter, r *http.Request) { // want tcpCtx:`blocks\(slow: \(\*net.Dialer\).DialContext via Prober.tcpCtx\)`
	conn, err := p.dialer.DialContext(r.Context(), "tcp", r.FormValue("addr"))
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	conn.Close()
	td := &tls.Dialer{NetDialer: p.dialer, Config: p.tlsConf}
	if c, err := td.DialContext(r.Context(), "tcp", r.FormValue("addr")); err == nil {
		c.Close()
	}
}

// dnsCtx uses the resolver's methods, which take a context.
func (p *Prober) dnsCtx(w http.ResponseWriter, r *http.Request) { // want dnsCtx:`blocks\(slow: \(\*net.Resolver\).LookupHost via Prober.dnsCtx\)`
	ctx := r.Context()
	host := r.URL.Query().Get("host")
	addrs, _ := net.DefaultResolver.LookupHost(ctx, host)
	ips, _ := net.DefaultResolver.LookupIP(ctx, "ip4", host)
	res := &net.Resolver{PreferGo: true}
	mx, _ := res.LookupMX(ctx, host)
	fmt.Fprintln(w, addrs, ips, mx)
	ip := net.ParseIP(host)
	fmt.Fprintln(w, ip.IsLoopback(), net.JoinHostPort(host, "443"))
}
