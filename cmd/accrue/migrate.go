package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/accruehq/accrue/generator/config"
	"github.com/accruehq/accrue/generator/peers"
)

// migration is what accrue migrate did, or would do with --dry-run.
type migration struct {
	Peer    string         `json:"peer"`
	Config  string         `json:"config"`
	DryRun  bool           `json:"dry_run"`
	Git     bool           `json:"git"`
	Moves   []movedFile    `json:"moves"`
	Counts  map[string]int `json:"counts"`
	Wrote   string         `json:"wrote"`
	Commit  string         `json:"commit,omitempty"`
	Message string         `json:"message,omitempty"`
}

type movedFile struct {
	From string `json:"from"`
	To   string `json:"to"`
	What string `json:"what"`
}

// runMigrate rewrites a Jekyll, Hugo or Zola folder into accrue's layout:
// documents to content/, files to copy to static/, the peer's templates
// and section settings aside, and an accrue.toml that keeps every URL.
// In a git repository the moves are git mv and the whole change is one
// commit of its own, so history follows each file back through it, and
// it starts only from a clean work tree, so that commit holds nothing
// else.
func runMigrate(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fl := flag.NewFlagSet("migrate", flag.ContinueOnError)
	fl.SetOutput(stderr)
	source := fl.String("source", ".", "the blog's folder")
	dryRun := fl.Bool("dry-run", false, "print what would move and change nothing")
	asJSON := fl.Bool("json", false, "print the result as JSON")
	if err := parseFlags(fl, args); err != nil {
		return err
	}
	fsys := os.DirFS(*source)
	if _, err := fs.Stat(fsys, config.File); err == nil {
		return fmt.Errorf("%s has an %s already: it is an accrue site, there is nothing to migrate", *source, config.File)
	}
	ps, err := peers.Load(fsys)
	if errors.Is(err, peers.ErrNotPeer) {
		return fmt.Errorf("%s is not a Jekyll, Hugo or Zola site: accrue looks for _config.yml with _posts/, hugo.toml, or config.toml with content/", *source)
	}
	if err != nil {
		return fmt.Errorf("reading %s: %w", *source, err)
	}
	m := migration{Peer: ps.Kind.String(), Config: ps.File, DryRun: *dryRun, Wrote: config.File, Counts: map[string]int{}}
	var tracked map[string]bool
	if root, ok := gitTop(ctx, *source); ok {
		m.Git = true
		dirty, err := git(ctx, *source, "status", "--porcelain", "--untracked-files=normal")
		if err != nil {
			return err
		}
		if dirty != "" {
			return fmt.Errorf("the git work tree at %s has uncommitted changes; commit or stash them first, so the migration is a commit of its own:\n%s", root, strings.TrimRight(dirty, "\n"))
		}
		// ls-files names files from the folder it runs in: source.
		files, err := git(ctx, *source, "ls-files", "-z", "--", ".")
		if err != nil {
			return err
		}
		tracked = map[string]bool{}
		for _, f := range strings.Split(files, "\x00") {
			if f != "" {
				tracked[f] = true
			}
		}
	}
	moves, err := ps.Moves(fsys, tracked)
	if err != nil {
		return err
	}
	for _, mv := range moves {
		m.Moves = append(m.Moves, movedFile{From: mv.From, To: mv.To, What: mv.What.String()})
		m.Counts[mv.What.String()]++
	}
	if !*dryRun {
		if err := m.apply(ctx, *source, moves, ps); err != nil {
			return err
		}
	}
	if *asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(m)
	}
	m.print(stdout, ps)
	return nil
}

