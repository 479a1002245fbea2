package history

import (
	"bytes"
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"time"
)

// DefaultSweepThreshold is the number of content files a commit must touch
// to count as a sweep when Options.SweepThreshold is 0.
const DefaultSweepThreshold = 20

// ShallowWarning is what to tell the user when History.Shallow is set.
const ShallowWarning = "git history is incomplete: this is a shallow clone, " +
	"so commits before its oldest one are missing and posts created earlier look created by it; " +
	"fetch the full history with `git fetch --unshallow`. " +
	"Hosts such as Netlify, Vercel and GitHub Actions clone shallowly by default: " +
	"on GitHub Actions set `fetch-depth: 0` on actions/checkout"

// Options configures Log. The zero value works.
type Options struct {
	// SweepThreshold is how many content files one commit must touch to
	// be a sweep, a maintenance commit such as a reformat or a migration,
	// rather than a revision of each file. 0 means DefaultSweepThreshold;
	// a negative value turns sweeps off, so every commit is a revision.
	SweepThreshold int
	// Counts says which files count toward a sweep, by slash path relative
	// to dir; nil counts every file under the folder. A blog counts its
	// posts, so that a commit adding many comment files is no sweep.
	Counts func(path string) bool
	// SameEdit is how many counted files one commit must change with the
	// same edit, such as a link rewritten alike in each, for those
	// changes to be maintenance rather than revisions, however few files
	// the commit touches (see sameedit.go for what the same edit is). 0
	// means DefaultSameEdit; a negative value turns it off, and so does
	// a negative SweepThreshold.
	SameEdit int
	// Cache, when set, is a file where Log keeps what git log said, with
	// what it was read from: the commit HEAD names, the folder, these
	// options, the repository's .mailmap and CacheKey. A later Log from
	// the same reads the file instead of running git log (cache.go).
	Cache string
	// CacheKey is what else the history depends on that Options cannot
	// say by themselves: what Counts counts.
	CacheKey string
}

// Commit is what History keeps of one commit.
type Commit struct {
	Hash    string
	Author  string    // name, after the repository's .mailmap
	Email   string    // after the repository's .mailmap
	Date    time.Time // author date, in the author's UTC offset
	Subject string
}

// Revision is a commit that changed a file's content after it was created.
type Revision struct {
	Commit
	Added, Removed int  // lines, as git log --numstat counts them
	Binary         bool // the file is binary: git counts no lines
}

// Sweep is a commit that touched so many content files at once (at least
// Options.SweepThreshold) that it is maintenance, not a revision of each:
// it is recorded once here and in no File's Revisions. Files it added
// still have it as their Created commit, and renames in it are followed.
//
// A commit that made the same edit to several files (at least
// Options.SameEdit), such as a search and replace, is a Sweep too, with
// SameEdit set, whatever the number of files it touched: those files have
// no revision by it, and Files counts them. Other files it changed keep
// their revision.
type Sweep struct {
	Commit
	Files    int  // content files the commit touched, or that share its edit
	SameEdit bool // maintenance because the files share one edit
}

// File is the history of one file, under the name it has now.
type File struct {
	Path string // slash path relative to Log's dir, such as "content/posts/a.md"

	// Created is the commit that first added the file, under whatever
	// name it had then: renames are followed back, and so are deletions
	// of the same name, so a post deleted and added again later keeps the
	// date it was first published (its address is the post). It is zero
	// if git shows no commit adding the file, which only happens when a
	// merge commit added it (merges are skipped).
	Created Commit

	// Truncated reports that Created is the oldest commit of a shallow
	// clone, which git shows as adding every file it has, rather than the
	// commit that added this one.
	Truncated bool

	// Revisions are the later commits that changed the file's content,
	// oldest first. A pure rename or move, or a change of mode, is not a
	// revision; a rename with edits is, with its line counts. Adding a
	// deleted file back is a revision if its content differs from what
	// was deleted, with every line counted as added.
	Revisions []Revision
}

// History is what one run of git log says about a folder's files.
type History struct {
	// Files holds every file under the folder that git knows and that was
	// not deleted, by its current path.
	Files map[string]*File

	// Sweeps are the sweeping commits, oldest first.
	Sweeps []Sweep

	// Shallow reports that the repository is a shallow clone, so the
	// history is incomplete: show ShallowWarning.
	Shallow bool

	// Unfinished are the git operations stopped midway in the repository
	// or a submodule read with it, such as a rebase waiting on a
	// conflict: the history is read as of HEAD, which is not what the
	// branch will hold. Each one's Warning is in Warnings too.
	Unfinished []Unfinished

	// Conflicts are the files under the folder that git lists as
	// unmerged, sorted by path. Each is an error for a build that
	// publishes: the file holds both sides of the conflict.
	Conflicts []Conflict

	// Warnings are what the user should hear about the history, one per
	// line: git's own warnings, such as a rename detection skipped
	// because a commit renamed more files than diff.renameLimit allows;
	// each Unfinished operation's; and each submodule under the folder
	// that is not checked out, whose files and history are missing.
	// Show them to the user.
	Warnings []string
}

