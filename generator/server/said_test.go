package server

import (
	"strings"
	"testing"

	"github.com/accruehq/accrue/generator/diag"
)

// TestSaid feeds the log one build's diagnostics after another and checks
// what each build prints.
func TestSaid(t *testing.T) {
	link := diag.Warnf(diag.Pos{File: "content/posts/evil.md"}, "not read: symbolic link points outside the site")
	copied := diag.Warnf(diag.Pos{File: "content/posts/b/out.svg"}, "not copied: symbolic link points outside the site")
	stray := diag.Warnf(diag.Pos{File: "content/stray.txt"}, "not part of any post or page")
	broken := diag.Errorf(diag.Pos{File: "content/posts/a.md", Line: 2, Col: 1}, "front matter: bad")
	var s said
	for _, tt := range []struct {
		name   string
		diags  diag.List
		failed bool
		want   []*diag.Error
	}{
		{"first build", diag.List{link, copied}, false, []*diag.Error{link, copied}},
		{"the same again", diag.List{link, copied}, false, nil},
		{"one more", diag.List{link, copied, stray}, false, []*diag.Error{stray}},
		{"one fewer", diag.List{link, copied}, false, nil},
		{"back", diag.List{link, copied, stray}, false, []*diag.Error{stray}},
		{"twice in one build", diag.List{link, copied, stray, stray}, false, nil},
		{"a failed build stops before the render's warnings", diag.List{link, broken}, true, []*diag.Error{broken}},
		{"failed again", diag.List{link, broken}, true, nil},
		{"fixed: the render's warnings were never gone", diag.List{link, copied}, false, nil},
		{"broken again", diag.List{link, broken}, true, []*diag.Error{broken}},
	} {
		var b strings.Builder
		s.say(&b, tt.diags, tt.failed)
		var want strings.Builder
		for _, d := range tt.want {
			want.WriteString(d.Error() + "\n")
		}
		if b.String() != want.String() {
			t.Errorf("%s: printed\n%s\nwant\n%s", tt.name, b.String(), want.String())
		}
	}
}
