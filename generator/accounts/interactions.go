package accounts

import (
	"time"

	"github.com/accruehq/accrue/generator/interactions"
	"github.com/accruehq/accrue/generator/ledger"
	"github.com/accruehq/accrue/generator/report"
)

// interactionEvents are the ledger's deposits from a post's comments and
// mentions. Pending ones are not deposits yet; a deleted mention withdraws
// its deposit. None is dated before the post: package site warns at such
// a date, and the ledger counts it from the post's publication.
func interactionEvents(p *Doc, siteAuthor string) []Event {
	s := p.Interactions
	if s == nil {
		return nil
	}
	var out []Event
	for _, c := range s.Comments {
		if c.Status != interactions.StatusApproved {
			continue
		}
		kind := ledger.KindComment
		if isAuthor(c.Author, p.Author, siteAuthor) {
			kind = ledger.KindAuthorReply
		}
		out = append(out, Event{Date: notBefore(c.Date, p.Date), Post: p.File, Title: p.Title, Kind: kind,
			Actor: c.Author, ActorURL: c.AuthorURL, Source: c.File, Withdrawn: c.Withdrawn})
	}
	for _, m := range s.Mentions {
		if m.Replaced || m.Status == interactions.StatusPending {
			continue
		}
		actor := m.AuthorName
		if actor == "" {
			actor = report.SiteOf(m.Source) // as the report will group it
		}
		note := m.Title
		if note == "" {
			note = m.Excerpt
		}
		out = append(out, Event{Date: notBefore(m.Received, p.Date), Post: p.File, Title: p.Title, Kind: mentionKinds[m.Type],
			Actor: actor, ActorURL: m.AuthorURL, Source: m.Source, Note: note, Withdrawn: m.Status == interactions.StatusDeleted || m.Withdrawn})
	}
	return out
}

var mentionKinds = map[interactions.MentionType]ledger.Kind{
	interactions.TypeMention:   ledger.KindMention,
	interactions.TypeReply:     ledger.KindReply,
	interactions.TypeLike:      ledger.KindLike,
	interactions.TypeRepost:    ledger.KindRepost,
	interactions.TypeBookmark:  ledger.KindBookmark,
	interactions.TypePingback:  ledger.KindPingback,
	interactions.TypeTrackback: ledger.KindTrackback,
}

// notBefore returns t, or published when t is earlier.
func notBefore(t, published time.Time) time.Time {
	if t.Before(published) {
		return published
	}
	return t
}

// isAuthor reports whether a comment's author is the post's or the
// blog's: such a comment is an author's reply.
func isAuthor(name, postAuthor, siteAuthor string) bool {
	return name == postAuthor || name == siteAuthor
}
