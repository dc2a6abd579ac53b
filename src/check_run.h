/* check_run.h - `plantype --check`: load an edition and its layout, run every
 * rule, and report the findings (check_run.c). */
#ifndef PT_CHECK_RUN_H
#define PT_CHECK_RUN_H

#include "findings.h"
#include "model.h"

/* Checks the edition at path with the layout at layout_path into out (sorted
 * by place): a file the loader refuses gives one "load" finding; otherwise
 * every data and text rule, the fonts' coverage and the layout's fitting.
 * final makes incomplete cards errors; old (when not NULL) is a previous
 * draft whose differences are added as notes (diff.h). Returns PT_EXIT_INVALID when there are
 * errors, PT_EXIT_OK when not, PT_EXIT_IO (ctx->err set) when a file cannot
 * be read. Messages and the loaded edition (*report when report is not NULL;
 * NULL when it could not be loaded) live in arena. */
int pt_check_edition(pt_ctx *ctx, pt_arena *arena, const char *path, const char *layout_path,
                     bool final, const char *old, pt_findings *out, pt_report **report);

#endif
