package content

import (
	"math/rand/v2"
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"
)

func TestReadRefusesWhatIsNotUTF8(t *testing.T) {
	t.Parallel()
	src := Source{Path: "content/posts/x.md", Folder: "content/posts/x"}
	for _, tt := range []struct{ name, in, want string }{
		{"latin-1 e acute", "---\ntitle: Café\n---\nA caf\xe9 au lait\n",
			"content/posts/x.md:4:6: byte 0xE9 is not UTF-8 text; save the file as UTF-8"},
		{"in the front matter", "---\ntitle: Caf\xe9\n---\n",
			"content/posts/x.md:2:11: byte 0xE9 is not UTF-8 text; save the file as UTF-8"},
		{"after good multibyte text", "über \xff",
			"content/posts/x.md:1:7: byte 0xFF is not UTF-8 text; save the file as UTF-8"},
		{"a cut sequence at the end", "ok\n\xe2\x82",
			"content/posts/x.md:2:1: byte 0xE2 is not UTF-8 text; save the file as UTF-8"},
		{"utf-16", "\xff\xfe-\x00-\x00-\x00",
			"content/posts/x.md:1:1: the file is UTF-16; save it as UTF-8"},
		{"nul byte", "text\x00more",
			"content/posts/x.md:1:5: control character U+0000 has no place in text (feeds cannot carry it); remove it"},
		{"escape", "a\n\x1b[31mred",
			"content/posts/x.md:2:1: control character U+001B has no place in text (feeds cannot carry it); remove it"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			doc, diags := Read(src, []byte(tt.in), berlin)
			if got := diags.Error(); got != tt.want || doc != nil {
				t.Errorf("Read(%q) = %v, %q; want no doc and %q", tt.in, doc, got, tt.want)
			}
		})
	}
	// Tabs, line breaks and form feeds are text.
	if doc, diags := Read(src, []byte("a\tb\r\n\fc\n"), berlin); doc == nil || len(diags) != 0 {
		t.Errorf("Read of tabs and breaks: %v", diags)
	}
}

func TestReadRandomBytes(t *testing.T) {
	t.Parallel()
	r := rand.New(rand.NewPCG(1, 2))
	in := make([]byte, 200<<10)
	for i := range in {
		in[i] = byte(r.Uint32())
	}
	doc, diags := Read(Source{Path: "content/posts/noise.md", Folder: "content/posts/noise"}, in, berlin)
	if doc != nil || !diags.HasErrors() || !strings.Contains(diags.Error(), "save the file as UTF-8") {
		t.Errorf("Read(200 KB of random bytes) = %v, %v; want the UTF-8 error", doc, diags)
	}
}

func TestReadLatin1(t *testing.T) {
	t.Parallel()
	o := Options{Location: berlin, Encoding: EncodingLatin1}
	for _, tt := range []struct{ name, in, title, body string }{
		{"latin-1 file", "---\ntitle: Caf\xe9\n---\nNa\xefve \x93quotes\x94\n", "Café", "Naïve “quotes”\n"},
		{"utf-8 file is kept", "---\ntitle: Café\n---\nNaïve\n", "Café", "Naïve\n"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			doc, diags := o.Read(Source{Path: "content/posts/x.md", Folder: "content/posts/x"}, []byte(tt.in))
			if doc == nil || len(diags) != 0 {
				t.Fatalf("Read: %v", diags)
			}
			if doc.Title != tt.title || string(doc.Body) != tt.body {
				t.Errorf("Read = %q, %q; want %q, %q", doc.Title, doc.Body, tt.title, tt.body)
			}
		})
	}
}

