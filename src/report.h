/* report.h - the report's pages: cover, contents, project overviews, cards,
 * driven by layouts/a4-report.xml. */
#ifndef PT_REPORT_H
#define PT_REPORT_H

#include "model.h"

#include "layout.h"
#include "page.h"

/* Lays out the report with the layout file into doc (pages in arena). The
 * layout is returned in *layout (free with pt_layout_free, also on failure). */
bool pt_typeset_doc(pt_ctx *ctx, const pt_report *r, const char *layout_path, pt_arena *arena,
                    pt_doc *doc, pt_layout **layout);

/* How pt_typeset makes the PDF; all zero (or NULL) is the default. */
typedef struct pt_typeset_opts {
    bool no_sources;     /* leave the edition and the layout out of the PDF */
    bool have_date;      /* date is the creation date (else SOURCE_DATE_EPOCH, else now) */
    long long date;      /* seconds since the epoch */
    pt_buf *bytes;       /* when set, the PDF's bytes go here; out_path is not written */
} pt_typeset_opts;

/* Typesets the report into the PDF at out_path (written atomically) and
 * sets *npages (when not NULL) to its page count. Unless opts say otherwise,
 * the edition file and the layout file go into the PDF as its sources.
 * False with ctx->err on failure; nothing is left at out_path then. */
bool pt_typeset(pt_ctx *ctx, const pt_report *r, const char *layout_path, const char *out_path,
                const pt_typeset_opts *opts, int *npages);

#endif
