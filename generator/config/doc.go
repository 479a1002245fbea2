// Package config reads a site's accrue.toml into a typed Config: strict
// decoding (an unknown key is an error with its position and a "did you
// mean" hint), defaults for every key, and validation done once here so the
// rest of the build can trust the values. The [collect] tables configure
// accrue collect; a token written there is refused, since tokens come only
// from the environment.
//
// Load reads accrue.toml from a site's fs.FS (a missing file gives
// Default); Parse decodes TOML over a base, which is how package peers
// turns a Jekyll, Hugo or Zola configuration into one. Every problem comes
// back as a diag.List, positioned at the key (internal/tomlkeys). A Config
// is a plain value, read-only once loaded. ParseDay reads a day the way
// [report] as_of is read, for the days that arrive as flags (accrue
// report --as-of and --since).
//
// config imports only diag and internal/tomlkeys.
package config
