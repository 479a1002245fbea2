package webmention

import (
	"errors"
	"fmt"
	"net/netip"
	"strings"
	"syscall"
)

// ErrForbiddenAddress is returned when a URL leads to an address a sender
// must not reach: this machine, the local network, or anything that is
// not a public unicast address. A page could otherwise make accrue send
// requests into the network it runs in.
var ErrForbiddenAddress = errors.New("address not allowed")

// forbidden are the ranges no request may connect to, on top of what
// netip's predicates name (loopback, private, link-local, multicast,
// unspecified).
var forbidden = []netip.Prefix{
	netip.MustParsePrefix("0.0.0.0/8"),      // "this network"
	netip.MustParsePrefix("100.64.0.0/10"),  // carrier-grade NAT
	netip.MustParsePrefix("192.0.0.0/24"),   // IETF protocol assignments
	netip.MustParsePrefix("198.18.0.0/15"),  // benchmarking
	netip.MustParsePrefix("240.0.0.0/4"),    // reserved, and the broadcast address
	netip.MustParsePrefix("64:ff9b:1::/48"), // local-use NAT64
	netip.MustParsePrefix("100::/64"),       // discard-only
	netip.MustParsePrefix("2001:db8::/32"),  // documentation
	netip.MustParsePrefix("::/96"),          // IPv4-compatible (deprecated) forms
	netip.MustParsePrefix("fec0::/10"),      // site-local (deprecated)
	netip.MustParsePrefix("2001::/32"),      // Teredo: tunnels to an embedded address
}

// checkAddr says whether a connection to ip is allowed. loopback lets
// 127.0.0.0/8 and ::1 through, for tests, and nothing else.
func checkAddr(ip netip.Addr, loopback bool) error {
	ip = ip.Unmap() // ::ffff:10.0.0.1 is 10.0.0.1
	if ip.Is6() {
		// NAT64 and 6to4 addresses carry an IPv4 address that the
		// network in between reaches: judge that one.
		if nat64 := netip.MustParsePrefix("64:ff9b::/96"); nat64.Contains(ip) {
			b := ip.As16()
			return checkAddr(netip.AddrFrom4([4]byte(b[12:16])), false)
		}
		if sixToFour := netip.MustParsePrefix("2002::/16"); sixToFour.Contains(ip) {
			b := ip.As16()
			return checkAddr(netip.AddrFrom4([4]byte(b[2:6])), false)
		}
	}
	if loopback && ip.IsLoopback() {
		return nil
	}
	bad := !ip.IsValid() || ip.IsLoopback() || ip.IsPrivate() || ip.IsLinkLocalUnicast() || ip.IsMulticast() ||
		ip.IsLinkLocalMulticast() || ip.IsInterfaceLocalMulticast() || ip.IsUnspecified()
	for _, p := range forbidden {
		bad = bad || p.Contains(ip)
	}
	if bad {
		return fmt.Errorf("%w: %s is not a public address", ErrForbiddenAddress, ip)
	}
	return nil
}

// dialControl checks the address a connection is about to be made to,
// after DNS: a name that resolves to a private address, or changes its
// answer between two lookups, cannot get past it.
func dialControl(loopback bool) func(network, address string, _ syscall.RawConn) error {
	return func(network, address string, _ syscall.RawConn) error {
		if network != "tcp4" && network != "tcp6" {
			return fmt.Errorf("%w: network %s", ErrForbiddenAddress, network)
		}
		ap, err := netip.ParseAddrPort(address)
		if err != nil {
			return fmt.Errorf("%w: %s", ErrForbiddenAddress, address)
		}
		return checkAddr(ap.Addr(), loopback)
	}
}

// checkHost refuses, before any lookup, a host that is an IP address
// written in a form other than the usual one: 2130706433, 0x7f.1 or
// 0177.0.0.1 mean 127.0.0.1 to a browser and to the C resolver, and
// nothing good to a blog's link. The dial-time check stands behind it
// whatever a resolver makes of such a name.
func checkHost(host string, loopback bool) error {
	h := strings.TrimSuffix(strings.ToLower(host), ".")
	if h == "" {
		return fmt.Errorf("%w: no host", ErrForbiddenAddress)
	}
	if ip, err := netip.ParseAddr(strings.Trim(h, "[]")); err == nil {
		return checkAddr(ip, loopback)
	}
	if numericHost(h) {
		return fmt.Errorf("%w: %q is an IP address in an unusual form", ErrForbiddenAddress, host)
	}
	if h == "localhost" || strings.HasSuffix(h, ".localhost") {
		if loopback {
			return nil
		}
		return fmt.Errorf("%w: %s is this machine", ErrForbiddenAddress, host)
	}
	return nil
}

// numericHost reports whether every dot-separated label of h is a number
// (decimal, octal or 0x hex), which the WHATWG URL standard and inet_aton
// read as an IPv4 address.
func numericHost(h string) bool {
	for _, label := range strings.Split(h, ".") {
		if label == "" {
			return false
		}
		digits := label
		hex := false
		if strings.HasPrefix(label, "0x") {
			digits, hex = label[2:], true
		}
		for _, c := range digits {
			if !('0' <= c && c <= '9' || hex && ('a' <= c && c <= 'f')) {
				return false
			}
		}
	}
	return true
}
