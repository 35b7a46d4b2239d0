package report

// pending reports, at the bindings of this package, what the handlers of
// other packages reach through the fields bound here.
func (r *reporter) pending(found *Found) {}
