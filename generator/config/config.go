package config

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"reflect"
	"slices"
	"strings"
	"time"

	"github.com/accruehq/accrue/generator/diag"
	"github.com/accruehq/accrue/generator/internal/tomlkeys"
	"github.com/pelletier/go-toml/v2"
)

// File is the name of the configuration file at the root of a site.
const File = "accrue.toml"

// Config is a site's configuration. Load fills every field, so the zero
// value never reaches the build.
type Config struct {
	Title       string `toml:"title"`
	BaseURL     string `toml:"base_url"`
	Description string `toml:"description"`
	Language    string `toml:"language"`
	Author      string `toml:"author"`
	AuthorURL   string `toml:"author_url"`
	AuthorEmail string `toml:"author_email"`
	Theme       string `toml:"theme"`
	Timezone    string `toml:"timezone"`
	Paginate    int    `toml:"paginate"`
	FeedSize    int    `toml:"feed_size"`
	// ReadingSpeed is in words per minute, for reading time.
	ReadingSpeed int `toml:"reading_speed"`

	Content    Content    `toml:"content"`
	Permalinks Permalinks `toml:"permalinks"`
	Markdown   Markdown   `toml:"markdown"`
	Highlight  Highlight  `toml:"highlight"`
	History    History    `toml:"history"`
	Value      Value      `toml:"value"`
	Report     Report     `toml:"report"`
	Search     Search     `toml:"search"`
	Community  Community  `toml:"community"`
	Collect    Collect    `toml:"collect"`

	// Peer is "jekyll", "hugo" or "zola" when the site has no accrue.toml
	// and its configuration was read from that generator's files, in that
	// generator's folder layout; "" for an accrue site.
	Peer string `toml:"-"`

	// PublishedURL is base_url as accrue.toml sets it, kept when a build
	// or the dev server serves the site at another address: it is where
	// other sites' mentions and the author's own absolute links point.
	PublishedURL string `toml:"-"`
	// Location is Timezone loaded; dates written without an offset are read in it.
	Location *time.Location `toml:"-"`
	// Positions maps dotted keys to where they were written, for later errors.
	Positions map[string]diag.Pos `toml:"-"`
}

// Content says how the files under content/ are read.
type Content struct {
	// Encoding is "utf-8", the default, under which a byte that is not
	// UTF-8 is an error, or "latin1" for a blog written before UTF-8 was
	// the rule: files that are not UTF-8 are then read as Windows-1252.
	// Package content reads the name.
	Encoding string `toml:"encoding"`
	// MaxTerms is how many tags, categories or series a post may name:
	// each is a page and feeds of its own.
	MaxTerms int `toml:"max_terms"`
	// ExcerptSeparator, when set, marks the end of every post's summary
	// (Jekyll's site-wide excerpt_separator); a post's own front matter
	// excerpt_separator wins.
	ExcerptSeparator string `toml:"excerpt_separator"`
	// PostSections are the folders under content/ whose documents are
	// dated posts; the default is ["posts"]. A blog kept as Hugo or Zola
	// keeps them in content/blog/ or content/post/.
	PostSections []string `toml:"post_sections"`
}

// Permalinks are URL patterns for posts and standalone pages.
type Permalinks struct {
	// Posts defaults to "/:path/", as Hugo and Zola keep folders: a flat
	// content/posts/hello.md is /posts/hello/, and notes kept by topic,
	// content/posts/git/rebase.md and content/posts/svn/rebase.md, are
	// /posts/git/rebase/ and /posts/svn/rebase/ rather than one URL.
	Posts string `toml:"posts"`
	// Pages defaults to "/:path/": the page's folder under content/ and
	// its slug, so content/docs/install.md is /docs/install/.
	Pages string `toml:"pages"`
	// Aliases are patterns of older addresses each post redirects from,
	// in the same tokens, such as the "/:year/:month/:day/:slug.html"
	// Jekyll published posts at. A pattern may end in a file name.
	Aliases []string `toml:"aliases"`
	// PageAliases are the same for standalone pages, such as Jekyll's
	// "/:path.html".
	PageAliases []string `toml:"page_aliases"`
}

