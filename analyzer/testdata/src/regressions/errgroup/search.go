// want package:`pending\(errgroup\.Search\.search: Group\.cancel\)`

// Package errgroup fans a search out to backends with an errgroup.Group
// made for the request, and waits for them: the wait joins work the handler
// started itself, as a local sync.WaitGroup does, and the backends stop
// with the request's context. Nothing here should be reported.
//
// Today the WaitGroup field inside errgroup's Group counts as "shared"
// where Group.Wait is summarized, so every caller of Group.Wait is told it
// waits on a shared WaitGroup.
package errgroup

import (
	"context"
	"encoding/json"
	"net/http"

	"golang.org/x/sync/errgroup"
)

// Backend answers part of a search.
type Backend interface {
	Search(ctx context.Context, q string) ([]string, error)
}

// Search fans out to its backends.
type Search struct{ backends []Backend }

func (s *Search) search(w http.ResponseWriter, r *http.Request) { // want search:`blocks\(open: Group\.cancel\)`
	q := r.URL.Query().Get("q")
	g, ctx := errgroup.WithContext(r.Context())
	results := make([][]string, len(s.backends))
	for i, b := range s.backends {
		g.Go(func() error {
			res, err := b.Search(ctx, q)
			results[i] = res
			return err
		})
	}
	if err := g.Wait(); err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	json.NewEncoder(w).Encode(results)
}
