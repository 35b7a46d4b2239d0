package report

import (
	"fmt"
	"go/ast"
	"go/token"
	"path/filepath"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/blockcheck/blockcheck/analyzer/catalog"
	"github.com/blockcheck/blockcheck/analyzer/detect/lockheld"
	"github.com/blockcheck/blockcheck/analyzer/handlers"
	"github.com/blockcheck/blockcheck/analyzer/internal/astutil"
	"github.com/blockcheck/blockcheck/analyzer/locks"
	"github.com/blockcheck/blockcheck/analyzer/rules"
	"github.com/blockcheck/blockcheck/analyzer/summary"
)

// heldLock is a lock held across a blocking operation, as the message
// describes it.
type heldLock struct {
	name   string // "c.mu"
	holder string // summary.Holder*
	perKey bool
	taken  string    // "cache.go:40"
	pos    token.Pos // the Lock call, when it is in this package
	across string    // "(*sql.DB).QueryRowContext"
	like   catalog.Kind
}

// lockHeld reports what h does while holding a lock shared by requests:
// blocking under a lock it takes itself, and calls of functions that block
// under a lock h shares with them.
func (r *reporter) lockHeld(h handlers.Handler, fn *summary.Func) {
	if !r.cfg.Enabled(rules.LockHeld) {
		return
	}
	pkg := r.pass.Pkg.Path()
	for _, ls := range r.serial.Sites(fn) {
		l := heldLock{
			name:   ls.Lock.Key,
			holder: holderOf(ls.Lock.Scope),
			perKey: ls.Lock.PerKey,
			taken:  r.posn(ls.Lock.Acquired),
			pos:    ls.Lock.Acquired,
			across: ls.Reason.Op,
			like:   ls.Like,
		}
		var callee summary.Reason // the chain below the handler, if any
		if ls.Call != nil {
			callee = ls.Reason
			callee.Steps = callee.Steps[1:]
			callee.Depth--
		}
		r.lockReport(h, ls.Node, l, callee, pkg)
	}
	for _, c := range fn.Calls {
		for _, reason := range r.sum.Reasons(c.Callee) {
			if reason.Kind != catalog.Serial {
				continue
			}
			up, ok := lockheld.AcrossCall(r.sum, fn, c.Callee, c.Call, reason)
			if !ok {
				continue
			}
			r.lockReport(h, c.Call, heldLock{
				name:   reason.Lock,
				holder: up.Holder,
				perKey: up.PerKey,
				taken:  reason.LockPosn,
				pos:    reason.LockPos(),
				across: reason.Across,
				like:   reason.Like,
			}, reason, pkg)
		}
	}
}

func holderOf(sc locks.Scope) string {
	switch sc {
	case locks.Global:
		return summary.HolderGlobal
	case locks.Receiver:
		return summary.HolderReceiver
	case locks.Captured:
		return summary.HolderCaptured
	}
	return summary.HolderParam
}

// lockReport reports lock l held across a blocking operation at n, reached
// through the chain of callee when it has steps.
//
//	lockheld: c.mu (shared by every request to Server) is held across
//	(*sql.DB).QueryRowContext via ProductCache.Get (taken at cache.go:40):
//	requests to handler Server.getProduct run one at a time while the query runs
func (r *reporter) lockReport(h handlers.Handler, n ast.Node, l heldLock, callee summary.Reason, pkg string) {
	shared := r.sharedBy(h, l.holder)
	if shared == "" || !r.wanted(rules.LockHeld, n) {
		return
	}
	who := "requests to " + handlerName(h)
	if l.perKey {
		shared += "; a per-key lock: only requests for the same key wait for each other"
		who += " for the same key"
	}
	via := ""
	if len(callee.Steps) > 0 {
		via = " via " + callee.Chain(pkg)
	}
	var before []analysis.RelatedInformation
	if l.pos.IsValid() {
		before = append(before, analysis.RelatedInformation{Pos: l.pos, Message: l.name + " is locked here"})
	}
	r.emit(Finding{
		Rule: rules.LockHeld, Pos: n.Pos(), End: n.End(), Handler: h.Name, Op: l.name + " held across " + l.across,
		Message: fmt.Sprintf("%s (%s) is held across %s%s (taken at %s): %s run one at a time while %s",
			l.name, shared, l.across, via, l.taken, who, rules.SaysOf(l.like).WhileRuns),
		Before: before,
		Chain:  reasonChain(callee, pkg, nil),
	})
}

// handlerName names h for "requests to …": "handler Server.getUser", and
// `handler for "POST /counter"` for a literal registered on a pattern.
func handlerName(h handlers.Handler) string {
	if strings.HasPrefix(h.Name, "handler ") {
		return h.Name
	}
	return "handler " + h.Name
}

// sharedBy says who shares a lock h reaches through holder, or "" when
// the lock belongs to the request: a lock reached from the handler's own
// parameters (the request, the response writer) is not shared.
func (r *reporter) sharedBy(h handlers.Handler, holder string) string {
	switch holder {
	case summary.HolderGlobal:
		return "a package-level lock shared by every request"
	case summary.HolderCaptured:
		return "captured by the handler: shared by every request to it"
	case summary.HolderReceiver:
		if fn := r.sum.Func(h.Node); fn != nil && fn.Obj != nil {
			if recv := fn.Obj.Signature().Recv(); recv != nil {
				return "shared by every request to " + astutil.RecvTypeName(recv.Type())
			}
		}
	}
	return ""
}

// posn renders pos as "file.go:line".
func (r *reporter) posn(pos token.Pos) string {
	p := r.pass.Fset.Position(pos)
	if !p.IsValid() {
		return ""
	}
	return fmt.Sprintf("%s:%d", filepath.Base(p.Filename), p.Line)
}
