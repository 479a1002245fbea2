package history

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"
)

// Builders for the output of git log -z --raw --no-abbrev --numstat
// logFormat, as Log asks for it.

const (
	blobA = "1111111111111111111111111111111111111111"
	blobB = "2222222222222222222222222222222222222222"
	blob0 = "0000000000000000000000000000000000000000"
)

// header is a commit header; date is the author date.
func header(hash, date, subject string) string {
	return "\x1e" + hash + "\x1fAda\x1fada@example.org\x1f" + date + "\x1f" + subject + "\x00"
}

// raw is one raw entry with its paths; git puts a newline before the
// first of a commit.
func raw(first bool, before, after, status string, paths ...string) string {
	s := fmt.Sprintf(":100644 100644 %s %s %s\x00", before, after, status)
	if first {
		s = "\n" + s
	}
	return s + strings.Join(paths, "\x00") + "\x00"
}

func numstat(added, removed string, paths ...string) string {
	if len(paths) == 2 {
		return added + "\t" + removed + "\t\x00" + paths[0] + "\x00" + paths[1] + "\x00"
	}
	return added + "\t" + removed + "\t" + paths[0] + "\x00"
}

// describe renders what logReader read.
func describe(commits []logCommit) string {
	var b strings.Builder
	for _, c := range commits {
		fmt.Fprintf(&b, "%s %s %s %q:", c.Hash, c.Author, c.Date.Format("2006-01-02T15:04:05-07:00"), c.Subject)
		for _, ch := range c.changes {
			fmt.Fprintf(&b, " %c", ch.status)
			if ch.oldPath != "" {
				fmt.Fprintf(&b, " %q >", ch.oldPath)
			}
			fmt.Fprintf(&b, " %q", ch.path)
			switch {
			case ch.binary:
				b.WriteString(" binary")
			default:
				fmt.Fprintf(&b, " +%d -%d", ch.added, ch.removed)
			}
			if !ch.modified {
				b.WriteString(" same")
			}
			b.WriteString(";")
		}
		b.WriteString("\n")
	}
	return b.String()
}

func readAll(out string) ([]logCommit, error) {
	lr := newLogReader(strings.NewReader(out))
	if err := lr.start(); err != nil {
		return nil, err
	}
	var commits []logCommit
	for {
		var c logCommit
		err := lr.next(&c)
		if err != nil {
			if errors.Is(err, io.EOF) {
				return commits, nil
			}
			return commits, err
		}
		commits = append(commits, c)
	}
}

func TestLogReader(t *testing.T) {
	t.Parallel()
	long := strings.Repeat("long ", 30000) // longer than the reader's buffer
	for _, tt := range []struct {
		name, out, want string
	}{
		{"empty", "", ""},
		{"commit without changes",
			header("c1", "2024-01-02T10:00:00+02:00", "empty"),
			"c1 Ada 2024-01-02T10:00:00+02:00 \"empty\":\n"},
		{"add, modify, delete",
			header("c2", "2024-01-02T10:00:00Z", "three") +
				raw(true, blob0, blobA, "A", "a.md") + raw(false, blobA, blobB, "M", "b.md") + raw(false, blobA, blob0, "D", "c.md") +
				numstat("3", "0", "a.md") + numstat("1", "2", "b.md") + numstat("0", "5", "c.md"),
			`c2 Ada 2024-01-02T10:00:00+00:00 "three": A "a.md" +3 -0; M "b.md" +1 -2; D "c.md" +0 -5;` + "\n"},
		{"renames, binary, two commits",
			header("c3", "2024-01-03T00:00:00Z", "rename") +
				raw(true, blobA, blobA, "R100", "old.md", "new.md") + raw(false, blobA, blobB, "R087", "x y.md", "ünï\tz.md") + raw(false, blobA, blobB, "M", "p.png") +
				numstat("0", "0", "old.md", "new.md") + numstat("2", "1", "x y.md", "ünï\tz.md") + numstat("-", "-", "p.png") +
				header("c4", "2024-01-01T00:00:00Z", "mode") + raw(true, blobA, blobA, "M", "m.md") + numstat("0", "0", "m.md"),
			`c3 Ada 2024-01-03T00:00:00+00:00 "rename": R "old.md" > "new.md" +0 -0 same; R "x y.md" > "ünï\tz.md" +2 -1; M "p.png" binary;` + "\n" +
				`c4 Ada 2024-01-01T00:00:00+00:00 "mode": M "m.md" +0 -0 same;` + "\n"},
		{"numstat in another order",
			header("c5", "2024-01-02T10:00:00Z", "order") +
				raw(true, blobA, blobB, "M", "a.md") + raw(false, blobA, blobB, "M", "b.md") +
				numstat("1", "0", "b.md") + numstat("2", "0", "a.md"),
			`c5 Ada 2024-01-02T10:00:00+00:00 "order": M "a.md" +2 -0; M "b.md" +1 -0;` + "\n"},
		{"separators in the subject, long subject",
			header("c6", "2024-01-02T10:00:00Z", "a\x1fb\x1ec") + header("c7", "2024-01-02T10:00:00Z", long),
			"c6 Ada 2024-01-02T10:00:00+00:00 \"a\\x1fb\\x1ec\":\nc7 Ada 2024-01-02T10:00:00+00:00 " + fmt.Sprintf("%q", long) + ":\n"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			commits, err := readAll(tt.out)
			if err != nil {
				t.Fatal(err)
			}
			if got := describe(commits); got != tt.want {
				t.Errorf("read:\n%s\nwant:\n%s", got, tt.want)
			}
		})
	}
}

