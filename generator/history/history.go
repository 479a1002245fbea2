package history

import "errors"

var (
	// ErrNoGit means the git command is not installed.
	ErrNoGit = errors.New("git is not installed")
	// ErrNotRepository means the folder is not inside a git work tree.
	ErrNotRepository = errors.New("not a git repository")
)

// NoGitWarning is what to tell the user when Log returns ErrNoGit: a CI
// image without git builds the site, but its ledger silently lacks every
// update that only git knows.
const NoGitWarning = "git is not installed, so posts have no git history: " +
	"updates and missing dates come from front matter; install git (apt-get install git) to read them"
