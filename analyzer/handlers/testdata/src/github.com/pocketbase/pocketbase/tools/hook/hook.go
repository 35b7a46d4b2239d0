// Package hook is a stub of PocketBase's tools/hook (v0.36.8).
package hook

type Resolver interface{ Next() error }

type Event struct{ next func() error }

func (e *Event) Next() error { return nil }

type Hook[T Resolver] struct{}

func (h *Hook[T]) BindFunc(fn func(e T) error) string { return "" }

type TaggedHook[T Resolver] struct{ *Hook[T] }