// Log reads the history of every file under folder (a slash path relative
// to dir, such as "content"; "" or "." means all of dir) with one run of
// git log over the repository holding dir, plus one git rev-parse (where
// dir is, whether the clone is shallow, whether an operation such as a
// rebase is in progress) and one git ls-files (files in conflict and
// submodules under the folder). Paths
// in the result are relative to dir. A repository without commits gives
// an empty History.
//
// It returns ErrNoGit if git is not installed and ErrNotRepository if dir
// is not in a git work tree.
//
// Submodules at or under the folder (content/ kept in a repository of its
// own) are read with one more git log each, in the submodule, and their
// files join the result under their paths relative to dir.
//
// History is read newest commit first, following each file's renames
// back through a map from the names a file had to the file. That walk
// assumes the history is a line: when one branch renames a file that
// another edits, git lists both and Log joins them (see walk.link), but a
// file deleted on one branch and kept on another may be listed even if it
// is gone now. Look up the paths you have.
func Log(ctx context.Context, dir, folder string, o Options) (*History, error) {
	if _, err := exec.LookPath("git"); err != nil {
		return nil, ErrNoGit
	}
	folder = path.Clean("/" + folder)[1:] // "" for the whole folder; never above it
	r, err := inspect(ctx, dir)
	if err != nil {
		return nil, err
	}
	h, err := cachedLog(ctx, dir, folder, r, o)
	if err != nil {
		return nil, err
	}
	h.Shallow = r.shallow
	h.Unfinished = r.unfinished
	for _, u := range r.unfinished {
		h.Warnings = append(h.Warnings, u.Warning())
	}
	conflicts, submodules, err := readIndex(ctx, dir, folder)
	if err != nil {
		return nil, err
	}
	var op Operation // what the conflicts are from
	for _, u := range r.unfinished {
		if u.Op != OpBisect {
			op = u.Op
		}
	}
	for _, p := range conflicts {
		h.Conflicts = append(h.Conflicts, Conflict{Path: p, Op: op})
	}
	for _, sub := range submodules {
		if err := h.readSubmodule(ctx, dir, sub, o); err != nil {
			return nil, err
		}
	}
	return h, nil
}

// readLog reads the log of the repository r describes.
func readLog(ctx context.Context, dir, folder string, r repository, o Options) (*History, error) {
	threshold := o.SweepThreshold
	if threshold == 0 {
		threshold = DefaultSweepThreshold
	}
	w := newWalk(r, folder, threshold)
	w.counts = o.Counts
	w.sameEditMin = o.SameEdit
	if w.sameEditMin == 0 {
		w.sameEditMin = DefaultSameEdit
	}
	if threshold < 0 {
		w.sameEditMin = -1
	}

	logCtx, cancel := context.WithCancel(ctx)
	defer cancel()
	cmd := command(logCtx, dir, "-c", "log.showSignature=false", "-c", "diff.relative=false",
		"log",
		// Merge commits are skipped: git log shows no diff for them by
		// default, and the changes they bring in are listed already with
		// the commits that made them on their branch, so counting a merge
		// would count those twice. What is lost is an edit made while
		// resolving a conflict.
		"--no-merges",
		// Children before parents, even when committer clocks disagree,
		// which the rename walk needs; it costs little, as git walks every
		// commit anyway.
		"--topo-order",
		"--root", "-M", "--raw", "--no-abbrev", "--numstat", "-z",
		"--no-color", "--no-ext-diff", "--no-textconv",
		"--diff-algorithm=myers", // line counts must not depend on the user's diff.algorithm
		"--encoding=UTF-8",
		logFormat,
		// A repository without commits has an unborn HEAD; --ignore-missing
		// makes that an empty log rather than an error.
		"--ignore-missing", "HEAD",
		// No pathspec: limiting git log to the folder makes git compare
		// every commit's tree twice, once to choose commits and once for
		// the diff, which doubles its time. Commits outside the folder are
		// few in a blog and cheap to skip here.
		"--")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		return nil, fmt.Errorf("reading git history: %w", err)
	}
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("reading git history: %w", err)
	}
	perr := w.read(out)
	if perr != nil {
		cancel() // stop git; it may be blocked writing to a pipe no one reads
	}
	werr := cmd.Wait()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if perr != nil {
		if msg := strings.TrimSpace(stderr.String()); msg != "" {
			return nil, fmt.Errorf("%w (git says: %s)", perr, msg)
		}
		return nil, perr
	}
	if werr != nil {
		return nil, fmt.Errorf("reading git history: git log: %v: %s", werr, strings.TrimSpace(stderr.String()))
	}
	if err := w.readSameEdits(ctx, dir); err != nil {
		return nil, err
	}
	h := w.history()
	for line := range strings.Lines(stderr.String()) {
		if line = strings.TrimSpace(line); line != "" {
			h.Warnings = append(h.Warnings, line)
		}
	}
	return h, nil
}

