package history

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// DefaultSameEdit is how many content files one commit must change with
// the same edit for those changes to be maintenance, when
// Options.SameEdit is 0. Two posts fixed alike can be chance (the same
// typo in both); three that change alike are a script or a search and
// replace.
const DefaultSameEdit = 3

// A commit below the sweep threshold that modifies at least SameEdit
// content files is a candidate: Log reads the patches of all candidates
// with one more git call and compares what each commit did to each file.
//
// What a file's change is, exactly: git diff -U0 splits it into hunks.
// A hunk that removes as many lines as it adds is read line by line, each
// removed line against the added line in its place, and gives the
// substitutions that turn one into the other: the runs of words and
// punctuation removed and added between the parts the two lines share,
// as a longest common subsequence of tokens finds them. Any other hunk is
// one substitution, its removed lines for its added lines. The edit is
// the set of a file's substitutions, each counted once. So rewriting
// "[a](/posts/a/)" to "[a](https://example.org/posts/a/)" in one post and
// two such links in another is the same edit, "" → "https://example.org";
// a new paragraph in each of three posts is three edits.
//
// Files whose edits are equal are grouped; a group of at least SameEdit
// files is maintenance, and the commit is recorded as a Sweep with
// SameEdit set and Files the files of its groups. Other files the commit
// changed keep their revision: a commit that adds the blog's address to
// the links of ten posts and rewrites an eleventh revises the eleventh.

// candidate is a commit whose patch Log reads to look for a shared edit.
type candidate struct {
	Commit
	seq      int    // the commit's place in the walk
	statuses []byte // of the raw entries git listed, in order
	files    []candidateFile
}

// candidateFile is a content file the candidate modified.
type candidateFile struct {
	change int      // index of the file among the commit's changes
	l      *lineage // the file, as the walk met it
}

// readSameEdits reads the patches of the candidates with one git log and
// turns the files of each that share an edit into maintenance: their
// revisions by the commit are dropped and the commit joins the sweeps.
func (w *walk) readSameEdits(ctx context.Context, dir string) error {
	if len(w.candidates) == 0 {
		return nil
	}
	byHash := make(map[string]*candidate, len(w.candidates))
	var stdin strings.Builder
	for i := range w.candidates {
		c := &w.candidates[i]
		byHash[c.Hash] = c
		stdin.WriteString(c.Hash)
		stdin.WriteByte('\n')
	}
	logCtx, cancel := context.WithCancel(ctx)
	defer cancel()
	cmd := command(logCtx, dir, "-c", "log.showSignature=false", "-c", "diff.relative=false", "-c", "core.quotePath=false",
		"log", "--no-walk=unsorted", "--stdin",
		// The same diff as the log's, so the patch lists the files in the
		// order of the raw entries.
		"--root", "-M", "-p", "-U0", "--no-color", "--no-ext-diff", "--no-textconv",
		"--diff-algorithm=myers", "--format=%x1e%H", "--")
	cmd.Stdin = strings.NewReader(stdin.String())
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		return fmt.Errorf("reading git history: %w", err)
	}
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("reading git history: %w", err)
	}
	perr := readPatches(out, func(hash string, files []fileEdit) {
		if c := byHash[hash]; c != nil {
			w.sameEdit(c, files)
		}
	})
	if perr != nil {
		cancel()
	}
	werr := cmd.Wait()
	if err := ctx.Err(); err != nil {
		return err
	}
	if perr != nil {
		return perr
	}
	if werr != nil {
		return fmt.Errorf("reading git history: git log -p: %v: %s", werr, strings.TrimSpace(stderr.String()))
	}
	return nil
}

// sameEdit decides which of c's files share an edit, given the edits of
// all the files of its patch in the order of its raw entries.
func (w *walk) sameEdit(c *candidate, files []fileEdit) {
	// The patch lists the raw entries in order, but for a change of type
	// (a file that became a symlink), which it shows as a deletion and an
	// addition.
	at := make([]int, len(c.statuses))
	n := 0
	for i, st := range c.statuses {
		at[i] = n
		n++
		if st == 'T' {
			n++
		}
	}
	if n != len(files) {
		// git listed the files otherwise than the log did: they cannot
		// be told apart, and each change stays a revision, as it was.
		return
	}
	groups := map[string][]candidateFile{}
	for _, f := range c.files {
		if c.statuses[f.change] == 'T' {
			continue // its patch is two, neither of them an edit
		}
		if key := files[at[f.change]].key(); key != "" {
			groups[key] = append(groups[key], f)
		}
	}
	n = 0
	for _, g := range groups {
		if len(g) < w.sameEditMin {
			continue
		}
		n += len(g)
		for _, f := range g {
			l := find(f.l)
			l.revs = slices.DeleteFunc(l.revs, func(r seqRevision) bool { return r.seq == c.seq })
		}
	}
	if n > 0 {
		w.sweeps = append(w.sweeps, seqSweep{Sweep: Sweep{Commit: c.Commit, Files: n, SameEdit: true}, seq: c.seq})
	}
}

// fileEdit is one file's change in a patch: its hunks, each the lines
// it removed and the lines it added.
type fileEdit struct {
	hunks []hunk
}

type hunk struct {
	removed, added [][]byte
}

