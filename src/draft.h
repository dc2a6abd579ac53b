/* draft.h - a typeset report marked up as a proof (draft.c): a band on every
 * page, each finding as a comment on its line or cell, and the findings list
 * in front, each entry linking to its page. */
#ifndef PT_DRAFT_H
#define PT_DRAFT_H

#include "findings.h"
#include "model.h"
#include "page.h"

/* What the band on every page says. */
typedef struct pt_draft_info {
    const char *edition;   /* the edition's file name, "r6.xml" */
    const char *date;      /* "2026-11-30" */
    const char *hash;      /* short hash of the sources, "3f9a0c12d4e5" */
} pt_draft_info;

/* Marks up doc, the report r laid out with L: a comment for every finding of
 * f where it is (a highlight on the line that holds it, else a box on its
 * card's page, else on the first page), incomplete cards shaded, the
 * findings list on pages put in front (links and bookmarks move with the
 * pages), and the band on every page. False with ctx->err when a text cannot
 * be set. */
bool pt_draft_mark(pt_ctx *ctx, pt_doc *doc, const pt_layout *L, const pt_report *r,
                   const pt_findings *f, const pt_draft_info *info);

#endif
