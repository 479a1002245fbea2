package collect

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
)

// GitHub collects the comments of GitHub Discussions that giscus keeps
// for the blog: one discussion per post, whose title is the post's
// pathname, URL or title (the Mapping), in one repository and
// optionally one category. It asks the GraphQL API:
//
//	POST {base}/graphql  repository(owner, name) { discussions(first: 100, after: CURSOR) { ... } }
//
// Comments become comment files, their replies threaded under them.
// GitHub tells how many people reacted, not who, without a query per
// reaction; so each reaction of a giving kind (THUMBS_UP, HEART, HOORAY,
// ROCKET, LAUGH) on the discussion becomes one anonymous like, numbered
// (github-NUMBER-heart-1, -2...): when the count falls, the last ones are
// withdrawn. Minimized (hidden) comments are left out.
type GitHub struct {
	Client   *Client
	BaseURL  string // https://api.github.com
	Token    string // from ACCRUE_GITHUB_TOKEN
	Repo     string // owner/name
	Category string // the discussion category's name, or "" for all
	Mapping  string // "pathname", "url" or "title"
}

var _ Source = (*GitHub)(nil)

func (g *GitHub) Name() string { return "github" }

const githubQuery = `query($owner: String!, $name: String!, $cursor: String) {
  repository(owner: $owner, name: $name) {
    discussions(first: 100, after: $cursor) {
      pageInfo { hasNextPage endCursor }
      nodes {
        number title url category { name }
        reactionGroups { content users { totalCount } }
        comments(first: 100) {
          pageInfo { hasNextPage }
          nodes {
            databaseId url bodyHTML createdAt isMinimized
            author { login url avatarUrl }
            replies(first: 100) {
              pageInfo { hasNextPage }
              nodes { databaseId url bodyHTML createdAt isMinimized author { login url avatarUrl } }
            }
          }
        }
      }
    }
  }
}`

type ghAuthor struct {
	Login     string `json:"login"`
	URL       string `json:"url"`
	AvatarURL string `json:"avatarUrl"`
}

type ghComment struct {
	DatabaseID  int64     `json:"databaseId"`
	URL         string    `json:"url"`
	BodyHTML    string    `json:"bodyHTML"`
	CreatedAt   string    `json:"createdAt"`
	IsMinimized bool      `json:"isMinimized"`
	Author      *ghAuthor `json:"author"` // null for a deleted account
	Replies     struct {
		PageInfo struct {
			HasNextPage bool `json:"hasNextPage"`
		} `json:"pageInfo"`
		Nodes []ghComment `json:"nodes"`
	} `json:"replies"`
}

type ghDiscussion struct {
	Number   int    `json:"number"`
	Title    string `json:"title"`
	URL      string `json:"url"`
	Category struct {
		Name string `json:"name"`
	} `json:"category"`
	ReactionGroups []struct {
		Content string `json:"content"`
		Users   struct {
			TotalCount int `json:"totalCount"`
		} `json:"users"`
	} `json:"reactionGroups"`
	Comments struct {
		PageInfo struct {
			HasNextPage bool `json:"hasNextPage"`
		} `json:"pageInfo"`
		Nodes []ghComment `json:"nodes"`
	} `json:"comments"`
}

// likeReactions are the reactions counted as likes.
var likeReactions = map[string]bool{"THUMBS_UP": true, "HEART": true, "HOORAY": true, "ROCKET": true, "LAUGH": true}

// maxLikesPerReaction bounds the files one reaction count can make.
const maxLikesPerReaction = 500

func (g *GitHub) Fetch(ctx context.Context, posts []Post) (Fetched, error) {
	if g.Token == "" {
		return Fetched{}, fmt.Errorf("%w: set ACCRUE_GITHUB_TOKEN (GitHub's GraphQL API needs one)", errNoToken)
	}
	owner, name, ok := strings.Cut(g.Repo, "/")
	if !ok || owner == "" || name == "" || strings.Contains(name, "/") {
		return Fetched{}, fmt.Errorf("github: repo %q is not owner/name", g.Repo)
	}
	byTitle := map[string]*Post{}
	for i := range posts {
		for _, t := range g.titles(&posts[i]) {
			byTitle[t] = &posts[i]
		}
	}
	var f Fetched
	partial := map[string]bool{} // posts whose discussion has more comments than one page
	var cursor *string
	for page := 0; ; page++ {
		if page == maxPages {
			return Fetched{}, fmt.Errorf("github: more than %d pages of discussions; stopped", maxPages)
		}
		discussions, next, err := g.page(ctx, owner, name, cursor)
		if err != nil {
			return Fetched{}, err
		}
		for _, d := range discussions {
			if g.Category != "" && !strings.EqualFold(d.Category.Name, g.Category) {
				continue
			}
			p := byTitle[d.Title]
			if p == nil {
				if g.Category == "" {
					continue // without giscus's category, a discussion may be about anything
				}
				// giscus opened it for a page that no post has now (a
				// renamed post, say): its items are listed, not lost.
				lost, _ := d.items(&Post{URLs: []string{d.Title}})
				f.Items = append(f.Items, lost...)
				continue
			}
			items, complete := d.items(p)
			f.Items = append(f.Items, items...)
			if !complete {
				partial[p.File] = true
			}
		}
		if next == "" {
			break
		}
		cursor = &next
	}
	// Every discussion was read: a post's collected comments missing now
	// were deleted, unless its discussion had more than one page.
	for _, p := range posts {
		if !partial[p.File] {
			f.Complete = append(f.Complete, p.File)
		}
	}
	return f, nil
}

