package api

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"

	"example.com/shop/internal/store"
)

// webhookHandler receives the payment provider's event notifications:
// POST /webhooks/payments.
type webhookHandler struct {
	store  *store.Store
	secret []byte
	log    *slog.Logger
}

func (h *webhookHandler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(r.Body)
	if err != nil {
		http.Error(w, "read error", http.StatusBadRequest)
		return
	}
	if !h.validSignature(body, r.Header.Get("Payments-Signature")) {
		http.Error(w, "bad signature", http.StatusUnauthorized)
		return
	}
	var ev struct {
		Type string `json:"type"`
		Data struct {
			ChargeID string `json:"charge_id"`
			OrderID  int64  `json:"order_id"`
		} `json:"data"`
	}
	if err := json.Unmarshal(body, &ev); err != nil {
		http.Error(w, "bad event", http.StatusBadRequest)
		return
	}
	switch ev.Type {
	case "charge.succeeded":
		if err := h.store.MarkOrderPaid(ev.Data.OrderID, ev.Data.ChargeID); err != nil {
			h.log.Error("mark order paid", "order", ev.Data.OrderID, "err", err)
			http.Error(w, "try again", http.StatusServiceUnavailable)
			return
		}
	default:
		h.log.Debug("ignored payment event", "type", ev.Type)
	}
	w.WriteHeader(http.StatusNoContent)
}

// validSignature checks the hex HMAC-SHA256 of the body.
func (h *webhookHandler) validSignature(body []byte, sig string) bool {
	want, err := hex.DecodeString(sig)
	if err != nil {
		return false
	}
	mac := hmac.New(sha256.New, h.secret)
	mac.Write(body)
	return hmac.Equal(mac.Sum(nil), want)
}
