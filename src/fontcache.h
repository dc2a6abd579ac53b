/* fontcache.h - the SHA-256 of font files, remembered between runs.
 *
 * A PDF records which font files it was set with (the XMP font manifest,
 * pdf_archive.c), by their SHA-256. Hashing the two 4.6 MB faces costs 6-7 ms
 * of CPU in every run, on a thread that shares the two cores with the
 * layout. So a hash, once computed, is kept in a small text file,
 * $XDG_CACHE_HOME/plantype/font-sha256 (else ~/.cache/plantype/...), one
 * line per font file: the hash and the file's identity as stat(2) gives it
 * (device, inode, size, modification and status-change times to the
 * nanosecond). The status-change time moves whenever the file's content or
 * metadata changes, and no user can set it back, so a line whose identity
 * matches the file's is the hash of the file as it is now. A missing,
 * unreadable or unwritable cache only means the hash is computed again;
 * nothing is reported. */
#ifndef PT_FONTCACHE_H
#define PT_FONTCACHE_H

#include "base.h"

#include <sys/stat.h>

/* The remembered hash of the file whose identity is st, into hex (64
 * lower-case hex digits and a NUL). False when there is none. */
bool pt_fontcache_get(const struct stat *st, char hex[65]);

/* Remembers hex as the hash of the file whose identity is st (replacing
 * what was remembered for the same device and inode). Best effort. */
void pt_fontcache_put(const struct stat *st, const char *hex);

#endif
