// Package store is the persistence layer of the profile service. Its
// exported methods hide the blocking work two or three calls down, some of
// it in a third-party module.
package store

import (
	"context"
	"database/sql"
	"time"

	"github.com/acme/backoff"
)

// Profile is a user profile.
type Profile struct {
	ID   string
	Name string
}

// Store reads and writes profiles.
type Store struct {
	db     *sql.DB
	policy backoff.Policy
}

// New returns a Store over db.
func New(db *sql.DB) *Store {
	return &Store{db: db, policy: backoff.Policy{Attempts: 3, Base: 50 * time.Millisecond}}
}

// Load reads a profile, retrying transient failures.
func (s *Store) Load(id string) (*Profile, error) { // want Load:`blocks\(sleep: time.Sleep via Store.Load → loadWithRetry → backoff.Retry; sql: \(\*sql.DB\).QueryRowContext on context.TODO\(\) via Store.Load → loadWithRetry\)`
	return loadWithRetry(s.db, id)
}

// loadWithRetry is the unexported helper that does the retrying.
func loadWithRetry(db *sql.DB, id string) (*Profile, error) { // want loadWithRetry:`blocks\(sleep: time.Sleep via loadWithRetry → backoff.Retry; sql: \(\*sql.DB\).QueryRowContext on context.TODO\(\) via loadWithRetry\)`
	var p Profile
	err := backoff.Retry(3, 50*time.Millisecond, func() error {
		return db.QueryRowContext(context.TODO(), "SELECT id, name FROM profiles WHERE id = $1", id).Scan(&p.ID, &p.Name)
	})
	return &p, err
}

// Delete goes through the policy's method in the third-party package.
func (s *Store) Delete(id string) error { // want Delete:`blocks\(sleep: time.Sleep via Store.Delete → Policy.Do → backoff.Retry; sql: \(\*sql.DB\).ExecContext on context.TODO\(\) via Store.Delete\)`
	return s.policy.Do(func() error {
		_, err := s.db.ExecContext(context.TODO(), "DELETE FROM profiles WHERE id = $1", id)
		return err
	})
}

// Save is context-aware all the way down: no fact.
func (s *Store) Save(ctx context.Context, p *Profile) error { // want Save:`blocks\(slow: \(\*sql.DB\).ExecContext via Store.Save\)`
	return backoff.RetryContext(ctx, 3, 50*time.Millisecond, func() error {
		_, err := s.db.ExecContext(ctx, "UPDATE profiles SET name = $2 WHERE id = $1", p.ID, p.Name)
		return err
	})
}

// Rename takes a context and drops it: the query cannot be cancelled.
func (s *Store) Rename(ctx context.Context, id, name string) error { // want Rename:`blocks\(sql: \(\*sql.DB\).Exec via Store.Rename\)`
	_, err := s.db.Exec("UPDATE profiles SET name = $2 WHERE id = $1", id, name)
	return err
}

// Count queries without a context: a different kind of blocking, one hop.
func (s *Store) Count() (int, error) { // want Count:`blocks\(sql: \(\*sql.DB\).QueryRow via Store.Count\)`
	var n int
	err := s.db.QueryRow("SELECT count(*) FROM profiles").Scan(&n)
	return n, err
}

// Refresh reloads the denormalized tables; handlers start it with go.
func (s *Store) Refresh() { // want Refresh:`blocks\(sleep: time.Sleep via Store.Refresh; sql: \(\*sql.DB\).ExecContext on context.Background\(\) via Store.Refresh; endless: for loop with no exit via Store.Refresh\)`
	for {
		s.db.ExecContext(context.Background(), "REFRESH MATERIALIZED VIEW profile_stats")
		time.Sleep(time.Minute)
	}
}

// Export walks the profile tree; the two helpers call each other, and one
// of them sleeps between pages to be gentle with the replica.
func (s *Store) Export(root string) []Profile { // want Export:`blocks\(sleep: time.Sleep via Store.Export → exportNode → exportChildren; sql: \(\*sql.DB\).QueryContext on context.TODO\(\) via Store.Export → exportNode → exportChildren\)`
	var out []Profile
	exportNode(s.db, root, &out)
	return out
}

