package server

import (
	"encoding/json"
	"fmt"
	"net/http"
	"sync"
	"time"
)

// event is what open pages are told after a build.
type event struct {
	Changed []string `json:"changed,omitempty"` // URL paths of changed output files
	CSSOnly bool     `json:"cssOnly,omitempty"`
	Errors  []string `json:"errors,omitempty"`
}

// hub fans build events out to every open event stream.
type hub struct {
	mu      sync.Mutex
	clients map[chan event]bool
	closed  bool
}

func (h *hub) broadcast(e event) {
	h.mu.Lock()
	defer h.mu.Unlock()
	for c := range h.clients {
		select {
		case c <- e:
		default: // a stuck client misses an event rather than stall builds
		}
	}
}

func (h *hub) close() {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.closed = true
	for c := range h.clients {
		close(c)
		delete(h.clients, c)
	}
}

// serve streams events to one page until it goes away or the server stops.
func (h *hub) serve(w http.ResponseWriter, r *http.Request) {
	flusher, ok := w.(http.Flusher)
	if !ok {
		http.Error(w, "streaming unsupported", http.StatusInternalServerError)
		return
	}
	c := make(chan event, 8)
	h.mu.Lock()
	if h.closed {
		h.mu.Unlock()
		http.Error(w, "server stopping", http.StatusServiceUnavailable)
		return
	}
	if h.clients == nil {
		h.clients = map[chan event]bool{}
	}
	h.clients[c] = true
	h.mu.Unlock()
	defer func() {
		h.mu.Lock()
		if h.clients[c] {
			delete(h.clients, c)
		}
		h.mu.Unlock()
	}()
	w.Header().Set("Content-Type", "text/event-stream")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(http.StatusOK)
	fmt.Fprint(w, "retry: 500\n: connected\n\n")
	flusher.Flush()
	tick := time.NewTicker(keepAlive)
	defer tick.Stop()
	for {
		select {
		case <-r.Context().Done():
			return
		case e, ok := <-c:
			if !ok {
				return
			}
			data, _ := json.Marshal(e) // plain strings and bools: cannot fail
			fmt.Fprintf(w, "event: build\ndata: %s\n\n", data)
			flusher.Flush()
		case <-tick.C:
			fmt.Fprint(w, ": keep-alive\n\n")
			flusher.Flush()
		}
	}
}

// reloadScript runs in every served page: it reloads the page when its
// output changed, swaps stylesheets when only CSS changed, leaves a
// deleted page for the home page, and shows build errors over the page,
// in styles of its own: the page's theme must not restyle them (a theme's
// light pre background under light text is unreadable).
const reloadScript = `(function(){
var state=window.__accrue||{errors:[],base:"/"};
function here(){var p=location.pathname;if(p.endsWith("/"))p+="index.html";return p}
function overlay(errs){
 var o=document.getElementById("accrue-errors");
 if(!errs||!errs.length){if(o)o.remove();return}
 if(!o){o=document.createElement("div");o.id="accrue-errors";o.setAttribute("role","alert");
  o.style.cssText="position:fixed;inset:0;z-index:2147483647;overflow:auto;background:rgba(20,20,24,.94);color:#fdd;font:14px/1.5 ui-monospace,Menlo,Consolas,monospace;padding:2rem";
  document.body.appendChild(o)}
 o.textContent="";var h=document.createElement("h2");h.textContent="accrue: the build failed";h.style.cssText="color:#fff;font:600 18px system-ui,sans-serif;margin:0 0 1rem";o.appendChild(h);
 errs.forEach(function(e){var p=document.createElement("pre");p.textContent=e;p.style.cssText="white-space:pre-wrap;margin:0 0 .5rem;padding:0;border:0;border-radius:0;background:none;color:#ffd7d7;font:inherit";o.appendChild(p)});
 var f=document.createElement("p");f.textContent="Fix the file and save: this page recovers by itself.";f.style.cssText="color:#aaa;font:14px system-ui,sans-serif";o.appendChild(f)}
function swapCSS(){document.querySelectorAll('link[rel="stylesheet"]').forEach(function(l){var u=new URL(l.href);u.searchParams.set("v",Date.now());var n=l.cloneNode();n.href=u.href;n.onload=function(){l.remove()};l.after(n)})}
if(state.errors.length)document.readyState==="loading"?document.addEventListener("DOMContentLoaded",function(){overlay(state.errors)}):overlay(state.errors);
var es=new EventSource("/_accrue/events");
es.addEventListener("build",function(m){var e=JSON.parse(m.data);
 if(e.errors&&e.errors.length){overlay(e.errors);return}
 if(state.errors.length){location.reload();return}
 var ch=e.changed||[];
 if(e.cssOnly){swapCSS();return}
 if(ch.indexOf(here())>=0){
  fetch(location.href,{method:"HEAD",cache:"no-store"}).then(function(r){if(r.status===404)location.href=state.base||"/";else location.reload()},function(){location.reload()})}
});
})();`
