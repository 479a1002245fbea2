package importer

import (
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path"
	"strings"
	"time"

	"github.com/accruehq/accrue/generator/content"
)

// sitePost is a post already in the site, as a comment or mention import
// finds it.
type sitePost struct {
	folder string // content/posts/SLUG: comments/ and mentions/ go here
	file   string
	// target is the site path that mention files name the post by: its
	// permalink, else its first alias. The build accepts both.
	target string
}

// postIndex finds the site's posts by the addresses they had: their
// permalink, their aliases (an imported WordPress post's old address is
// one) and their WordPress id (?p=ID).
type postIndex struct {
	byPath map[string]*sitePost
	byWPID map[string]*sitePost
}

// loadPosts reads the front matter of every post of the site. A post
// that cannot be read is left out: the build reports it.
func loadPosts(site siteInfo) (*postIndex, error) {
	fsys := os.DirFS(site.root)
	sources, _, err := content.Discover(fsys)
	if err != nil {
		return nil, err
	}
	ix := &postIndex{byPath: map[string]*sitePost{}, byWPID: map[string]*sitePost{}}
	for _, s := range sources {
		if s.Kind != content.KindPost {
			continue
		}
		src, err := fs.ReadFile(fsys, s.Path)
		if err != nil {
			return nil, err
		}
		doc, _ := content.Read(s, src, time.UTC)
		if doc == nil {
			continue
		}
		p := &sitePost{folder: s.Folder, file: s.Path}
		var paths []string
		switch {
		case doc.URL != "" && !doc.URLTokens:
			paths = append(paths, doc.URL)
		case site.permalinks[s.Folder] != "":
			paths = append(paths, sitePath(site.permalinks[s.Folder]))
		}
		paths = append(paths, doc.Aliases...)
		for _, a := range paths {
			if p.target == "" {
				p.target = a
			}
			if k := pathKey(a); k != "" {
				if _, dup := ix.byPath[k]; !dup {
					ix.byPath[k] = p
				}
			}
		}
		if id, ok := doc.Params["wordpress_id"]; ok {
			ix.byWPID[fmt.Sprint(id)] = p
		}
	}
	return ix, nil
}

// sitePath is the path of u, an address or already a path.
func sitePath(u string) string {
	if parsed, err := url.Parse(u); err == nil {
		return parsed.Path
	}
	return u
}

// pathKey is the form of a URL path that two spellings of one address
// share: decoded, with a slash at both ends unless it names a file.
func pathKey(p string) string {
	if s, err := url.PathUnescape(p); err == nil {
		p = s
	}
	p = strings.TrimSuffix(path.Clean("/"+p), "/index.html")
	if p == "" || p == "/" {
		return ""
	}
	if !strings.HasSuffix(p, ".html") && !strings.HasSuffix(p, ".htm") && !strings.HasSuffix(p, ".php") {
		p += "/"
	}
	return p
}

// match finds the post at the address link (any host: the blog's old
// domain is as good as its new one), or nil.
func (ix *postIndex) match(link string) *sitePost {
	u, err := url.Parse(strings.TrimSpace(link))
	if err != nil {
		return nil
	}
	q := u.Query()
	for _, k := range []string{"p", "page_id"} {
		if id := q.Get(k); id != "" {
			return ix.byWPID[id]
		}
	}
	return ix.byPath[pathKey(u.Path)]
}
