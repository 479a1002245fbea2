// Package site builds a site: it loads the configuration, theme and
// content, analyzes them into one read-only model, renders every output
// file in parallel and writes them. It is the only package that composes
// the others (config, content, markdown, theme, feeds, history), converting
// between their small types.
//
// See ../doc.go for the phases and the rule that data produced by a phase
// is read-only afterwards.
package site
