package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"net"
	"os"
	"os/signal"
	"path/filepath"
	"runtime/debug"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/accruehq/accrue/generator/config"
	"github.com/accruehq/accrue/generator/content"
	"github.com/accruehq/accrue/generator/diag"
	"github.com/accruehq/accrue/generator/output"
	"github.com/accruehq/accrue/generator/peers"
	"github.com/accruehq/accrue/generator/server"
	"github.com/accruehq/accrue/generator/site"
	"github.com/accruehq/accrue/themes"
)

func main() {
	ctx, cancel := context.WithCancel(context.Background())
	stopOnSignal(cancel)
	err := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	if err != nil {
		if !errors.Is(err, errReported) {
			fmt.Fprintln(os.Stderr, "accrue:", err)
		}
		os.Exit(1)
	}
}

// stopGrace is how long a command may take to wind down after Ctrl-C or
// SIGTERM before the process ends anyway. Most of a build stops at once,
// but one document being rendered cannot be interrupted; ending the
// process is safe because nothing replaces the output until the build
// has finished, and the next build removes what this one left.
const stopGrace = time.Second

// stopOnSignal cancels the command's context at the first Ctrl-C or
// SIGTERM, and ends the process stopGrace later, or at once on a second
// signal, with the shell's status for a death by that signal.
func stopOnSignal(cancel context.CancelFunc) {
	signals := make(chan os.Signal, 2)
	signal.Notify(signals, os.Interrupt, syscall.SIGTERM)
	go func() {
		sig := <-signals
		cancel()
		status := 130 // 128 + SIGINT
		if sig == syscall.SIGTERM {
			status = 143
		}
		select {
		case <-signals:
		case <-time.After(stopGrace):
		}
		fmt.Fprintln(os.Stderr, "accrue: stopped; the output is as it was before this build")
		os.Exit(status)
	}()
}

// errReported means the problems were already printed.
var errReported = errors.New("reported")

const usage = `accrue builds a blog from Markdown and keeps the ledger of what it earns.

Usage:
  accrue build [flags]        build the site into public/
  accrue serve [flags]        serve the site with live reload while you write
  accrue ledger [flags]       print every post's dated events (JSON lines or CSV)
  accrue report [flags]       what the blog is worth, how it grew, what to do next
  accrue send [flags]         send webmentions to the pages your posts link to
  accrue import KIND EXPORT   bring in posts and comments from wordpress, disqus or webmentions
  accrue collect [flags]      bring in replies and likes from webmention.io, Mastodon, Bluesky, GitHub
  accrue new post "Title"     start a post in content/posts/
  accrue migrate [flags]      move a Jekyll, Hugo or Zola blog into accrue's layout, in one git commit
  accrue version              print the version

Run "accrue COMMAND -h" for a command's flags.
`

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return errors.New("no command given")
	}
	switch args[0] {
	case "build":
		return runBuild(ctx, args[1:], stdout, stderr)
	case "serve":
		return runServe(ctx, args[1:], stdout, stderr)
	case "ledger":
		return runLedger(ctx, args[1:], stdout, stderr)
	case "report":
		return runReport(ctx, args[1:], stdout, stderr)
	case "send":
		return runSend(ctx, args[1:], stdout, stderr)
	case "import":
		return runImport(ctx, args[1:], stdout, stderr)
	case "collect":
		return runCollect(ctx, args[1:], stdout, stderr)
	case "new":
		return runNew(args[1:], stdout, stderr)
	case "migrate":
		return runMigrate(ctx, args[1:], stdout, stderr)
	case "version":
		fmt.Fprintln(stdout, "accrue", version())
		return nil
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
		return nil
	}
	fmt.Fprint(stderr, usage)
	return fmt.Errorf("unknown command %q", args[0])
}

// siteFlags are the flags every command that reads a site takes.
type siteFlags struct {
	source                          *string
	drafts, future, noCache, strict *bool
}

func addSiteFlags(fl *flag.FlagSet) siteFlags {
	sf := addPublishedSiteFlags(fl)
	sf.drafts = fl.Bool("drafts", false, "include drafts")
	sf.future = fl.Bool("future", false, "include posts dated in the future")
	return sf
}

// addPublishedSiteFlags are the site flags of a command that deals with
// what is published only (send, collect): no --drafts, no --future.
func addPublishedSiteFlags(fl *flag.FlagSet) siteFlags {
	no := false
	return siteFlags{
		source:  fl.String("source", ".", "the site's folder"),
		noCache: fl.Bool("no-cache", false, "render every post again, without reading or writing the render cache"),
		strict:  fl.Bool("strict", false, "fail on warnings; each front matter field accrue does not read is an error at its line"),
		drafts:  &no, future: &no,
	}
}

