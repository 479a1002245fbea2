package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/accruehq/accrue/generator/collect"
	"github.com/accruehq/accrue/generator/site"
)

// The environment variables tokens come from; accrue.toml never holds one.
const (
	webmentionIOTokenEnv = "ACCRUE_WEBMENTIONIO_TOKEN"
	githubTokenEnv       = "ACCRUE_GITHUB_TOKEN"
)

// collectSources are the names --from takes, in the order they run.
var collectSources = []string{"webmentionio", "mastodon", "bluesky", "github"}

// collectResult is one source's outcome in --json output.
type collectResult struct {
	Source    string              `json:"source"`
	Created   int                 `json:"created"`
	Updated   int                 `json:"updated"`
	Unchanged int                 `json:"unchanged"`
	Withdrawn int                 `json:"withdrawn"`
	Kept      int                 `json:"kept"`
	Changes   []collect.Change    `json:"changes"`
	Unmatched []collect.Unmatched `json:"unmatched"`
	Invalid   []string            `json:"invalid,omitempty"`
	Error     string              `json:"error,omitempty"`
	// ReadAll says every mention was read, not only new ones, so edits
	// and deletions were seen (webmentionio only).
	ReadAll bool `json:"read_all,omitempty"`
}

func runCollect(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fl := flag.NewFlagSet("collect", flag.ContinueOnError)
	fl.SetOutput(stderr)
	sf := addPublishedSiteFlags(fl)
	from := fl.String("from", "", "comma-separated sources: "+strings.Join(collectSources, ",")+" (default: every [collect.*] table of accrue.toml)")
	dryRun := fl.Bool("dry-run", false, "fetch and report what would change, writing no file and no state")
	full := fl.Bool("full", false, "ask webmention.io for every mention now, not only new ones (it does so every recheck_days anyway): updates edited ones and withdraws deleted ones")
	asJSON := fl.Bool("json", false, "print the result as JSON")
	warnings := fl.Bool("warnings", false, "print the site's warnings, not only how many there are")
	if err := parseFlags(fl, args); err != nil {
		return err
	}
	opts := sf.options()
	line := showProgress(&opts, stderr)
	in, diags, err := site.ReadInbound(ctx, os.DirFS(*sf.source), opts)
	line.clear()
	if err := printDiags(stderr, diags, err, *warnings); err != nil {
		return err
	}
	cfg := in.Collect
	names, err := pickSources(*from, map[string]bool{"webmentionio": cfg.WebmentionIO.Enabled, "mastodon": cfg.Mastodon.Enabled, "bluesky": cfg.Bluesky.Enabled, "github": cfg.GitHub.Enabled})
	if err != nil {
		return err
	}
	posts := make([]collect.Post, len(in.Posts))
	for i, p := range in.Posts {
		posts[i] = collect.Post{File: p.File, Title: p.Title, Folder: p.Folder, URLs: p.URLs, Mastodon: p.Mastodon, Bluesky: p.Bluesky}
	}
	statePath := filepath.Join(*sf.source, filepath.FromSlash(collect.StatePath))
	st, err := collect.LoadState(statePath)
	if err != nil {
		return err
	}
	client := &collect.Client{}
	now := time.Now()
	w := &collect.Writer{Root: *sf.source, Status: cfg.Status, DryRun: *dryRun, Now: now}
	readAll := *full || st.RecheckWebmentionIO(now, cfg.WebmentionIO.RecheckDays)
	progress := newProgressLine(stderr)
	var results []collectResult
	failed := 0
	for i, name := range names {
		if isTerminal(stderr) {
			progress.show("collecting from "+name, i, len(names))
		}
		var src collect.Source
		wmio := &collect.WebmentionIO{Client: client, BaseURL: cfg.WebmentionIO.BaseURL, Token: os.Getenv(webmentionIOTokenEnv),
			Domain: cfg.WebmentionIO.Domain, SinceID: st.WebmentionIOSinceID}
		if readAll {
			wmio.SinceID = 0
		}
		switch name {
		case "webmentionio":
			src = wmio
		case "mastodon":
			src = &collect.Mastodon{Client: client, Likes: isTrue(cfg.Mastodon.Likes), Reposts: isTrue(cfg.Mastodon.Reposts)}
		case "bluesky":
			src = &collect.Bluesky{Client: client, BaseURL: cfg.Bluesky.BaseURL, Likes: isTrue(cfg.Bluesky.Likes), Reposts: isTrue(cfg.Bluesky.Reposts)}
		case "github":
			gh := cfg.GitHub
			if !gh.Enabled {
				res := collectResult{Source: name, Error: "add [collect.github] with repo = \"owner/name\" to accrue.toml", Changes: []collect.Change{}, Unmatched: []collect.Unmatched{}}
				results = append(results, res)
				failed++
				continue
			}
			src = &collect.GitHub{Client: client, BaseURL: gh.BaseURL, Token: os.Getenv(githubTokenEnv), Repo: gh.Repo, Category: gh.Category, Mapping: gh.Mapping}
		}
		// A source that fails part-way still writes what it fetched, and
		// one failing source never stops the next.
		f, ferr := src.Fetch(ctx, posts)
		rep, werr := w.Write(name, posts, f)
		res := collectResult{Source: name, Created: rep.Created, Updated: rep.Updated, Unchanged: rep.Unchanged, Withdrawn: rep.Withdrawn,
			Kept: rep.Kept, Changes: rep.Changes, Unmatched: rep.Unmatched, Invalid: rep.Invalid}
		if res.Changes == nil {
			res.Changes = []collect.Change{}
		}
		if res.Unmatched == nil {
			res.Unmatched = []collect.Unmatched{}
		}
		if err := errors.Join(ferr, werr); err != nil {
			res.Error = err.Error()
			failed++
		}
		if name == "webmentionio" {
			res.ReadAll = readAll
			if ferr == nil && werr == nil {
				st.WebmentionIOSinceID = wmio.LastID
				if readAll {
					st.WebmentionIOReadAll = now.UTC().Truncate(time.Second)
				}
			}
		}
		results = append(results, res)
		if ctx.Err() != nil {
			break
		}
	}
	progress.clear()
	if !*dryRun {
		if err := st.Save(statePath); err != nil {
			return fmt.Errorf("saving %s: %w", collect.StatePath, err)
		}
	}
	if *asJSON {
		if err := writeJSON(stdout, struct {
			DryRun  bool            `json:"dry_run"`
			Sources []collectResult `json:"sources"`
		}{*dryRun, results}); err != nil {
			return err
		}
	} else {
		writeCollected(stdout, results, *dryRun)
	}
	for _, r := range results {
		if r.Error != "" {
			fmt.Fprintf(stderr, "collect: %s failed: %s\n", r.Source, r.Error)
		}
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	if failed > 0 {
		return errReported
	}
	return nil
}

// pickSources returns the sources --from names, or every configured one.
func pickSources(from string, configured map[string]bool) ([]string, error) {
	if from == "" {
		var out []string
		for _, n := range collectSources {
			if configured[n] {
				out = append(out, n)
			}
		}
		if len(out) == 0 {
			return nil, errors.New("no source to collect from: add [collect.webmentionio], [collect.mastodon], [collect.bluesky] or [collect.github] to accrue.toml, or pass --from")
		}
		return out, nil
	}
	var out []string
	for _, n := range strings.Split(from, ",") {
		n = strings.ToLower(strings.TrimSpace(n))
		switch n {
		case "webmentionio", "mastodon", "bluesky", "github":
			out = append(out, n)
		default:
			return nil, fmt.Errorf("--from: unknown source %q; sources are %s", n, strings.Join(collectSources, ", "))
		}
	}
	return out, nil
}

func isTrue(b *bool) bool { return b == nil || *b }

// writeCollected prints each change, each unmatched item and one summary
// line per source.
func writeCollected(w io.Writer, results []collectResult, dryRun bool) {
	for _, r := range results {
		for _, c := range r.Changes {
			note := ""
			if c.Reason != "" {
				note = " (" + c.Reason + ")"
			}
			fmt.Fprintf(w, "%s: %s %s%s\n", r.Source, c.Action, c.File, note)
		}
		for _, u := range r.Unmatched {
			fmt.Fprintf(w, "%s: unmatched %s %s -> %s: no post has that address\n", r.Source, u.Kind, u.RemoteURL, u.Target)
		}
		for _, s := range r.Invalid {
			fmt.Fprintf(w, "%s: not written: %s\n", r.Source, s)
		}
	}
	for _, r := range results {
		status := ""
		if r.Error != "" {
			status = " (failed)"
		} else if r.ReadAll {
			status = " (read every mention: edits and deletions seen)"
		}
		fmt.Fprintf(w, "%s: %d new, %d updated, %d withdrawn, %d unmatched, %d kept, %d unchanged%s\n",
			r.Source, r.Created, r.Updated, r.Withdrawn, len(r.Unmatched), r.Kept, r.Unchanged, status)
	}
	if dryRun {
		fmt.Fprintln(w, "dry run: no file was written")
	}
}
