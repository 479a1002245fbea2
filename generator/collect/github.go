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
// and, for a discussion with more than 100 comments or a comment with
// more than 100 replies, for the next pages of those (discussion(number)
// and node(id) queries). Comments become comment files, their replies
// threaded under them.
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

// ghCommentFields are what a comment or reply file needs.
const ghCommentFields = `id databaseId url bodyHTML createdAt isMinimized author { login url avatarUrl }`

// ghComments asks for a page of comments, each with its first page of
// replies; pages after the first are asked for one discussion or one
// comment at a time (githubMoreComments, githubMoreReplies).
const ghComments = `comments(first: 100, after: $comments) {
          pageInfo { hasNextPage endCursor }
          nodes {
            ` + ghCommentFields + `
            replies(first: 100) { pageInfo { hasNextPage endCursor } nodes { ` + ghCommentFields + ` } }
          }
        }`

var githubQuery = `query($owner: String!, $name: String!, $cursor: String, $comments: String) {
  repository(owner: $owner, name: $name) {
    discussions(first: 100, after: $cursor) {
      pageInfo { hasNextPage endCursor }
      nodes {
        number title url category { name }
        reactionGroups { content users { totalCount } }
        ` + ghComments + `
      }
    }
  }
}`

var githubMoreComments = `query($owner: String!, $name: String!, $number: Int!, $comments: String) {
  repository(owner: $owner, name: $name) {
    discussion(number: $number) {
      ` + ghComments + `
    }
  }
}`

var githubMoreReplies = `query($id: ID!, $cursor: String) {
  node(id: $id) {
    ... on DiscussionComment {
      replies(first: 100, after: $cursor) { pageInfo { hasNextPage endCursor } nodes { ` + ghCommentFields + ` } }
    }
  }
}`

type ghAuthor struct {
	Login     string `json:"login"`
	URL       string `json:"url"`
	AvatarURL string `json:"avatarUrl"`
}

// ghPageInfo is GraphQL's cursor pagination.
type ghPageInfo struct {
	HasNextPage bool   `json:"hasNextPage"`
	EndCursor   string `json:"endCursor"`
}

type ghCommentPage struct {
	PageInfo ghPageInfo  `json:"pageInfo"`
	Nodes    []ghComment `json:"nodes"`
}

