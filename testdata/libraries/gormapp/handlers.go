package gormapp

import (
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"
)

// API serves the inventory.
type API struct{ store *Store }

// NewAPI returns the API on store.
func NewAPI(store *Store) *API { return &API{store: store} }

// Register adds the routes to r.
func (a *API) Register(r *gin.Engine) {
	r.GET("/items/:sku", a.getItem)
	r.GET("/items/:sku/fast", a.getItemFast)
	r.GET("/items/low", a.lowStock)
	r.GET("/items/low/fast", a.lowStockFast)
	r.GET("/items/count", a.count)
	r.POST("/items/:sku/restock", a.restock)
}

func (a *API) getItem(c *gin.Context) {
	it, err := a.store.Item(c.Param("sku"))
	if err != nil {
		c.AbortWithStatus(http.StatusNotFound)
		return
	}
	c.JSON(http.StatusOK, it)
}

func (a *API) getItemFast(c *gin.Context) {
	it, _ := a.store.ItemCtx(c.Request.Context(), c.Param("sku"))
	c.JSON(http.StatusOK, it)
}

func (a *API) lowStock(c *gin.Context) {
	var items []Item
	a.store.lowStock(10).Order("stock").Find(&items)
	c.JSON(http.StatusOK, items)
}

func (a *API) lowStockFast(c *gin.Context) {
	var items []Item
	a.store.withCtx(c.Request.Context()).Where("stock < 10").Find(&items)
	c.JSON(http.StatusOK, items)
}

func (a *API) count(c *gin.Context) {
	q := a.store.db.Model(&Item{})
	if sku := c.Query("prefix"); sku != "" {
		q = q.Where("sku LIKE ?", sku+"%")
	}
	var n int64
	q.Count(&n)
	c.JSON(http.StatusOK, gin.H{"count": n})
}

func (a *API) restock(c *gin.Context) {
	n, _ := strconv.Atoi(c.Query("n"))
	if err := a.store.Restock(c.Param("sku"), n); err != nil {
		c.AbortWithStatus(http.StatusInternalServerError)
	}
}
