package connectapp

import (
	"context"
	"os/exec"
	"strings"

	"example.com/frameworks/eliza"
	"example.com/frameworks/eliza/elizaconnect"
)

// Eliza implements the service generated with the "simple" option, whose
// methods take and return the messages themselves.
type Eliza struct {
	Fortune string // path of the fortune program
}

var _ elizaconnect.ElizaServiceHandler = (*Eliza)(nil)

// Say asks fortune for an answer without the call's context.
func (e *Eliza) Say(ctx context.Context, req *eliza.SayRequest) (*eliza.SayResponse, error) {
	out, err := exec.Command(e.Fortune, "-s").Output()
	if err != nil {
		return nil, err
	}
	return &eliza.SayResponse{Sentence: strings.TrimSpace(string(out))}, nil
}
