package history

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"testing"
	"time"

	"github.com/accruehq/accrue/testkit/corpus"
)

// BenchmarkLog reads a generated blog's history, with as many revision
// commits as posts, and in the same run times a bare
//
//	git log --name-status > /dev/null
//
// over the same repository, the least git can do to list what changed.
// ns/op is Log's time; git-ns/op is the bare log's; x-git is their ratio,
// which should stay at most 1.5. Each iteration runs both, one after the
// other, so that a busy machine slows both alike. With 10,000 posts an
// iteration takes seconds, so ask for a few:
//
//	go test -run '^$' -bench BenchmarkLog -benchtime 3x ./generator/history
//
// Generating 10,000 posts with git takes about a minute; -short skips them.
func BenchmarkLog(b *testing.B) {
	if _, err := exec.LookPath("git"); err != nil {
		b.Skip("git is not installed: apt-get install git")
	}
	for _, n := range []int{1000, 10000} {
		b.Run(fmt.Sprintf("posts=%d", n), func(b *testing.B) {
			if n > 1000 && testing.Short() {
				b.Skip("generating 10,000 posts with git takes about a minute; run without -short")
			}
			dir := b.TempDir()
			if err := corpus.Write(dir, corpus.Options{Posts: n, Git: true, Revisions: n}); err != nil {
				b.Fatal(err)
			}
			devNull, err := os.OpenFile(os.DevNull, os.O_WRONLY, 0)
			if err != nil {
				b.Fatal(err)
			}
			defer devNull.Close()
			ctx := context.Background()
			var bare time.Duration
			for b.Loop() {
				h, err := Log(ctx, dir, "content", Options{})
				if err != nil {
					b.Fatal(err)
				}
				if len(h.Files) != n {
					b.Fatalf("Log found %d files; want %d", len(h.Files), n)
				}

				b.StopTimer()
				cmd := command(ctx, dir, "log", "--name-status")
				cmd.Stdout = devNull
				start := time.Now()
				if err := cmd.Run(); err != nil {
					b.Fatal(err)
				}
				bare += time.Since(start)
				b.StartTimer()
			}
			b.ReportMetric(float64(bare.Nanoseconds())/float64(b.N), "git-ns/op")
			b.ReportMetric(float64(b.Elapsed())/float64(bare), "x-git")
		})
	}
}