// titles are the discussion titles giscus gives a post under the mapping.
func (g *GitHub) titles(p *Post) []string {
	switch g.Mapping {
	case "title":
		if p.Title == "" {
			return nil
		}
		return []string{p.Title}
	case "url":
		return p.URLs
	}
	var out []string
	for _, u := range p.URLs[:min(len(p.URLs), 2)] {
		if pu, err := url.Parse(u); err == nil {
			path := strings.TrimPrefix(pu.Path, "/")
			out = append(out, path, "/"+path, strings.TrimSuffix(path, "/"))
		}
	}
	return out
}

func (g *GitHub) page(ctx context.Context, owner, name string, cursor *string) ([]ghDiscussion, string, error) {
	payload, err := json.Marshal(map[string]any{"query": githubQuery, "variables": map[string]any{"owner": owner, "name": name, "cursor": cursor}})
	if err != nil {
		return nil, "", err
	}
	endpoint := strings.TrimSuffix(g.BaseURL, "/") + "/graphql"
	body, _, err := g.Client.Do(ctx, func() (*http.Request, error) {
		r, err := http.NewRequest(http.MethodPost, endpoint, bytes.NewReader(payload))
		if err == nil {
			r.Header.Set("Authorization", "bearer "+g.Token)
			r.Header.Set("Content-Type", "application/json")
		}
		return r, err
	})
	if err != nil {
		return nil, "", err
	}
	var r struct {
		Data *struct {
			Repository *struct {
				Discussions struct {
					PageInfo struct {
						HasNextPage bool   `json:"hasNextPage"`
						EndCursor   string `json:"endCursor"`
					} `json:"pageInfo"`
					Nodes []ghDiscussion `json:"nodes"`
				} `json:"discussions"`
			} `json:"repository"`
		} `json:"data"`
		Errors []struct {
			Type    string `json:"type"`
			Message string `json:"message"`
		} `json:"errors"`
	}
	if err := json.Unmarshal(body, &r); err != nil {
		return nil, "", fmt.Errorf("%s: not a GraphQL answer: %v", endpoint, err)
	}
	if len(r.Errors) > 0 {
		var errs []error
		for _, e := range r.Errors {
			errs = append(errs, fmt.Errorf("%s: %s", firstOf(e.Type, "error"), e.Message))
		}
		return nil, "", fmt.Errorf("%s: %w", endpoint, errors.Join(errs...))
	}
	if r.Data == nil || r.Data.Repository == nil {
		return nil, "", fmt.Errorf("%s: no repository %s/%s", endpoint, owner, name)
	}
	ds := r.Data.Repository.Discussions
	next := ""
	if ds.PageInfo.HasNextPage && ds.PageInfo.EndCursor != "" && (cursor == nil || *cursor != ds.PageInfo.EndCursor) {
		next = ds.PageInfo.EndCursor
	}
	return ds.Nodes, next, nil
}

// items are a discussion's comments, replies and reactions; complete is
// false when it has more comments or replies than one page holds.
func (d ghDiscussion) items(p *Post) (items []Item, complete bool) {
	complete = !d.Comments.PageInfo.HasNextPage
	comment := func(c ghComment, replyTo string) Item {
		a := Author{Name: "ghost", URL: "https://github.com/ghost"}
		if c.Author != nil {
			a = Author{Name: c.Author.Login, URL: c.Author.URL, Photo: c.Author.AvatarURL}
		}
		id := strconv.FormatInt(c.DatabaseID, 10)
		return Item{Source: "github", RemoteID: id, RemoteURL: c.URL, Target: p.URLs[0], Post: p.File, Kind: KindReply,
			Author: a, Published: parseTime(c.CreatedAt), Received: parseTime(c.CreatedAt), HTML: c.BodyHTML,
			ReplyTo: replyTo, FileID: "github-" + id}
	}
	for _, c := range d.Comments.Nodes {
		if c.IsMinimized || c.DatabaseID <= 0 {
			continue
		}
		top := comment(c, "")
		items = append(items, top)
		complete = complete && !c.Replies.PageInfo.HasNextPage
		for _, r := range c.Replies.Nodes {
			if !r.IsMinimized && r.DatabaseID > 0 {
				items = append(items, comment(r, top.FileID))
			}
		}
	}
	for _, rg := range d.ReactionGroups {
		if !likeReactions[rg.Content] {
			continue
		}
		kind := strings.ToLower(strings.ReplaceAll(rg.Content, "_", "-"))
		for i := 1; i <= min(rg.Users.TotalCount, maxLikesPerReaction); i++ {
			id := fmt.Sprintf("%d-%s-%d", d.Number, kind, i)
			items = append(items, Item{Source: "github", RemoteID: id, RemoteURL: fmt.Sprintf("%s#%s-%d", d.URL, kind, i),
				Target: p.URLs[0], Post: p.File, Kind: KindLike, Author: Author{Name: "A GitHub user"}, FileID: "github-" + id})
		}
	}
	return items, complete
}
