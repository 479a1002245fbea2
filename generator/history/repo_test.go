package history

import (
	"testing"

	"github.com/accruehq/accrue/testkit/gittest"
)

// repo is a test repository with history's own helpers (see log_test.go).
type repo struct{ *gittest.Repo }

func newRepo(t *testing.T) *repo { return &repo{gittest.New(t)} }

func requireGit(t *testing.T) { gittest.Require(t) }