// repository is what Log needs to know about the repository before
// reading its log.
type repository struct {
	prefix     string          // dir's path in the repository: "" or ending in "/"
	top        string          // the work tree's top folder
	shallow    bool            // a shallow clone
	boundary   map[string]bool // a shallow clone's oldest commits, by hash
	unfinished []Unfinished
}

// inspect asks git, in one run, where dir is in its repository, whether
// that is a shallow clone and where the files are that say an operation
// is in progress.
func inspect(ctx context.Context, dir string) (repository, error) {
	args := []string{"rev-parse", "--show-prefix", "--is-shallow-repository", "--show-toplevel", "--git-path", "shallow"}
	for _, f := range stateFiles {
		args = append(args, "--git-path", f.gitPath)
	}
	cmd := command(ctx, dir, args...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		if ctx.Err() != nil {
			return repository{}, ctx.Err()
		}
		msg := strings.TrimSpace(stderr.String())
		if strings.Contains(msg, "not a git repository") {
			return repository{}, fmt.Errorf("reading git history of %s: %w", dir, ErrNotRepository)
		}
		if strings.Contains(msg, "dubious ownership") {
			return repository{}, dubious(dir, msg)
		}
		return repository{}, fmt.Errorf("reading git history: git rev-parse: %v: %s", err, msg)
	}
	lines := strings.Split(strings.TrimSuffix(string(out), "\n"), "\n")
	if len(lines) != 4+len(stateFiles) {
		return repository{}, fmt.Errorf("reading git history: unexpected git rev-parse output %q", out)
	}
	r := repository{prefix: lines[0], shallow: lines[1] == "true", top: lines[2]}
	top := lines[2]
	gitPaths := lines[3:] // relative to dir, unless absolute
	for i, p := range gitPaths {
		if !filepath.IsAbs(p) {
			gitPaths[i] = filepath.Join(dir, p)
		}
	}
	if r.unfinished, err = unfinished(top, gitPaths[1:]); err != nil {
		return r, err
	}
	if !r.shallow {
		return r, nil
	}
	// The shallow file lists the commits whose parents the clone lacks;
	// git log shows each as a root commit that adds every file.
	b, err := os.ReadFile(gitPaths[0])
	if err != nil && !errors.Is(err, os.ErrNotExist) {
		return r, fmt.Errorf("reading git history: %w", err)
	}
	r.boundary = map[string]bool{}
	for _, h := range strings.Fields(string(b)) {
		r.boundary[h] = true
	}
	return r, nil
}

// dubious turns git's refusal to read a repository that another user owns
// (several lines, since git 2.35.2) into one line that says what to do.
// It is common in CI containers, whose checkout belongs to another user
// than the one running the build.
func dubious(dir, msg string) error {
	top := dir
	if _, rest, ok := strings.Cut(msg, "repository at '"); ok {
		if p, _, ok := strings.Cut(rest, "'"); ok {
			top = p
		}
	}
	return fmt.Errorf("reading git history: git refuses to read %s, which another user owns: "+
		"if you trust it, run `git config --global --add safe.directory %s`", top, top)
}

// command prepares a git command in dir. LC_ALL=C keeps git's messages in
// English, so that inspect can recognise them.
func command(ctx context.Context, dir string, args ...string) *exec.Cmd {
	cmd := exec.CommandContext(ctx, "git", args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "LC_ALL=C")
	return cmd
}

