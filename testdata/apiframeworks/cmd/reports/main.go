// Command reports is an AWS Lambda function registered with the generic
// lambda.StartHandlerFunc.
package main

import (
	"context"
	"net"

	"github.com/aws/aws-lambda-go/lambda"
)

// ReportRequest names the host whose report to build.
type ReportRequest struct {
	Host string `json:"host"`
}

// report resolves the host without the invocation's context.
func report(ctx context.Context, req ReportRequest) ([]string, error) {
	return net.LookupHost(req.Host)
}

func main() {
	lambda.StartHandlerFunc(report)
}
