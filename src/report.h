/* report.h - the report's pages: cover, contents, project overviews, cards,
 * driven by layouts/a4-report.xml. */
#ifndef PT_REPORT_H
#define PT_REPORT_H

#include "model.h"

/* Typesets the report into the PDF at out_path (written atomically).
 * False with ctx->err on failure; nothing is left at out_path then. */
bool pt_typeset(pt_ctx *ctx, const pt_report *r, const char *out_path);

#endif