// Markdown configures the Markdown renderer.
type Markdown struct {
	// Unsafe lets raw HTML in posts and pages through. On by default, as
	// in Jekyll, Zola and Eleventy: the author's own files are trusted,
	// and a blog brought from another generator keeps its images and
	// charts. Comments and mentions are sanitized whatever it says.
	Unsafe      bool `toml:"unsafe"`
	Typographer bool `toml:"typographer"`
	// Dialect is the template syntax posts brought from another generator
	// carry: "jekyll" (Liquid), "hugo" (shortcodes) or "zola"; "" leaves
	// Markdown as it is. Package dialect rewrites it.
	Dialect string `toml:"dialect"`
}

// Dialects are the values Markdown.Dialect may take.
var Dialects = []string{"", "jekyll", "hugo", "zola"}

// Highlight configures code highlighting.
type Highlight struct {
	Style       string `toml:"style"`
	DarkStyle   string `toml:"dark_style"`
	LineNumbers bool   `toml:"line_numbers"`
}

// History configures how git history becomes the ledger's updates.
type History struct {
	// SweepThreshold is how many posts one commit must touch to count as
	// site-wide maintenance (a reformat, a migration) rather than an update
	// of each.
	SweepThreshold int `toml:"sweep_threshold"`
}

// Value configures the value model of the report: what each kind of
// event deposits, how the balance earns and the classes of posts.
type Value struct {
	// Model is "activity" (interest follows a post's recent deposits and
	// a dormant post depreciates) or "savings" (every deposit compounds
	// for ever).
	Model string `toml:"model"`
	// MonthlyRate is the compound interest a deposit earns a month: 0.01
	// is 1%. In the activity model it is the rate for ActivityPoints
	// received over the last ActivityMonths.
	MonthlyRate    float64 `toml:"monthly_rate"`
	ActivityMonths float64 `toml:"activity_months"`
	ActivityPoints float64 `toml:"activity_points"`
	// HalfLifeMonths is how fast a post that received nothing for
	// ActivityMonths loses value, in the activity model.
	HalfLifeMonths float64 `toml:"half_life_months"`
	Weights        Weights `toml:"weights"`
	Classes        Classes `toml:"classes"`
}

// Weights are the points each kind of event deposits. A nil field keeps
// the model's default (see the ledger package), so accrue.toml names only
// the weights it changes.
type Weights struct {
	Publish      *float64 `toml:"publish"`
	Update       *float64 `toml:"update"`
	Comment      *float64 `toml:"comment"`
	AuthorReply  *float64 `toml:"author_reply"`
	Reply        *float64 `toml:"reply"`
	Mention      *float64 `toml:"mention"`
	Like         *float64 `toml:"like"`
	Repost       *float64 `toml:"repost"`
	Bookmark     *float64 `toml:"bookmark"`
	Pingback     *float64 `toml:"pingback"`
	Trackback    *float64 `toml:"trackback"`
	InternalLink *float64 `toml:"internal_link"`
	OutboundLink *float64 `toml:"outbound_link"`
}

// Classes are the thresholds that class posts as new, compounding,
// evergreen, decaying or dormant.
type Classes struct {
	NewDays       int `toml:"new_days"`       // younger than this: new
	DormantMonths int `toml:"dormant_months"` // no deposit for this long: dormant
	WindowMonths  int `toml:"window_months"`  // the recent rate is measured over this window
	LaunchMonths  int `toml:"launch_months"`  // the launch rate over the first months
	MinDeposits   int `toml:"min_deposits"`   // deposits from others the window needs to compound
	// EvergreenMonths and EvergreenQuarters: deposits after launch in at
	// least this many quarters of the last months make a post evergreen.
	EvergreenMonths   int `toml:"evergreen_months"`
	EvergreenQuarters int `toml:"evergreen_quarters"`
}

// Report configures the value report.
type Report struct {
	// Publish writes the report into the built site at /_accrue/report/.
	// Off by default: a blog's numbers are its author's business.
	Publish bool `toml:"publish"`
	// AsOf, a day written YYYY-MM-DD, is the date the report is read as
	// of when no --as-of says otherwise: a blog kept as an archive, or a
	// demo, reads the same on any day. "" means today.
	AsOf string `toml:"as_of"`
	// AsOfTime is the end of AsOf in the blog's time zone; zero without.
	AsOfTime time.Time `toml:"-"`
}

