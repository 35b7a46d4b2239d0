// Package nbhttp is a stub of nbio's HTTP server (v1.6.8).
package nbhttp

import (
	"context"
	"net/http"
)

type Config struct {
	Network string
	Addrs   []string
	Handler http.Handler
	Context context.Context
}

type Engine struct{}

func NewEngine(conf Config) *Engine { return &Engine{} }

func (e *Engine) Start() error { return nil }

type Server struct{ *Engine }

func NewServer(conf Config, v ...interface{}) *Server { return &Server{} }
