package fastimport

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strings"
)

// Write makes a repository on branch main in dir, runs git fast-import
// with the stream that stream writes, and checks out main so the work
// tree holds the last commit's files. Errors writing to w come back from
// the final flush; stream need not check them.
func Write(dir string, stream func(w *bufio.Writer) error) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	if _, err := Git(dir, "init", "-q", "-b", "main"); err != nil {
		return err
	}
	cmd := Command(dir, "fast-import", "--quiet")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	stdin, err := cmd.StdinPipe()
	if err != nil {
		return fmt.Errorf("git fast-import: %w", err)
	}
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("git fast-import: %w", err)
	}
	w := bufio.NewWriterSize(stdin, 1<<20)
	err = stream(w)
	if err == nil {
		err = w.Flush()
	}
	err = errors.Join(err, stdin.Close())
	if werr := cmd.Wait(); werr != nil {
		return fmt.Errorf("git fast-import: %w: %s", werr, bytes.TrimSpace(stderr.Bytes()))
	}
	if err != nil {
		return fmt.Errorf("git fast-import: %w", err)
	}
	_, err = Git(dir, "checkout", "-q", "-f", "main")
	return err
}

// Command returns git with args to run in dir, without the user's or
// the system's configuration and without the caller's GIT_ variables,
// such as GIT_DIR set by a hook: settings like core.autocrlf must not
// change the history, and no identity has to be set up.
func Command(dir string, args ...string) *exec.Cmd {
	cmd := exec.Command("git", append([]string{"-C", dir}, args...)...)
	env := make([]string, 0, len(os.Environ())+8)
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "GIT_") || strings.HasPrefix(kv, "GIT_EXEC_PATH=") {
			env = append(env, kv)
		}
	}
	cmd.Env = append(env, "GIT_CONFIG_NOSYSTEM=1", "GIT_CONFIG_GLOBAL="+os.DevNull, "GIT_TERMINAL_PROMPT=0",
		"GIT_AUTHOR_NAME=Author", "GIT_AUTHOR_EMAIL=author@example.com",
		"GIT_COMMITTER_NAME=Author", "GIT_COMMITTER_EMAIL=author@example.com")
	return cmd
}

// Git runs git with args in dir as Command does and returns its standard
// output; a failure carries git's own message.
func Git(dir string, args ...string) ([]byte, error) {
	out, err := Command(dir, args...).Output()
	if err != nil {
		var stderr []byte
		if ee, ok := errors.AsType[*exec.ExitError](err); ok {
			stderr = bytes.TrimSpace(ee.Stderr)
		}
		return out, fmt.Errorf("git %s: %w: %s", strings.Join(args, " "), err, stderr)
	}
	return out, nil
}