// apply moves the files, writes accrue.toml and commits.
func (m *migration) apply(ctx context.Context, source string, moves []peers.Move, ps *peers.Site) error {
	for _, mv := range moves {
		to := filepath.Join(source, filepath.FromSlash(mv.To))
		if err := os.MkdirAll(filepath.Dir(to), 0o755); err != nil {
			return err
		}
		if m.Git {
			if _, err := git(ctx, source, "mv", "--", filepath.FromSlash(mv.From), filepath.FromSlash(mv.To)); err != nil {
				return fmt.Errorf("moving %s: %w (the moves so far are staged; git reset --hard undoes them)", mv.From, err)
			}
		} else if err := os.Rename(filepath.Join(source, filepath.FromSlash(mv.From)), to); err != nil {
			return fmt.Errorf("moving %s: %w", mv.From, err)
		}
	}
	for _, mv := range moves { // folders the moves emptied
		for dir := filepath.Dir(filepath.Join(source, filepath.FromSlash(mv.From))); dir != filepath.Clean(source); dir = filepath.Dir(dir) {
			if os.Remove(dir) != nil { // not empty, or gone: either way done
				break
			}
		}
	}
	if err := os.WriteFile(filepath.Join(source, config.File), ps.TOML(), 0o644); err != nil {
		return err
	}
	if !m.Git {
		return nil
	}
	if _, err := git(ctx, source, "add", "--", config.File); err != nil {
		return err
	}
	m.Message = fmt.Sprintf("Move the %s blog into accrue's layout\n\naccrue migrate moved %s and wrote %s from %s.\nOnly files moved: git log --follow shows each post's history.",
		ps.Kind.Name(), m.countLine(), config.File, ps.File)
	if _, err := git(ctx, source, "commit", "-q", "-m", m.Message); err != nil {
		return err
	}
	head, err := git(ctx, source, "rev-parse", "--short", "HEAD")
	m.Commit = strings.TrimSpace(head)
	return err
}

func (m *migration) countLine() string {
	parts := []string{
		fmt.Sprintf("%d %s", m.Counts["post"], plural(m.Counts["post"], "post", "posts")),
		fmt.Sprintf("%d %s", m.Counts["page"], plural(m.Counts["page"], "page", "pages")),
		fmt.Sprintf("%d static %s", m.Counts["static"], plural(m.Counts["static"], "file", "files")),
	}
	if n := m.Counts["aside"]; n > 0 {
		parts = append(parts, fmt.Sprintf("%d %s aside", n, plural(n, "template or setting", "templates and settings")))
	}
	return strings.Join(parts, ", ")
}

func (m *migration) print(w io.Writer, ps *peers.Site) {
	verb, wrote := "moved", "wrote"
	if m.DryRun {
		verb, wrote = "would move", "would write"
		for _, mv := range m.Moves {
			fmt.Fprintf(w, "  %s -> %s\n", mv.From, mv.To)
		}
	}
	fmt.Fprintf(w, "%s %s's blog into accrue's layout:\n", map[bool]string{true: "would migrate", false: "migrated"}[m.DryRun], ps.Kind.Name())
	rows := []struct {
		what, where string
	}{{"post", "content/" + strings.Join(ps.Config.Content.PostSections, ", content/") + "/"}, {"page", "content/"}, {"static", "static/"}, {"aside", ps.Kind.String() + "/ (accrue reads nothing there)"}}
	for _, r := range rows {
		n := m.Counts[r.what]
		if n == 0 && r.what == "aside" {
			continue
		}
		noun := map[string][2]string{"post": {"post", "posts"}, "page": {"page", "pages"}, "static": {"static file", "static files"}, "aside": {"template or setting", "templates and settings"}}[r.what]
		fmt.Fprintf(w, "  %-10s %4d %-24s to %s\n", verb, n, plural(n, noun[0], noun[1]), r.where)
	}
	fmt.Fprintf(w, "  %-10s      %-24s from %s\n", wrote, config.File, ps.File)
	switch {
	case m.Commit != "":
		fmt.Fprintf(w, "  committed  %s %q\n", m.Commit, strings.SplitN(m.Message, "\n", 2)[0])
	case !m.Git && !m.DryRun:
		fmt.Fprintln(w, "  not a git repository: files were renamed, nothing committed")
	}
}

// gitTop returns the root of the git work tree source lies in.
func gitTop(ctx context.Context, source string) (string, bool) {
	if _, err := exec.LookPath("git"); err != nil {
		return "", false
	}
	out, err := git(ctx, source, "rev-parse", "--show-toplevel")
	if err != nil {
		return "", false
	}
	return strings.TrimSpace(out), true
}

func git(ctx context.Context, dir string, args ...string) (string, error) {
	cmd := exec.CommandContext(ctx, "git", args...)
	cmd.Dir = dir
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		return "", fmt.Errorf("git %s: %v: %s", args[0], err, strings.TrimSpace(stderr.String()))
	}
	return stdout.String(), nil
}
