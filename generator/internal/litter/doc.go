// Package litter names the files editors and downloads leave beside the
// ones a blogger writes: swap and backup files, probes, half-saved
// versions. They are no posts, no resources, no templates and no static
// files, and the dev server does not rebuild when they change. Hidden
// files (a leading ".") count too: .DS_Store, .git, a .swp.
//
// One list, so that a build, the dev server's watcher and every reader of
// a folder agree on what is not the site.
//
// litter imports no generator package.
package litter
