// Package twirp stubs the Twirp runtime.
package twirp

type ClientOption func(*ClientOptions)

type ClientOptions struct{}