func TestLogReaderErrors(t *testing.T) {
	t.Parallel()
	ok := header("c1", "2024-01-02T10:00:00Z", "s")
	for _, tt := range []struct {
		name, out, want string
	}{
		{"no header", "something\x00", "want a commit header"},
		{"short header", "\x1ec1\x1fAda\x00", "malformed commit header"},
		{"bad date", header("c1", "yesterday", "s"), "author date"},
		{"bad raw entry", ok + "\n:100644 M\x00a.md\x00", "malformed raw entry"},
		{"missing path", ok + "\n:100644 100644 " + blobA + " " + blobB + " M\x00", "output ends before a path"},
		{"missing rename path", ok + raw(true, blobA, blobB, "R090", "a.md"), "output ends before a path"},
		{"bad numstat", ok + raw(true, blobA, blobB, "M", "a.md") + "1 2 a.md\x00", "malformed numstat"},
		{"bad count", ok + raw(true, blobA, blobB, "M", "a.md") + numstat("x", "2", "a.md"), "malformed numstat"},
		{"numstat without raw", ok + raw(true, blobA, blobB, "M", "a.md") + numstat("1", "2", "b.md"), "without a raw entry"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := readAll(tt.out)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err = %v; want one saying %q", err, tt.want)
			}
		})
	}
}

