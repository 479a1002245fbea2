package history

import "errors"

var (
	// ErrNoGit means the git command is not installed.
	ErrNoGit = errors.New("git is not installed")
	// ErrNotRepository means the folder is not inside a git work tree.
	ErrNotRepository = errors.New("not a git repository")
)