// options are the site options of a command that reads the site without
// writing it.
func (sf siteFlags) options() site.Options {
	return site.Options{Drafts: *sf.drafts, Future: *sf.future, Strict: *sf.strict, Now: time.Now(), Dir: *sf.source, Theme: themes.Default(), CacheDir: sf.cacheDir()}
}

// cacheDir is where rendered Markdown is kept between builds:
// $ACCRUE_CACHE_DIR, else accrue/ in the user's cache folder; "" (no
// cache) with --no-cache, ACCRUE_CACHE_DIR=off or no cache folder.
func (sf siteFlags) cacheDir() string {
	if *sf.noCache {
		return ""
	}
	switch dir := os.Getenv("ACCRUE_CACHE_DIR"); dir {
	case "off":
		return ""
	case "":
	default:
		return dir
	}
	dir, err := os.UserCacheDir()
	if err != nil {
		return ""
	}
	return filepath.Join(dir, "accrue")
}

// printDiags prints a read's problems and says whether it failed: errReported
// when the problems say why. ledger and report read the site to answer
// something else, so unless warnings is set they count its warnings in
// one line (accrue build lists them) instead of printing hundreds of lines
// before their answer; a read that failed (--strict) shows them all.
func printDiags(stderr io.Writer, diags diag.List, err error, warnings bool) error {
	warnings = warnings || err != nil
	for _, d := range diags {
		if warnings || d.Severity == diag.SeverityError {
			fmt.Fprintln(stderr, d.Error())
		}
	}
	if n := len(diags.Warnings()); n > 0 && !warnings {
		fmt.Fprintf(stderr, "%d %s about the site not shown: accrue build lists them, or add --warnings\n", n, plural(n, "warning", "warnings"))
	}
	if err != nil && len(diags.Errors()) > 0 {
		return errReported
	}
	return err
}

// parseFlags parses args, which must hold flags only.
func parseFlags(fl *flag.FlagSet, args []string) error {
	if err := fl.Parse(args); err != nil {
		return errReported // the flag package printed why
	}
	if fl.NArg() > 0 {
		return fmt.Errorf("%s takes no arguments, got %q", fl.Name(), fl.Args())
	}
	return checkSource(fl)
}

// checkSource says at once when --source names no folder, rather than
// letting each command find no content/ or no accrue.toml in it.
func checkSource(fl *flag.FlagSet) error {
	f := fl.Lookup("source")
	if f == nil {
		return nil
	}
	dir := f.Value.String()
	st, err := os.Stat(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return fmt.Errorf("--source %s: no such folder", dir)
	case err != nil:
		return fmt.Errorf("--source: %w", err)
	case !st.IsDir():
		return fmt.Errorf("--source %s is a file: give the site's folder", dir)
	}
	return nil
}

func runBuild(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fl := flag.NewFlagSet("build", flag.ContinueOnError)
	fl.SetOutput(stderr)
	sf := addSiteFlags(fl)
	dest := fl.String("destination", "", "output folder (default SOURCE/public)")
	baseURL := fl.String("base-url", "", "override base_url from accrue.toml")
	force := fl.Bool("force", false, "replace a --destination folder that accrue did not make, and everything in it")
	if err := parseFlags(fl, args); err != nil {
		return err
	}
	source, drafts, future, strict := sf.source, sf.drafts, sf.future, sf.strict
	if *dest == "" {
		*dest = filepath.Join(*source, "public")
	}
	opts := site.Options{
		Drafts: *drafts, Future: *future, BaseURL: *baseURL, Strict: *strict,
		Now: time.Now(), Dir: *source, Theme: themes.Default(), CacheDir: sf.cacheDir(),
	}
	line := showProgress(&opts, stderr)
	if os.Getenv("GOGC") == "" {
		paceGC(&opts)
	}
	var stats site.Stats
	var diags diag.List
	err := output.BuildDir(*dest, output.Options{Site: *source, Force: *force, Record: outputRecord(sf.cacheDir(), *dest)}, func(w *output.DirWriter) error {
		var err error
		stats, diags, err = site.Build(ctx, os.DirFS(*source), w, opts)
		return err
	})
	line.clear()
	if stats.Peer != "" {
		fmt.Fprintln(stdout, stats.Peer)
	}
	if stats.CacheErr != nil {
		fmt.Fprintf(stderr, "accrue: %v (the build is whole, only slower)\n", stats.CacheErr)
	}
	for _, d := range diags {
		fmt.Fprintln(stderr, d.Error())
	}
	if err != nil {
		if len(diags.Errors()) > 0 || *strict && len(diags) > 0 {
			fmt.Fprintf(stderr, "build failed: %d %s, %d %s; %s\n",
				len(diags.Errors()), plural(len(diags.Errors()), "error", "errors"),
				len(diags.Warnings()), plural(len(diags.Warnings()), "warning", "warnings"), leftAsItWas(*dest))
			return errReported
		}
		return fmt.Errorf("build failed: %w (%s)", err, leftAsItWas(*dest))
	}
	cached := ""
	if c := stats.Cache; c.Hits+c.Misses > 0 {
		cached = fmt.Sprintf(" (render cache: %d reused, %d rendered", c.Hits, c.Misses)
		if stats.Reused > 0 {
			cached += fmt.Sprintf("; %d files unchanged since the last build", stats.Reused)
		}
		cached += ")"
	}
	fmt.Fprintf(stdout, "built %d %s, %d %s, %d feeds: %d files in %s in %s%s\n",
		stats.Posts, plural(stats.Posts, "post", "posts"), stats.Pages, plural(stats.Pages, "page", "pages"),
		stats.Feeds, stats.Files, *dest, stats.Duration.Round(time.Millisecond), cached)
	return nil
}

