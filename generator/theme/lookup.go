package theme

// Kind is a kind of output page, each rendered by one layout.
type Kind int

const (
	KindPost Kind = iota
	KindPage
	KindHome
	KindTerm    // one tag, category or series, with its posts
	KindTerms   // every tag, category or series
	KindArchive // every post by year
	KindNotFound
	KindAlias     // a redirect from an old URL
	KindSearch    // the search page, /search/
	KindCommunity // the blog's champions, /community/ ([community] enabled)
)

var kindNames = [...]string{"post", "page", "home", "term", "terms", "archive", "404", "alias", "search", "community"}

func (k Kind) String() string { return kindNames[k] }

// Kinds lists every kind, in order.
func Kinds() []Kind {
	return []Kind{KindPost, KindPage, KindHome, KindTerm, KindTerms, KindArchive, KindNotFound, KindAlias, KindSearch, KindCommunity}
}

// lookup is the whole template lookup: the layout files tried for each
// kind, first found wins. Each is parsed with base.html and partials/*.html.
var lookup = map[Kind][]string{
	KindPost:     {"post.html"},
	KindPage:     {"page.html", "post.html"},
	KindHome:     {"home.html", "list.html"},
	KindTerm:     {"term.html", "list.html"},
	KindTerms:    {"terms.html"},
	KindArchive:  {"archive.html"},
	KindNotFound: {"404.html"},
	KindAlias:    {"alias.html"},
	// A theme of its own without search.html still builds: the page
	// layout shows the search page's title.
	KindSearch: {"search.html", "page.html", "post.html"},
	// So does one without community.html: the page layout shows its title.
	KindCommunity: {"community.html", "page.html", "post.html"},
}

// BaseLayout is the skeleton every page layout fills by defining "main".
const BaseLayout = "base.html"

// standalone layouts are complete documents that do not use base.html.
var standalone = map[string]bool{"alias.html": true}
