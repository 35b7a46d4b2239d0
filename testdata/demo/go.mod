module example.com/shop

go 1.26.0

require (
	example.com/slowdb v0.0.0
	github.com/acme/retry v0.1.0
)

require (
	github.com/blockcheck/blockcheck v0.0.0 // indirect
	golang.org/x/mod v0.42.0 // indirect
	golang.org/x/sync v0.24.0 // indirect
	golang.org/x/tools v0.52.0 // indirect
)

replace github.com/acme/retry => ./third_party/retry

// The slow database/sql driver of cmd/prove.
replace example.com/slowdb => ../slowdb

replace github.com/blockcheck/blockcheck => ../..

tool github.com/blockcheck/blockcheck/cmd/blockcheck
