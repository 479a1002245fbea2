package content

import "testing"

func TestSlugify(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct{ name, in, want string }{
		{"spaces", "Compound Interest", "compound-interest"},
		{"unicode", "Zürich Notes", "zurich-notes"},
		{"accents", "Crème Brûlée à la Française", "creme-brulee-a-la-francaise"},
		{"punctuation", "Hello, World! What's up?", "hello-world-what-s-up"},
		{"runs of junk collapse", "a -- b __ c // d", "a-b-c-d"},
		{"leading and trailing junk", "  --Hello--  ", "hello"},
		{"only junk", " -!?- ", ""},
		{"empty", "", ""},
		{"digits", "Top 10 Tips for 2024", "top-10-tips-for-2024"},
		{"symbols", "C++ & Go: 100% fun", "c-go-100-fun"},
		{"already a slug", "already-a-slug", "already-a-slug"},
		{"underscores", "snake_case_name", "snake-case-name"},
		{"compatibility forms", "ﬁle Ⅳ", "file-iv"},
		{"fractions", "½ price", "1-2-price"},
		{"letters without a decomposition", "Straße Ærø", "straße-ærø"},
		{"greek accents", "Καλημέρα Κόσμε", "καλημερα-κοσμε"},
		{"cyrillic", "Привет, мир", "привет-мир"},
		{"chinese", "日本語 と 中文", "日本語-と-中文"},
		{"arabic digits and letters", "مرحبا ٢٠٢٤", "مرحبا-٢٠٢٤"},
		{"emoji are separators", "Go 🚀 Fast", "go-fast"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := Slugify(tt.in); got != tt.want {
				t.Errorf("Slugify(%q) = %q; want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestSlugifyKeepsNonLatinLetters(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct{ name, in, want string }{
		{"katakana with dakuten", "ブログ", "ブログ"},
		{"half-width katakana", "ﾌﾞﾛｸﾞ", "ブログ"},
		{"cyrillic short i", "Мой блог", "мой-блог"},
		{"cyrillic yo", "Ёлка", "ёлка"},
		{"devanagari", "हिन्दी", "हिन्दी"},
		{"hangul", "한국어", "한국어"},
		{"arabic with harakat", "مَرْحَبًا", "مَرْحَبًا"},
		{"latin next to cyrillic", "Zürich и Й", "zurich-и-й"},
		{"decomposed latin input", "Zu\u0308rich", "zurich"},
		{"vietnamese", "Tiếng Việt", "tieng-viet"},
		{"stray mark after a separator", "a \u0301b", "a-b"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := Slugify(tt.in); got != tt.want {
				t.Errorf("Slugify(%q) = %q; want %q", tt.in, got, tt.want)
			}
		})
	}
	if got := Slugify("한국어"); len(got) != 9 {
		t.Errorf("Slugify(%q) is %d bytes (%+q); want 9, the precomposed syllables", "한국어", len(got), got)
	}
}
