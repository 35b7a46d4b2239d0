// Package nbio is a stub of github.com/lesismal/nbio (v1.6.8): the
// declarations blockcheck's tests use, with the real signatures.
package nbio

// Config Of Engine.
type Config struct {
	Network string
	Addrs   []string
	NPoller int
}

// Conn implements net.Conn with non-blocking interfaces.
type Conn struct {
	session any
}

// Write writes data to the connection; it does not block.
func (c *Conn) Write(b []byte) (int, error) { return len(b), nil }

// Close closes the connection.
func (c *Conn) Close() error { return nil }

// Session returns the user session.
func (c *Conn) Session() any { return c.session }

// SetSession sets the user session.
func (c *Conn) SetSession(s any) { c.session = s }

// Execute runs job through the engine's Execute, in order per Conn.
func (c *Conn) Execute(job func()) bool { return true }

// Engine is a manager of poller.
type Engine struct {
	Config
	Execute func(f func())
	onOpen  func(c *Conn)
	onClose func(c *Conn, err error)
	onData  func(c *Conn, data []byte)
	onRead  func(c *Conn)
	onPtr   func(c *Conn, pdata *[]byte)
}

// Gopher keeps old type to compatible with new name Engine.
type Gopher = Engine

// NewEngine creates an Engine and init default configurations.
func NewEngine(conf Config) *Engine { return &Engine{Config: conf} }

// NewGopher is the old name of NewEngine.
func NewGopher(conf Config) *Gopher { return NewEngine(conf) }

// OnOpen registers callback for new connection.
func (g *Engine) OnOpen(h func(c *Conn)) { g.onOpen = h }

// OnClose registers callback for disconnected.
func (g *Engine) OnClose(h func(c *Conn, err error)) { g.onClose = h }

// OnRead registers callback for reading event.
func (g *Engine) OnRead(h func(c *Conn)) { g.onRead = h }

// OnData registers callback for data.
func (g *Engine) OnData(h func(c *Conn, data []byte)) { g.onData = h }

// OnDataPtr registers callback for data ptr.
func (g *Engine) OnDataPtr(h func(c *Conn, pdata *[]byte)) { g.onPtr = h }

// Start init and start pollers.
func (g *Engine) Start() error { return nil }

// Stop closes listeners/pollers/conns/timer.
func (g *Engine) Stop() {}
