module example.com/apiframeworks

go 1.26.0

require (
	github.com/aws/aws-lambda-go v1.55.1
	github.com/danielgtaylor/huma/v2 v2.37.2
	github.com/twitchtv/twirp v8.1.3+incompatible
)

require (
	github.com/pkg/errors v0.9.1 // indirect
	github.com/stretchr/testify v1.12.1 // indirect
)
