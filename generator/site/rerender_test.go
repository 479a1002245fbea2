package site

import (
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/accruehq/accrue/generator/config"
	"github.com/accruehq/accrue/generator/content"
	"github.com/accruehq/accrue/generator/diag"
	"github.com/accruehq/accrue/generator/markdown"
)

// A body read again for a page must be the one loaded: a file changed or
// gone since fails the build instead of writing a page without its body
// or with another version of it.
func TestRerenderRefusesAChangedOrMissingFile(t *testing.T) {
	const path = "content/posts/a.md"
	loaded := []byte("---\ntitle: A\n---\nFirst *version*.\n")
	fsys := fstest.MapFS{path: {Data: loaded}}
	b := &builder{src: fsys, cfg: config.Config{Location: time.UTC}, md: markdown.New(markdown.Options{})}
	d := &docResult{doc: &content.Doc{Source: content.Source{Path: path, Kind: content.KindPost}}, sum: checksum(loaded)}

	if got := b.rerender(d); !strings.Contains(string(got), "First <em>version</em>.") || len(b.bodyErrs) != 0 {
		t.Fatalf("unchanged file: got %q, errors %v", got, b.bodyErrs)
	}

	fsys[path] = &fstest.MapFile{Data: []byte("---\ntitle: A\n---\nSecond version.\n")}
	if got := b.rerender(d); got != "" {
		t.Errorf("changed file gave %q; want no body", got)
	}
	b.rerender(d) // asked again (a feed), said once
	if want := path + ": reading the rendered body again: the file changed during the build; build again"; b.bodyErrs.Error() != want {
		t.Errorf("errors =\n%s\nwant\n%s", b.bodyErrs.Error(), want)
	}

	delete(fsys, path)
	b.bodyErrs = nil
	if got := b.rerender(d); got != "" || len(b.bodyErrs) != 1 || b.bodyErrs[0].Severity != diag.SeverityError {
		t.Errorf("missing file: got %q, errors %v", got, b.bodyErrs)
	}
}
