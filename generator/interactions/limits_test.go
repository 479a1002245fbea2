package interactions

import (
	"strings"
	"testing"
)

const approvedComment = "---\nauthor: Ada\ndate: 2025-09-18\nstatus: approved\n---\n"

func TestStrangersCannotSlowTheBuild(t *testing.T) {
	t.Parallel()
	var stair strings.Builder
	for i := 1; i <= 150; i++ {
		stair.WriteString(strings.Repeat(">", i) + " a\n")
	}
	big := approvedComment + strings.Repeat("Fine words. ", MaxRecordSize/12)
	mention := okMention + "excerpt: " + strings.Repeat("x", MaxRecordSize) + "\n"
	s, diags := load(t, map[string]string{
		"comments/20250918T140502Z-ok.md":     approvedComment + "Thanks!\n",
		"comments/20250918T140503Z-quotes.md": approvedComment + stair.String(),
		"comments/20250918T140504Z-links.md":  approvedComment + "Look:\n\n" + strings.Repeat("[a](b", 5000) + "\n",
		"comments/20250918T140505Z-big.md":    big,
		"comments/20250918T140506Z-reply.md":  "---\nauthor: Bo\ndate: 2025-09-19\nstatus: approved\nreply_to: quotes\n---\nSo true.\n",
		"mentions/20250918T141200Z-big.yaml":  mention,
		"mentions/20250918T141201Z-fine.yaml": okMention,
	})
	want := c + `20250918T140503Z-quotes.md:106:101: warning: comment: skipped, not published: block quotes and lists nest deeper than 100 levels here; no page needs that many, so flatten them
` + c + `20250918T140504Z-links.md:8:1: warning: comment: skipped, not published: this paragraph holds 10000 runs of link, emphasis and code marks in 25001 bytes, too many to parse in reasonable time; split it or escape the marks with \
` + c + `20250918T140505Z-big.md: warning: comment: skipped, not published: the file is 65586 bytes and records are limited to 64 KiB
` + m + `20250918T141200Z-big.yaml: warning: mention: skipped, not published: the file is 65768 bytes and records are limited to 64 KiB`
	if got := lines(diags); got != want {
		t.Errorf("diagnostics =\n%s\nwant\n%s", got, want)
	}
	// The reply stays a comment, as a reply to a pending one does, but no
	// thread shows it: the comment it answers is not there.
	var ids []string
	for _, c := range s.Comments {
		ids = append(ids, c.ID)
	}
	if got := strings.Join(ids, " "); got != "ok reply" {
		t.Errorf("Comments = %s; want ok reply", got)
	}
	if len(s.Threads) != 1 || s.Threads[0].ID != "ok" || len(s.Threads[0].Replies) != 0 {
		t.Errorf("Threads = %v; want only ok", s.Threads)
	}
	if len(s.Mentions) != 1 || !strings.HasSuffix(s.Mentions[0].File, "fine.yaml") {
		t.Errorf("Mentions = %v; want only fine.yaml", s.Mentions)
	}
}

func TestMentionNotUTF8(t *testing.T) {
	t.Parallel()
	s, diags := load(t, map[string]string{
		"mentions/20250918T141200Z-a1.yaml": okMention + "title: Caf\xe9 notes\n",
	})
	want := m + `20250918T141200Z-a1.yaml:10:11: mention: byte 0xe9 is not UTF-8; save the file as UTF-8`
	if got := lines(diags); got != want {
		t.Errorf("diagnostics =\n%s\nwant\n%s", got, want)
	}
	if len(s.Mentions) != 0 {
		t.Errorf("Mentions = %v; want none", s.Mentions)
	}
}