// outputRecord is where a build records what the files of the output
// folder dest were rendered from, in the cache folder (so a static host
// never publishes it); "" without a cache.
func outputRecord(cacheDir, dest string) string {
	if cacheDir == "" {
		return ""
	}
	abs, err := filepath.Abs(dest)
	if err != nil {
		return ""
	}
	sum := sha256.Sum256([]byte(abs))
	return filepath.Join(cacheDir, "outputs", hex.EncodeToString(sum[:8]))
}

// leftAsItWas says what a failed build did to the output folder: nothing.
func leftAsItWas(dest string) string {
	if _, err := os.Stat(dest); err != nil {
		return "nothing was written"
	}
	return dest + " left as it was"
}

// paceGC sets how eagerly a build collects garbage, phase by phase (GOGC
// overrides it). A build's live memory is mostly the page model and the
// rendered posts not yet written; collecting at half Go's usual growth
// keeps the peak about a fifth lower for a few percent more CPU. Bodies
// go to a pack (the render cache's, or a scratch one) as they are
// rendered, so while posts are read live memory stays small and most of
// what is allocated dies young: there the usual pace costs no peak, and
// half of it cost about two seconds of CPU on 10,000 posts. From the
// first page written, half pace.
func paceGC(o *site.Options) {
	debug.SetGCPercent(100)
	var writing sync.Once
	show := o.Progress
	o.Progress = func(phase string, done, total int) {
		if phase == "writing" {
			writing.Do(func() { debug.SetGCPercent(50) })
		}
		if show != nil {
			show(phase, done, total)
		}
	}
}

func runServe(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fl := flag.NewFlagSet("serve", flag.ContinueOnError)
	fl.SetOutput(stderr)
	sf := addSiteFlags(fl)
	port := fl.Int("port", 1313, "port to listen on")
	bind := fl.String("bind", "127.0.0.1", "address to listen on; 0.0.0.0 lets other machines in")
	baseURL := fl.String("base-url", "", "where the site is published, if not base_url; served at localhost under its path (https://user.github.io/blog/ at /blog/)")
	if err := parseFlags(fl, args); err != nil {
		return err
	}
	if *baseURL != "" {
		if _, err := config.Default().WithBaseURL(*baseURL); err != nil {
			return fmt.Errorf("--base-url %v", err)
		}
	}
	source, drafts, future := sf.source, sf.drafts, sf.future
	if _, err := os.Stat(filepath.Join(*source, content.Dir)); err != nil {
		if kind, _ := peers.Detect(os.DirFS(*source)); kind == peers.None {
			return fmt.Errorf("no %s/ folder in %s: is --source the site's root? (accrue new post \"Title\" starts one)", content.Dir, *source)
		}
	}
	ln, err := server.Listen(*bind, *port)
	if err != nil {
		return err
	}
	if ip := net.ParseIP(*bind); ip == nil || !ip.IsLoopback() {
		fmt.Fprintf(stderr, "warning: listening on %s: other machines on your network can read this site (drafts too, with --drafts)\n", *bind)
	}
	where := *source
	if abs, err := filepath.Abs(where); err == nil {
		where = abs
	}
	fmt.Fprintf(stdout, "building %s...\n", where)
	ready := func(b server.FirstBuild) {
		if b.Failed {
			fmt.Fprintf(stdout, "the first build failed (the errors are above, and over every page until they are fixed)\n")
		} else {
			fmt.Fprintf(stdout, "built %d files in %s\n", b.Files, b.Took.Round(time.Millisecond))
		}
		fmt.Fprintf(stdout, "serving %s\n  the blog:   %s\n  its report: %s\nwatching for changes (Ctrl-C to stop)\n", where, b.URL, b.Report)
	}
	s := server.New(server.Options{Dir: *source, Drafts: *drafts, Future: *future, Strict: *sf.strict, Theme: themes.Default(), Log: stderr,
		CacheDir: sf.cacheDir(), Ready: ready, BaseURL: *baseURL})
	err = s.Serve(ctx, ln)
	fmt.Fprintln(stdout, "stopped")
	return err
}

