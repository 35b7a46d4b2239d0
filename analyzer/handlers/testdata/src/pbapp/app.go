// Package pbapp declares PocketBase route handlers, middleware and
// request hooks, and the hooks that are not a request's.
package pbapp

import (
	"github.com/pocketbase/pocketbase/core"
)

type Notes struct{}

func (n *Notes) get(e *core.RequestEvent) error { return nil } // want `^pocketbase handler Notes\.get, context "e\.Request\.Context\(\)"$`

// created is a request hook: its event embeds *core.RequestEvent.
func (n *Notes) created(e *core.RecordRequestEvent) error { return e.Next() } // want `^pocketbase handler Notes\.created, context "e\.Request\.Context\(\)"$`

// saved is a model hook, which also fires outside requests: no handler.
func (n *Notes) saved(e *core.RecordEvent) error { return e.Next() }

func Bind(app core.App, n *Notes) {
	app.OnServe().BindFunc(func(se *core.ServeEvent) error { // OnServe runs once, at start: no handler
		se.Router.GET("/api/notes/{id}", n.get)
		se.Router.BindFunc(func(e *core.RequestEvent) error { return e.Next() }) // want `^pocketbase handler func literal in Bind, context "e\.Request\.Context\(\)"$`
		return se.Next()
	})
	app.OnRecordCreateRequest("notes").BindFunc(n.created)
	app.OnRecordCreate("notes").BindFunc(n.saved)
	app.OnRealtimeMessageSend().BindFunc(func(me *core.RealtimeMessageEvent) error { return me.Next() }) // want `^pocketbase handler func literal in Bind, context "me\.Request\.Context\(\)"$`
}
