package pagecheck

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/chromedp/chromedp"
)

// Violation is one axe-core rule a page breaks, with the elements that
// break it.
type Violation struct {
	Rule   string `json:"id"`
	Impact string `json:"impact"` // minor, moderate, serious or critical
	Help   string `json:"help"`
	URL    string `json:"helpUrl"`
	Nodes  []struct {
		Target  []any  `json:"target"` // CSS selectors, nested for frames
		HTML    string `json:"html"`
		Summary string `json:"failureSummary"`
	} `json:"nodes"`
}

// Severe reports whether v is serious or critical: what fails a check.
func (v Violation) Severe() bool {
	return v.Impact == "serious" || v.Impact == "critical"
}

func (v Violation) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s (%s): %s <%s>", v.Rule, v.Impact, v.Help, v.URL)
	for _, n := range v.Nodes {
		fmt.Fprintf(&b, "\n\t%v %s\n\t\t%s", n.Target, n.HTML, strings.ReplaceAll(n.Summary, "\n", "\n\t\t"))
	}
	return b.String()
}

// Axe runs axe-core, whose source is script, over the page open in ctx
// as it is now (viewport and colour scheme included) and returns the
// rules it breaks.
func Axe(ctx context.Context, script string) ([]Violation, error) {
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[any](script+"\n;true")); err != nil {
		return nil, fmt.Errorf("loading axe-core: %v", err)
	}
	// Only violations: passes and incomplete results are large and
	// nothing here reads them.
	const run = `axe.run(document, {resultTypes: ["violations"]}).then(function (r) { return JSON.stringify(r.violations); })`
	res, err := chromedp.Run(ctx, chromedp.Evaluate[string](run, chromedp.EvalAwaitPromise))
	if err != nil {
		return nil, fmt.Errorf("running axe-core: %v", err)
	}
	var vs []Violation
	if err := json.Unmarshal([]byte(res), &vs); err != nil {
		return nil, fmt.Errorf("reading axe-core's results: %v", err)
	}
	return vs, nil
}
