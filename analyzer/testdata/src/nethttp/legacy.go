package main

import (
	"database/sql"
	nethttp "net/http"
	"time"
)

// legacyHandler serves the old API; this file imports net/http under
// another name, which does not hide the handlers.
func legacyHandler(db *sql.DB) nethttp.Handler {
	return nethttp.HandlerFunc(func(rw nethttp.ResponseWriter, req *nethttp.Request) {
		time.Sleep(50 * time.Millisecond)           // want `^sleep: time\.Sleep in handler func literal in legacyHandler .*; use a select on time\.After and req\.Context\(\)\.Done\(\)$`
		db.Exec("UPDATE legacy_hits SET n = n + 1") // want `^sqlnoctx: \(\*sql\.DB\)\.Exec in handler func literal in legacyHandler `
	})
}

// legacyProfile is a plain function handler with renamed types.
func legacyProfile(rw nethttp.ResponseWriter, req *nethttp.Request) { // want legacyProfile:`blocks\(sleep: time.Sleep via legacyProfile\)`
	time.Sleep(time.Second) // want `^sleep: time\.Sleep in handler legacyProfile `
	rw.WriteHeader(nethttp.StatusGone)
}

// notFound is a package-level handler value.
var notFound = nethttp.HandlerFunc(func(rw nethttp.ResponseWriter, req *nethttp.Request) {
	time.Sleep(time.Second) // want `^sleep: time\.Sleep in handler func literal `
	nethttp.NotFound(rw, req)
})
