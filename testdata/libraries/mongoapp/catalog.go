// Package mongoapp keeps a product catalogue in MongoDB with the v2 driver
// and serves it with gin.
package mongoapp

import (
	"context"
	"sync"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"
)

// Product is one document of the products collection.
type Product struct {
	SKU   string   `bson:"_id" json:"sku"`
	Name  string   `bson:"name" json:"name"`
	Price int64    `bson:"price" json:"price"`
	Tags  []string `bson:"tags" json:"tags"`
}

// Catalog is the products repository. mu guards views, a count of
// product views it flushes to MongoDB.
type Catalog struct {
	client   *mongo.Client
	products *mongo.Collection

	mu    sync.Mutex
	views map[string]int
}

// NewCatalog returns the repository on client's shop database.
func NewCatalog(client *mongo.Client) *Catalog {
	return &Catalog{client: client, products: client.Database("shop").Collection("products"), views: map[string]int{}}
}

// Product reads one product with the caller's context.
func (c *Catalog) Product(ctx context.Context, sku string) (Product, error) {
	var p Product
	err := c.products.FindOne(ctx, bson.D{{Key: "_id", Value: sku}}).Decode(&p)
	return p, err
}

// Tagged lists the products with a tag, reading every batch of the
// cursor with the caller's context.
func (c *Catalog) Tagged(ctx context.Context, tag string) ([]Product, error) {
	cur, err := c.products.Find(ctx, bson.D{{Key: "tags", Value: tag}}, options.Find().SetLimit(100))
	if err != nil {
		return nil, err
	}
	defer cur.Close(context.Background()) // the server's cursor is released even when ctx is done
	var out []Product
	for cur.Next(ctx) {
		var p Product
		if err := cur.Decode(&p); err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, cur.Err()
}

// Count counts a tag's products under a timeout made from nothing of the
// caller's.
func (c *Catalog) Count(tag string) (int64, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	return c.products.CountDocuments(ctx, bson.D{{Key: "tags", Value: tag}})
}

// Viewed counts a view and flushes the count while holding the mutex.
func (c *Catalog) Viewed(ctx context.Context, sku string) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.views[sku]++
	_, err := c.products.UpdateByID(ctx, sku, bson.D{{Key: "$set", Value: bson.D{{Key: "views", Value: c.views[sku]}}}})
	return err
}

// Reprice changes prices in a transaction on the caller's context.
func (c *Catalog) Reprice(ctx context.Context, prices map[string]int64) error {
	sess, err := c.client.StartSession()
	if err != nil {
		return err
	}
	defer sess.EndSession(context.Background()) // returns the session; aborts only a transaction left open
	_, err = sess.WithTransaction(ctx, func(ctx context.Context) (any, error) {
		for sku, p := range prices {
			if _, err := c.products.UpdateByID(ctx, sku, bson.D{{Key: "$set", Value: bson.D{{Key: "price", Value: p}}}}); err != nil {
				return nil, err
			}
		}
		return nil, nil
	})
	return err
}

// PurgeDrafts deletes unpublished products. main runs it in the
// background.
func (c *Catalog) PurgeDrafts() {
	c.products.DeleteMany(context.Background(), bson.D{{Key: "draft", Value: true}})
}
