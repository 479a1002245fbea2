package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"text/tabwriter"

	"github.com/accruehq/accrue/generator/site"
	"github.com/accruehq/accrue/generator/webmention"
)

// allowLoopbackEnv lets accrue send reach 127.0.0.0/8 and ::1, and no
// other private address. It exists for tests, whose receivers listen on
// this machine; no flag offers it.
const allowLoopbackEnv = "ACCRUE_SEND_ALLOW_LOOPBACK"

// sendSummary counts what a run of accrue send did.
type sendSummary struct {
	Sent          int `json:"sent"`
	Unchanged     int `json:"unchanged"`
	NoEndpoint    int `json:"no_endpoint"`
	Failed        int `json:"failed"`
	RemovedResent int `json:"removed_resent"`
	// Forgotten are removed links that never had an endpoint: they leave
	// the state without a request.
	Forgotten int `json:"forgotten"`
}

// sentMention is one mention in --json output.
type sentMention struct {
	Source   string `json:"source"`
	Target   string `json:"target"`
	Reason   string `json:"reason"`
	Status   string `json:"status,omitempty"` // empty in a dry run
	Endpoint string `json:"endpoint,omitempty"`
	Code     int    `json:"code,omitempty"`
	Error    string `json:"error,omitempty"`
}

func runSend(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fl := flag.NewFlagSet("send", flag.ContinueOnError)
	fl.SetOutput(stderr)
	// Never drafts or future posts: a mention tells another site about a
	// published page.
	sf := addPublishedSiteFlags(fl)
	dryRun := fl.Bool("dry-run", false, "list what would be sent, without any network access and without changing the state file")
	asJSON := fl.Bool("json", false, "print the result as JSON")
	warnings := fl.Bool("warnings", false, "print the site's warnings, not only how many there are")
	if err := parseFlags(fl, args); err != nil {
		return err
	}
	opts := sf.options()
	line := showProgress(&opts, stderr)
	outbound, diags, err := site.Outbound(ctx, os.DirFS(*sf.source), opts)
	line.clear()
	if err := printDiags(stderr, diags, err, *warnings); err != nil {
		return err
	}
	posts := make([]webmention.Post, 0, len(outbound))
	for _, p := range outbound {
		if len(p.Links) > 0 {
			if err := checkPublished(p.Permalink); err != nil {
				return err
			}
		}
		posts = append(posts, webmention.Post{Source: p.Permalink, Version: p.Version, Links: p.Links})
	}
	statePath := filepath.Join(*sf.source, filepath.FromSlash(webmention.StatePath))
	st, err := webmention.LoadState(statePath)
	if err != nil {
		return err
	}
	plan := webmention.MakePlan(posts, st)
	sum := sendSummary{Unchanged: plan.Unchanged, Forgotten: len(plan.Forgotten)}

	if *dryRun {
		mentions := make([]sentMention, len(plan.Jobs))
		for i, j := range plan.Jobs {
			mentions[i] = sentMention{Source: j.Source, Target: j.Target, Reason: j.Reason.String()}
		}
		if *asJSON {
			return writeJSON(stdout, struct {
				DryRun    bool          `json:"dry_run"`
				Planned   []sentMention `json:"planned"`
				Unchanged int           `json:"unchanged"`
				Forgotten int           `json:"forgotten"`
			}{true, mentions, sum.Unchanged, sum.Forgotten})
		}
		tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
		for _, m := range mentions {
			fmt.Fprintf(tw, "would send\t%s\t%s -> %s\n", m.Reason, m.Source, m.Target)
		}
		tw.Flush()
		fmt.Fprintf(stdout, "dry run: %d to send, %d unchanged, %d removed without an endpoint to forget; nothing was fetched or sent\n",
			len(mentions), sum.Unchanged, sum.Forgotten)
		return nil
	}

	st.Forget(plan.Forgotten)
	sender := webmention.New(webmention.Options{AllowLoopback: os.Getenv(allowLoopbackEnv) == "1"})
	progress := newProgressLine(stderr)
	var show func(done, total int)
	if isTerminal(stderr) {
		show = func(done, total int) { progress.show("sending webmentions", done, total) }
	}
	outcomes := sender.Run(ctx, plan.Jobs, st, show)
	progress.clear()
	// What was sent is saved even when the run was stopped: the rest
	// goes next time.
	if err := st.Save(statePath); err != nil {
		return fmt.Errorf("saving what was sent: %w", err)
	}
	mentions := make([]sentMention, len(outcomes))
	for i, o := range outcomes {
		m := sentMention{Source: o.Source, Target: o.Target, Reason: o.Reason.String(), Status: o.Status.String(), Endpoint: o.Endpoint, Code: o.Code}
		if o.Err != nil {
			m.Error = o.Err.Error()
		}
		mentions[i] = m
		switch {
		case o.Status == webmention.StatusFailed:
			sum.Failed++
		case o.Reason == webmention.ReasonRemoved:
			sum.RemovedResent++
		case o.Status == webmention.StatusSent:
			sum.Sent++
		case o.Status == webmention.StatusNoEndpoint:
			sum.NoEndpoint++
		}
	}
	if *asJSON {
		if err := writeJSON(stdout, struct {
			Mentions []sentMention `json:"mentions"`
			Summary  sendSummary   `json:"summary"`
		}{mentions, sum}); err != nil {
			return err
		}
	} else {
		tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
		for _, m := range mentions {
			if m.Status != "failed" {
				fmt.Fprintf(tw, "%s\t%s\t%s -> %s\n", m.Status, m.Reason, m.Source, m.Target)
			}
		}
		tw.Flush()
		writeSendSummary(stdout, sum)
	}
	for _, m := range mentions {
		if m.Error != "" {
			fmt.Fprintf(stderr, "failed: %s -> %s: %s\n", m.Source, m.Target, m.Error)
		}
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	if sum.Failed > 0 {
		fmt.Fprintf(stderr, "%d %s failed; the next accrue send tries again\n", sum.Failed, plural(sum.Failed, "mention", "mentions"))
		return errReported
	}
	return nil
}

func writeSendSummary(w io.Writer, s sendSummary) {
	for _, row := range []struct {
		name string
		n    int
	}{
		{"sent", s.Sent}, {"unchanged", s.Unchanged}, {"no endpoint", s.NoEndpoint},
		{"failed", s.Failed}, {"removed, resent", s.RemovedResent}, {"removed, forgotten", s.Forgotten},
	} {
		fmt.Fprintf(w, "%-19s %5d\n", row.name, row.n)
	}
}

func writeJSON(w io.Writer, v any) error {
	data, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return err
	}
	_, err = w.Write(append(data, '\n'))
	return err
}

// checkPublished refuses to send from a site whose posts have no public
// address: a receiver must fetch the source to verify the mention.
func checkPublished(permalink string) error {
	u, err := url.Parse(permalink)
	host := ""
	if err == nil {
		host = strings.ToLower(u.Hostname())
	}
	if err != nil || u.Scheme != "http" && u.Scheme != "https" || host == "" || host == "localhost" ||
		strings.HasPrefix(host, "127.") || host == "::1" {
		return errors.New("the posts' address " + permalink + " is not a public one: set base_url in accrue.toml to where the site is published, so receivers can fetch the posts that mention them")
	}
	return nil
}
