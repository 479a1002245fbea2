package importer

import (
	"bytes"
	"context"
	"flag"
	"github.com/accruehq/accrue/generator/site"
	"github.com/accruehq/accrue/themes"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/tools/txtar"
)

var update = flag.Bool("update", false, "update golden files")

const siteConfig = `title = "Compound Notes"
base_url = "https://new.example.org/"
`

// newSite makes an empty site folder.
func newSite(t *testing.T) string {
	t.Helper()
	root := t.TempDir()
	if err := os.WriteFile(filepath.Join(root, "accrue.toml"), []byte(siteConfig), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(filepath.Join(root, "content"), 0o755); err != nil {
		t.Fatal(err)
	}
	return root
}

// imports are the fixtures in the order a blogger moving from WordPress
// with Disqus and webmention.io would run them: comments and mentions
// find the posts the WordPress import wrote.
var imports = []struct {
	name string
	run  func(ctx context.Context, root, file string, o Options) (*Result, error)
	file string
}{
	{"wordpress 1.2", WordPress, "testdata/wordpress/export-1.2.xml"},
	{"wordpress 1.1", WordPress, "testdata/wordpress/export-1.1.xml"},
	{"disqus", Disqus, "testdata/disqus/export.xml"},
	{"webmentions", Webmentions, "testdata/webmentions/mentions.jf2"},
}

func runAll(t *testing.T, root string, o Options) (summaries string, results []*Result) {
	t.Helper()
	var b strings.Builder
	for _, im := range imports {
		o := o
		if !strings.HasPrefix(im.name, "wordpress") {
			o.Permalinks = permalinks(t, root) // as accrue import asks the build
		}
		res, err := im.run(context.Background(), root, im.file, o)
		if err != nil {
			t.Fatalf("%s: %v", im.name, err)
		}
		b.WriteString("$ import " + im.name + "\n")
		if err := res.WriteTable(&b); err != nil {
			t.Fatal(err)
		}
		results = append(results, res)
	}
	return b.String(), results
}

// permalinks are the posts' addresses as the build gives them, by folder.
func permalinks(t *testing.T, root string) map[string]string {
	t.Helper()
	in, _, err := site.ReadInbound(context.Background(), os.DirFS(root), site.Options{Now: time.Now(), Dir: root, Theme: themes.Default()})
	if err != nil {
		t.Fatal(err)
	}
	m := map[string]string{}
	for _, p := range in.Posts {
		m[p.Folder] = p.URLs[0]
	}
	return m
}

// tree reads every file under root as a txtar archive, by path.
func tree(t *testing.T, root string) *txtar.Archive {
	t.Helper()
	a := &txtar.Archive{}
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		a.Files = append(a.Files, txtar.File{Name: filepath.ToSlash(rel), Data: data})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return a
}

func golden(t *testing.T, file string, got []byte) {
	t.Helper()
	if *update {
		if err := os.WriteFile(file, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(file)
	if err != nil {
		t.Fatalf("%v (run go test ./generator/importer -update)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs; got:\n%s\n(run go test ./generator/importer -update, then review the diff)", file, got)
	}
}

// TestImportGolden imports every fixture into one site and compares the
// summaries and every file written with testdata/golden.txtar. A second
// run writes nothing and says so.
func TestImportGolden(t *testing.T) {
	root := newSite(t)
	summaries, _ := runAll(t, root, Options{})
	out := tree(t, root)
	out.Comment = []byte(summaries)
	golden(t, "testdata/golden.txtar", txtar.Format(out))

	again, results := runAll(t, root, Options{})
	for i, res := range results {
		if res.Changed() {
			t.Errorf("second %s import wrote %d files; want none", imports[i].name, res.Written())
		}
		for _, c := range res.Counts {
			if c.Edited != 0 {
				t.Errorf("second %s import: %d %ss edited; want 0", imports[i].name, c.Edited, c.Kind)
			}
		}
	}
	if !strings.Contains(again, "nothing to write: every file of this wordpress export is already in the site") {
		t.Errorf("second run does not say it wrote nothing:\n%s", again)
	}
	if a, b := txtar.Format(out), txtar.Format(withComment(tree(t, root), summaries)); !bytes.Equal(a, b) {
		t.Error("a second run changed the site")
	}
}

func withComment(a *txtar.Archive, c string) *txtar.Archive {
	a.Comment = []byte(c)
	return a
}

// TestDryRun checks that a dry run writes nothing and prints the summary
// the real run then prints.
func TestDryRun(t *testing.T) {
	root := newSite(t)
	dry, _ := runAll(t, root, Options{DryRun: true})
	if files := tree(t, root).Files; len(files) != 1 {
		t.Errorf("dry run left %d files; want only accrue.toml", len(files))
	}
	// The WordPress import's table is the same; comments and mentions of
	// a dry run find no posts, since none were written.
	im := imports[0]
	want, err := im.run(context.Background(), root, im.file, Options{})
	if err != nil {
		t.Fatal(err)
	}
	var real strings.Builder
	want.WriteTable(&real)
	_, rest, _ := strings.Cut(real.String(), "\n")
	if !strings.HasPrefix(dry, "$ import wordpress 1.2\ndry run: 14 files would be written; nothing was written\n"+rest) {
		t.Errorf("dry run summary:\n%s\nwant the real one:\n%s", dry, real.String())
	}
}

// TestEditedFilesKept checks that an import never overwrites a file the
// blogger changed, and says which.
func TestEditedFilesKept(t *testing.T) {
	root := newSite(t)
	runAll(t, root, Options{})
	post := filepath.Join(root, "content/posts/hello-world/index.md")
	comment := filepath.Join(root, "content/posts/hello-world/comments/20190502T090000Z-wp-101.md")
	for _, f := range []string{post, comment} {
		if err := os.WriteFile(f, []byte("edited by hand\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// A comment deleted by hand comes back: it is the export's; the
	// blogger who does not want it sets it pending instead.
	res, err := WordPress(context.Background(), root, "testdata/wordpress/export-1.2.xml", Options{})
	if err != nil {
		t.Fatal(err)
	}
	var buf strings.Builder
	res.WriteTable(&buf)
	for _, want := range []string{
		"post content/posts/hello-world/index.md: already there with other content; left as it is",
		"comment content/posts/hello-world/comments/20190502T090000Z-wp-101.md: already there with other content; left as it is",
		"nothing to write",
	} {
		if !strings.Contains(buf.String(), want) {
			t.Errorf("summary lacks %q:\n%s", want, buf.String())
		}
	}
	for _, f := range []string{post, comment} {
		if got, _ := os.ReadFile(f); string(got) != "edited by hand\n" {
			t.Errorf("%s = %q; the import overwrote it", f, got)
		}
	}
}

// TestMalformed checks that a broken export is an error at its line and
// that nothing is written.
func TestMalformed(t *testing.T) {
	for _, tt := range []struct {
		name string
		run  func(ctx context.Context, root, file string, o Options) (*Result, error)
		src  string
		want string
	}{
		{"wxr unclosed", WordPress, "<rss>\n<channel>\n<wp:wxr_version>1.2</wp:wxr_version>\n<item><title>x</titel>\n</item>", "export:4: XML: element <title> closed by </titel>"},
		{"wxr not wordpress", WordPress, "<rss><channel><item><title>x</title></item></channel></rss>", "export:1: not a WordPress export"},
		{"wxr version", WordPress, "<rss>\n<wp:wxr_version>2.0</wp:wxr_version></rss>", `export:2: WordPress export version "2.0"`},
		{"wxr bad entity", WordPress, "<rss>\n<channel>\n\n<title>a &nbsp; b</title></channel></rss>", "export:4: XML: invalid character entity &nbsp;"},
		{"disqus root", Disqus, "<feed></feed>", "export:1: not a Disqus export"},
		{"disqus unclosed", Disqus, "<disqus>\n<thread>\n<link>x</link>\n", "export:4: XML: unexpected EOF"},
		{"jf2 syntax", Webmentions, "{\"type\": \"feed\",\n \"children\": [\n {\"wm-id\": 1,}\n]}", "export:3:"},
		{"jf2 type", Webmentions, "{\"type\": \"feed\",\n \"children\": [\n {\"wm-id\": 1, \"wm-private\": \"no\"}\n]}", "export:3:"},
		{"jf2 not feed", Webmentions, `{"type": "entry"}`, "export:1:1: not a webmention.io jf2 export"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			root := newSite(t)
			file := filepath.Join(root, "export")
			if err := os.WriteFile(file, []byte(tt.src), 0o644); err != nil {
				t.Fatal(err)
			}
			_, err := tt.run(context.Background(), root, file, Options{})
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error = %v; want one containing %q", err, tt.want)
			}
			if files := tree(t, root).Files; len(files) != 2 {
				t.Errorf("a failed import left %d files; want accrue.toml and the export", len(files))
			}
		})
	}
}

func TestLocal(t *testing.T) {
	for _, tt := range []struct {
		rel string
		ok  bool
	}{
		{"content/posts/a/index.md", true},
		{"content/posts/a/comments/20190101T000000Z-wp-1.md", true},
		{"../outside.md", false},
		{"content/../../outside.md", false},
		{"/etc/passwd", false},
		{`content\..\..\x.md`, false},
		{"content/posts/./a.md", false},
		{"", false},
	} {
		if err := local(tt.rel); (err == nil) != tt.ok {
			t.Errorf("local(%q) = %v; want ok %v", tt.rel, err, tt.ok)
		}
	}
}

// TestHostileSlugs checks that slugs and ids from an export cannot put a
// file outside the site's content folder.
func TestHostileSlugs(t *testing.T) {
	root := newSite(t)
	src := `<rss><channel><wp:wxr_version>1.2</wp:wxr_version>
<item><title>Up</title><wp:post_id>1</wp:post_id><wp:post_name>..%2F..%2Fevil</wp:post_name><wp:status>publish</wp:status><wp:post_type>post</wp:post_type>
<wp:comment><wp:comment_id>../../x</wp:comment_id><wp:comment_author>a</wp:comment_author><wp:comment_date_gmt>2020-01-01 00:00:00</wp:comment_date_gmt><wp:comment_content>hi</wp:comment_content><wp:comment_approved>1</wp:comment_approved></wp:comment>
</item>
<item><title>Dots</title><wp:post_id>2</wp:post_id><wp:post_name>..</wp:post_name><wp:status>publish</wp:status><wp:post_type>page</wp:post_type></item>
</channel></rss>`
	file := filepath.Join(t.TempDir(), "export.xml")
	if err := os.WriteFile(file, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	res, err := WordPress(context.Background(), root, file, Options{})
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, f := range tree(t, root).Files {
		names = append(names, f.Name)
	}
	got := strings.Join(names, "\n")
	want := "accrue.toml\ncontent/dots.md\ncontent/posts/up/index.md"
	if got != want {
		t.Errorf("files:\n%s\nwant:\n%s", got, want)
	}
	var buf strings.Builder
	res.WriteTable(&buf)
	if !strings.Contains(buf.String(), "1 comment: no comment id") {
		t.Errorf("summary:\n%s", buf.String())
	}
}
