package site_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strconv"
	"testing"
	"time"

	"github.com/accruehq/accrue/generator/output"
	"github.com/accruehq/accrue/generator/report"
	"github.com/accruehq/accrue/generator/site"
	"github.com/accruehq/accrue/testkit/corpus"
	"github.com/accruehq/accrue/themes"
)

// BenchmarkBuild builds a generated blog (the shape of a real one: front
// matter, tags, code blocks, tables, footnotes, links between posts) into
// a folder, as accrue build does, and reports wall time per build and the
// peak resident memory of the build. cache=off builds without the render
// cache; cold starts each build from an empty one (the first build of a
// site); warm from the pack the previous build left (every later build);
// kept also keeps the output folder and its record, and edits one post's
// text before each build (a blogger's rebuild after an edit: only what
// changed is written).
//
//	go test -run '^$' -bench Build -benchtime 3x ./generator/site
func BenchmarkBuild(b *testing.B) {
	for _, posts := range []int{1000, 10000} {
		for _, cache := range []string{"off", "cold", "warm", "kept"} {
			b.Run(fmt.Sprintf("posts=%d/cache=%s", posts, cache), func(b *testing.B) {
				src := writeCorpus(b, posts)
				dest := filepath.Join(b.TempDir(), "public")
				opts := site.Options{Now: time.Now(), Theme: themes.Default(), Dir: src}
				if cache != "off" {
					opts.CacheDir = filepath.Join(b.TempDir(), "cache")
				}
				var record string
				if cache == "kept" {
					record = filepath.Join(opts.CacheDir, "outputs", "public")
				}
				build := func() {
					err := output.BuildDir(dest, output.Options{Record: record}, func(w *output.DirWriter) error {
						_, _, err := site.Build(context.Background(), os.DirFS(src), w, opts)
						return err
					})
					if err != nil {
						b.Fatal(err)
					}
				}
				if cache == "warm" || cache == "kept" {
					build()
				}
				posts, _ := filepath.Glob(filepath.Join(src, "content", "posts", "*.md"))
				var peak int64
				b.ResetTimer()
				for i := range b.N {
					b.StopTimer()
					if cache == "kept" {
						appendText(b, posts[i%len(posts)], "\nOne more paragraph, added.\n")
					} else {
						os.RemoveAll(dest)
					}
					if cache == "cold" {
						os.RemoveAll(opts.CacheDir)
					}
					runtime.GC()
					debug.FreeOSMemory()
					resetPeakRSS()
					b.StartTimer()
					build()
					peak = max(peak, peakRSS())
				}
				if peak > 0 {
					b.ReportMetric(float64(peak)/(1<<20), "peak-MB")
				}
			})
		}
	}
}

func appendText(b *testing.B, name, text string) {
	f, err := os.OpenFile(name, os.O_APPEND|os.O_WRONLY, 0)
	if err == nil {
		_, err = f.WriteString(text)
		err = errors.Join(err, f.Close())
	}
	if err != nil {
		b.Fatal(err)
	}
}

// writeCorpus generates a blog of posts posts for a benchmark; -short
// keeps to small ones.
func writeCorpus(b *testing.B, posts int) string {
	b.Helper()
	if posts > 1000 && testing.Short() {
		b.Skip("-short")
	}
	src := b.TempDir()
	if err := corpus.Write(src, corpus.Options{Posts: posts}); err != nil {
		b.Fatal(err)
	}
	return src
}

// resetPeakRSS resets the kernel's high-water mark of this process's
// resident memory (Linux), so peakRSS measures one build.
func resetPeakRSS() {
	_ = os.WriteFile("/proc/self/clear_refs", []byte("5"), 0) // not Linux: peakRSS reports 0
}

// peakRSS returns VmHWM in bytes, or 0 where /proc is missing.
func peakRSS() int64 {
	data, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range bytes.Split(data, []byte("\n")) {
		if v, ok := bytes.CutPrefix(line, []byte("VmHWM:")); ok {
			kb, err := strconv.ParseInt(string(bytes.TrimSpace(bytes.TrimSuffix(bytes.TrimSpace(v), []byte("kB")))), 10, 64)
			if err != nil {
				return 0
			}
			return kb << 10
		}
	}
	return 0
}

// BenchmarkIncrementalEdit measures the dev server's rebuild after one
// post's body is edited, on a generated blog.
//
//	go test -run '^$' -bench IncrementalEdit ./generator/site
func BenchmarkIncrementalEdit(b *testing.B) {
	for _, posts := range []int{1000, 10000} {
		b.Run(fmt.Sprintf("posts=%d", posts), func(b *testing.B) {
			src := writeCorpus(b, posts)
			opts := site.Options{Now: time.Now(), Theme: themes.Default(), Dir: src}
			inc := site.NewIncremental(os.DirFS(src), opts)
			if _, _, err := inc.Build(context.Background(), opts, nil); err != nil {
				b.Fatal(err)
			}
			names, err := filepath.Glob(filepath.Join(src, "content", "posts", "*.md"))
			if err != nil || len(names) == 0 {
				b.Fatal("no posts", err)
			}
			file := names[len(names)/2]
			orig, err := os.ReadFile(file)
			if err != nil {
				b.Fatal(err)
			}
			rel, _ := filepath.Rel(src, file) // file is under src
			changed := []string{filepath.ToSlash(rel)}
			b.ResetTimer()
			for i := range b.N {
				b.StopTimer()
				if err := os.WriteFile(file, fmt.Appendf(append([]byte(nil), orig...), "\n\nEdit %d.\n", i), 0o644); err != nil {
					b.Fatal(err)
				}
				b.StartTimer()
				if _, _, err := inc.Build(context.Background(), opts, changed); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(inc.Last.Rendered), "files-rendered")
		})
	}
}