// walk turns commits, newest first, into files' histories.
//
// alias maps a repository path, as named in the commit being read, to the
// file whose older history that name holds. A nil entry marks a name whose
// older history belongs to no current file: a file deleted later, or the
// name a file had before it was re-added. A name under the folder that is
// not in alias is met for the first time, so it is a current file.
type walk struct {
	prefix    string // dir's path in the repository: "" or ending in "/"
	folder    string // the folder's path in the repository, ending in "/" unless it is the whole repository
	threshold int
	counts    func(path string) bool
	boundary  map[string]bool

	sameEditMin int         // files that must share an edit; at most 0 turns it off
	candidates  []candidate // commits whose patches may show a shared edit

	alias    map[string]*lineage
	readded  map[string]readd // by repository path: an addition that an older deletion may continue
	lineages []*lineage       // in the order met, for a deterministic result
	sweeps   []seqSweep       // newest first, but for those readSameEdits adds
	seq      int              // commits read

	targets []*lineage // scratch: each change's file in the current commit
}

// lineage is one file's history under all its names.
type lineage struct {
	path      string // current, relative to dir
	created   Commit
	truncated bool
	revs      []seqRevision

	// same is set when this turned out to be a file already followed
	// under another name (see walk.link).
	same *lineage
}

// readd is a commit that added a file under a name, met before (newer
// than) the commits that show what the name held earlier. If an older
// commit deleted the name, the file was deleted and added back, and the
// history before the deletion is the same file's.
type readd struct {
	l     *lineage
	rev   seqRevision
	blob  string // the content added
	sweep bool   // the addition was part of a sweep, such as a migration: no revision
}

type seqSweep struct {
	Sweep
	seq int
}

type seqRevision struct {
	Revision
	seq int // the commit's place in the walk: higher is older
}

func newWalk(r repository, folder string, threshold int) *walk {
	w := &walk{
		prefix:    r.prefix,
		folder:    r.prefix,
		threshold: threshold,
		boundary:  r.boundary,
		alias:     map[string]*lineage{},
		readded:   map[string]readd{},
	}
	if folder != "" {
		w.folder += folder + "/"
	}
	return w
}

func (w *walk) inFolder(p string) bool { return strings.HasPrefix(p, w.folder) }

// find follows same links to the lineage that stands for l.
func find(l *lineage) *lineage {
	for l != nil && l.same != nil {
		l = l.same
	}
	return l
}

// target returns the file a change's new name belongs to, starting a
// lineage for a current file met for the first time, or nil.
func (w *walk) target(ch *change) *lineage {
	switch ch.status {
	case 'A', 'C', 'M', 'R', 'T':
	default: // 'D' names a file that is gone after this commit
		return nil
	}
	l, seen := w.alias[ch.path]
	if seen {
		return find(l)
	}
	if !w.inFolder(ch.path) {
		return nil
	}
	l = &lineage{path: strings.TrimPrefix(ch.path, w.prefix)}
	w.alias[ch.path] = l
	w.lineages = append(w.lineages, l)
	return l
}

// read feeds the commits of git log's output to the walk.
func (w *walk) read(r io.Reader) error {
	lr := newLogReader(r)
	if err := lr.start(); err != nil {
		return err
	}
	var c logCommit
	for {
		switch err := lr.next(&c); err {
		case nil:
			w.commit(&c)
		case io.EOF:
			return nil
		default:
			return err
		}
	}
}

