package main

import (
	"net/http"
	"net/http/httptest"
	"testing"
	"time"
)

// slowUpstream is a test server handler that simulates a slow upstream;
// sleeping is the point.
func slowUpstream(w http.ResponseWriter, r *http.Request) { // want slowUpstream:`blocks\(sleep: time.Sleep via slowUpstream\)`
	time.Sleep(50 * time.Millisecond)
	w.WriteHeader(http.StatusOK)
}

func TestTimeout(t *testing.T) { // want TestTimeout:`blocks\(http: \(\*http.Client\).Get via TestTimeout\)`
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		time.Sleep(10 * time.Millisecond)
		slowUpstream(w, r)
	}))
	defer srv.Close()
	client := &http.Client{Timeout: 10 * time.Millisecond}
	if _, err := client.Get(srv.URL); err == nil {
		t.Fatal("want a timeout")
	}
}
