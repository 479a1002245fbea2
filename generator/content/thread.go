package content

import (
	"fmt"
	"net/url"
	"strings"
)

// checkThread accepts the address of a post's announcement on a social
// network: an https URL, or for Bluesky an at:// URI. It becomes a link
// on the page, so nothing else (javascript:, a bare word) may pass.
func checkThread(s string, atURI bool, example string) error {
	if s == "" {
		return nil
	}
	if rest, ok := strings.CutPrefix(s, "at://"); ok && atURI {
		// A DID (did:plc:...) is not a host name url.Parse accepts.
		if rest != "" && !strings.ContainsAny(rest, " \t\"'<>") {
			return nil
		}
	}
	u, err := url.Parse(s)
	if err != nil || u.Host == "" || (u.Scheme != "https" && u.Scheme != "http" && !(atURI && u.Scheme == "at")) {
		return fmt.Errorf("want the post's address, such as %s, not %q", example, s)
	}
	return nil
}
