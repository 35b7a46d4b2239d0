// Package lambda stubs aws-lambda-go's entry points.
package lambda

import "context"

type Option func(*handlerOptions)

type handlerOptions struct{}

func WithEnableSIGTERM(callbacks ...func()) Option { return nil }

func Start(handler interface{}) {}

func StartWithOptions(handler interface{}, options ...Option) {}

func StartWithContext(ctx context.Context, handler interface{}) {}
