package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/accruehq/accrue/generator/config"
	"github.com/accruehq/accrue/generator/report"
	"github.com/accruehq/accrue/generator/site"
)

var reportFormats = []string{"text", "markdown", "json", "csv", "html"}

func runReport(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fl := flag.NewFlagSet("report", flag.ContinueOnError)
	fl.SetOutput(stderr)
	sf := addSiteFlags(fl)
	asOf := fl.String("as-of", "", "compute every figure as of this date, YYYY-MM-DD or RFC 3339 (default now)")
	since := fl.String("since", "", `start of the "what changed" period, YYYY-MM-DD (default 30 days before --as-of)`)
	format := fl.String("format", "", "text, markdown, json, csv or html (default text, or from -o's extension)")
	out := fl.String("o", "", "write to this file instead of standard output")
	post := fl.String("post", "", "one post's statement: its slug, URL or source file")
	tableName := fl.String("table", "posts", "with --format csv: posts or timeline")
	warnings := fl.Bool("warnings", false, "print the site's warnings, not only how many there are")
	if err := parseFlags(fl, args); err != nil {
		return err
	}
	f, err := reportFormat(*format, *out)
	if err != nil {
		return err
	}
	if *tableName != "posts" && *tableName != "timeline" {
		return fmt.Errorf("--table %q: use posts or timeline", *tableName)
	}
	if *tableName != "posts" && f != "csv" {
		return errors.New("--table goes with --format csv")
	}
	// Dates are read in the blog's time zone, once the site is read; a
	// mistyped one is said before that work.
	for _, f := range []struct{ name, value string }{{"--as-of", *asOf}, {"--since", *since}} {
		if _, err := config.ParseDay(f.value, time.UTC, false); f.value != "" && err != nil {
			return fmt.Errorf("%s: %w", f.name, err)
		}
	}
	opts := sf.options()
	// The report's day is decided here, once: --as-of, else the
	// site's [report] as_of, else now. The site is read as of it.
	opts.Now, opts.AsOf = opts.Now.Truncate(time.Second), *asOf
	line := showProgress(&opts, stderr)
	in, diags, err := site.ReportInput(ctx, os.DirFS(*sf.source), opts)
	line.clear()
	if err := printDiags(stderr, diags, err, *warnings); err != nil {
		return err
	}
	o := report.Options{AsOf: in.AsOf}
	if *since != "" {
		if o.Since, err = config.ParseDay(*since, in.Location, false); err != nil {
			return fmt.Errorf("--since: %w", err)
		}
		if o.Since.After(o.AsOf) {
			return fmt.Errorf("--since %s is after the report's date", *since)
		}
	}
	var buf bytes.Buffer
	// On a terminal: colours unless NO_COLOR, and the text fits its width.
	text := report.TextOptions{Color: *out == "" && isTerminal(stdout) && os.Getenv("NO_COLOR") == ""}
	if *out == "" {
		text.Width = terminalWidth(stdout)
	}
	if *post != "" {
		st, ok := report.PostStatement(in, o, *post)
		if !ok {
			return fmt.Errorf("no post %q was published by the report's date (name it by slug, URL or file, e.g. %q)", *post, examplePost(in))
		}
		err = writeStatement(&buf, st, f, text)
	} else {
		err = writeReport(&buf, report.Compute(in, o), f, *tableName, text)
	}
	if err != nil {
		return err
	}
	if *out == "" {
		_, err = stdout.Write(buf.Bytes())
		return err
	}
	if err := writeFileAtomic(*out, buf.Bytes()); err != nil {
		return err
	}
	fmt.Fprintf(stderr, "wrote %s\n", *out)
	return nil
}

// reportFormat is the format asked for, or the one -o's extension names.
func reportFormat(format, out string) (string, error) {
	if format == "" {
		switch strings.ToLower(filepath.Ext(out)) {
		case ".html", ".htm":
			return "html", nil
		case ".md", ".markdown":
			return "markdown", nil
		case ".json":
			return "json", nil
		case ".csv":
			return "csv", nil
		}
		return "text", nil
	}
	for _, f := range reportFormats {
		if f == format {
			return f, nil
		}
	}
	return "", fmt.Errorf("--format %q: use %s", format, strings.Join(reportFormats, ", "))
}

func writeReport(w io.Writer, r *report.Report, format, table string, text report.TextOptions) error {
	switch format {
	case "markdown":
		return r.WriteMarkdown(w)
	case "json":
		return r.WriteJSON(w)
	case "csv":
		return r.WriteCSV(w, table)
	case "html":
		return r.WriteHTML(w)
	}
	return r.WriteText(w, text)
}

func writeStatement(w io.Writer, s *report.Statement, format string, text report.TextOptions) error {
	switch format {
	case "markdown":
		return s.WriteMarkdown(w)
	case "json":
		return s.WriteJSON(w)
	case "csv":
		return s.WriteCSV(w)
	case "html":
		return s.WriteHTML(w)
	}
	return s.WriteText(w, text)
}

func examplePost(in report.Input) string {
	if len(in.Posts) == 0 {
		return "hello-world"
	}
	return strings.Trim(in.Posts[0].URL, "/")
}

// writeFileAtomic replaces name with data only once data is fully
// written, so a failure never leaves half a report.
func writeFileAtomic(name string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(name), "."+filepath.Base(name)+".*")
	if err != nil {
		return err
	}
	_, err = tmp.Write(data)
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(tmp.Name(), 0o644)
	}
	if err == nil {
		err = os.Rename(tmp.Name(), name)
	}
	if err != nil {
		os.Remove(tmp.Name())
	}
	return err
}

// isTerminal reports whether w is a terminal, for colour and progress.
// terminalWidth is how wide the terminal w is, for text that fits it:
// COLUMNS when set, else what the terminal says; 0 when w is no terminal
// (a pipe or a file gets the full width, the same on every run).
func terminalWidth(w io.Writer) int {
	f, ok := w.(*os.File)
	if !ok || !isTerminal(w) {
		return 0
	}
	if n, err := strconv.Atoi(os.Getenv("COLUMNS")); err == nil && n > 0 {
		return n
	}
	return windowWidth(f)
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}
