package rendercache_test

import (
	"bytes"
	"os"
	"testing"

	"github.com/accruehq/accrue/generator/markdown"
	"github.com/accruehq/accrue/generator/rendercache"
)

// TestWordsKeptBetweenBuilds stores a blob per body, saves, and finds
// them in the next cache: those used are kept, the others dropped, and a
// damaged entry is a miss, never other bytes.
func TestWordsKeptBetweenBuilds(t *testing.T) {
	dir := t.TempDir()
	a, b := rendercache.KeyOf([]byte("body a")), rendercache.KeyOf([]byte("body b"))
	c := open(t, dir, "id")
	if _, ok := c.Words(a); ok {
		t.Fatal("an empty cache has words")
	}
	c.PutWords(a, func() []byte { return []byte("words of a") })
	c.PutWords(b, func() []byte { return []byte("words of b") })
	if got, ok := c.Words(a); !ok || string(got) != "words of a" {
		t.Errorf("Words(a) in the same build = %q, %t", got, ok)
	}
	if err := c.Save(); err != nil {
		t.Fatal(err)
	}
	c.Close()

	c = open(t, dir, "id")
	if got, ok := c.Words(b); !ok || string(got) != "words of b" {
		t.Errorf("Words(b) in the next build = %q, %t", got, ok)
	}
	if err := c.Save(); err != nil { // a was not asked for: dropped
		t.Fatal(err)
	}
	c.Close()

	c = open(t, dir, "id")
	if _, ok := c.Words(a); ok {
		t.Error("words no build used were kept")
	}
	c.Close()
	if c := open(t, dir, "another renderer"); c != nil {
		if _, ok := c.Words(b); ok {
			t.Error("another renderer's cache has the words")
		}
		c.Close()
	}

	// Damage b's blob on disk: a miss.
	words := c.Path() + ".words"
	data, err := os.ReadFile(words)
	if err != nil {
		t.Fatal(err)
	}
	i := bytes.Index(data, []byte("words of b"))
	if i < 0 {
		t.Fatalf("the words file does not hold b's blob: %q", data)
	}
	data[i] = 'W'
	if err := os.WriteFile(words, data, 0o644); err != nil {
		t.Fatal(err)
	}
	c = open(t, dir, "id")
	if got, ok := c.Words(b); ok {
		t.Errorf("a damaged blob read as %q", got)
	}
	c.Close()
}

// A body the build rendered or found in the pack keeps its words, though
// the build did not ask for them (it wrote no page of the post).
func TestWordsKeptForBodiesInTheBuild(t *testing.T) {
	dir := t.TempDir()
	r := markdown.New(markdown.Options{})
	key := rendercache.KeyOf(docs[0])
	c := open(t, dir, identity)
	full(t, c, r, docs[0])
	c.PutWords(key, func() []byte { return []byte("words") })
	if err := c.Save(); err != nil {
		t.Fatal(err)
	}
	c.Close()
	c = open(t, dir, identity)
	full(t, c, r, docs[0]) // a hit; its words are not asked for
	if err := c.Save(); err != nil {
		t.Fatal(err)
	}
	c.Close()
	c = open(t, dir, identity)
	defer c.Close()
	if got, ok := c.Words(key); !ok || string(got) != "words" {
		t.Errorf("words of a body the last build had = %q, %t; want them kept", got, ok)
	}
}
