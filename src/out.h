/* out.h - the drawing interface between layout and output backends.
 *
 * Layout produces positioned glyphs and rules; a backend draws them. Units are
 * PDF points, origin at the bottom-left of the page, y up. A backend never
 * measures text; layout never calls a PDF library. */
#ifndef PT_OUT_H
#define PT_OUT_H

#include "base.h"
#include "font.h"

typedef struct pt_rgb { float r, g, b; } pt_rgb;   /* 0..1 each */

/* One glyph of a run. x is the pen position relative to the run origin, in
 * points; text[cluster_start..cluster_end) is the source text this glyph
 * stands for (empty range for the second and later glyphs of a cluster). */
typedef struct pt_draw_glyph {
    uint32_t gid;
    float x, y;
    uint32_t text_start, text_end;
} pt_draw_glyph;

/* ---- structure (tagged PDF) ----
 * What each drawn item is: content of a structure element (a heading, a
 * paragraph, a table cell ...) or an artifact (decoration, page numbers).
 * The elements form a tree in reading order; element 0 is the Document. */
typedef enum pt_role {
    PT_ROLE_DOCUMENT, PT_ROLE_SECT, PT_ROLE_H1, PT_ROLE_H2, PT_ROLE_P,
    PT_ROLE_TOC, PT_ROLE_TOCI, PT_ROLE_LINK,
    PT_ROLE_TABLE, PT_ROLE_TR, PT_ROLE_TH, PT_ROLE_TD,
    PT_ROLE_L, PT_ROLE_LI, PT_ROLE_LBL, PT_ROLE_LBODY, PT_ROLE_FIGURE,
    PT_ROLE_COUNT
} pt_role;

typedef enum pt_scope { PT_SCOPE_NONE, PT_SCOPE_ROW, PT_SCOPE_COLUMN } pt_scope;

typedef struct pt_struct_elem {
    pt_role role;
    const char *alt;         /* Figure: its text alternative (/Alt); Link: what the
                                link leads to (the annotation's /Contents); Sect:
                                its title (/T); else NULL */
    pt_scope scope;          /* TH: the cells it heads */
    int colspan;             /* TH, TD: columns spanned (0 or 1: one) */
    const int *kids;         /* child elements in reading order */
    size_t nkids;
} pt_struct_elem;

/* What the items that follow a mark are. */
typedef enum pt_artifact { PT_ART_NONE, PT_ART_LAYOUT, PT_ART_PAGINATION } pt_artifact;
/* A comment on an area of a page, as a PDF annotation shows it in a reader's
 * comments pane: a highlight over a line of text, or a box around a cell. */
typedef struct pt_annot {
    float x, y, w, h;          /* the area, lower-left corner and size */
    bool box;                  /* a box (Square) rather than a highlight */
    const char *note;          /* the comment (UTF-8) */
    const char *author;        /* who made it, e.g. "plantype" */
    pt_rgb color;
} pt_annot;

typedef struct pt_out pt_out;
typedef struct pt_out_ops {
    bool (*begin_page)(pt_out *o, pt_ctx *ctx, float width, float height);
    /* A run of glyphs of one font and size at baseline origin (x, y). text is
     * the UTF-8 the glyph ranges index into (for extraction: ToUnicode). */
    bool (*glyphs)(pt_out *o, pt_ctx *ctx, pt_font *font, float size, float x, float y,
                   const pt_draw_glyph *g, size_t n, const char *text, pt_rgb color);
    /* Filled and/or stroked rectangle; a NULL colour means no fill / no stroke. */
    bool (*rect)(pt_out *o, pt_ctx *ctx, float x, float y, float w, float h,
                 const pt_rgb *fill, const pt_rgb *stroke, float line_width);
    bool (*line)(pt_out *o, pt_ctx *ctx, float x1, float y1, float x2, float y2,
                 pt_rgb color, float line_width);
    /* Clickable area on the current page leading to page `target` (0-based). */
    bool (*link)(pt_out *o, pt_ctx *ctx, float x, float y, float w, float h, int target);
    /* A comment on an area of the current page. */
    bool (*annot)(pt_out *o, pt_ctx *ctx, const pt_annot *a);
    /* Bookmark: level 0 top, 1 below the last level-0 entry; leads to page. */
    bool (*outline)(pt_out *o, pt_ctx *ctx, int level, const char *title, int page);
    bool (*end_page)(pt_out *o, pt_ctx *ctx);
    /* Optional (NULL: the backend draws untagged). structure: the element
     * tree, once before the first page (e[0] the Document; the arrays are
     * the caller's for the call only). mark: the items drawn next, up to the
     * next mark, are content of element elem (art PT_ART_NONE) or an
     * artifact (elem 0); a link drawn inside element elem belongs to it. */
    bool (*structure)(pt_out *o, pt_ctx *ctx, const pt_struct_elem *e, size_t n);
    bool (*mark)(pt_out *o, pt_ctx *ctx, int elem, pt_artifact art);
} pt_out_ops;

struct pt_out { const pt_out_ops *ops; };

/* A file the PDF carries inside (PDF/A-3 associated file, relationship
 * Source): the edition and the layout it was typeset from. */
typedef struct pt_source {
    const char *name;    /* file name without folders, e.g. "r6.xml" */
    const char *desc;    /* what it is, shown by readers */
    const char *data;    /* its bytes, len of them */
    size_t len;
} pt_source;

/* Document information for backends that have it. */
typedef struct pt_doc_info {
    const char *title, *author, *subject, *creator;
    long long created;   /* seconds since the epoch (SOURCE_DATE_EPOCH when set) */
    const char *lang;    /* the document's language (BCP 47, "ja-JP"), or NULL */
    const pt_source *sources;   /* nsources files embedded in the PDF */
    size_t nsources;
} pt_doc_info;

/* PDF backend (out_pdf.c). pt_pdf_new never fails but for memory;
 * pt_pdf_save writes the file atomically: to "<path>.tmp-XXXXXX" in the same
 * folder, then rename(); on failure nothing is left at path that was not there
 * before. pt_pdf_free releases everything (also after a failed save). */
pt_out *pt_pdf_new(pt_ctx *ctx, const pt_doc_info *info);
bool pt_pdf_save(pt_out *o, pt_ctx *ctx, const char *path);
/* Before the pages are recorded: the glyphs of font they will draw
 * (drawn[g] for every glyph id g < n, n the face's glyph count). The
 * backend starts cutting the font's program then, on its worker thread,
 * beside the recording; if the pages draw other glyphs after all, the
 * program is cut again. Optional, once per font, in any order; it never
 * changes the file. */
void pt_pdf_expect(pt_out *o, pt_font *font, const bool *drawn, uint32_t n);
/* The file's bytes without writing it (for comparing): *data stays valid
 * until pt_pdf_free. False with ctx->err when the PDF cannot be built. */
bool pt_pdf_bytes(pt_out *o, pt_ctx *ctx, const char **data, size_t *len);
void pt_pdf_free(pt_out *o);

/* Text trace backend (out_trace.c) for golden tests: one line per call with
 * fixed precision (2 decimals). The trace is appended to *buf. */
pt_out *pt_trace_new(pt_buf *buf);
void pt_trace_free(pt_out *o);

#endif
