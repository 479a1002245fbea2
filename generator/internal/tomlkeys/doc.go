// Package tomlkeys finds where keys are written in a TOML document, so that
// errors found after decoding (a bad value, a key the program does not know)
// can still point at the line the user wrote. Package config finds the
// keys of accrue.toml with it, and package content those of TOML front
// matter.
//
// tomlkeys imports no generator package.
package tomlkeys