// Community configures the page that credits the blog's champions.
type Community struct {
	// Enabled writes /community/, listing the readers and sites whose
	// comments, mentions and links deposited most, with links to their
	// sites. Off by default: naming people is the blogger's choice.
	Enabled bool `toml:"enabled"`
}

// Search configures the site search.
type Search struct {
	// Enabled writes the search index and the /search/ page, and shows
	// the search box. On by default; false leaves all three out.
	Enabled bool `toml:"enabled"`
}

// Collect configures accrue collect: one table per service whose
// readers' replies it brings in. A service is collected from when its
// table is present (Enabled is set by Parse). Tokens are never here: they
// come from the environment, so that they never land in the blog's git.
type Collect struct {
	// Status is what collected comments and mentions get: "approved"
	// (the default) shows them at once, "pending" waits for the blogger.
	Status       string              `toml:"status"`
	WebmentionIO CollectWebmentionIO `toml:"webmentionio"`
	Mastodon     CollectMastodon     `toml:"mastodon"`
	Bluesky      CollectBluesky      `toml:"bluesky"`
	GitHub       CollectGitHub       `toml:"github"`
}

// CollectWebmentionIO is [collect.webmentionio].
type CollectWebmentionIO struct {
	Enabled bool `toml:"-"`
	// Domain asks for the mentions of one domain (webmention.io's
	// domain= parameter) instead of every site of the token.
	Domain  string `toml:"domain"`
	BaseURL string `toml:"base_url"` // the service, https://webmention.io by default
	// RecheckDays is how often collect reads every mention again instead
	// of only new ones, which is how it sees mentions edited or deleted
	// at webmention.io: 7 by default, 0 only with --full.
	RecheckDays int `toml:"recheck_days"`
}

// CollectMastodon is [collect.mastodon]. Each post names its toot in
// front matter (mastodon: https://host/@user/ID), which says the server.
type CollectMastodon struct {
	Enabled bool `toml:"-"`
	// Likes and Reposts collect who favourited and who boosted the toot;
	// both default to true.
	Likes   *bool `toml:"likes"`
	Reposts *bool `toml:"reposts"`
}

// CollectBluesky is [collect.bluesky]. Each post names its Bluesky post in
// front matter (bluesky: https://bsky.app/profile/HANDLE/post/RKEY).
type CollectBluesky struct {
	Enabled bool   `toml:"-"`
	BaseURL string `toml:"base_url"` // the AppView, https://public.api.bsky.app by default
	// Likes and Reposts collect who liked and who reposted; both default to true.
	Likes   *bool `toml:"likes"`
	Reposts *bool `toml:"reposts"`
}

// CollectGitHub is [collect.github]: the GitHub Discussions giscus keeps
// for the blog. The token comes from ACCRUE_GITHUB_TOKEN.
type CollectGitHub struct {
	Enabled  bool   `toml:"-"`
	Repo     string `toml:"repo"`     // owner/name
	Category string `toml:"category"` // the category's name; "" for every category
	// Mapping is how giscus titles a post's discussion: "pathname" (the
	// default), "url" or "title".
	Mapping string `toml:"mapping"`
	BaseURL string `toml:"base_url"` // the API, https://api.github.com by default
}

// Default returns the configuration of a site without accrue.toml.
func Default() Config {
	return Config{
		Title:        "My Blog",
		BaseURL:      "http://localhost:1313/",
		Language:     "en",
		Theme:        "default",
		Timezone:     "UTC",
		Paginate:     10,
		FeedSize:     20,
		ReadingSpeed: 220,
		Content:      Content{Encoding: "utf-8", MaxTerms: 100, PostSections: []string{"posts"}},
		Permalinks:   Permalinks{Posts: "/:path/", Pages: "/:path/"},
		Markdown:     Markdown{Unsafe: true, Typographer: true},
		Highlight:    Highlight{Style: "github", DarkStyle: "github-dark"},
		History:      History{SweepThreshold: 20},
		Search:       Search{Enabled: true},
		Value: Value{Model: "activity", MonthlyRate: 0.01, ActivityMonths: 6, ActivityPoints: 10, HalfLifeMonths: 12,
			Classes: Classes{NewDays: 60, DormantMonths: 24, WindowMonths: 12, LaunchMonths: 3,
				MinDeposits: 2, EvergreenMonths: 24, EvergreenQuarters: 3}},
		Collect: Collect{Status: "approved", WebmentionIO: CollectWebmentionIO{BaseURL: "https://webmention.io", RecheckDays: 7},
			Bluesky: CollectBluesky{BaseURL: "https://public.api.bsky.app"},
			GitHub:  CollectGitHub{Mapping: "pathname", BaseURL: "https://api.github.com"}},
		Location:  time.UTC,
		Positions: map[string]diag.Pos{},
	}
}

