// Command lambdafn starts Lambda handlers of the documented signatures.
package main

import (
	"context"

	"github.com/aws/aws-lambda-go/lambda"
)

type Event struct{ Key string }

type Handler struct{}

func (h *Handler) Handle(ctx context.Context, ev Event) (string, error) { return "", nil } // want `^aws-lambda-go handler Handler\.Handle, context "ctx"$`

func resize(ev Event) error { return nil } // want `^aws-lambda-go handler resize, context ""$`

func ping(ctx context.Context) error { return nil } // want `^aws-lambda-go handler ping, context "ctx"$`

// onTerm runs at SIGTERM, not per invocation.
func onTerm() {}

// notStarted has Handle's signature.
func notStarted(ctx context.Context, ev Event) (string, error) { return "", nil }

func main() {
	h := &Handler{}
	lambda.Start(h.Handle)
	lambda.StartWithOptions(resize, lambda.WithEnableSIGTERM(onTerm))
	lambda.StartWithContext(context.Background(), ping)
}
