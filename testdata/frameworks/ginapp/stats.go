package ginapp

import (
	"database/sql"
	"net/http"
	"sync"

	web "github.com/gin-gonic/gin"
)

// Stats caches the order totals; every request shares its mutex.
type Stats struct {
	DB *sql.DB

	mu     sync.Mutex
	totals map[string]int
}

// Register mounts the stats endpoints.
func (st *Stats) Register(r *web.Engine) {
	r.GET("/stats/:day", st.total)
	r.GET("/stats/:day/cached", st.cached)
}

// total fills the cache under the lock: while the query runs, every other
// request for any day waits for the mutex.
func (st *Stats) total(c *web.Context) {
	day := c.Param("day")
	st.mu.Lock()
	defer st.mu.Unlock()
	if n, ok := st.totals[day]; ok {
		c.JSON(http.StatusOK, web.H{"total": n})
		return
	}
	var n int
	if err := st.DB.QueryRowContext(c.Request.Context(), "SELECT count(*) FROM orders WHERE day = $1", day).Scan(&n); err != nil {
		c.AbortWithStatus(http.StatusInternalServerError)
		return
	}
	st.totals[day] = n
	c.JSON(http.StatusOK, web.H{"total": n})
}

// cached holds the lock only around the map: silent.
func (st *Stats) cached(c *web.Context) {
	st.mu.Lock()
	n, ok := st.totals[c.Param("day")]
	st.mu.Unlock()
	if !ok {
		c.AbortWithStatus(http.StatusNotFound)
		return
	}
	c.JSON(http.StatusOK, web.H{"total": n})
}
