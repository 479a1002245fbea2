package server

import (
	"bytes"
	"encoding/json"
	"fmt"
	"mime"
	"net"
	"net/http"
	"path"
	"strings"
	"time"
)

// eventsPath is where pages listen for reload events.
const eventsPath = "/_accrue/events"

// Handler serves the current build. Requests only read the in-memory
// build, so no path reaches the file system.
func (s *Server) Handler() http.Handler {
	return http.HandlerFunc(s.serveHTTP)
}

func (s *Server) serveHTTP(w http.ResponseWriter, r *http.Request) {
	if !allowedHost(r.Host) {
		// A page on another site can point a name it controls at
		// 127.0.0.1 (DNS rebinding); only loopback names may talk to us.
		http.Error(w, "accrue serve answers only to localhost: open http://localhost"+portOf(r.Host)+"/", http.StatusForbidden)
		return
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	if r.URL.Path == eventsPath {
		s.hub.serve(w, r)
		return
	}
	snap := s.state.Load()
	escaped, ok := s.underBase(w, r, snap.base)
	if !ok {
		return
	}
	if escaped == reportURL || escaped == strings.TrimSuffix(reportURL, "/") {
		s.serveReport(w, r, snap.base)
		return
	}
	name, ok := cleanPath(escaped)
	if !ok {
		http.Error(w, "bad path", http.StatusBadRequest)
		return
	}
	if data, found := snap.files[name]; found {
		s.write(w, r, name, data, http.StatusOK, snap)
		return
	}
	if !strings.HasSuffix(name, "/index.html") && name != "index.html" {
		if _, found := snap.files[strings.TrimSuffix(name, "/")+"/index.html"]; found {
			http.Redirect(w, r, snap.base+strings.TrimSuffix(name, "/")+"/", http.StatusMovedPermanently)
			return
		}
	}
	if data, found := snap.files["404.html"]; found {
		s.write(w, r, "404.html", data, http.StatusNotFound, snap)
		return
	}
	http.NotFound(w, r)
}

// underBase returns the request's escaped path as a path of the site
// served under base ("/blog/posts/a/" is "/posts/a/"), or answers the
// request itself and returns false. A site published under a sub-path
// is served only there, as it will be read, with two ways in: the root
// and the report's address at the root redirect under it.
func (s *Server) underBase(w http.ResponseWriter, r *http.Request, base string) (string, bool) {
	escaped := r.URL.EscapedPath()
	if base == "/" {
		return escaped, true
	}
	if rest, ok := strings.CutPrefix(escaped, base); ok {
		return "/" + rest, true
	}
	switch {
	case escaped == "/" || escaped+"/" == base:
		http.Redirect(w, r, base, http.StatusFound)
	case escaped == reportURL || escaped == strings.TrimSuffix(reportURL, "/"):
		http.Redirect(w, r, base+strings.TrimPrefix(reportURL, "/"), http.StatusFound)
	default:
		snap := s.state.Load()
		if data, found := snap.files["404.html"]; found {
			s.write(w, r, "404.html", data, http.StatusNotFound, snap)
		} else {
			http.NotFound(w, r)
		}
	}
	return "", false
}

// cleanPath maps an escaped URL path to an output file name. Anything
// that could climb out of the site or hide a separator is refused:
// "..", encoded slashes, dots and backslashes, NUL bytes.
func cleanPath(escaped string) (string, bool) {
	lower := strings.ToLower(escaped)
	for _, bad := range []string{"%2f", "%5c", "%2e", "%00", "\\"} {
		if strings.Contains(lower, bad) {
			return "", false
		}
	}
	if !strings.HasPrefix(escaped, "/") {
		return "", false
	}
	for _, seg := range strings.Split(escaped, "/") {
		if seg == ".." || seg == "." {
			return "", false
		}
	}
	p := strings.TrimPrefix(path.Clean(escaped), "/")
	switch {
	case p == "":
		p = "index.html"
	case strings.HasSuffix(escaped, "/"):
		p += "/index.html"
	}
	p = unescape(p)
	if strings.Contains(p, "\x00") {
		return "", false
	}
	return p, true
}

// unescape decodes percent escapes of characters that are safe in a name
// (non-ASCII letters in slugs, spaces).
func unescape(p string) string {
	if !strings.Contains(p, "%") {
		return p
	}
	var b strings.Builder
	for i := 0; i < len(p); i++ {
		if p[i] == '%' && i+2 < len(p) {
			if v, ok := hexByte(p[i+1], p[i+2]); ok {
				b.WriteByte(v)
				i += 2
				continue
			}
		}
		b.WriteByte(p[i])
	}
	return b.String()
}

func hexByte(a, b byte) (byte, bool) {
	h := func(c byte) (byte, bool) {
		switch {
		case c >= '0' && c <= '9':
			return c - '0', true
		case c >= 'a' && c <= 'f':
			return c - 'a' + 10, true
		case c >= 'A' && c <= 'F':
			return c - 'A' + 10, true
		}
		return 0, false
	}
	x, ok1 := h(a)
	y, ok2 := h(b)
	return x<<4 | y, ok1 && ok2
}

func (s *Server) write(w http.ResponseWriter, r *http.Request, name string, data []byte, status int, snap *snapshot) {
	ctype := mime.TypeByExtension(path.Ext(name))
	if ctype == "" {
		ctype = http.DetectContentType(data)
	}
	h := w.Header()
	h.Set("Content-Type", ctype)
	h.Set("Cache-Control", "no-store")
	h.Set("X-Content-Type-Options", "nosniff")
	if strings.HasPrefix(ctype, "text/html") {
		data = injectReload(data, snap)
	}
	h.Set("Content-Length", fmt.Sprint(len(data)))
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		w.Write(data) // a client that went away is not an error here
	}
}

// injectReload adds the live-reload script, and the current build errors,
// to an HTML page.
func injectReload(page []byte, snap *snapshot) []byte {
	errs := []string{}
	if snap.failed {
		errs = messages(snap.diags)
	}
	state, _ := json.Marshal(map[string]any{"errors": errs, "version": snap.version, "base": snap.base}) // strings only: cannot fail
	script := "<script>window.__accrue=" + jsonForScript(state) + ";" + reloadScript + "</script>"
	if i := bytes.LastIndex(page, []byte("</body>")); i >= 0 {
		out := make([]byte, 0, len(page)+len(script))
		out = append(out, page[:i]...)
		out = append(out, script...)
		return append(out, page[i:]...)
	}
	return append(append([]byte(nil), page...), script...)
}

// jsonForScript makes JSON safe inside a <script> element.
func jsonForScript(b []byte) string {
	return strings.NewReplacer("<", `\u003c`, ">", `\u003e`, "&", `\u0026`, "\u2028", `\u2028`, "\u2029", `\u2029`).Replace(string(b))
}

// allowedHost reports whether a Host header names this machine's loopback.
func allowedHost(host string) bool {
	h := host
	if hh, _, err := net.SplitHostPort(host); err == nil {
		h = hh
	}
	h = strings.Trim(strings.ToLower(h), "[]")
	if h == "localhost" || strings.HasSuffix(h, ".localhost") {
		return true
	}
	ip := net.ParseIP(h)
	return ip != nil && ip.IsLoopback()
}

func portOf(host string) string {
	if _, p, err := net.SplitHostPort(host); err == nil {
		return ":" + p
	}
	return ""
}

// keepAlive is how often an idle event stream sends a comment, so proxies
// and browsers keep it open.
const keepAlive = 15 * time.Second
