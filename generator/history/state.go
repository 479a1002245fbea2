package history

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// Operation is a git command that stopped midway and waits for the user
// to continue or abort it. While it waits, HEAD is not what the branch
// will hold once it is done, so the history Log reads is not the one the
// site will be published with.
type Operation int

const (
	OpRebase     Operation = iota + 1 // git rebase, also of git pull --rebase
	OpApply                           // git am, applying mailed patches
	OpMerge                           // git merge, also of git pull
	OpCherryPick                      // git cherry-pick
	OpRevert                          // git revert
	OpBisect                          // git bisect: HEAD is the commit being tested
)

// opText is how each Operation is named in a sentence, and what finishes
// or abandons it.
var opText = [...]struct{ name, noun, finish, how string }{
	OpRebase:     {"rebase", "a rebase", "finish or abort it", "git rebase --continue / --abort"},
	OpApply:      {"am", "a git am", "finish or abort it", "git am --continue / --abort"},
	OpMerge:      {"merge", "a merge", "finish or abort it", "git commit / git merge --abort"},
	OpCherryPick: {"cherry-pick", "a cherry-pick", "finish or abort it", "git cherry-pick --continue / --abort"},
	OpRevert:     {"revert", "a revert", "finish or abort it", "git revert --continue / --abort"},
	OpBisect:     {"bisect", "a bisect", "end it", "git bisect reset"},
}

// stateFiles are the files and folders git keeps while an operation
// waits, found with git rev-parse --git-path so that worktrees and
// separate git folders work; git status reads the same ones. A rebase
// comes first: it replays commits with cherry-picks and merges, which
// may leave their own files, and the rebase is what the user ran.
var stateFiles = [...]struct {
	gitPath string
	op      Operation
}{
	{"rebase-merge", OpRebase},
	{"rebase-apply", OpRebase}, // or git am, which also writes rebase-apply/applying
	{"MERGE_HEAD", OpMerge},
	{"CHERRY_PICK_HEAD", OpCherryPick},
	{"REVERT_HEAD", OpRevert},
	{"BISECT_LOG", OpBisect}, // from git bisect start to git bisect reset
}

func (o Operation) text() (name, noun, finish, how string) {
	if o == 0 {
		return "none", "no operation", "", ""
	}
	if o < 0 || int(o) >= len(opText) {
		return fmt.Sprintf("Operation(%d)", int(o)), "an operation", "finish it", "git status says how"
	}
	t := opText[o]
	return t.name, t.noun, t.finish, t.how
}

// String returns the git command's name, such as "rebase" or "cherry-pick".
func (o Operation) String() string {
	name, _, _, _ := o.text()
	return name
}

// Unfinished is a git operation in progress in a work tree.
type Unfinished struct {
	Op  Operation
	Dir string // the work tree's top folder: the site's repository or a submodule's
}

// Warning says what u means for the history and what to do about it.
// History still reads (from HEAD), so this is no reason to stop a build;
// files left in conflict are, and History.Conflicts lists them.
func (u Unfinished) Warning() string {
	_, noun, finish, how := u.Op.text()
	asOf := "HEAD"
	if u.Op == OpBisect {
		asOf = "HEAD, the commit being tested"
	}
	return fmt.Sprintf("%s is in progress in %s: the ledger reads history as of %s; %s (%s) before publishing",
		noun, u.Dir, asOf, finish, how)
}

// Conflict is a file git lists as unmerged: a merge, rebase, cherry-pick,
// revert or git stash pop stopped on it and nobody has resolved it yet.
type Conflict struct {
	Path string    // slash path relative to Log's dir
	Op   Operation // the operation that stopped on it; 0 when git keeps no record of one (git stash pop)
}

// Message says what to do about the conflict. It is an error, not a
// warning: the file holds both sides, with conflict markers or without
// one of them, and publishing it would publish that.
func (c Conflict) Message() string {
	if c.Op == 0 || c.Op == OpBisect {
		return "unresolved git conflict: resolve it and git add the file before publishing"
	}
	_, noun, _, how := c.Op.text()
	return fmt.Sprintf("unresolved git conflict from %s: resolve it and git add the file, then finish or abort the %s (%s)",
		noun, strings.TrimPrefix(noun, "a "), how)
}

// unfinished looks for the files git keeps while an operation waits.
// gitPaths are rev-parse's answers to --git-path for stateFiles, in order.
func unfinished(top string, gitPaths []string) ([]Unfinished, error) {
	var us []Unfinished
	for i, p := range gitPaths {
		if _, err := os.Stat(p); err != nil {
			if errors.Is(err, os.ErrNotExist) {
				continue
			}
			return nil, fmt.Errorf("reading git state: %w", err)
		}
		op := stateFiles[i].op
		if stateFiles[i].gitPath == "rebase-apply" {
			if _, err := os.Stat(filepath.Join(p, "applying")); err == nil {
				op = OpApply
			}
		}
		// One operation stopped midway, and a bisect that may run
		// around it: what a rebase replays leaves files of its own.
		if op != OpBisect && slices.ContainsFunc(us, func(u Unfinished) bool { return u.Op != OpBisect }) {
			continue
		}
		us = append(us, Unfinished{Op: op, Dir: top})
	}
	return us, nil
}

// readIndex lists, in one git ls-files, the unmerged files and the
// submodules at or under folder (relative to dir).
func readIndex(ctx context.Context, dir, folder string) (conflicts, submodules []string, err error) {
	pathspec := folder
	if pathspec == "" {
		pathspec = "."
	}
	cmd := command(ctx, dir, "--literal-pathspecs", "ls-files", "--stage", "-z", "--", pathspec)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		if ctx.Err() != nil {
			return nil, nil, ctx.Err()
		}
		return nil, nil, fmt.Errorf("reading git index: git ls-files: %v: %s", err, strings.TrimSpace(stderr.String()))
	}
	// Each entry is "<mode> <object> <stage>\t<path>\x00"; paths are
	// relative to dir. An unmerged file has an entry per side (stages
	// 1 to 3) and is listed once.
	for entry := range strings.SplitSeq(string(out), "\x00") {
		meta, p, ok := strings.Cut(entry, "\t")
		if !ok {
			continue
		}
		fields := strings.Fields(meta)
		if len(fields) != 3 {
			return nil, nil, fmt.Errorf("reading git index: unexpected git ls-files entry %q", entry)
		}
		switch {
		case fields[2] != "0":
			if len(conflicts) == 0 || conflicts[len(conflicts)-1] != p {
				conflicts = append(conflicts, p)
			}
		case fields[0] == "160000": // a gitlink: the commit a submodule is at
			submodules = append(submodules, p)
		}
	}
	slices.Sort(conflicts)
	conflicts = slices.Compact(conflicts)
	return conflicts, submodules, nil
}
