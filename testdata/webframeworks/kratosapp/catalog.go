// Package kratosapp is a catalog service on Kratos: CatalogService
// implements the generated gRPC and HTTP services of api/catalog/v1 (main
// registers it on a kratos grpc.Server and a kratos http.Server), and
// Routes adds hand-written routes on the HTTP server.
package kratosapp

import (
	"context"
	"database/sql"
	"net/http"

	v1 "example.com/webframeworks/api/catalog/v1"
	"example.com/webframeworks/internal/store"
)

// CatalogService serves the catalog.
type CatalogService struct {
	v1.UnimplementedCatalogServer

	DB    *sql.DB
	Store *store.Store
	HTTP  *http.Client
}

var (
	_ v1.CatalogServer     = (*CatalogService)(nil)
	_ v1.CatalogHTTPServer = (*CatalogService)(nil)
)

// GetItem is a method of both services: over gRPC and over HTTP, ctx is
// the call's.
func (s *CatalogService) GetItem(ctx context.Context, req *v1.GetItemRequest) (*v1.Item, error) {
	item := &v1.Item{Id: req.Id}
	err := s.DB.QueryRow("SELECT name, price FROM items WHERE id = $1", req.Id).Scan(&item.Name, &item.Price)
	if err != nil {
		return nil, err
	}
	return item, nil
}

// ListItems asks the pricing service for the current prices.
func (s *CatalogService) ListItems(ctx context.Context, req *v1.ListItemsRequest) (*v1.ListItemsReply, error) {
	resp, err := s.HTTP.Get("http://pricing.internal/v1/prices")
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	name, err := s.Store.LoadContext(ctx, "catalog")
	if err != nil {
		return nil, err
	}
	return &v1.ListItemsReply{Items: []*v1.Item{{Id: "catalog", Name: name}}}, nil
}

// price is a helper of the service, not a method of either API: silent.
func (s *CatalogService) price(id string) (int64, error) {
	var p int64
	err := s.DB.QueryRow("SELECT price FROM items WHERE id = $1", id).Scan(&p)
	return p, err
}
