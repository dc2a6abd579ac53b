/* outfile.h - writing the output file safely: never over an input, never
 * over something that is not a regular file, never half-written, and no
 * temporary left behind. */
#ifndef PT_OUTFILE_H
#define PT_OUTFILE_H

#include "base.h"

/* Checks, before any work, that path may be written: it is not one of the
 * inputs (NULL-terminated list of paths; same device and inode, so other
 * names and links of an input count), and if it exists it is a regular file
 * (a symbolic link counts as its target). False with ctx->err (status 1). */
bool pt_output_check(pt_ctx *ctx, const char *path, const char *const *inputs);

/* Writes bytes[0..n) to path atomically: into an unnamed file in the target's
 * folder (O_TMPFILE; where the file system lacks it, a file named
 * "NAME.tmp-PID-XXXXXX"), synced, given its name and renamed over the target,
 * then the folder synced. A symbolic link is written through to its target;
 * a link to a missing file is refused. Stale "NAME.tmp-PID-…" files of runs
 * that no longer exist are removed first. On failure nothing changes at path
 * and no temporary remains. False with ctx->err (status 1). */
bool pt_write_atomic(pt_ctx *ctx, const char *path, const void *bytes, size_t n);

#endif
