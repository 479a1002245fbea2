// Command accrue builds a blog from Markdown and keeps the ledger of what
// each post earns over time.
//
//	accrue build      build the site into public/
//	accrue serve      the dev server, with live reload (package server)
//	accrue ledger     every post's dated events, as JSON lines or CSV
//	accrue report     the value report, as of a date (package report)
//	accrue send       send webmentions for the links posts make (package webmention)
//	accrue import     WordPress, Disqus and webmention.io exports to files (package importer)
//	accrue collect    replies from webmention.io, Mastodon, Bluesky and GitHub, as files (package collect)
//	accrue new post   start a post in the site's posts section
//	accrue migrate    move a Jekyll, Hugo or Zola blog into accrue's layout (package peers), in one git commit
//	accrue version    print the version
//
// main stays thin: run(ctx, args, stdout, stderr) does the work, which
// the scripts in testdata/script drive through testscript (main_test.go).
// A command returns an error and exits 1; problems already printed with
// their positions come back as errReported, so they are not printed twice.
// The first Ctrl-C or SIGTERM cancels the command's context and a second,
// or stopGrace later, ends the process: nothing replaces the output until
// a build has finished, and the next build removes what a killed one left.
//
// The commands that read a site build it through package site; build
// writes through package output. The writers of the blog's data (send,
// import, collect, migrate) sit beside the build: they write files the
// build then reads like any other.
package main
