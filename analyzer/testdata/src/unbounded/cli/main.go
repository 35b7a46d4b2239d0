// Command seed fills a database with test data. It takes sizes from its
// flags and loops forever in its worker, and none of it runs on behalf of
// a request: nothing is reported.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"strconv"
	"strings"
	"time"
)

var client = &http.Client{}

func main() { // want main:`blocks\(sleep: time.Sleep via main → worker; slow: \(\*http.Client\).Do via main → upload; endless: for loop with no exit via main → worker; notimeout: \(\*http.Client\).Do with client, built with no Timeout at main.go:18 via main → upload\)`
	n, _ := strconv.Atoi(flag.Arg(0))
	rows := make([]string, 0, n)
	for i := 0; i < n; i++ {
		rows = append(rows, strings.Repeat("x", n))
	}
	data, _ := io.ReadAll(os.Stdin)
	fmt.Println(len(rows), len(data))
	upload()
	worker()
}

func upload() { // want upload:`blocks\(slow: \(\*http.Client\).Do via upload; notimeout: \(\*http.Client\).Do with client, built with no Timeout at main.go:18 via upload\)`
	req, _ := http.NewRequestWithContext(context.Background(), http.MethodPost, "http://localhost:8080/seed", nil)
	client.Do(req)
}

func worker() { // want worker:`blocks\(sleep: time.Sleep via worker; endless: for loop with no exit via worker\)`
	for {
		fmt.Println("tick")
		time.Sleep(time.Second)
	}
}
