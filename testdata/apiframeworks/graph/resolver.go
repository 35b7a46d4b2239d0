package graph

import (
	"database/sql"
	"net/http"
)

// This file will not be regenerated automatically.
//
// It serves as dependency injection for your app, add any dependencies you require here.

type Resolver struct {
	DB   *sql.DB
	HTTP *http.Client // with a Timeout
	// ReviewsURL is the base URL of the reviews service.
	ReviewsURL string
}
