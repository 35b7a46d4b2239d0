// Command server wires the services together. Nothing here runs on a
// request: the background sweep and the startup checks stay silent.
package main

import (
	"context"
	"log"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/gomodule/redigo/redis"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/jmoiron/sqlx"
	goredis "github.com/redis/go-redis/v9"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"
	"gorm.io/gorm"

	"example.com/libraries/gormapp"
	"example.com/libraries/httpapp"
	"example.com/libraries/mailapp"
	"example.com/libraries/mongoapp"
	"example.com/libraries/pgxapp"
	"example.com/libraries/redisapp"
	"example.com/libraries/redisv9app"
	"example.com/libraries/retryapp"
	"example.com/libraries/sqapp"
	"example.com/libraries/sqlxapp"
)

// dialector is the SQL dialect gorm speaks; a real service imports a
// driver (gorm.io/driver/postgres) for it.
var dialector gorm.Dialector

func main() {
	store, err := gormapp.Open(dialector)
	if err != nil {
		log.Fatal(err)
	}
	go func() {
		for range time.Tick(time.Hour) {
			store.Sweep()
		}
	}()
	db, err := sqlx.Connect("postgres", "postgres://localhost/accounts")
	if err != nil {
		log.Fatal(err)
	}
	pool := &redis.Pool{Dial: func() (redis.Conn, error) { return redis.Dial("tcp", "cache.internal:6379") }}

	mux := http.NewServeMux()
	sqlxapp.New(db).Routes(mux)
	redisapp.New(pool).Routes(mux)
	rdb := goredis.NewClient(&goredis.Options{Addr: "cache.internal:6379"})
	if err := rdb.Ping(context.Background()).Err(); err != nil {
		log.Fatal(err) // at startup: not a request
	}
	redisv9app.New(rdb, goredis.NewUniversalClient(&goredis.UniversalOptions{Addrs: []string{"cache.internal:6379"}})).Routes(mux)
	const ordersDSN = "postgres://localhost/orders"
	pgpool, err := pgxpool.New(context.Background(), ordersDSN)
	if err != nil {
		log.Fatal(err)
	}
	if err := pgpool.Ping(context.Background()); err != nil {
		log.Fatal(err) // at startup: not a request
	}
	orders := pgxapp.NewStore(pgpool)
	go func() {
		for range time.Tick(time.Hour) {
			orders.SweepExpired()
		}
	}()
	pgxapp.NewOrders(orders, pgpool, ordersDSN).Routes(mux)
	wh := sqapp.NewWarehouse(db.DB)
	if _, err := wh.Low(0); err != nil {
		log.Fatal(err) // at startup: not a request
	}
	sqapp.NewHandlers(wh).Routes(mux)
	mailapp.New("mail.internal:25").Routes(mux)
	retryapp.New().Routes(mux)
	httpapp.New().Routes(mux)

	mc, err := mongo.Connect(options.Client().ApplyURI("mongodb://catalog.internal:27017"))
	if err != nil {
		log.Fatal(err)
	}
	defer mc.Disconnect(context.Background())
	if err := mc.Ping(context.Background(), nil); err != nil {
		log.Fatal(err) // at startup: not a request
	}
	products := mongoapp.NewCatalog(mc)
	go func() {
		for range time.Tick(time.Hour) {
			products.PurgeDrafts()
		}
	}()

	engine := gin.New()
	gormapp.NewAPI(store).Register(engine)
	mongoapp.NewShop(products, mc.Database("shop")).Register(engine)
	mux.Handle("/items/", engine)
	mux.Handle("/products", engine)
	mux.Handle("/products/", engine)
	log.Fatal(http.ListenAndServe(":8080", mux))
}