func exportNode(db *sql.DB, id string, out *[]Profile) { // want exportNode:`blocks\(sleep: time.Sleep via exportNode → exportChildren; sql: \(\*sql.DB\).QueryContext on context.TODO\(\) via exportNode → exportChildren\)`
	*out = append(*out, Profile{ID: id})
	exportChildren(db, id, out)
}

func exportChildren(db *sql.DB, parent string, out *[]Profile) { // want exportChildren:`blocks\(sleep: time.Sleep via exportChildren; sql: \(\*sql.DB\).QueryContext on context.TODO\(\) via exportChildren\)`
	rows, err := db.QueryContext(context.TODO(), "SELECT id FROM profiles WHERE parent = $1", parent)
	if err != nil {
		return
	}
	defer rows.Close()
	for rows.Next() {
		var id string
		rows.Scan(&id)
		time.Sleep(10 * time.Millisecond)
		exportNode(db, id, out)
	}
}

// countDown calls itself; it terminates and has no fact.
func countDown(n int) int {
	if n == 0 {
		return 0
	}
	return countDown(n-1) + 1
}

var _ = countDown

// Poll is a generic helper that polls until get reports a value.
func Poll[T any](every time.Duration, get func() (T, bool)) T { // want Poll:`blocks\(sleep: time.Sleep via Poll\)` Poll:`slots\(sync\[1\]\)`
	for {
		if v, ok := get(); ok {
			return v
		}
		time.Sleep(every)
	}
}

// Cache is a generic read-through cache whose loads are serialized on a
// shared channel.
type Cache[K comparable, V any] struct {
	items map[K]V
	slots chan struct{}
}

// NewCache returns a cache that runs n loads at a time.
func NewCache[K comparable, V any](n int) *Cache[K, V] {
	return &Cache[K, V]{items: make(map[K]V), slots: make(chan struct{}, n)}
}

// Get loads k with load unless it is cached; it waits for a free slot.
func (c *Cache[K, V]) Get(k K, load func(K) V) V { // want Get:`blocks\(wait: send on c.slots via Cache.Get\)` Get:`slots\(sync\[1\]\)`
	if v, ok := c.items[k]; ok {
		return v
	}
	c.slots <- struct{}{}
	defer func() { <-c.slots }()
	v := load(k)
	c.items[k] = v
	return v
}

// Chain is a deep chain of helpers: the fact keeps its first steps and the
// operation, and marks the elided middle.
func Chain() { level1() } // want Chain:`blocks\(sleep: time.Sleep via Chain → level1 → level2 → level3 → level4 → level5 → level6 → … → level9\)`

func level1() { level2() }                     // want level1:`blocks\(sleep: time.Sleep via level1 → level2 → level3 → level4 → level5 → level6 → level7 → … → level9\)`
func level2() { level3() }                     // want level2:`blocks\(sleep: time.Sleep via level2 → level3 → level4 → level5 → level6 → level7 → level8 → level9\)`
func level3() { level4() }                     // want level3:`blocks\(sleep: time.Sleep via level3 → level4 → level5 → level6 → level7 → level8 → level9\)`
func level4() { level5() }                     // want level4:`blocks\(sleep: time.Sleep via level4 → level5 → level6 → level7 → level8 → level9\)`
func level5() { level6() }                     // want level5:`blocks\(sleep: time.Sleep via level5 → level6 → level7 → level8 → level9\)`
func level6() { level7() }                     // want level6:`blocks\(sleep: time.Sleep via level6 → level7 → level8 → level9\)`
func level7() { level8() }                     // want level7:`blocks\(sleep: time.Sleep via level7 → level8 → level9\)`
func level8() { level9() }                     // want level8:`blocks\(sleep: time.Sleep via level8 → level9\)`
func level9() { time.Sleep(time.Millisecond) } // want level9:`blocks\(sleep: time.Sleep via level9\)`