// BenchmarkLedger builds the ledger of a generated blog with a git
// history of as many revision commits as posts (history, comments and
// mentions, links, events) and, in the same run, times a bare
//
//	git log --name-status > /dev/null
//
// over the same repository. ns/op is the ledger's time, git-ns/op the bare
// log's and x-git their ratio. Generating 10,000 posts with git takes
// about a minute; -short keeps to 1,000.
//
//	go test -run '^$' -bench Ledger -benchtime 3x ./generator/site
func BenchmarkLedger(b *testing.B) {
	forGitCorpus(b, func(b *testing.B, posts int, src string) {
		opts := site.Options{Now: time.Date(2026, 7, 1, 0, 0, 0, 0, time.UTC), Theme: themes.Default(), Dir: src}
		var bare time.Duration
		for b.Loop() {
			l, _, err := site.Ledger(context.Background(), os.DirFS(src), opts)
			if err != nil {
				b.Fatal(err)
			}
			if len(l.Events) < posts {
				b.Fatalf("ledger has %d events for %d posts", len(l.Events), posts)
			}
			b.StopTimer()
			cmd := exec.Command("git", "log", "--name-status")
			cmd.Dir = src
			start := time.Now()
			if err := cmd.Run(); err != nil {
				b.Fatal(err)
			}
			bare += time.Since(start)
			b.StartTimer()
		}
		gitNs := float64(bare.Nanoseconds()) / float64(b.N)
		b.ReportMetric(gitNs, "git-ns/op")
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/gitNs, "x-git")
	})
}

// forGitCorpus runs bench on generated blogs of 1,000 and 10,000 posts
// with a git history of as many revision commits as posts. -short keeps
// to 1,000.
func forGitCorpus(b *testing.B, bench func(b *testing.B, posts int, src string)) {
	if _, err := exec.LookPath("git"); err != nil {
		b.Skip("git is not installed: apt-get install git")
	}
	for _, posts := range []int{1000, 10000} {
		b.Run(fmt.Sprintf("posts=%d", posts), func(b *testing.B) {
			if posts > 1000 && testing.Short() {
				b.Skip("-short")
			}
			src := b.TempDir()
			if err := corpus.Write(src, corpus.Options{Posts: posts, Git: true, Revisions: posts}); err != nil {
				b.Fatal(err)
			}
			bench(b, posts, src)
		})
	}
}

// BenchmarkReport makes the value report of the blog BenchmarkLedger
// reads (the ledger, then the report computed and written as HTML and as
// text) and, in the same run, builds the ledger alone. ns/op is the whole
// report's time and ledger-ns/op the ledger's; report-s is the report's
// own work once its input is read (computing and writing), and extra-s
// the whole report's time minus the ledger's. Both runs read git, whose
// time here drifts by a second from run to run, so extra-s is noisy and
// report-s is the figure to watch.
//
//	go test -run '^$' -bench Report -benchtime 3x ./generator/site
func BenchmarkReport(b *testing.B) {
	forGitCorpus(b, func(b *testing.B, posts int, src string) {
		now := time.Date(2026, 7, 1, 0, 0, 0, 0, time.UTC)
		opts := site.Options{Now: now, Theme: themes.Default(), Dir: src}
		var ledgerTime, reportTime time.Duration
		for i := 0; b.Loop(); i++ {
			if i%2 == 1 { // alternate, so drift hits both alike
				ledgerTime += timeLedger(b, src, opts)
			}
			in, _, err := site.ReportInput(context.Background(), os.DirFS(src), opts)
			if err != nil {
				b.Fatal(err)
			}
			start := time.Now()
			r := report.Compute(in, report.Options{AsOf: now})
			if len(r.Posts) != len(in.Posts) || len(r.Posts) < posts*9/10 {
				b.Fatalf("report has %d posts of %d published, %d generated", len(r.Posts), len(in.Posts), posts)
			}
			if err := r.WriteHTML(io.Discard); err != nil {
				b.Fatal(err)
			}
			if err := r.WriteText(io.Discard, report.TextOptions{}); err != nil {
				b.Fatal(err)
			}
			reportTime += time.Since(start)
			if i%2 == 0 {
				ledgerTime += timeLedger(b, src, opts)
			}
		}
		ledgerNs := float64(ledgerTime.Nanoseconds()) / float64(b.N)
		b.ReportMetric(ledgerNs, "ledger-ns/op")
		b.ReportMetric(reportTime.Seconds()/float64(b.N), "report-s")
		b.ReportMetric((float64(b.Elapsed().Nanoseconds())/float64(b.N)-ledgerNs)/1e9, "extra-s")
	})
}

// timeLedger builds the ledger alone, off the benchmark's clock.
func timeLedger(b *testing.B, src string, opts site.Options) time.Duration {
	b.StopTimer()
	defer b.StartTimer()
	start := time.Now()
	if _, _, err := site.Ledger(context.Background(), os.DirFS(src), opts); err != nil {
		b.Fatal(err)
	}
	return time.Since(start)
}