func TestParseEncoding(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]Encoding{"": EncodingUTF8, "UTF-8": EncodingUTF8, "latin1": EncodingLatin1, "ISO-8859-1": EncodingLatin1, "windows-1252": EncodingLatin1} {
		if got, err := ParseEncoding(in); err != nil || got != want {
			t.Errorf("ParseEncoding(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	if _, err := ParseEncoding("ebcdic"); err == nil || err.Error() != `unknown encoding "ebcdic"; write "utf-8" or "latin1"` {
		t.Errorf("ParseEncoding(ebcdic) error = %v", err)
	}
	if EncodingLatin1.String() != "latin1" || EncodingUTF8.String() != "utf-8" {
		t.Errorf("String() = %q, %q", EncodingLatin1, EncodingUTF8)
	}
}

func TestReadMergeConflicts(t *testing.T) {
	t.Parallel()
	src := Source{Path: "content/posts/x.md", Folder: "content/posts/x"}
	for _, tt := range []struct{ name, in, want string }{
		{"in the body", "---\ntitle: A\n---\nIntro.\n<<<<<<< HEAD\nMine.\n=======\nTheirs.\n>>>>>>> 1a2b3c4 (Fix typo)\nEnd.\n",
			"content/posts/x.md:5:1: unresolved merge conflict, lines 5 to 9 (resolve it, then build)"},
		{"in the front matter", "---\n<<<<<<< HEAD\ntitle: Mine\n=======\ntitle: Theirs\n>>>>>>> feature\n---\nText\n",
			"content/posts/x.md:2:1: unresolved merge conflict, lines 2 to 6 (resolve it, then build)"},
		{"in toml front matter", "+++\n<<<<<<< ours\ndate = 2024-01-01\n=======\ndate = 2024-01-02\n>>>>>>> theirs\n+++\n",
			"content/posts/x.md:2:1: unresolved merge conflict, lines 2 to 6 (resolve it, then build)"},
		{"two conflicts", "<<<<<<< a\nx\n=======\ny\n>>>>>>> b\nok\n<<<<<<< a\r\n>>>>>>> b\r\n",
			"content/posts/x.md:1:1: unresolved merge conflict, lines 1 to 5 (resolve it, then build)\n" +
				"content/posts/x.md:7:1: unresolved merge conflict, lines 7 to 8 (resolve it, then build)"},
		{"diff3 style", "<<<<<<< HEAD\na\n||||||| base\nb\n=======\nc\n>>>>>>> other\n",
			"content/posts/x.md:1:1: unresolved merge conflict, lines 1 to 7 (resolve it, then build)"},
		{"after a closed fence", "```\n<<<<<<< shown\n```\n<<<<<<< HEAD\n>>>>>>> x\n",
			"content/posts/x.md:4:1: unresolved merge conflict, lines 4 to 5 (resolve it, then build)"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			doc, diags := Read(src, []byte(tt.in), berlin)
			if got := diags.Error(); got != tt.want || doc != nil {
				t.Errorf("Read = %v, %q; want no doc and %q", doc, got, tt.want)
			}
		})
	}
	for _, tt := range []struct{ name, in string }{
		{"setext heading", "Title\n=======\n\nText\n"},
		{"markers in a backtick fence", "How a conflict looks:\n\n```text\n<<<<<<< HEAD\nmine\n=======\ntheirs\n>>>>>>> branch\n```\n"},
		{"markers in a tilde fence", "~~~~\n<<<<<<< HEAD\n```\n>>>>>>> branch\n~~~~\n"},
		{"markers in an unclosed fence", "```\n<<<<<<< HEAD\n>>>>>>> branch\n"},
		{"indented markers are code", "    <<<<<<< HEAD\n    >>>>>>> branch\n"},
		{"only an opening marker", "<<<<<<< HEAD\ntext\n"},
		{"closing before opening", ">>>>>>> b\n<<<<<<< a\n"},
		{"longer runs are not markers", "<<<<<<<< a\n>>>>>>>> b\n"},
		{"no space after the marker", "<<<<<<<a\n>>>>>>>b\n"},
		{"quoted in a blockquote", "> <<<<<<< HEAD\n> >>>>>>> b\n"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if doc, diags := Read(src, []byte(tt.in), berlin); doc == nil || len(diags) != 0 {
				t.Errorf("Read(%q): %v; want a document", tt.in, diags)
			}
		})
	}
}