// TestWalk feeds made-up logs, newest commit first, to the walk: cases
// that git log -M does not print for a repository a test can build.
func TestWalk(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		name, out, want string
	}{
		{"swap", // as git log -B -M shows a commit that swaps two files
			header("s", "2024-01-03T00:00:00Z", "swap") +
				raw(true, blobA, blobA, "R100", "content/a.md", "content/b.md") + raw(false, blobB, blobB, "R100", "content/b.md", "content/a.md") +
				numstat("0", "0", "content/a.md", "content/b.md") + numstat("0", "0", "content/b.md", "content/a.md") +
				header("e", "2024-01-02T00:00:00Z", "edit a") + raw(true, blobB, blobA, "M", "content/a.md") + numstat("1", "0", "content/a.md") +
				header("c", "2024-01-01T00:00:00Z", "add") +
				raw(true, blob0, blobB, "A", "content/a.md") + raw(false, blob0, blobB, "A", "content/b.md") +
				numstat("2", "0", "content/a.md") + numstat("2", "0", "content/b.md"),
			`
content/a.md: created "add"
content/b.md: created "add"; "edit a" +1 -0`},
		{"copy", // as git log -C shows a copy
			header("k", "2024-01-02T00:00:00Z", "copy") + raw(true, blobA, blobA, "C100", "content/a.md", "content/b.md") + numstat("0", "0", "content/a.md", "content/b.md") +
				header("c", "2024-01-01T00:00:00Z", "add") + raw(true, blob0, blobA, "A", "content/a.md") + numstat("2", "0", "content/a.md"),
			`
content/a.md: created "add"
content/b.md: created "copy"`},
		{"moved out of the folder",
			header("m", "2024-01-03T00:00:00Z", "move out") + raw(true, blobA, blobA, "R100", "content/a.md", "attic/a.md") + numstat("0", "0", "content/a.md", "attic/a.md") +
				header("e", "2024-01-02T00:00:00Z", "edit") + raw(true, blobB, blobA, "M", "content/a.md") + numstat("1", "0", "content/a.md") +
				header("c", "2024-01-01T00:00:00Z", "add") + raw(true, blob0, blobB, "A", "content/a.md") + numstat("2", "0", "content/a.md"),
			""},
		{"moved into the folder",
			header("m", "2024-01-03T00:00:00Z", "move in") + raw(true, blobA, blobA, "R100", "drafts/a.md", "content/a.md") + numstat("0", "0", "drafts/a.md", "content/a.md") +
				header("e", "2024-01-02T00:00:00Z", "edit draft") + raw(true, blobB, blobA, "M", "drafts/a.md") + numstat("1", "0", "drafts/a.md") +
				header("c", "2024-01-01T00:00:00Z", "add draft") + raw(true, blob0, blobB, "A", "drafts/a.md") + numstat("2", "0", "drafts/a.md"),
			`content/a.md: created "add draft"; "edit draft" +1 -0`},
		{"edited on a branch, deleted on another", // git lists the edit first; the file may be back
			header("e", "2024-01-03T00:00:00Z", "edit") + raw(true, blobB, blobA, "M", "content/a.md") + numstat("1", "0", "content/a.md") +
				header("d", "2024-01-02T00:00:00Z", "delete") + raw(true, blobB, blob0, "D", "content/a.md") + numstat("0", "2", "content/a.md") +
				header("c", "2024-01-01T00:00:00Z", "add") + raw(true, blob0, blobB, "A", "content/a.md") + numstat("2", "0", "content/a.md"),
			`content/a.md: created "add"; "edit" +1 -0`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			w := newWalk(repository{}, "content", DefaultSweepThreshold)
			if err := w.read(strings.NewReader(tt.out)); err != nil {
				t.Fatal(err)
			}
			checkSummary(t, w.history(), tt.want)
		})
	}
}

// FuzzWalk checks that no output of git, however mangled, makes the reader
// or the walk panic or loop.
func FuzzWalk(f *testing.F) {
	f.Add("")
	f.Add(header("c1", "2024-01-02T10:00:00+02:00", "s") +
		raw(true, blobA, blobA, "R100", "content/a.md", "content/b.md") + raw(false, blob0, blobB, "A", "content/a.md") +
		numstat("0", "0", "content/a.md", "content/b.md") + numstat("1", "0", "content/a.md") +
		header("c2", "2024-01-01T10:00:00Z", "t") + raw(true, blob0, blobA, "A", "content/a.md") + numstat("-", "-", "content/a.md"))
	f.Add(header("c1", "2024-01-02T10:00:00Z", "s") + raw(true, blobA, blobB, "M", "content/a.md") + numstat("1", "2", "content/a.md") +
		header("c2", "2024-01-01T10:00:00Z", "t") + raw(true, blobA, blob0, "D", "content/a.md") + numstat("0", "2", "content/a.md"))
	f.Fuzz(func(t *testing.T, out string) {
		w := newWalk(repository{boundary: map[string]bool{"c2": true}}, "content", 2)
		if err := w.read(strings.NewReader(out)); err != nil {
			return
		}
		for p, f := range w.history().Files {
			if p != f.Path || !strings.HasPrefix(p, "content/") {
				t.Errorf("file %q under key %q", f.Path, p)
			}
		}
	})
}
