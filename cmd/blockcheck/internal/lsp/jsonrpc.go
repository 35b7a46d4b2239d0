package lsp

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/textproto"
	"strconv"
	"strings"
	"sync"
)

// The JSON-RPC 2.0 layer of the Language Server Protocol: messages framed by
// a Content-Length header on a byte stream (the base protocol). It is the
// whole of what blockcheck needs from a JSON-RPC library, on encoding/json.

// message is any JSON-RPC message: a request (ID and Method), a
// notification (Method only) or a response (ID, and Result or Error).
// Params and Result stay raw: most messages are forwarded untouched in
// proxy mode, and only the few blockcheck reads are decoded.
type message struct {
	JSONRPC string          `json:"jsonrpc"`
	ID      json.RawMessage `json:"id,omitempty"`
	Method  string          `json:"method,omitempty"`
	Params  json.RawMessage `json:"params,omitempty"`
	Result  json.RawMessage `json:"result,omitempty"`
	Error   *rpcError       `json:"error,omitempty"`
}

type rpcError struct {
	Code    int    `json:"code"`
	Message string `json:"message"`
}

// JSON-RPC error codes that blockcheck answers with.
const (
	codeMethodNotFound = -32601
	codeInvalidParams  = -32602
)

func (m *message) isRequest() bool      { return m.Method != "" && m.ID != nil }
func (m *message) isNotification() bool { return m.Method != "" && m.ID == nil }
func (m *message) isResponse() bool     { return m.Method == "" && m.ID != nil }

// conn is one end of a framed JSON-RPC stream. Reads come from one
// goroutine; writes may come from any.
type conn struct {
	r  *bufio.Reader
	mu sync.Mutex // serializes writes: a message is one header and one body
	w  io.Writer
}

func newConn(r io.Reader, w io.Writer) *conn {
	return &conn{r: bufio.NewReader(r), w: w}
}

// maxMessage bounds a message body: a bad length header must not make the
// server allocate without limit. gopls' largest messages (a workspace's
// symbols, a big file's semantic tokens) are a few MB.
const maxMessage = 256 << 20

// read returns the body of the next message. It returns io.EOF at the end
// of a stream that ended between messages.
func (c *conn) read() ([]byte, error) {
	tp := textproto.NewReader(c.r)
	header, err := tp.ReadMIMEHeader()
	if err != nil {
		if errors.Is(err, io.EOF) && len(header) == 0 {
			return nil, io.EOF
		}
		return nil, fmt.Errorf("reading message header: %w", err)
	}
	v := header.Get("Content-Length")
	if v == "" {
		return nil, errors.New("message header has no Content-Length")
	}
	n, err := strconv.Atoi(strings.TrimSpace(v))
	if err != nil || n < 0 || n > maxMessage {
		return nil, fmt.Errorf("bad Content-Length %q", v)
	}
	body := make([]byte, n)
	if _, err := io.ReadFull(c.r, body); err != nil {
		return nil, fmt.Errorf("reading message body: %w", err)
	}
	return body, nil
}

// readMessage reads and decodes the next message; raw is its body as read,
// for forwarding byte for byte.
func (c *conn) readMessage() (msg *message, raw []byte, err error) {
	raw, err = c.read()
	if err != nil {
		return nil, nil, err
	}
	msg = new(message)
	if err := json.Unmarshal(raw, msg); err != nil {
		return nil, nil, fmt.Errorf("decoding message: %w", err)
	}
	return msg, raw, nil
}

// write sends one message body.
func (c *conn) write(body []byte) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, err := fmt.Fprintf(c.w, "Content-Length: %d\r\n\r\n", len(body)); err != nil {
		return err
	}
	_, err := c.w.Write(body)
	return err
}

// send encodes and sends a message.
func (c *conn) send(m *message) error {
	m.JSONRPC = "2.0"
	body, err := json.Marshal(m)
	if err != nil {
		return err
	}
	return c.write(body)
}

// notify sends a notification.
func (c *conn) notify(method string, params any) error {
	p, err := json.Marshal(params)
	if err != nil {
		return err
	}
	return c.send(&message{Method: method, Params: p})
}

// reply answers the request with the given id: with result, or with an
// error when err is not nil. A nil result is sent as null, which the
// protocol requires of a successful response.
func (c *conn) reply(id json.RawMessage, result any, err *rpcError) error {
	if err != nil {
		return c.send(&message{ID: id, Error: err})
	}
	r, merr := json.Marshal(result)
	if merr != nil {
		return merr
	}
	return c.send(&message{ID: id, Result: r})
}
