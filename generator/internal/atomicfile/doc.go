// Package atomicfile replaces a file only once its new content is whole:
// the content goes to a temporary file beside it, which is then renamed
// over it. A reader sees the old file or the new one, never half of one,
// and a write that fails or is killed leaves the old file as it was (and
// at worst a stray temporary file, named after it with a leading dot).
// It keeps the files a build reads back next time: history's cache,
// output's record and the render cache's words file.
//
// atomicfile imports no generator package.
package atomicfile
