// Package resty is a stub of github.com/go-resty/resty/v2 v2.17.2.
package resty

import "context"

type Client struct{}

type Request struct{ ctx context.Context }

type Response struct{}

func New() *Client { return &Client{} }

func (c *Client) R() *Request                                    { return &Request{} }
func (r *Request) SetContext(ctx context.Context) *Request       { r.ctx = ctx; return r }
func (r *Request) SetHeader(header, value string) *Request       { return r }
func (r *Request) SetBody(body interface{}) *Request             { return r }
func (r *Request) SetResult(res interface{}) *Request            { return r }
func (r *Request) Get(url string) (*Response, error)             { return nil, nil }
func (r *Request) Post(url string) (*Response, error)            { return nil, nil }
func (r *Request) Execute(method, url string) (*Response, error) { return nil, nil }
