// Package rendercache keeps rendered Markdown between builds. Rendering
// (goldmark, and chroma above all) is most of a build's work, and a post
// that did not change renders to the same HTML every time: the cache
// keeps each body's result (HTML, summary, headings, links, word count)
// in one pack file per site, keyed by the body's SHA-256, so the next
// build parses and highlights only what changed.
//
// A pack belongs to one renderer: its header carries an identity made of
// the renderer's options and a hash of the running program, so a new
// accrue (or a changed option) starts from an empty cache rather than
// trusting output rendered by other code. A pack that does not read
// back cleanly (truncated, corrupted: every pack carries a CRC) is
// ignored, never half used. Saving writes a new pack beside the old one
// and renames it into place, so two builds of one site at once leave one
// of their packs, whole. (On Windows the rename fails while another
// accrue has the pack open; that build keeps the old pack and says so.)
// The build writing a new pack holds it (internal/flock); a pack a killed
// build was writing is removed by the next save.
//
// Beside the pack, a words file keeps one small blob per body that the
// caller derives from its rendering (the search index's words: Words,
// PutWords), so a build that writes no page of a post need not load its
// body to derive it again (words.go).
//
// A build opens the cache (Open), renders through it (Render; Scan for a
// document that needs only headings, links and words), then calls Save
// once it no longer loads bodies, and Close. A hit leaves its HTML in the
// pack: Body loads it when a page needs it, so a build that writes few
// pages reads few bodies. Save keeps exactly the entries the build used,
// so a pack never grows past its site, and removes the packs of other
// sites unused for 30 days. A Cache is safe for concurrent use, and a nil
// *Cache renders every time and saves nothing.
//
// rendercache imports markdown, internal/flock and internal/atomicfile.
package rendercache
