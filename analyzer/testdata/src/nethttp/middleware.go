package main

import (
	"log"
	"net/http"
	"net/url"
	"time"
)

// logging is middleware; its handler literal is named after it.
func logging(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		next.ServeHTTP(w, r)
		// Pace the log writer.
		time.Sleep(time.Millisecond) // want `^sleep: time\.Sleep in handler func literal in logging ignores the request's context`
		log.Printf("%s %s %v", r.Method, r.URL.Path, time.Since(start))
	})
}

// authenticate is middleware written as a method.
func (s *Server) authenticate(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		resp, err := http.PostForm(s.avatars+"/introspect", url.Values{"token": {req.Header.Get("Authorization")}}) // want `^httpnoctx: http\.PostForm in handler func literal in authenticate .*; use http\.NewRequestWithContext and Client\.Do with req\.Context\(\)$`
		if err != nil || resp.StatusCode != http.StatusOK {
			http.Error(w, "unauthorized", http.StatusUnauthorized)
			return
		}
		resp.Body.Close()
		next.ServeHTTP(w, req)
	})
}

// recoverer is middleware that does nothing blocking.
func recoverer(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			if v := recover(); v != nil {
				http.Error(w, "internal error", http.StatusInternalServerError)
			}
		}()
		next.ServeHTTP(w, r)
	})
}

var _ = recoverer
