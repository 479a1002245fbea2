package server

import (
	"bytes"
	"fmt"
	"html"
	"net/http"
	"strings"

	"github.com/accruehq/accrue/generator/report"
	"github.com/accruehq/accrue/generator/site"
)

// reportURL is where the live value report is served, under the site's
// base path (/blog/_accrue/report/ for a site under /blog/, where a
// published report is too); reportFile is the output file it stands
// for, which is how pages name what changed.
const (
	reportURL  = "/_accrue/report/"
	reportFile = site.ReportPath
)

// serveReport answers with the value report as of now, or with one post's
// statement for ?post=SLUG. It is made from the last good build, so it
// follows every edit without being written into the site.
func (s *Server) serveReport(w http.ResponseWriter, r *http.Request, base string) {
	if !strings.HasSuffix(r.URL.Path, "/") {
		http.Redirect(w, r, base+strings.TrimPrefix(reportURL, "/"), http.StatusMovedPermanently)
		return
	}
	snap := s.state.Load()
	if snap.report == nil {
		http.Error(w, "the site has not built yet: fix the errors shown in the terminal", http.StatusServiceUnavailable)
		return
	}
	if key := r.URL.Query().Get("post"); key != "" {
		in := snap.report()
		st, ok := report.PostStatement(in, report.Options{AsOf: in.AsOf}, key)
		if !ok {
			http.Error(w, fmt.Sprintf("no published post %q", key), http.StatusNotFound)
			return
		}
		var buf bytes.Buffer
		if err := st.WriteHTMLWith(&buf, report.HTMLOptions{Served: true}); err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		s.write(w, r, reportFile, buf.Bytes(), http.StatusOK, snap)
		return
	}
	snap.reportOnce.Do(func() {
		var buf bytes.Buffer
		in := snap.report()
		if err := report.Compute(in, report.Options{AsOf: in.AsOf}).WriteHTMLWith(&buf, report.HTMLOptions{Served: true}); err != nil {
			buf.Reset()
			fmt.Fprintf(&buf, "<!doctype html><title>report failed</title><p>%s", html.EscapeString(err.Error()))
		}
		snap.reportPage = buf.Bytes()
	})
	s.write(w, r, reportFile, snap.reportPage, http.StatusOK, snap)
}
