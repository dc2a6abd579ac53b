/* page.h - the laid-out document as plain data (pages of drawing items), and
 * the page builder's tools: placing paragraph lines, table cells and rows.
 *
 * Layout fills a pt_doc; pt_doc_render() plays it to any backend (out.h).
 * Coordinates are PDF points, origin bottom-left, y up. */
#ifndef PT_PAGE_H
#define PT_PAGE_H

#include "layout.h"
#include "out.h"
#include "para.h"

typedef enum pt_item_kind { PT_ITEM_GLYPHS, PT_ITEM_RECT, PT_ITEM_LINE, PT_ITEM_LINK, PT_ITEM_ANNOT } pt_item_kind;

typedef struct pt_item {
    pt_item_kind kind;
    double x, y, w, h;           /* rect, link: lower-left corner and size; line: from (x,y) by (w,h) */
    pt_rgb fill, stroke;         /* rect; stroke is also the line colour */
    bool filled, stroked;
    double line_width;
    pt_font *font;               /* glyphs: run at baseline origin (x, y) */
    double size;
    const pt_draw_glyph *glyphs;
    size_t nglyphs;
    const char *text;            /* what the glyph ranges index into */
    const pt_style *style;       /* glyphs from a block: the style it was set in (else NULL) */
    pt_rgb color;
    int target;                  /* link: page index (0-based) */
    int elem;                    /* structure element whose content this is (a link:
                                    the Link element); 0: an artifact */
    pt_artifact art;             /* elem 0: layout (rules, shading) or pagination */
    pt_annot annot;              /* annot: the comment (its area is x, y, w, h) */
} pt_item;

typedef struct pt_page {
    PT_VEC(pt_item) items;
    int elem;                    /* the element glyph runs and links added now belong
                                    to (0: artifacts); rects and lines are artifacts */
} pt_page;

/* A structure element of the document (out.h has the roles). */
typedef struct pt_elem {
    pt_role role;
    int parent;                  /* -1: not (yet) in the tree */
    const char *alt;             /* see pt_struct_elem */
    pt_scope scope;
    int colspan;
    PT_VEC(int) kids;            /* in reading order */
} pt_elem;

typedef struct pt_outline_entry { int level; const char *title; int page; } pt_outline_entry;

typedef struct pt_doc {
    pt_arena *arena;             /* glyph arrays and strings of the items */
    double width, height;        /* every page's size */
    PT_VEC(pt_page *) pages;
    PT_VEC(pt_outline_entry) outline;
    PT_VEC(pt_elem) elems;       /* [0] the Document; only tagged when there are more */
} pt_doc;

void pt_doc_init(pt_doc *d, pt_arena *arena, double width, double height);
void pt_doc_free(pt_doc *d);                 /* frees the vectors; the arena is the caller's */
pt_page *pt_page_new(void);                  /* a page not yet in a document */
void pt_page_free(pt_page *p);
void pt_doc_append(pt_doc *d, pt_page *p);   /* the document takes p */

void pt_page_rect(pt_page *p, double x, double y, double w, double h, const pt_rgb *fill,
                  const pt_rgb *stroke, double line_width);
void pt_page_line(pt_page *p, double x1, double y1, double x2, double y2, pt_rgb color,
                  double line_width);
void pt_page_link(pt_page *p, double x, double y, double w, double h, int target);
/* A comment on an area (a->x … a->h); a's strings must outlive the document. */
void pt_page_annot(pt_page *p, const pt_annot *a);

/* ---- structure ---- */

/* A new element of the given role, appended to parent's children (parent -1:
 * detached, to be attached later: the cards are laid out before the pages
 * that come first). Returns its index. */
int pt_elem_new(pt_doc *d, int parent, pt_role role);
/* Appends detached element e to parent's children. */
void pt_elem_attach(pt_doc *d, int e, int parent);
/* Marks items [from, end) of page p as content of element elem (0: layout
 * artifacts), or as pagination artifacts (page numbers). */
void pt_page_tag(pt_page *p, size_t from, int elem);
void pt_page_pagination(pt_page *p, size_t from);
/* Moves the glyphs of items [from, end) of page p that stand for text before
 * byte offset `at` of their text into items of their own, content of
 * element elem (a list item's label before its body). */
void pt_page_split(pt_page *p, size_t from, uint32_t at, int elem);

/* The baseline of a line box whose top is ytop (the em box centred in the
 * box of height size*leading), and the inverse. */
double pt_baseline(double ytop, double size, double leading);
double pt_box_top(double baseline, double size, double leading);

/* Draws the lines of a laid-out paragraph: line i's baseline sits in the i-th
 * line box of height size*leading below ytop, centred like an em box. x is the
 * left edge of the measure. Glyph arrays are copied into the doc arena; text
 * must outlive the document. Returns the height used. */
double pt_page_lines(pt_doc *d, pt_page *p, const pt_lines *l, size_t first_line,
                     size_t nlines, const char *text, pt_font *font, double size, double leading,
                     double x, double ytop, pt_rgb color);

/* ---- cells: text blocks of one or more paragraphs in a box ---- */

typedef struct pt_block {
    const pt_style *style;
    double size, leading;        /* as set (fitting may lower them below the style's) */
    pt_lines lines;              /* all paragraphs' lines */
    PT_VEC(const char *) texts;  /* the paragraph text of each line (for glyph ranges) */
    double width;                /* measure in points */
} pt_block;

/* Lays out paragraphs (texts[i], lens[i]) at size/leading in width points. The
 * block keeps pointers to the texts. Fails when the font lacks a character. */
bool pt_block_set(pt_ctx *ctx, pt_typesetter *ts, pt_block *b, const pt_style *style,
                  double size, double leading, double width, const char *const *texts, int ntexts);
/* A text's width in points at size: set on one line (*natural) and its widest
 * phrase (*phrase, see pt_para_widths). */
bool pt_text_widths(pt_ctx *ctx, pt_typesetter *ts, const pt_style *style, double size,
                    const char *text, double *natural, double *phrase);
double pt_block_height(const pt_block *b);                 /* lines * size * leading */
double pt_block_line_height(const pt_block *b);
/* Draws lines [first, first+n) of the block; returns the height used. */
double pt_block_draw(pt_doc *d, pt_page *p, const pt_block *b, size_t first, size_t n, double x,
                     double ytop, pt_rgb color);
void pt_block_free(pt_block *b);

/* Whether anything of the document lies outside its page: a glyph's em box
 * (1 em wide from its origin), a rectangle, line or link beyond the page edges
 * (by more than half a point). Returns the 0-based index of the first such
 * page, or -1 when everything is on its page. */
long pt_doc_outside(const pt_doc *d);

/* Renders the document to a backend: pages, items, then the outline. */
bool pt_doc_render(pt_ctx *ctx, const pt_doc *d, pt_out *o);

#endif
