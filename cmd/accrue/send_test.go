package main

import (
	"fmt"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

// TestSendScripts runs the scripts in testdata/send, each with a local
// receiver: its pages /a, /b, ... advertise an endpoint, except those
// whose path starts with /plain; /fail pages' endpoint answers 500. Posts
// write http://receiver.test for its address; fixurls puts the real one
// in, and received prints the mentions it got since the last call.
func TestSendScripts(t *testing.T) {
	type receiver struct {
		srv *httptest.Server
		mu  sync.Mutex
		got []string
	}
	key := "receiver"
	testscript.Run(t, testscript.Params{
		Dir: "testdata/send",
		Setup: func(env *testscript.Env) error {
			rv := &receiver{}
			rv.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				if r.Method == http.MethodGet {
					if !strings.HasPrefix(r.URL.Path, "/plain") {
						w.Header().Set("Link", `</endpoint>; rel="webmention"`)
					}
					fmt.Fprint(w, "<html></html>")
					return
				}
				r.ParseForm()
				target := strings.TrimPrefix(r.PostForm.Get("target"), rv.srv.URL)
				if strings.HasPrefix(target, "/fail") {
					w.WriteHeader(http.StatusInternalServerError)
					return
				}
				rv.mu.Lock()
				rv.got = append(rv.got, r.PostForm.Get("source")+" "+target)
				rv.mu.Unlock()
				w.WriteHeader(http.StatusAccepted)
			}))
			env.Defer(rv.srv.Close)
			env.Values[key] = rv
			env.Setenv("ACCRUE_CACHE_DIR", filepath.Join(env.WorkDir, ".cache"))
			env.Setenv(allowLoopbackEnv, "1")
			return fixURLs(env.WorkDir, rv.srv.URL)
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"fixurls": func(ts *testscript.TestScript, neg bool, args []string) {
				rv := ts.Value(key).(*receiver)
				ts.Check(fixURLs(ts.MkAbs("."), rv.srv.URL))
			},
			"received": func(ts *testscript.TestScript, neg bool, args []string) {
				rv := ts.Value(key).(*receiver)
				rv.mu.Lock()
				got := rv.got
				rv.got = nil
				rv.mu.Unlock()
				slices.Sort(got)
				out := ts.Stdout() // even when nothing came: stdout is then empty
				for _, g := range got {
					fmt.Fprintln(out, g)
				}
			},
		},
	})
}

// fixURLs writes the receiver's address into the site's posts.
func fixURLs(dir, url string) error {
	return filepath.WalkDir(filepath.Join(dir, "content"), func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		return os.WriteFile(path, []byte(strings.ReplaceAll(string(data), "http://receiver.test", url)), 0o644)
	})
}
