// Package payments is a client for the payment provider's REST API.
package payments

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"

	"github.com/acme/retry"
)

// Client talks to the payment provider.
type Client struct {
	baseURL string
	apiKey  string
	http    *http.Client
}

// New returns a client for the API at baseURL.
func New(baseURL, apiKey string) *Client {
	return &Client{baseURL: baseURL, apiKey: apiKey, http: &http.Client{}}
}

// ChargeRequest asks the provider to charge a card.
type ChargeRequest struct {
	OrderID     int64  `json:"order_id"`
	AmountCents int64  `json:"amount_cents"`
	Currency    string `json:"currency"`
	CardToken   string `json:"card_token"`
}

// Charge is the provider's view of a charge.
type Charge struct {
	ID     string `json:"id"`
	Status string `json:"status"`
}

// Charge charges a card. The provider deduplicates on the order id, so the
// call is safe to retry.
func (c *Client) Charge(ctx context.Context, req ChargeRequest) (*Charge, error) {
	body, err := json.Marshal(req)
	if err != nil {
		return nil, err
	}
	var ch Charge
	err = retry.Do(func() error {
		httpReq, err := http.NewRequestWithContext(ctx, http.MethodPost, c.baseURL+"/v1/charges", bytes.NewReader(body))
		if err != nil {
			return retry.Permanent(err)
		}
		c.authorize(httpReq)
		httpReq.Header.Set("Idempotency-Key", fmt.Sprintf("order-%d", req.OrderID))
		resp, err := c.http.Do(httpReq)
		if err != nil {
			return err
		}
		return decode(resp, &ch)
	})
	if err != nil {
		return nil, fmt.Errorf("charge order %d: %w", req.OrderID, err)
	}
	return &ch, nil
}

// Refund refunds a charge in full.
func (c *Client) Refund(ctx context.Context, chargeID string) error {
	return retry.DoContext(ctx, func() error {
		req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.baseURL+"/v1/charges/"+chargeID+"/refund", nil)
		if err != nil {
			return retry.Permanent(err)
		}
		c.authorize(req)
		req.Header.Set("Idempotency-Key", "refund-"+chargeID)
		resp, err := c.http.Do(req)
		if err != nil {
			return err
		}
		return decode(resp, nil)
	})
}

// Status returns the current status of a charge.
func (c *Client) Status(chargeID string) (string, error) {
	req, err := http.NewRequest(http.MethodGet, c.baseURL+"/v1/charges/"+chargeID, nil)
	if err != nil {
		return "", err
	}
	c.authorize(req)
	resp, err := c.http.Do(req)
	if err != nil {
		return "", err
	}
	var ch Charge
	if err := decode(resp, &ch); err != nil {
		return "", err
	}
	return ch.Status, nil
}

func (c *Client) authorize(req *http.Request) {
	req.Header.Set("Authorization", "Bearer "+c.apiKey)
	req.Header.Set("Content-Type", "application/json")
}

// APIError is a non-2xx answer from the provider.
type APIError struct {
	StatusCode int
	Message    string
}

func (e *APIError) Error() string {
	return fmt.Sprintf("payments: %d %s", e.StatusCode, e.Message)
}

// decode reads resp into out (if non-nil) and closes the body. Client errors
// are permanent; server errors may be retried.
func decode(resp *http.Response, out any) error {
	defer resp.Body.Close()
	if resp.StatusCode >= 300 {
		msg, _ := io.ReadAll(io.LimitReader(resp.Body, 1<<10))
		err := &APIError{StatusCode: resp.StatusCode, Message: string(bytes.TrimSpace(msg))}
		if resp.StatusCode < 500 {
			return retry.Permanent(err)
		}
		return err
	}
	if out == nil {
		return nil
	}
	return json.NewDecoder(resp.Body).Decode(out)
}
