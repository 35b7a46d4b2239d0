// Command api serves the huma, Twirp and GraphQL services on one mux.
package main

import (
	"database/sql"
	"log"
	"net/http"
	"time"

	"github.com/99designs/gqlgen/graphql/handler"
	"github.com/99designs/gqlgen/graphql/handler/transport"
	"github.com/danielgtaylor/huma/v2"
	"github.com/danielgtaylor/huma/v2/adapters/humago"

	"example.com/apiframeworks/graph"
	"example.com/apiframeworks/humaapp"
	"example.com/apiframeworks/inventoryrpc"
	"example.com/apiframeworks/twirpapp"
)

func main() {
	db, err := sql.Open("postgres", "postgres://localhost/app")
	if err != nil {
		log.Fatal(err)
	}
	// Start-up work runs before anything is served: not a request path.
	if err := db.Ping(); err != nil {
		log.Fatal(err)
	}
	mux := http.NewServeMux()
	api := humago.New(mux, huma.DefaultConfig("Users", "1.0.0"))
	users := &humaapp.Server{Store: &humaapp.Store{DB: db}, DB: db, Audit: func(string) {}}
	users.Routes(api)

	inventory := &twirpapp.Inventory{
		DB:        db,
		Client:    &http.Client{Timeout: 5 * time.Second},
		Warehouse: "http://warehouse.internal",
	}
	if err := inventory.Warm(); err != nil {
		log.Fatal(err)
	}
	twirpServer := inventoryrpc.NewInventoryServer(inventory)
	mux.Handle(twirpServer.PathPrefix(), twirpServer)
	gql := handler.New(graph.NewExecutableSchema(graph.Config{Resolvers: &graph.Resolver{
		DB:         db,
		HTTP:       &http.Client{Timeout: 5 * time.Second},
		ReviewsURL: "http://reviews.internal",
	}}))
	gql.AddTransport(transport.POST{})
	mux.Handle("/query", gql)

	log.Fatal(http.ListenAndServe(":8080", mux))
}
