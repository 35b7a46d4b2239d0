module example.com/apiframeworks

go 1.26.0

require github.com/danielgtaylor/huma/v2 v2.37.2

require github.com/stretchr/testify v1.12.1 // indirect
