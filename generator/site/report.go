package site

import (
	"context"
	"io/fs"

	"github.com/accruehq/accrue/generator/accounts"
	"github.com/accruehq/accrue/generator/diag"
)

// ReportPath is where the report is published when accrue.toml asks for
// it, and where the dev server shows it.
const ReportPath = "_accrue/report/index.html"

// ReportInput reads the site in src as Ledger does and returns what the
// value report is computed from, as of the day Options decide.
func ReportInput(ctx context.Context, src fs.FS, o Options) (accounts.ReportInput, diag.List, error) {
	b, diags, err := connectOnly(ctx, src, o)
	if err != nil {
		return accounts.ReportInput{}, diags, err
	}
	return b.reportInput(), diags, nil
}

// ReportInput gathers the report's input from the last good build when
// called; ok is false before there is one. Gathering walks every post, so
// the dev server leaves it until the report is asked for: its rebuilds
// after a save take a few milliseconds, and this would double them. The
// build it reads is not changed by later ones in anything it reads.
func (inc *Incremental) ReportInput() (gather func() accounts.ReportInput, ok bool) {
	b := inc.prev
	if b == nil || b.site == nil || b.site.Accounts() == nil {
		return nil, false
	}
	return b.reportInput, true
}

func (b *builder) reportInput() accounts.ReportInput {
	return b.site.Accounts().Report(b.cfg, b.asOf)
}

// publishedReport is the report as of the build, for [report] publish.
func (b *builder) publishedReport() ([]byte, error) {
	return b.site.Accounts().ReportHTML(b.cfg, b.asOf)
}
