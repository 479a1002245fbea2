package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/accruehq/accrue/generator/importer"
	"github.com/accruehq/accrue/generator/site"
	"github.com/accruehq/accrue/themes"
)

// importers are the exports accrue import reads, by the word that names
// them on the command line.
var importers = map[string]func(ctx context.Context, root, file string, o importer.Options) (*importer.Result, error){
	"wordpress":   importer.WordPress,
	"disqus":      importer.Disqus,
	"webmentions": importer.Webmentions,
}

const importUsage = `usage: accrue import wordpress|disqus|webmentions EXPORT [--source DIR] [--dry-run] [--json]`

func runImport(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fl := flag.NewFlagSet("import", flag.ContinueOnError)
	fl.SetOutput(stderr)
	fl.Usage = func() {
		fmt.Fprintln(stderr, importUsage)
		fl.PrintDefaults()
	}
	source := fl.String("source", ".", "the site's folder")
	dryRun := fl.Bool("dry-run", false, "print what would be written, and write nothing")
	asJSON := fl.Bool("json", false, "print the result as JSON")
	// Flags may come before or after the two words, as in the README.
	var words []string
	for {
		if err := fl.Parse(args); err != nil {
			return errReported // the flag package printed why
		}
		if fl.NArg() == 0 {
			break
		}
		words = append(words, fl.Arg(0))
		args = fl.Args()[1:]
	}
	if len(words) != 2 {
		return fmt.Errorf("%s", importUsage)
	}
	run, ok := importers[words[0]]
	if !ok {
		return fmt.Errorf("unknown export %q; %s", words[0], importUsage)
	}
	progress := newProgressLine(stderr)
	opts := importer.Options{DryRun: *dryRun}
	if isTerminal(stderr) {
		opts.Progress = progress.show
	}
	if words[0] != "wordpress" {
		// Threads and mentions name posts by their addresses, which the
		// build assigns; a site that cannot be read yet has none.
		in, _, err := site.ReadInbound(ctx, os.DirFS(*source), site.Options{Now: time.Now(), Dir: *source, Theme: themes.Default()})
		if err == nil {
			opts.Permalinks = map[string]string{}
			for _, p := range in.Posts {
				opts.Permalinks[p.Folder] = p.URLs[0]
			}
		}
	}
	res, err := run(ctx, *source, words[1], opts)
	progress.clear()
	if err != nil {
		return err
	}
	if *asJSON {
		return writeJSON(stdout, res)
	}
	return res.WriteTable(stdout)
}
