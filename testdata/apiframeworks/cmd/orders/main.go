// Command orders is an AWS Lambda function that records one order per
// invocation: lambda.Start runs Handler.Handle with the invocation's
// context, whose deadline is the function's timeout.
package main

import (
	"context"
	"database/sql"
	"log"
	"net/http"
	"time"

	"github.com/aws/aws-lambda-go/lambda"
)

// OrderEvent is the invocation's payload.
type OrderEvent struct {
	OrderID string `json:"order_id"`
	Amount  int64  `json:"amount"`
}

// Receipt is the function's result.
type Receipt struct {
	OrderID string `json:"order_id"`
	Status  string `json:"status"`
}

// Handler records orders.
type Handler struct {
	DB       *sql.DB
	Payments *http.Client // with a Timeout
	Audit    func(orderID string)
}

// Handle stores the order, waits out the payment provider's rate limit
// and charges it.
func (h *Handler) Handle(ctx context.Context, ev OrderEvent) (Receipt, error) {
	if _, err := h.DB.Exec("INSERT INTO orders (id, amount) VALUES ($1, $2)", ev.OrderID, ev.Amount); err != nil {
		return Receipt{}, err
	}
	// The provider allows four charges a second.
	time.Sleep(250 * time.Millisecond)
	if err := h.charge(ctx, ev); err != nil {
		return Receipt{}, err
	}
	// Audit on a goroutine of its own: not the invocation's work.
	go func() {
		time.Sleep(time.Second)
		h.Audit(ev.OrderID)
	}()
	return Receipt{OrderID: ev.OrderID, Status: "charged"}, nil
}

// charge passes the invocation's context down: silent.
func (h *Handler) charge(ctx context.Context, ev OrderEvent) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, "https://payments.internal/charge?order="+ev.OrderID, nil)
	if err != nil {
		return err
	}
	resp, err := h.Payments.Do(req)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

func main() {
	db, err := sql.Open("postgres", "postgres://localhost/orders")
	if err != nil {
		log.Fatal(err)
	}
	// Init code runs once per execution environment, before any invocation.
	if err := db.Ping(); err != nil {
		log.Fatal(err)
	}
	h := &Handler{DB: db, Payments: &http.Client{Timeout: 5 * time.Second}, Audit: func(string) {}}
	lambda.Start(h.Handle)
}