// Load reads accrue.toml from the root of fsys. A missing file gives the
// defaults. Every problem is returned as a diag.List.
func Load(fsys fs.FS) (Config, error) {
	cfg := Default()
	src, err := fs.ReadFile(fsys, File)
	if errors.Is(err, fs.ErrNotExist) {
		cfg.PublishedURL = cfg.BaseURL
		return cfg, nil
	}
	if err != nil {
		return cfg, fmt.Errorf("reading %s: %w", File, err)
	}
	cfg, err = Parse(src, cfg)
	cfg.PublishedURL = cfg.BaseURL
	return cfg, err
}

// WithBaseURL returns c served at u instead of its base_url: a build's
// --base-url, or the dev server's own address. PublishedURL stays where
// accrue.toml publishes the site.
func (c Config) WithBaseURL(u string) (Config, error) {
	norm, err := baseURL(u)
	if err != nil {
		return c, err
	}
	c.BaseURL = norm
	return c, nil
}

// BasePath is the path of base_url as it is written in a URL (escaped),
// "/" for a site at the root of its host and "/blog/" for one published
// under a sub-path (a GitHub project page): every link the site makes to
// itself starts with it.
func (c Config) BasePath() string {
	u, err := url.Parse(c.BaseURL)
	if err != nil || u.Path == "" {
		return "/"
	}
	return u.EscapedPath()
}

// baseURL checks that u is an absolute http(s) URL and gives it its
// trailing slash, so that site paths join onto it.
func baseURL(u string) (string, error) {
	parsed, err := url.Parse(u)
	if err != nil || (parsed.Scheme != "http" && parsed.Scheme != "https") || parsed.Host == "" {
		return u, fmt.Errorf("%q must be an absolute http(s) URL such as \"https://example.org/\"", u)
	}
	if parsed.RawQuery != "" || parsed.Fragment != "" {
		return u, fmt.Errorf("%q must not have a query or a fragment: links are joined onto it", u)
	}
	if !strings.HasSuffix(u, "/") {
		u += "/"
	}
	return u, nil
}

// Parse decodes src over base and validates the result.
func Parse(src []byte, base Config) (Config, error) {
	cfg := base
	dec := toml.NewDecoder(bytes.NewReader(src)).DisallowUnknownFields()
	var diags diag.List
	if err := dec.Decode(&cfg); err != nil {
		var strict *toml.StrictMissingError
		var de *toml.DecodeError
		switch {
		case errors.As(err, &strict):
			for i := range strict.Errors {
				diags.Add(unknownKey(&strict.Errors[i]))
			}
		case errors.As(err, &de):
			line, col := de.Position()
			return base, diag.List{diag.Errorf(diag.Pos{File: File, Line: line, Col: col}, "%s", strings.TrimPrefix(de.Error(), "toml: "))}
		default:
			return base, diag.List{diag.Errorf(diag.Pos{File: File}, "%v", err)}
		}
	}
	cfg.Positions = map[string]diag.Pos{}
	for k, p := range tomlkeys.Find(src) {
		cfg.Positions[k] = diag.Pos{File: File, Line: p.Line, Col: p.Col}
	}
	cfg.Collect.WebmentionIO.Enabled = hasTable(cfg.Positions, "collect.webmentionio")
	cfg.Collect.Mastodon.Enabled = hasTable(cfg.Positions, "collect.mastodon")
	cfg.Collect.Bluesky.Enabled = hasTable(cfg.Positions, "collect.bluesky")
	cfg.Collect.GitHub.Enabled = hasTable(cfg.Positions, "collect.github")
	diags = append(diags, cfg.validate()...)
	diags.Sort()
	return cfg, diags.Err()
}

