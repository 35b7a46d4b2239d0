// Package graphql stubs gqlgen's runtime.
package graphql

type Config[R any, D any, C any] struct {
	Resolvers  R
	Directives D
	Complexity C
}

type ExecutableSchema interface{ Schema() any }

// Other is generic too, but not the schema's configuration.
type Other[R any] struct{ Resolvers R }
