// Package core is a stub of PocketBase's core (v0.36.8): the request
// event, two events that embed it, and events that are not a request's.
package core

import (
	"context"

	"github.com/pocketbase/pocketbase/tools/hook"
	"github.com/pocketbase/pocketbase/tools/router"
)

type RequestEvent struct {
	router.Event
}

type RecordRequestEvent struct {
	hook.Event
	*RequestEvent
}

type RealtimeMessageEvent struct {
	hook.Event
	*RequestEvent
}

// RecordEvent is a model hook's event: no request.
type RecordEvent struct {
	hook.Event
	Context context.Context
}

// ServeEvent is OnServe's.
type ServeEvent struct {
	hook.Event
	Router *router.Router[*RequestEvent]
}

type App interface {
	OnServe() *hook.Hook[*ServeEvent]
	OnRecordCreateRequest(tags ...string) *hook.TaggedHook[*RecordRequestEvent]
	OnRecordCreate(tags ...string) *hook.TaggedHook[*RecordEvent]
	OnRealtimeMessageSend() *hook.Hook[*RealtimeMessageEvent]
}
