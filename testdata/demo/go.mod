module example.com/shop

go 1.26

require github.com/acme/retry v0.1.0

replace github.com/acme/retry => ./third_party/retry