// commit takes the next commit, newest first.
func (w *walk) commit(c *logCommit) {
	w.seq++
	boundary := w.boundary[c.Hash]
	w.targets = w.targets[:0]
	n, modified := 0, 0
	for i := range c.changes {
		ch := &c.changes[i]
		l := w.target(ch)
		w.targets = append(w.targets, l)
		if (l != nil || w.inFolder(ch.path) || (ch.oldPath != "" && w.inFolder(ch.oldPath))) && (w.counts == nil || w.counts(strings.TrimPrefix(ch.path, w.prefix))) {
			n++
			if l != nil && ch.modified && !ch.binary && ch.status != 'A' && ch.status != 'C' {
				modified++
			}
		}
	}
	sweep := !boundary && w.threshold > 0 && n >= w.threshold
	if sweep {
		w.sweeps = append(w.sweeps, seqSweep{Sweep: Sweep{Commit: c.Commit, Files: n}, seq: w.seq})
	}
	if !sweep && !boundary && w.sameEditMin > 0 && modified >= w.sameEditMin {
		w.candidate(c)
	}
	for i, ch := range c.changes {
		l := w.targets[i]
		if l == nil {
			continue
		}
		switch ch.status {
		case 'A', 'C':
			l.created, l.truncated = c.Commit, boundary
			if ch.status == 'A' && !boundary {
				w.readded[ch.path] = readd{l: l, blob: ch.blob, sweep: sweep, rev: seqRevision{
					Revision: Revision{Commit: c.Commit, Added: ch.added, Removed: ch.removed, Binary: ch.binary},
					seq:      w.seq,
				}}
			}
		case 'M', 'R', 'T':
			if ch.modified && !sweep && !boundary {
				l.revs = append(l.revs, seqRevision{
					Revision: Revision{Commit: c.Commit, Added: ch.added, Removed: ch.removed, Binary: ch.binary},
					seq:      w.seq,
				})
			}
		}
	}
	// Before this commit the new names did not exist, and what older
	// commits did under them belongs to some other file; a deleted name
	// seen first belongs to no current file, unless a newer commit added
	// the name back: then what it held is that file's older life. Then
	// the old names of renames lead to the renamed files. Names are all
	// updated after all lookups, so a commit that swaps two names, or
	// renames a file and adds another under its old name, is read right.
	for _, ch := range c.changes {
		switch ch.status {
		case 'A', 'C', 'R':
			w.alias[ch.path] = nil
		case 'D':
			if ra, ok := w.readded[ch.path]; ok {
				delete(w.readded, ch.path)
				l := find(ra.l)
				w.alias[ch.path] = l
				if ra.blob != ch.blob && !ra.sweep { // added back with other content: an update
					l.revs = append(l.revs, ra.rev)
				}
			} else if _, seen := w.alias[ch.path]; !seen && w.inFolder(ch.path) {
				w.alias[ch.path] = nil
			}
		}
	}
	for i, ch := range c.changes {
		if ch.status == 'R' {
			w.link(ch.oldPath, w.targets[i])
		}
	}
}

// candidate remembers c, whose patch may show that the files it modified
// share an edit (see sameedit.go); the files' revisions are recorded as
// usual, and dropped if they do.
func (w *walk) candidate(c *logCommit) {
	cd := candidate{Commit: c.Commit, seq: w.seq, statuses: make([]byte, len(c.changes))}
	for i, ch := range c.changes {
		cd.statuses[i] = ch.status
		l := w.targets[i]
		if l != nil && ch.modified && !ch.binary && ch.status != 'A' && ch.status != 'C' &&
			(w.counts == nil || w.counts(strings.TrimPrefix(ch.path, w.prefix))) {
			cd.files = append(cd.files, candidateFile{change: i, l: l})
		}
	}
	w.candidates = append(w.candidates, cd)
}

// link records that the older history of name old belongs to l (nil if
// it belongs to no current file).
//
// If old already leads to another current file, that file was met under
// its old name on a parallel branch, listed before the branch that renamed
// it: one branch edited content/a.md while another renamed it to b.md. In a
// line of history that cannot happen, since a name is free after a rename
// until a commit adds it again. The two are the same file, so they are
// joined into l.
func (w *walk) link(old string, l *lineage) {
	delete(w.readded, old) // a file renamed away was not deleted: its older history is the renamed file's
	prev, seen := w.alias[old]
	prev = find(prev)
	switch {
	case l == nil:
		if !seen && w.inFolder(old) {
			w.alias[old] = nil
		}
		return // a live prev keeps its history
	case prev != nil && prev != l:
		l.revs = append(l.revs, prev.revs...)
		if l.created.Hash == "" {
			l.created, l.truncated = prev.created, prev.truncated
		}
		prev.same, prev.revs = l, nil
	}
	w.alias[old] = l
}

// history returns what the walk found.
func (w *walk) history() *History {
	h := &History{Files: make(map[string]*File, len(w.lineages))}
	for _, l := range w.lineages {
		if l.same != nil {
			continue
		}
		slices.SortFunc(l.revs, func(a, b seqRevision) int { return cmp.Compare(b.seq, a.seq) })
		f := &File{Path: l.path, Created: l.created, Truncated: l.truncated}
		if len(l.revs) > 0 {
			f.Revisions = make([]Revision, len(l.revs))
			for i, r := range l.revs {
				f.Revisions[i] = r.Revision
			}
		}
		h.Files[f.Path] = f
	}
	slices.SortFunc(w.sweeps, func(a, b seqSweep) int { return cmp.Compare(b.seq, a.seq) })
	h.Sweeps = make([]Sweep, 0, len(w.sweeps))
	for _, s := range w.sweeps {
		h.Sweeps = append(h.Sweeps, s.Sweep)
	}
	if len(h.Sweeps) == 0 {
		h.Sweeps = nil
	}
	return h
}
