package litter

import "testing"

func TestIs(t *testing.T) {
	t.Parallel()
	for _, name := range []string{
		".DS_Store", ".git", ".post.md.swp", "post.md~", "4913", "post.swp", "post.swx", "post.swo",
		"#post.md#", ".#post.md", "index.md___jb_tmp___", "index.md___jb_old___",
		"photo.jpg.crdownload", "upload.tmp",
	} {
		if !Is(name) {
			t.Errorf("Is(%q) = false, want true", name)
		}
	}
	for _, name := range []string{
		"post.md", "index.md", "pic.svg", "4914", "49130", "#", "#hashtag.md", "c#.md", "notes.md.txt",
		"swp.md", "tmp", "~home.md",
	} {
		if Is(name) {
			t.Errorf("Is(%q) = true, want false", name)
		}
	}
}
