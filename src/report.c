/* report.c - placeholder until the page templates land: typesetting is not
 * available yet, and says so. */
#include "report.h"

bool pt_typeset(pt_ctx *ctx, const pt_report *r, const char *out_path)
{
    (void)r;
    return pt_fail(ctx, "%s: typesetting is not implemented yet; the edition was validated "
                   "(use --check)", out_path);
}
