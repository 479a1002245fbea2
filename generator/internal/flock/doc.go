// Package flock says whether a folder or file that a build made is still
// in use. A build holds an advisory lock on what it is writing (a staging
// folder, a scratch pack, a pack being saved) for as long as it runs; the
// kernel drops the lock when the process dies, even by kill -9, so a later
// build that can take the lock knows the owner is gone and may remove what
// it left.
//
// Hold takes a lock without waiting; Wait waits for one (output waits on
// the output's parent folder, so two builds of one folder do not clean
// or swap at once); Abandoned tells a caller that nothing live holds a
// path. Where the system has no advisory locks, Wait returns at once and
// a path is abandoned once nothing has changed it for a day.
//
// flock imports no generator package.
package flock
