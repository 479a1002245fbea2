package history

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"os/exec"
	"strings"
	"time"
)

var (
	// ErrNoGit means the git command is not installed.
	ErrNoGit = errors.New("git is not installed")
	// ErrNotRepository means the folder is not inside a git work tree.
	ErrNotRepository = errors.New("not a git repository")
)

// Created returns, for every file under pathspec (e.g. "content") that
// git knows, the author date of the commit that first added it. Paths are
// slash paths relative to dir. It runs git once.
func Created(ctx context.Context, dir, pathspec string) (map[string]time.Time, error) {
	if _, err := exec.LookPath("git"); err != nil {
		return nil, ErrNoGit
	}
	top, err := git(ctx, dir, "rev-parse", "--show-prefix")
	if err != nil {
		return nil, ErrNotRepository
	}
	prefix := strings.TrimSpace(string(top))
	// Newest first; the last "added" date seen for a path is its first.
	out, err := git(ctx, dir, "-c", "core.quotepath=off", "log", "--diff-filter=A", "--no-renames",
		"--format=%x00%aI", "--name-only", "--", pathspec)
	if err != nil {
		if bytes.Contains(out, []byte("does not have any commits")) {
			return map[string]time.Time{}, nil
		}
		return nil, err
	}
	created := map[string]time.Time{}
	var when time.Time
	sc := bufio.NewScanner(bytes.NewReader(out))
	sc.Buffer(make([]byte, 0, 64*1024), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "\x00") {
			when, err = time.Parse(time.RFC3339, line[1:])
			if err != nil {
				return nil, fmt.Errorf("reading git log: %w", err)
			}
			continue
		}
		if line == "" {
			continue
		}
		created[strings.TrimPrefix(line, prefix)] = when
	}
	return created, sc.Err()
}

func git(ctx context.Context, dir string, args ...string) ([]byte, error) {
	cmd := exec.CommandContext(ctx, "git", args...)
	cmd.Dir = dir
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return stderr.Bytes(), fmt.Errorf("git %s: %v: %s", args[0], err, strings.TrimSpace(stderr.String()))
	}
	return out, nil
}
