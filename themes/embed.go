package themes

import (
	"embed"
	"io/fs"
)

//go:embed default
var embedded embed.FS

// Default returns the default theme: layouts/, static/ and theme.toml at
// its root.
func Default() fs.FS {
	sub, err := fs.Sub(embedded, "default")
	if err != nil {
		panic(err) // "default" is embedded above, so Sub cannot fail
	}
	return sub
}
