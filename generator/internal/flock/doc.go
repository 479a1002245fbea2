// Package flock says whether a folder or file that a build made is still
// in use. A build holds an advisory lock on what it is writing (a staging
// folder, a scratch pack, a pack being saved) for as long as it runs; the
// kernel drops the lock when the process dies, even by kill -9, so a later
// build that can take the lock knows the owner is gone and may remove what
// it left.
package flock
