package safelink

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"strings"
)

// maxHops bounds link chains, as the kernel's ELOOP does.
const maxHops = 40

// ErrOutside means a link leads out of the file system.
var ErrOutside = errors.New("symbolic link points outside the site")

// Check returns nil when name is not a symbolic link, or is a chain of
// relative links that ends inside fsys. fsys must implement fs.ReadLinkFS
// to follow links; one that cannot report links has none to check.
func Check(fsys fs.FS, name string) error {
	rl, ok := fsys.(fs.ReadLinkFS)
	if !ok {
		return nil
	}
	for range maxHops {
		info, err := rl.Lstat(name)
		if err != nil {
			return err
		}
		if info.Mode()&fs.ModeSymlink == 0 {
			return nil
		}
		target, err := rl.ReadLink(name)
		if err != nil {
			return err
		}
		if path.IsAbs(target) || strings.HasPrefix(target, `\`) || (len(target) > 1 && target[1] == ':') {
			return fmt.Errorf("%w (to %s)", ErrOutside, target)
		}
		next := path.Join(path.Dir(name), target)
		if !fs.ValidPath(next) {
			return fmt.Errorf("%w (to %s)", ErrOutside, target)
		}
		name = next
	}
	return fmt.Errorf("too many levels of symbolic links at %s", name)
}
