// Package server is accrue's dev server: it builds the site into memory,
// serves it over HTTP, watches the site's folders with fsnotify and
// rebuilds when a file is saved, and tells open pages to reload over
// Server-Sent Events.
//
// The watcher is the only long-lived goroutine in accrue; its lifetime is
// Run's ctx. Requests only ever read the in-memory build: nothing a visitor
// sends reaches the file system. server imports site and diag.
package server