// hasTable reports whether the table name, or a key in it, was written.
func hasTable(positions map[string]diag.Pos, name string) bool {
	for k := range positions {
		if k == name || strings.HasPrefix(k, name+".") {
			return true
		}
	}
	return false
}

func unknownKey(de *toml.DecodeError) *diag.Error {
	line, col := de.Position()
	key := de.Key()
	name := strings.Join(key, ".")
	if len(key) > 1 && key[0] == "collect" && strings.Contains(strings.ToLower(key[len(key)-1]), "token") {
		// accrue.toml lives in git, often public: a token there is leaked.
		return diag.Errorf(diag.Pos{File: File, Line: line, Col: col},
			"%s: tokens are never read from %s, which is committed with the blog; remove the key (and revoke the token if it was ever committed), then set ACCRUE_WEBMENTIONIO_TOKEN or ACCRUE_GITHUB_TOKEN in the environment", name, File)
	}
	msg := fmt.Sprintf("unknown key %q", name)
	if s := diag.Suggest(key[len(key)-1], knownKeys(key[:len(key)-1])); s != "" {
		msg += fmt.Sprintf(" (did you mean %q?)", s)
	}
	return diag.Errorf(diag.Pos{File: File, Line: line, Col: col}, "%s", msg)
}

// knownKeys lists the keys Config accepts in the table at path.
func knownKeys(path []string) []string {
	t := reflect.TypeFor[Config]()
	for _, p := range path {
		f, ok := fieldByTag(t, p)
		if !ok || f.Type.Kind() != reflect.Struct {
			return nil
		}
		t = f.Type
	}
	var keys []string
	for i := range t.NumField() {
		if tag := t.Field(i).Tag.Get("toml"); tag != "" && tag != "-" {
			keys = append(keys, tag)
		}
	}
	return keys
}

func fieldByTag(t reflect.Type, tag string) (reflect.StructField, bool) {
	for i := range t.NumField() {
		if t.Field(i).Tag.Get("toml") == tag {
			return t.Field(i), true
		}
	}
	return reflect.StructField{}, false
}

// pos returns where key was written, or the file alone.
func (c *Config) pos(key string) diag.Pos {
	if p, ok := c.Positions[key]; ok {
		return p
	}
	return diag.Pos{File: File}
}

