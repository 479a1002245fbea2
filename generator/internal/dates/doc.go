// Package dates reads the dates people write by hand in front matter,
// comments and mentions, one way for all of them, and keeps them to the
// years a blog can mean (MinYear to MaxYear). Parse reads a date; Check
// bounds a date a decoder read by its own rules (TOML's date values), so
// both read the same.
//
// dates imports no generator package.
package dates
