package payments

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"
)

func TestRefundStopsWhenContextIsDone(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		time.Sleep(200 * time.Millisecond) // slower than the caller's deadline
		w.WriteHeader(http.StatusServiceUnavailable)
	}))
	defer srv.Close()

	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel()
	start := time.Now()
	err := New(srv.URL, "sk_test").Refund(ctx, "ch_123")
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("Refund error = %v, want context.DeadlineExceeded", err)
	}
	if d := time.Since(start); d > 150*time.Millisecond {
		t.Errorf("Refund returned after %v, want soon after the 20ms deadline", d)
	}
}

func TestStatus(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if got := r.Header.Get("Authorization"); got != "Bearer sk_test" {
			t.Errorf("Authorization = %q", got)
		}
		w.Write([]byte(`{"id":"ch_123","status":"succeeded"}`))
	}))
	defer srv.Close()

	st, err := New(srv.URL, "sk_test").Status("ch_123")
	if err != nil || st != "succeeded" {
		t.Fatalf("Status = %q, %v", st, err)
	}
}
