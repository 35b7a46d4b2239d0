package api

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
)

type statusRecorder struct {
	http.ResponseWriter
	status int
}

func (r *statusRecorder) WriteHeader(code int) {
	r.status = code
	r.ResponseWriter.WriteHeader(code)
}

// logRequests logs one line per request.
func (s *Server) logRequests(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		rec := &statusRecorder{ResponseWriter: w, status: http.StatusOK}
		next.ServeHTTP(rec, r)
		s.Log.Info("request", "method", r.Method, "path", r.URL.Path,
			"status", rec.status, "duration", time.Since(start))
	})
}

type userKey struct{}

// userFrom returns the authenticated user's id.
func userFrom(ctx context.Context) int64 {
	id, _ := ctx.Value(userKey{}).(int64)
	return id
}

func isPublic(path string) bool {
	return path == "/healthz" || strings.HasPrefix(path, "/webhooks/") || strings.HasPrefix(path, "/debug/")
}

// authenticate checks the bearer token with the identity provider and puts
// the user id in the request context.
func (s *Server) authenticate(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if isPublic(r.URL.Path) {
			next.ServeHTTP(w, r)
			return
		}
		token, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
		if !ok || token == "" {
			http.Error(w, "missing bearer token", http.StatusUnauthorized)
			return
		}
		resp, err := http.PostForm(s.IntrospectURL, url.Values{"token": {token}})
		if err != nil {
			http.Error(w, "identity provider unavailable", http.StatusServiceUnavailable)
			return
		}
		defer resp.Body.Close()
		var claims struct {
			Active  bool   `json:"active"`
			Subject string `json:"sub"`
			Scope   string `json:"scope"`
		}
		if resp.StatusCode != http.StatusOK || json.NewDecoder(resp.Body).Decode(&claims) != nil || !claims.Active {
			http.Error(w, "invalid token", http.StatusUnauthorized)
			return
		}
		if strings.HasPrefix(r.URL.Path, "/admin/") && !strings.Contains(" "+claims.Scope+" ", " shop:admin ") {
			http.Error(w, "forbidden", http.StatusForbidden)
			return
		}
		userID, err := strconv.ParseInt(claims.Subject, 10, 64)
		if err != nil {
			http.Error(w, "invalid token subject", http.StatusUnauthorized)
			return
		}
		next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), userKey{}, userID)))
	})
}
