package main

import (
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/accruehq/accrue/generator/content"
	"github.com/accruehq/accrue/generator/markdown"
)

func main() {
	files, _ := filepath.Glob("/tmp/c10k/content/posts/*.md")
	var bodies [][]byte
	for _, f := range files {
		src, _ := os.ReadFile(f)
		_, _, body, _, _ := content.Split(src)
		bodies = append(bodies, body)
	}
	r := markdown.New(markdown.Options{Typographer: true})
	for _, par := range []int{1, 2} {
		t := time.Now()
		ch := make(chan []byte)
		var wg sync.WaitGroup
		for range par {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for b := range ch {
					r.Render(b)
				}
			}()
		}
		for _, b := range bodies {
			ch <- b
		}
		close(ch)
		wg.Wait()
		fmt.Println(par, time.Since(t))
	}
}