func (c *Config) validate() diag.List {
	var l diag.List
	if u, err := baseURL(c.BaseURL); err != nil {
		l.Add(diag.Errorf(c.pos("base_url"), "base_url %v", err))
	} else {
		c.BaseURL = u
	}
	switch c.Collect.Status {
	case "approved", "pending":
	default:
		l.Add(diag.Errorf(c.pos("collect.status"), "collect.status: want \"approved\" or \"pending\", not %q", c.Collect.Status))
	}
	for key, v := range map[string]string{"collect.webmentionio.base_url": c.Collect.WebmentionIO.BaseURL, "collect.bluesky.base_url": c.Collect.Bluesky.BaseURL, "collect.github.base_url": c.Collect.GitHub.BaseURL} {
		if u, err := url.Parse(v); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			l.Add(diag.Errorf(c.pos(key), "%s %q must be an absolute http(s) URL", key, v))
		}
	}
	if d := c.Collect.WebmentionIO.RecheckDays; d < 0 {
		l.Add(diag.Errorf(c.pos("collect.webmentionio.recheck_days"), "collect.webmentionio.recheck_days: want a number of days, 0 for only with --full, not %d", d))
	}
	if gh := c.Collect.GitHub; gh.Enabled {
		if owner, name, ok := strings.Cut(gh.Repo, "/"); !ok || owner == "" || name == "" || strings.Contains(name, "/") {
			l.Add(diag.Errorf(c.pos("collect.github.repo"), "collect.github.repo: want the discussions' repository as \"owner/name\", not %q", gh.Repo))
		}
		switch gh.Mapping {
		case "pathname", "url", "title":
		default:
			l.Add(diag.Errorf(c.pos("collect.github.mapping"), "collect.github.mapping: want pathname, url or title (giscus's mappings), not %q", gh.Mapping))
		}
	}
	loc, err := time.LoadLocation(c.Timezone)
	if err != nil {
		l.Add(diag.Errorf(c.pos("timezone"), "unknown timezone %q (use an IANA name such as \"Europe/Berlin\" or \"UTC\")", c.Timezone))
		loc = time.UTC
	}
	c.Location = loc
	if c.Report.AsOf != "" {
		t, err := ParseDay(c.Report.AsOf, loc, true)
		if err != nil {
			l.Add(diag.Errorf(c.pos("report.as_of"), "report.as_of: want a day such as \"2026-06-30\", not %q", c.Report.AsOf))
		}
		c.Report.AsOfTime = t
	}
	if c.Paginate < 1 {
		l.Add(diag.Errorf(c.pos("paginate"), "paginate must be at least 1, not %d", c.Paginate))
	}
	if c.FeedSize < 1 {
		l.Add(diag.Errorf(c.pos("feed_size"), "feed_size must be at least 1, not %d", c.FeedSize))
	}
	if c.History.SweepThreshold < 2 {
		l.Add(diag.Errorf(c.pos("history.sweep_threshold"), "history.sweep_threshold must be at least 2, not %d", c.History.SweepThreshold))
	}
	if c.Content.MaxTerms < 1 {
		l.Add(diag.Errorf(c.pos("content.max_terms"), "content.max_terms must be at least 1, not %d", c.Content.MaxTerms))
	}
	if len(c.Content.PostSections) == 0 {
		l.Add(diag.Errorf(c.pos("content.post_sections"), "content.post_sections must name at least one folder under content/, such as \"posts\""))
	}
	for _, s := range c.Content.PostSections {
		if s == "" || strings.ContainsAny(s, `/\`) || s == "." || s == ".." {
			l.Add(diag.Errorf(c.pos("content.post_sections"), "content.post_sections: %q must be a folder name under content/", s))
		}
	}
	if c.ReadingSpeed < 1 {
		l.Add(diag.Errorf(c.pos("reading_speed"), "reading_speed must be at least 1 word a minute, not %d", c.ReadingSpeed))
	}
	if !slices.Contains(Dialects, c.Markdown.Dialect) {
		l.Add(diag.Errorf(c.pos("markdown.dialect"), "markdown.dialect %q is not one accrue reads: use \"jekyll\", \"hugo\" or \"zola\", or \"\" for plain Markdown", c.Markdown.Dialect))
	}
	l = append(l, c.validateValue()...)
	if c.Theme == "" || strings.ContainsAny(c.Theme, `/\`) || c.Theme == "." || c.Theme == ".." {
		l.Add(diag.Errorf(c.pos("theme"), "theme %q must be a folder name under themes/", c.Theme))
	}
	for key, pattern := range map[string]string{"permalinks.posts": c.Permalinks.Posts, "permalinks.pages": c.Permalinks.Pages} {
		if err := CheckPermalink(pattern); err != nil {
			l.Add(diag.Errorf(c.pos(key), "%s: %v", key, err))
		}
	}
	for key, patterns := range map[string][]string{"permalinks.aliases": c.Permalinks.Aliases, "permalinks.page_aliases": c.Permalinks.PageAliases} {
		for _, pattern := range patterns {
			if err := CheckPermalink(pattern); err != nil {
				l.Add(diag.Errorf(c.pos(key), "%s: %v", key, err))
			}
		}
	}
	return l
}

// PermalinkTokens are the placeholders a permalink pattern may use. The
// last three are there so a Jekyll or Hugo blog keeps its URLs:
// :categories is one folder per category (Jekyll), :filename the file or
// bundle folder name without a date (Hugo's :filename and
// :contentbasename), :slugortitle the front matter slug, else the
// title's (Hugo's :slug).
var PermalinkTokens = []string{":year", ":month", ":day", ":slug", ":section", ":title", ":path", ":categories", ":filename", ":slugortitle"}

// CheckPermalink reports whether pattern is a usable permalink pattern: it
// starts with "/", contains :slug, :title, :path, :filename or
// :slugortitle so that pages do not collide, and uses only known tokens.
func CheckPermalink(pattern string) error {
	if !strings.HasPrefix(pattern, "/") {
		return fmt.Errorf("pattern %q must start with \"/\"", pattern)
	}
	unique := false
	for _, t := range []string{":slug", ":title", ":path", ":filename"} { // :slug is in :slugortitle
		unique = unique || strings.Contains(pattern, t)
	}
	if !unique {
		return fmt.Errorf("pattern %q must contain :slug, :title or :path", pattern)
	}
	for _, seg := range strings.Split(pattern, "/") {
		for i := strings.Index(seg, ":"); i >= 0; i = strings.Index(seg, ":") {
			tok := seg[i:]
			end := 1
			for end < len(tok) && tok[end] >= 'a' && tok[end] <= 'z' {
				end++
			}
			tok = tok[:end]
			known := false
			for _, k := range PermalinkTokens {
				known = known || k == tok
			}
			if !known {
				return fmt.Errorf("unknown token %q in pattern %q (known: %s)", tok, pattern, strings.Join(PermalinkTokens, " "))
			}
			seg = seg[i+end:]
		}
	}
	return nil
}

func (c *Config) validateValue() diag.List {
	var l diag.List
	if r := c.Value.MonthlyRate; r < 0 || r > 1 {
		l.Add(diag.Errorf(c.pos("value.monthly_rate"), "value.monthly_rate must be between 0 and 1 (0.01 is 1%% a month), not %g", r))
	}
	if m := c.Value.Model; m != "activity" && m != "savings" {
		msg := fmt.Sprintf("value.model must be \"activity\" or \"savings\", not %q", m)
		if s := diag.Suggest(m, []string{"activity", "savings"}); s != "" {
			msg += fmt.Sprintf(" (did you mean %q?)", s)
		}
		l.Add(diag.Errorf(c.pos("value.model"), "%s", msg))
	}
	for _, p := range []struct {
		key string
		v   float64
	}{
		{"activity_months", c.Value.ActivityMonths}, {"activity_points", c.Value.ActivityPoints}, {"half_life_months", c.Value.HalfLifeMonths},
	} {
		if !(p.v > 0) || p.v > 1200 {
			l.Add(diag.Errorf(c.pos("value."+p.key), "value.%s must be above 0 and at most 1200, not %g", p.key, p.v))
		}
	}
	w := reflect.ValueOf(c.Value.Weights)
	for i := range w.NumField() {
		if f := w.Field(i); !f.IsNil() && f.Elem().Float() < 0 {
			key := "value.weights." + w.Type().Field(i).Tag.Get("toml")
			l.Add(diag.Errorf(c.pos(key), "%s must not be negative, not %g", key, f.Elem().Float()))
		}
	}
	for _, th := range []struct {
		key string
		n   int
	}{
		{"new_days", c.Value.Classes.NewDays}, {"dormant_months", c.Value.Classes.DormantMonths},
		{"window_months", c.Value.Classes.WindowMonths}, {"launch_months", c.Value.Classes.LaunchMonths},
		{"min_deposits", c.Value.Classes.MinDeposits}, {"evergreen_months", c.Value.Classes.EvergreenMonths},
		{"evergreen_quarters", c.Value.Classes.EvergreenQuarters},
	} {
		if th.n < 1 {
			key := "value.classes." + th.key
			l.Add(diag.Errorf(c.pos(key), "%s must be at least 1, not %d", key, th.n))
		}
	}
	return l
}

// ParseDay reads a date as YYYY-MM-DD in the blog's time zone loc, or as
// an RFC 3339 instant. With endOfDay, a day means its last second: the
// report as of 30 June counts what happened on 30 June.
func ParseDay(s string, loc *time.Location, endOfDay bool) (time.Time, error) {
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t, nil
	}
	d, err := time.ParseInLocation(time.DateOnly, s, loc)
	if err != nil {
		return time.Time{}, fmt.Errorf("%q is not a date: write YYYY-MM-DD or an RFC 3339 time such as 2025-06-30T12:00:00Z", s)
	}
	if endOfDay {
		d = d.AddDate(0, 0, 1).Add(-time.Second)
	}
	return d, nil
}
