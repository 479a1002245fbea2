package main

import (
	"context"
	"fmt"
	"os"
	"runtime/pprof"
	"time"

	"github.com/accruehq/accrue/generator/site"
	"github.com/accruehq/accrue/themes"
)

func main() {
	f, _ := os.Create("/tmp/cpu.prof")
	pprof.StartCPUProfile(f)
	t := time.Now()
	err := site.BuildDir("/dev/shm/pout", func(w site.Writer) error {
		st, _, err := site.Build(context.Background(), os.DirFS("/tmp/c10k"), w, site.Options{Now: time.Now(), Theme: themes.Default(), Dir: "/tmp/c10k"})
		fmt.Println(st)
		return err
	})
	pprof.StopCPUProfile()
	fmt.Println(err, time.Since(t))
}
