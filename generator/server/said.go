package server

import (
	"fmt"
	"io"

	"github.com/accruehq/accrue/generator/diag"
)

// said remembers the diagnostics the log has shown, so that each is
// printed when it appears and not again on every rebuild while it stays:
// a symbolic link out of the site, say, is reported by every build.
type said map[string]diag.Severity

// say prints the diagnostics of a build that the log has not shown, and
// forgets those the build no longer reports, so they are said again if
// they come back. A failed build stops before the phases that would
// report some warnings, so after one the warnings said before are kept.
func (s *said) say(w io.Writer, diags diag.List, failed bool) {
	now := make(said, len(diags))
	for _, d := range diags {
		line := d.Error()
		if _, ok := (*s)[line]; !ok {
			if _, dup := now[line]; !dup {
				fmt.Fprintln(w, line)
			}
		}
		now[line] = d.Severity
	}
	if failed {
		for line, sev := range *s {
			if sev == diag.SeverityWarning {
				now[line] = sev
			}
		}
	}
	*s = now
}
