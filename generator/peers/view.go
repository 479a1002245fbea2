package peers

import (
	"errors"
	"io"
	"io/fs"
	"path"
	"slices"
	"strings"
	"time"

	"github.com/accruehq/accrue/generator/diag"
	"github.com/accruehq/accrue/generator/internal/litter"
)

// jekyllSkip are what Jekyll leaves out of a site besides folders and
// files that start with "_" or ".": its own exclude list's defaults, and
// public/, where accrue builds.
var jekyllSkip = map[string]bool{
	"Gemfile": true, "Gemfile.lock": true, "node_modules": true, "vendor": true,
	"public": true, "package.json": true, "package-lock.json": true,
	"yarn.lock": true, "Rakefile": true, "README.md": true, "LICENSE": true,
	"CHANGELOG.md": true,
}

// Place says where the file at the slash path p of the peer's folder is
// in accrue's layout, or false when accrue leaves it out: Jekyll's
// _posts/ are content/posts/ (_drafts/ too when drafts is set), its pages
// (Markdown with front matter outside _ folders) content/, and what it
// would copy as it is static/; Hugo's and Zola's content/ (or Hugo's
// contentDir) and static/ are content/ and static/. src reads a file's
// first bytes, to tell a Jekyll page or template (front matter) from a
// file to copy.
func (s *Site) Place(p string, drafts bool, src func(string) []byte) (string, bool) {
	segs := strings.Split(p, "/")
	for _, seg := range segs {
		if litter.Is(seg) {
			return "", false
		}
	}
	if s.Kind != Jekyll {
		if rest, ok := strings.CutPrefix(p, s.ContentDir+"/"); ok {
			return "content/" + rest, true
		}
		if strings.HasPrefix(p, "static/") {
			return p, true
		}
		return "", false
	}
	switch {
	case segs[0] == "_posts" && len(segs) > 1:
		return "content/posts/" + strings.Join(segs[1:], "/"), true
	case segs[0] == "_drafts" && len(segs) > 1 && drafts:
		return "content/posts/" + strings.Join(segs[1:], "/"), true
	case strings.HasPrefix(segs[0], "_") || jekyllSkip[segs[0]] || p == s.File || slices.Contains(s.Exclude, segs[0]) || slices.Contains(s.Exclude, p):
		return "", false
	case segs[0] == "content" || segs[0] == "static" || segs[0] == "layouts" || segs[0] == "themes":
		// accrue's own names: a Jekyll folder called so would be read
		// as something it is not.
		return "", false
	}
	_, hasFM := frontMatter(src(p))
	switch {
	case isMarkdown(p) && hasFM:
		return "content/" + p, true
	case hasFM || isMarkdown(p):
		// A Liquid template (feed.xml, index.html) or a Markdown file
		// Jekyll copies as it is: no page accrue can make.
		return "", false
	}
	return "static/" + p, true
}

// View is the peer's folder fsys seen in accrue's layout (Place). It is a
// snapshot of the files there when View was called. Problems met, such
// as symbolic links, which View does not follow, are returned as
// warnings.
func (s *Site) View(fsys fs.FS, drafts bool) (fs.FS, diag.List, error) {
	v := &view{fsys: fsys, files: map[string]string{}, dirs: map[string][]string{".": nil}}
	var diags diag.List
	head := func(p string) []byte {
		f, err := fsys.Open(p)
		if err != nil {
			return nil
		}
		defer f.Close()
		b := make([]byte, 4096)
		n, _ := io.ReadFull(f, b) // a short file is read whole: ErrUnexpectedEOF is no error here
		return b[:n]
	}
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if p == "." {
			return nil
		}
		if d.IsDir() {
			if litter.Is(d.Name()) || d.Name() == "node_modules" {
				return fs.SkipDir
			}
			return nil
		}
		to, ok := s.Place(p, drafts, head)
		if !ok {
			return nil
		}
		if d.Type()&fs.ModeSymlink != 0 {
			diags.Add(diag.Warnf(diag.Pos{File: p}, "not read: a symbolic link in a %s site's folder; accrue follows none there", s.Kind.Name()))
			return nil
		}
		if !d.Type().IsRegular() {
			return nil
		}
		v.add(to, p)
		return nil
	})
	if err != nil {
		return nil, nil, err
	}
	for dir := range v.dirs {
		slices.Sort(v.dirs[dir])
		v.dirs[dir] = slices.Compact(v.dirs[dir])
	}
	return v, diags, nil
}

// view implements fs.FS over a peer's folder.
type view struct {
	fsys  fs.FS
	files map[string]string   // path in the view → path in fsys
	dirs  map[string][]string // folder in the view → names in it
}

var _ fs.ReadDirFS = (*view)(nil)

func (v *view) add(to, from string) {
	v.files[to] = from
	for p := to; p != "."; {
		dir := path.Dir(p)
		v.dirs[dir] = append(v.dirs[dir], path.Base(p)) // View sorts and compacts
		p = dir
	}
}

// Real returns the path in the peer's folder of the view's file p.
func (v *view) Real(p string) (string, bool) {
	r, ok := v.files[p]
	return r, ok
}

func (v *view) Open(name string) (fs.File, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrInvalid}
	}
	if real, ok := v.files[name]; ok {
		return v.fsys.Open(real)
	}
	if _, ok := v.dirs[name]; ok {
		return &dirFile{v: v, name: name}, nil
	}
	return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
}

func (v *view) ReadDir(name string) ([]fs.DirEntry, error) {
	names, ok := v.dirs[name]
	if !ok {
		if _, isFile := v.files[name]; isFile {
			return nil, &fs.PathError{Op: "readdir", Path: name, Err: errors.New("not a directory")}
		}
		return nil, &fs.PathError{Op: "readdir", Path: name, Err: fs.ErrNotExist}
	}
	out := make([]fs.DirEntry, 0, len(names))
	for _, n := range names {
		p := path.Join(name, n)
		if real, ok := v.files[p]; ok {
			fi, err := fs.Stat(v.fsys, real)
			if err != nil {
				return nil, err
			}
			out = append(out, fs.FileInfoToDirEntry(fi))
			continue
		}
		out = append(out, fs.FileInfoToDirEntry(dirInfo(n)))
	}
	return out, nil
}

// dirFile is a folder of the view, open.
type dirFile struct {
	v    *view
	name string
	read []fs.DirEntry
	done bool
}

func (d *dirFile) Stat() (fs.FileInfo, error) { return dirInfo(path.Base(d.name)), nil }
func (d *dirFile) Read([]byte) (int, error) {
	return 0, &fs.PathError{Op: "read", Path: d.name, Err: errors.New("is a directory")}
}
func (d *dirFile) Close() error { return nil }

func (d *dirFile) ReadDir(n int) ([]fs.DirEntry, error) {
	if !d.done {
		all, err := d.v.ReadDir(d.name)
		if err != nil {
			return nil, err
		}
		d.read, d.done = all, true
	}
	if n <= 0 {
		out := d.read
		d.read = nil
		return out, nil
	}
	if len(d.read) == 0 {
		return nil, io.EOF
	}
	n = min(n, len(d.read))
	out := d.read[:n]
	d.read = d.read[n:]
	return out, nil
}

// dirInfo describes a folder of the view.
type dirInfo string

func (d dirInfo) Name() string       { return string(d) }
func (d dirInfo) Size() int64        { return 0 }
func (d dirInfo) Mode() fs.FileMode  { return fs.ModeDir | 0o755 }
func (d dirInfo) ModTime() time.Time { return time.Time{} }
func (d dirInfo) IsDir() bool        { return true }
func (d dirInfo) Sys() any           { return nil }