func runLedger(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fl := flag.NewFlagSet("ledger", flag.ContinueOnError)
	fl.SetOutput(stderr)
	sf := addSiteFlags(fl)
	format := fl.String("format", "jsonl", "jsonl or csv")
	warnings := fl.Bool("warnings", false, "print the site's warnings, not only how many there are")
	if err := parseFlags(fl, args); err != nil {
		return err
	}
	source := sf.source
	if *format != "jsonl" && *format != "csv" {
		return fmt.Errorf("--format %q: use jsonl or csv", *format)
	}
	opts := sf.options()
	line := showProgress(&opts, stderr)
	l, diags, err := site.Ledger(ctx, os.DirFS(*source), opts)
	line.clear()
	if err := printDiags(stderr, diags, err, *warnings); err != nil {
		return err
	}
	if *format == "csv" {
		return l.WriteCSV(stdout)
	}
	return l.WriteJSONL(stdout)
}

// postSection is the folder under content/ a new post goes in: the
// first of content.post_sections, or of the posts sections of a Hugo or
// Zola blog read in place. A Jekyll blog keeps its posts elsewhere, in
// _posts/, under dated names; a post in content/ would never be read.
func postSection(source string) (string, error) {
	fsys := os.DirFS(source)
	if _, err := fs.Stat(fsys, config.File); errors.Is(err, fs.ErrNotExist) {
		if kind, _ := peers.Detect(fsys); kind == peers.Jekyll {
			return "", fmt.Errorf("%s is a Jekyll blog read in place: write the post as _posts/%s-slug.md, or run accrue migrate first", source, time.Now().Format(time.DateOnly))
		} else if kind != peers.None {
			ps, err := peers.Load(fsys)
			if err != nil {
				return "", err
			}
			return ps.Config.Content.PostSections[0], nil
		}
	}
	cfg, err := config.Load(fsys)
	if err != nil {
		return "", err
	}
	return cfg.Content.PostSections[0], nil
}

func runNew(args []string, stdout, stderr io.Writer) error {
	fl := flag.NewFlagSet("new", flag.ContinueOnError)
	fl.SetOutput(stderr)
	source := fl.String("source", ".", "the site's folder")
	if err := fl.Parse(args); err != nil {
		return errReported
	}
	if fl.NArg() != 2 || fl.Arg(0) != "post" {
		return errors.New(`usage: accrue new post "Title"`)
	}
	title := strings.TrimSpace(fl.Arg(1))
	slug := content.Slugify(title)
	if slug == "" {
		return fmt.Errorf("cannot make a file name from the title %q; use letters or digits", title)
	}
	section, err := postSection(*source)
	if err != nil {
		return err
	}
	dir := filepath.Join(*source, content.Dir, section)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	file := filepath.Join(dir, slug+".md")
	if _, err := os.Stat(filepath.Join(dir, slug, "index.md")); err == nil {
		return fmt.Errorf("%s already exists; pick another title", filepath.Join(dir, slug, "index.md"))
	}
	f, err := os.OpenFile(file, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, os.ErrExist) {
		return fmt.Errorf("%s already exists; pick another title or edit that file", file)
	}
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(f, "---\ntitle: %q\ndate: %s\ndraft: true\ntags: []\n---\n\nWrite here. The first paragraph is the summary unless you add a line with <!--more-->.\n",
		title, time.Now().Format(time.RFC3339))
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "created %s (a draft: preview with --drafts, set draft: false to publish)\n", file)
	return nil
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
