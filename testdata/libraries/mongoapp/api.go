package mongoapp

import (
	"context"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"
	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
)

// Shop serves /products with gin.
type Shop struct {
	catalog *Catalog
	db      *mongo.Database
}

// NewShop returns the handlers.
func NewShop(catalog *Catalog, db *mongo.Database) *Shop { return &Shop{catalog: catalog, db: db} }

// Register adds the routes to r.
func (a *Shop) Register(r *gin.Engine) {
	r.GET("/products/:sku", a.product)
	r.GET("/products", a.tagged)
	r.GET("/products/count", a.count)
	r.POST("/products/:sku/view", a.view)
	r.POST("/products/prices", a.reprice)
	r.GET("/products/export", a.export)
	r.GET("/products/stats", a.stats)
	r.POST("/products/:sku/audit", a.audit)
}

// product passes the request's context down: silent.
func (a *Shop) product(c *gin.Context) {
	p, err := a.catalog.Product(c.Request.Context(), c.Param("sku"))
	if err != nil {
		c.AbortWithStatus(http.StatusNotFound)
		return
	}
	c.JSON(http.StatusOK, p)
}

// tagged passes the request's context to the query and the cursor:
// silent.
func (a *Shop) tagged(c *gin.Context) {
	ps, err := a.catalog.Tagged(c.Request.Context(), c.Query("tag"))
	if err != nil {
		c.AbortWithStatus(http.StatusServiceUnavailable)
		return
	}
	c.JSON(http.StatusOK, ps)
}

// count reaches a count whose context the repository made from nothing.
func (a *Shop) count(c *gin.Context) {
	n, err := a.catalog.Count(c.Query("tag"))
	if err != nil {
		c.AbortWithStatus(http.StatusServiceUnavailable)
		return
	}
	c.JSON(http.StatusOK, n)
}

// view writes through under the repository's mutex.
func (a *Shop) view(c *gin.Context) {
	if err := a.catalog.Viewed(c.Request.Context(), c.Param("sku")); err != nil {
		c.AbortWithStatus(http.StatusServiceUnavailable)
		return
	}
	c.Status(http.StatusNoContent)
}

// reprice runs the transaction on the request's context: silent.
func (a *Shop) reprice(c *gin.Context) {
	var prices map[string]int64
	c.Request.Body = http.MaxBytesReader(c.Writer, c.Request.Body, 1<<20)
	if err := c.BindJSON(&prices); err != nil {
		return
	}
	if err := a.catalog.Reprice(c.Request.Context(), prices); err != nil {
		c.AbortWithStatus(http.StatusServiceUnavailable)
		return
	}
	c.Status(http.StatusNoContent)
}

// export finds on the request's context but reads the batches on a root
// one: every getMore ignores the client.
func (a *Shop) export(c *gin.Context) {
	cur, err := a.db.Collection("products").Find(c.Request.Context(), bson.D{})
	if err != nil {
		c.AbortWithStatus(http.StatusServiceUnavailable)
		return
	}
	var all []Product
	if err := cur.All(context.TODO(), &all); err != nil {
		c.AbortWithStatus(http.StatusServiceUnavailable)
		return
	}
	c.JSON(http.StatusOK, all)
}

// stats runs a command on a root context.
func (a *Shop) stats(c *gin.Context) {
	var out bson.M
	if err := a.db.RunCommand(context.Background(), bson.D{{Key: "dbStats", Value: 1}}).Decode(&out); err != nil {
		c.AbortWithStatus(http.StatusServiceUnavailable)
		return
	}
	c.JSON(http.StatusOK, out)
}

// audit records the view even if the client leaves: it detaches from the
// request's cancellation on purpose. Silent.
func (a *Shop) audit(c *gin.Context) {
	ctx, cancel := context.WithTimeout(context.WithoutCancel(c.Request.Context()), 2*time.Second)
	defer cancel()
	a.db.Collection("audit").InsertOne(ctx, bson.D{{Key: "sku", Value: c.Param("sku")}, {Key: "at", Value: time.Now()}})
	c.Status(http.StatusNoContent)
}
