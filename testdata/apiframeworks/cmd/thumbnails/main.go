// Command thumbnails is an AWS Lambda function whose handler takes no
// context: lambda.StartWithOptions calls it with the event alone.
package main

import (
	"log"
	"os/exec"

	"github.com/aws/aws-lambda-go/lambda"
)

// ImageEvent names an uploaded image.
type ImageEvent struct {
	Key string `json:"key"`
}

// resize has no context parameter, so nothing can stop its child process
// before the invocation times out.
func resize(ev ImageEvent) error {
	out, err := exec.Command("convert", "/tmp/"+ev.Key, "-resize", "128x128", "/tmp/thumb-"+ev.Key).CombinedOutput()
	if err != nil {
		log.Printf("convert: %s", out)
	}
	return err
}

func main() {
	lambda.StartWithOptions(resize, lambda.WithEnableSIGTERM(func() { log.Print("shutting down") }))
}