type ghComment struct {
	ID          string        `json:"id"` // the node id, to ask for more replies
	DatabaseID  int64         `json:"databaseId"`
	URL         string        `json:"url"`
	BodyHTML    string        `json:"bodyHTML"`
	CreatedAt   string        `json:"createdAt"`
	IsMinimized bool          `json:"isMinimized"`
	Author      *ghAuthor     `json:"author"` // null for a deleted account
	Replies     ghCommentPage `json:"replies"`
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
	Comments ghCommentPage `json:"comments"`
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
	var errs []error
	partial := map[string]bool{} // posts whose discussion could not be read whole
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
			if p == nil && g.Category == "" {
				continue // without giscus's category, a discussion may be about anything
			}
			if err := g.readAll(ctx, owner, name, &d); err != nil {
				errs = append(errs, fmt.Errorf("discussion %d (%s): %w", d.Number, d.Title, err))
			}
			if p == nil {
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
	// were deleted, unless its discussion could not be read whole.
	for _, p := range posts {
		if !partial[p.File] {
			f.Complete = append(f.Complete, p.File)
		}
	}
	return f, errors.Join(errs...)
}

// readAll asks for the comments and replies of d beyond the first page of
// each, until GitHub says there are no more. On an error d keeps what was
// read and says there is more, so nothing of its post is withdrawn.
func (g *GitHub) readAll(ctx context.Context, owner, name string, d *ghDiscussion) error {
	err := readOn(&d.Comments, "comments", func(after string) (ghCommentPage, error) {
		var r struct {
			Repository *struct {
				Discussion *struct {
					Comments ghCommentPage `json:"comments"`
				} `json:"discussion"`
			} `json:"repository"`
		}
		if err := g.query(ctx, githubMoreComments, map[string]any{"owner": owner, "name": name, "number": d.Number, "comments": after}, &r); err != nil {
			return ghCommentPage{}, err
		}
		if r.Repository == nil || r.Repository.Discussion == nil {
			return ghCommentPage{}, errors.New("gone while being read")
		}
		return r.Repository.Discussion.Comments, nil
	})
	if err != nil {
		return err
	}
	for i := range d.Comments.Nodes {
		c := &d.Comments.Nodes[i]
		if c.Replies.PageInfo.HasNextPage && c.ID == "" {
			return fmt.Errorf("replies to comment %d: no id to ask for more by", c.DatabaseID)
		}
		err := readOn(&c.Replies, fmt.Sprintf("replies to comment %d", c.DatabaseID), func(after string) (ghCommentPage, error) {
			var r struct {
				Node *struct {
					Replies ghCommentPage `json:"replies"`
				} `json:"node"`
			}
			if err := g.query(ctx, githubMoreReplies, map[string]any{"id": c.ID, "cursor": after}, &r); err != nil {
				return ghCommentPage{}, err
			}
			if r.Node == nil {
				return ghCommentPage{}, errors.New("gone while being read")
			}
			return r.Node.Replies, nil
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// readOn appends to page the pages after it that next gives, until
// GitHub says there are no more; what names them in errors.
func readOn(page *ghCommentPage, what string, next func(after string) (ghCommentPage, error)) error {
	for n := 1; page.PageInfo.HasNextPage; n++ {
		after := page.PageInfo.EndCursor
		if n == maxPages || after == "" {
			return fmt.Errorf("%s: no cursor after page %d", what, n)
		}
		more, err := next(after)
		if err != nil {
			return fmt.Errorf("%s: %w", what, err)
		}
		page.Nodes = append(page.Nodes, more.Nodes...)
		page.PageInfo = more.PageInfo
		if more.PageInfo.HasNextPage && more.PageInfo.EndCursor == after {
			return fmt.Errorf("%s: the cursor does not move", what)
		}
	}
	return nil
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
	var r struct {
		Repository *struct {
			Discussions struct {
				PageInfo ghPageInfo     `json:"pageInfo"`
				Nodes    []ghDiscussion `json:"nodes"`
			} `json:"discussions"`
		} `json:"repository"`
	}
	if err := g.query(ctx, githubQuery, map[string]any{"owner": owner, "name": name, "cursor": cursor}, &r); err != nil {
		return nil, "", err
	}
	if r.Repository == nil {
		return nil, "", fmt.Errorf("%s/graphql: no repository %s/%s", strings.TrimSuffix(g.BaseURL, "/"), owner, name)
	}
	ds := r.Repository.Discussions
	next := ""
	if ds.PageInfo.HasNextPage && ds.PageInfo.EndCursor != "" && (cursor == nil || *cursor != ds.PageInfo.EndCursor) {
		next = ds.PageInfo.EndCursor
	}
	return ds.Nodes, next, nil
}

// query posts one GraphQL query and decodes its data into data; GraphQL
// errors, which come with a 200, are errors.
func (g *GitHub) query(ctx context.Context, query string, vars map[string]any, data any) error {
	payload, err := json.Marshal(map[string]any{"query": query, "variables": vars})
	if err != nil {
		return err
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
		return err
	}
	var r struct {
		Data   json.RawMessage `json:"data"`
		Errors []struct {
			Type    string `json:"type"`
			Message string `json:"message"`
		} `json:"errors"`
	}
	if err := json.Unmarshal(body, &r); err != nil {
		return fmt.Errorf("%s: not a GraphQL answer: %v", endpoint, err)
	}
	if len(r.Errors) > 0 {
		var errs []error
		for _, e := range r.Errors {
			errs = append(errs, fmt.Errorf("%s: %s", firstOf(e.Type, "error"), e.Message))
		}
		return fmt.Errorf("%s: %w", endpoint, errors.Join(errs...))
	}
	if len(r.Data) == 0 || string(r.Data) == "null" {
		return fmt.Errorf("%s: an answer without data", endpoint)
	}
	if err := json.Unmarshal(r.Data, data); err != nil {
		return fmt.Errorf("%s: not a GraphQL answer: %v", endpoint, err)
	}
	return nil
}

// items are a discussion's comments, replies and reactions; complete is
// false when some comments or replies could not be read.
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
