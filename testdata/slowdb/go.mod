module example.com/slowdb

go 1.26.0
