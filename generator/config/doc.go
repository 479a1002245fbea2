// Package config reads a site's accrue.toml into a typed Config: strict
// decoding (an unknown key is an error with its position and a "did you
// mean" hint), defaults for every key, and validation done once here so the
// rest of the build can trust the values. The [collect] tables configure
// accrue collect; a token written there is refused, since tokens come only
// from the environment.
//
// config imports only diag and its own internal helpers.
package config
