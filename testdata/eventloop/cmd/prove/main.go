// Command prove measures, on loopback, that a gnet callback that blocks
// stalls the other connections on its event loop, as blockcheck's
// eventloop finding in gnetkv.Server.OnTraffic says, and that handing the
// work to a goroutine pool (gnetkv.PooledServer, the fix) does not:
//
//	cd testdata/eventloop && go run ./cmd/prove
//
// Both servers run on one event loop, with a database/sql driver whose
// SELECTs take -query (example.com/slowdb). Connection A asks for a key
// that is only in the database; a moment later connection B asks for one
// in the local cache, which needs no database. It prints Markdown table
// rows (with -rows, no header: testdata/demo's prove appends them to its
// table) and exits with status 1 when a measurement contradicts the
// finding, 2 when it could not measure.
package main

import (
	"bufio"
	"context"
	"database/sql"
	"flag"
	"fmt"
	"log"
	"net"
	"os"
	"path/filepath"
	"strings"
	"time"

	"example.com/slowdb"
	"github.com/panjf2000/gnet/v2"
	"github.com/panjf2000/gnet/v2/pkg/pool/goroutine"

	"example.com/loops/gnetkv"
	"example.com/loops/internal/store"
)

func main() {
	query := flag.Duration("query", 300*time.Millisecond, "how long a database SELECT takes (at most 5s)")
	rowsOnly := flag.Bool("rows", false, "print the table rows only, without the header")
	flag.Parse()
	if *query <= 50*time.Millisecond || *query > 5*time.Second {
		fmt.Fprintln(os.Stderr, "prove: want 50ms < -query ≤ 5s")
		os.Exit(2)
	}
	log.SetOutput(os.Stderr)

	dir, err := os.MkdirTemp("", "gnetkv")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)
	if err := os.WriteFile(filepath.Join(dir, "hot"), []byte("cached"), 0o644); err != nil {
		log.Fatal(err)
	}
	db := sql.OpenDB(slowdb.Config{
		Delay: func(q string) time.Duration {
			if strings.HasPrefix(q, "SELECT") {
				return *query
			}
			return 0
		},
	}.Connector())
	defer db.Close()
	st := &store.Store{DB: db, Dir: dir}

	before, err := stall(&gnetkv.Server{Store: st, DB: db}, *query)
	if err != nil {
		fmt.Fprintln(os.Stderr, "prove:", err)
		os.Exit(2)
	}
	after, err := stall(&gnetkv.PooledServer{Store: st, Pool: goroutine.Default()}, *query)
	if err != nil {
		fmt.Fprintln(os.Stderr, "prove:", err)
		os.Exit(2)
	}

	if !*rowsOnly {
		fmt.Println("| harm | blockcheck: before → after the fix | before the fix | after the fix |")
		fmt.Println("|---|---|---|---|")
	}
	fmt.Printf("| event-loop stall: on one gnet loop, connection B asks for a cached key while A's lookup waits %s for the database | "+
		"eventloop in Server.OnTraffic: reported → silent in PooledServer, which hands the lookup to a goroutine pool | B answered in %s | B answered in %s |\n",
		*query, ms(before), ms(after))
	bad := false
	if before < *query/2 {
		fmt.Fprintln(os.Stderr, "prove: CONTRADICTED: the blocking callback did not stall the other connection")
		bad = true
	}
	if after >= *query/2 {
		fmt.Fprintln(os.Stderr, "prove: CONTRADICTED: with the pool, the other connection still waited")
		bad = true
	}
	if bad {
		os.Exit(1)
	}
}

// booted is a server that tells when its engine has started.
type booted struct {
	gnet.EventHandler
	eng chan gnet.Engine
}

func (b booted) OnBoot(eng gnet.Engine) gnet.Action {
	a := b.EventHandler.OnBoot(eng)
	b.eng <- eng
	return a
}

// stall runs h on one event loop on a loopback port and returns how long
// connection B waited for its answer while connection A's lookup waited
// for the database.
func stall(h gnet.EventHandler, query time.Duration) (time.Duration, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	addr := ln.Addr().String()
	ln.Close() // gnet listens on it itself
	b := booted{EventHandler: h, eng: make(chan gnet.Engine, 1)}
	errc := make(chan error, 1)
	go func() { errc <- gnet.Run(b, "tcp://"+addr, gnet.WithNumEventLoop(1), gnet.WithLogger(errorsOnly{})) }()
	var eng gnet.Engine
	select {
	case eng = <-b.eng:
	case err := <-errc:
		return 0, fmt.Errorf("gnet.Run: %v", err)
	case <-time.After(5 * time.Second):
		return 0, fmt.Errorf("gnet did not start on %s", addr)
	}
	defer func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		eng.Stop(ctx)
	}()

	a, err := dial(addr)
	if err != nil {
		return 0, err
	}
	defer a.Close()
	c, err := dial(addr)
	if err != nil {
		return 0, err
	}
	defer c.Close()

	if _, err := a.Write([]byte("GET cold\n")); err != nil {
		return 0, err
	}
	time.Sleep(query / 10) // A's lookup is on the loop now
	start := time.Now()
	if _, err := c.Write([]byte("GET hot\n")); err != nil {
		return 0, err
	}
	line, err := bufio.NewReader(c).ReadString('\n')
	waited := time.Since(start)
	if err != nil {
		return 0, err
	}
	if line != "cached\n" {
		return 0, fmt.Errorf("GET hot answered %q", line)
	}
	bufio.NewReader(a).ReadString('\n') // A's answer, so that A's lookup is over before the server stops
	return waited, nil
}

// dial connects to addr, giving up after a second; every read and write
// on the connection gives up after ten.
func dial(addr string) (net.Conn, error) {
	c, err := net.DialTimeout("tcp", addr, time.Second)
	if err != nil {
		return nil, err
	}
	c.SetDeadline(time.Now().Add(10 * time.Second))
	return c, nil
}

func ms(d time.Duration) string {
	return fmt.Sprintf("%d ms", d.Round(time.Millisecond).Milliseconds())
}

// errorsOnly is a gnet logger that keeps stdout for the table: it drops
// gnet's progress messages and prints its errors to stderr.
type errorsOnly struct{}

func (errorsOnly) Debugf(string, ...any)        {}
func (errorsOnly) Infof(string, ...any)         {}
func (errorsOnly) Warnf(f string, args ...any)  { log.Printf("gnet: "+f, args...) }
func (errorsOnly) Errorf(f string, args ...any) { log.Printf("gnet: "+f, args...) }
func (errorsOnly) Fatalf(f string, args ...any) { log.Fatalf("gnet: "+f, args...) }