func TestReadFileNamesBecomeURLSegments(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		name, file, fm string
		slug, warn     string
	}{
		{"safe name", "content/posts/hello-world.md", "", "hello-world", ""},
		{"case is kept", "content/posts/Hello.md", "", "Hello", ""},
		{"sub-delims are kept", "content/posts/c++.md", "", "c++", ""},
		{"letters of any script", "content/posts/über-uns.md", "", "über-uns", ""},
		{"nfd name becomes nfc", "content/posts/cafe\u0301.md", "", "caf\u00e9", ""},
		{"star and question mark", "content/posts/*star?.md", "", "star",
			`content/posts/*star?.md: warning: file name "*star?" cannot stand in a URL as it is, so the URL uses "star"; rename the file or set slug to choose`},
		{"percent", "content/posts/%41percent.md", "", "41percent",
			`content/posts/%41percent.md: warning: file name "%41percent" cannot stand in a URL as it is, so the URL uses "41percent"; rename the file or set slug to choose`},
		{"backslash", `content/posts/back\slash.md`, "", "back-slash",
			`content/posts/back\slash.md: warning: file name "back\\slash" cannot stand in a URL as it is, so the URL uses "back-slash"; rename the file or set slug to choose`},
		{"space, tab and newline", "content/posts/My Post\tnew\nline.md", "", "my-post-new-line",
			`content/posts/My Post` + "\t" + `new` + "\n" + `line.md: warning: file name "My Post\tnew\nline" cannot stand in a URL as it is, so the URL uses "my-post-new-line"; rename the file or set slug to choose`},
		{"jekyll date and a space", "content/posts/2024-05-01-my post.md", "", "my-post",
			`content/posts/2024-05-01-my post.md: warning: file name "my post" cannot stand in a URL as it is, so the URL uses "my-post"; rename the file or set slug to choose`},
		{"an at sign is a hyphen, without a word", "content/posts/photo@2x.md", "", "photo-2x", ""},
		{"an at sign in a folder", "content/posts/a@b/index.md", "", "a-b", ""},
		{"a front matter slug needs no warning", "content/posts/my post.md", "---\nslug: chosen\n---\n", "chosen", ""},
		{"folder names are warned about", "content/my docs/install.md", "", "install",
			`content/my docs/install.md: warning: folder name "my docs" cannot stand in a URL as it is, so its URLs use "my-docs"; rename the folder to choose`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			s := newSource(tt.file)
			doc, diags := Read(s, []byte(tt.fm+"Text\n"), berlin)
			if doc == nil {
				t.Fatalf("Read: %v", diags)
			}
			if doc.Slug != tt.slug || diags.Error() != tt.warn {
				t.Errorf("Read(%q): slug %q, diagnostics %q; want %q, %q", tt.file, doc.Slug, diags.Error(), tt.slug, tt.warn)
			}
		})
	}
	for _, tt := range []struct{ name, file, want string }{
		{"nothing to make a URL of", "content/posts/???.md",
			`content/posts/???.md: file name "???" has nothing a URL can be made of; rename the file or set slug in the front matter`},
		{"impossible date in the name", "content/posts/2019-13-40-x.md",
			`content/posts/2019-13-40-x.md: the date in the file name: "2019-13-40" is not a real date (month out of range)`},
		{"year zero in the name", "content/posts/0000-01-01-x.md",
			`content/posts/0000-01-01-x.md: the date in the file name: "0000-01-01" is too early: dates run from 1800 to 2199; check the year`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			doc, diags := Read(newSource(tt.file), []byte("Text\n"), berlin)
			if got := diags.Error(); doc != nil || got != tt.want {
				t.Errorf("Read(%q) = %v, %q; want no doc and %q", tt.file, doc, got, tt.want)
			}
		})
	}
}

func TestURLNameAndEscapePath(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct{ in, want string }{
		{"/posts/hello/", "/posts/hello/"},
		{"/posts/über/", "/posts/über/"},
		{"/posts/a b/", "/posts/a%20b/"},
		{"/posts/100%/", "/posts/100%25/"},
		{"/posts/<x>\"{|}^`/", "/posts/%3Cx%3E%22%7B%7C%7D%5E%60/"},
		{"/posts/go\u00a0fast★/", "/posts/go%C2%A0fast%E2%98%85/"},
		{"/posts/c++/(it's)/", "/posts/c++/(it's)/"},
	} {
		if got := EscapePath(tt.in); got != tt.want {
			t.Errorf("EscapePath(%q) = %q; want %q", tt.in, got, tt.want)
		}
	}
	// Every URLName result needs no escaping.
	for _, in := range []string{"a b", "%41", "*?", "x\ty", "ok", "Ærø", "🚀 launch", "a/b", "a@b"} {
		if seg, _ := URLName(in); EscapePath(seg) != seg || strings.Contains(seg, "/") {
			t.Errorf("URLName(%q) = %q, which is not a URL segment", in, seg)
		}
	}
}

func FuzzURLName(f *testing.F) {
	for _, s := range []string{"hello", "a b", "%41percent", "*star?", "back\\slash", "über", "\xff"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, name string) {
		seg, ok := URLName(name)
		if EscapePath(seg) != seg || strings.ContainsAny(seg, "/?#%\\ @") {
			t.Errorf("URLName(%q) = %q, not a URL segment", name, seg)
		}
		if ok && seg != strings.ReplaceAll(norm.NFC.String(name), "@", "-") {
			t.Errorf("URLName(%q) = %q, true; a kept name is the name", name, seg)
		}
	})
}