// key returns the file's edit as a string that equals another file's
// exactly when the two edits are the same; "" when the patch shows no
// lines (a binary file, a pure rename, a change of mode).
func (f fileEdit) key() string {
	var subs []string
	for _, h := range f.hunks {
		if len(h.removed) == len(h.added) {
			for i := range h.removed {
				subs = append(subs, substitutions(h.removed[i], h.added[i])...)
			}
			continue
		}
		subs = append(subs, substitution(bytes.Join(h.removed, []byte{'\n'}), bytes.Join(h.added, []byte{'\n'})))
	}
	if len(subs) == 0 {
		return ""
	}
	slices.Sort(subs)
	subs = slices.Compact(subs)
	return strings.Join(subs, "\x00")
}

func substitution(removed, added []byte) string {
	return string(removed) + "\x01" + string(added)
}

// maxTokenPairs bounds the work of comparing two lines token by token;
// longer lines are compared whole.
const maxTokenPairs = 1 << 20

// substitutions returns what turns line a into line b: the runs of
// tokens removed and added between the tokens a longest common
// subsequence keeps.
func substitutions(a, b []byte) []string {
	if bytes.Equal(a, b) {
		return nil
	}
	ta, tb := tokens(a), tokens(b)
	if len(ta)*len(tb) > maxTokenPairs {
		return []string{substitution(a, b)}
	}
	// lcs[i][j] is the length of the longest common subsequence of ta[i:]
	// and tb[j:]; walking it forwards from (0, 0) keeps the first match
	// that is part of a longest one, so the same change in the same
	// surroundings is always split the same way.
	cols := len(tb) + 1
	lcs := make([]int32, (len(ta)+1)*cols)
	for i := len(ta) - 1; i >= 0; i-- {
		for j := len(tb) - 1; j >= 0; j-- {
			if bytes.Equal(ta[i], tb[j]) {
				lcs[i*cols+j] = lcs[(i+1)*cols+j+1] + 1
			} else {
				lcs[i*cols+j] = max(lcs[(i+1)*cols+j], lcs[i*cols+j+1])
			}
		}
	}
	var out []string
	var del, ins []byte
	flush := func() {
		if len(del) > 0 || len(ins) > 0 {
			out = append(out, substitution(del, ins))
			del, ins = del[:0], ins[:0]
		}
	}
	i, j := 0, 0
	for i < len(ta) || j < len(tb) {
		switch {
		case i < len(ta) && j < len(tb) && bytes.Equal(ta[i], tb[j]):
			flush()
			i, j = i+1, j+1
		case j < len(tb) && (i == len(ta) || lcs[i*cols+j+1] >= lcs[(i+1)*cols+j]):
			ins = append(ins, tb[j]...)
			j++
		default:
			del = append(del, ta[i]...)
			i++
		}
	}
	flush()
	return out
}

// tokens splits a line into words (runs of letters and digits) and
// single other characters.
func tokens(s []byte) [][]byte {
	var out [][]byte
	for len(s) > 0 {
		r, n := utf8.DecodeRune(s)
		if !isWord(r) {
			out, s = append(out, s[:n]), s[n:]
			continue
		}
		end := n
		for end < len(s) {
			r, m := utf8.DecodeRune(s[end:])
			if !isWord(r) {
				break
			}
			end += m
		}
		out, s = append(out, s[:end]), s[end:]
	}
	return out
}

func isWord(r rune) bool {
	return r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r)
}

// readPatches reads the output of
//
//	git log -p -U0 --format=%x1e%H
//
// and calls commit with each commit's hash and the edits of its files,
// in the order of the patch.
func readPatches(r io.Reader, commit func(hash string, files []fileEdit)) error {
	br := bufio.NewReaderSize(r, 64<<10)
	var (
		hash   string
		files  []fileEdit
		inHunk bool // past the file's first @@ line: lines are the patch's
	)
	done := func() {
		if hash != "" {
			commit(hash, files)
		}
	}
	for {
		line, err := br.ReadBytes('\n')
		if len(line) > 0 {
			line = bytes.TrimSuffix(line, []byte{'\n'})
			switch {
			case len(line) > 0 && line[0] == 0x1e:
				done()
				hash, files, inHunk = string(line[1:]), nil, false
			case bytes.HasPrefix(line, []byte("diff --git ")) || bytes.HasPrefix(line, []byte("diff --cc ")):
				files, inHunk = append(files, fileEdit{}), false
			case len(files) == 0:
				// the blank line after the header
			case bytes.HasPrefix(line, []byte("@@")):
				f := &files[len(files)-1]
				f.hunks, inHunk = append(f.hunks, hunk{}), true
			case inHunk && len(line) > 0 && line[0] == '-':
				h := lastHunk(files)
				h.removed = append(h.removed, line[1:])
			case inHunk && len(line) > 0 && line[0] == '+':
				h := lastHunk(files)
				h.added = append(h.added, line[1:])
			}
		}
		switch {
		case err == io.EOF:
			done()
			return nil
		case err != nil:
			return fmt.Errorf("reading git history: %w", err)
		}
	}
}

func lastHunk(files []fileEdit) *hunk {
	f := &files[len(files)-1]
	return &f.hunks[len(f.hunks)-1]
}
