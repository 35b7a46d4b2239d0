package main_test

import (
	"net/http"
	"testing"
	"time"
)

func TestExternal(t *testing.T) {
	h := func(w http.ResponseWriter, r *http.Request) {
		time.Sleep(time.Millisecond)
	}
	_ = h
}
