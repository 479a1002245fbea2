// Package themes embeds the default theme in the accrue binary, so a site
// with only content/ builds anywhere accrue is installed.
package themes
