package tomlkeys

import "testing"

func TestFind(t *testing.T) {
	src := `title = "x"
# comment
  desc = """
not = a key
"""
[permalinks]
posts = "/:slug/"
[ "markdown" ] # trailing
"unsafe" = true
`
	got := Find([]byte(src))
	want := map[string]Position{
		"title":            {1, 1},
		"desc":             {3, 3},
		"permalinks":       {6, 1},
		"permalinks.posts": {7, 1},
		"markdown":         {8, 1},
		"markdown.unsafe":  {9, 1},
	}
	if len(got) != len(want) {
		t.Errorf("Find found %v; want %v", got, want)
	}
	for k, w := range want {
		if got[k] != w {
			t.Errorf("Find()[%q] = %v; want %v", k, got[k], w)
		}
	}
}
