/* report_int.h - what the report's files share; not part of the program's
 * interface (that is report.h).
 *
 * The report is laid out by four files, one per page kind: report.c (the
 * context, the page plan, cover, footers, font coverage, the entry points),
 * report_contents.c, report_overview.c (project overview and the 【施策体系】
 * figure) and report_card.c (the cards and their fitting). They share the
 * context of one run (pt_rep), the table cells and rows every page kind draws
 * with, and each page kind's entry point. */
#ifndef PT_REPORT_INT_H
#define PT_REPORT_INT_H

#include "model.h"

#include "layout.h"
#include "page.h"

/* ---- context ---- */

typedef struct pt_rep {
    pt_ctx *ctx;
    const pt_report *r;
    const pt_layout *L;
    pt_typesetter *ts;
    pt_arena *arena;
    pt_doc *doc;
    pt_doc *tree;                /* owns the structure elements: the document itself,
                                    also while the cards are laid out into one of their
                                    own (pass 1) */
    int sect;                    /* the element a page kind puts its elements into */
    int table;                   /* the Table element rows are drawn into (0: untagged) */
    const char *vars[16];        /* {era} {abbr} {year} {next} for labels */
    const pt_style *body, *cell, *label, *value, *status, *cover_title, *cover_year,
        *cover_org, *toc_project, *toc_entry, *heading, *subheading, *summary, *figure,
        *figure_head, *footer, *card_no, *card_title, *toc_label;
    double tw;                   /* text width */
    double ytop, ybottom;        /* the text area's top and bottom edges */
    uint8_t seen[0x10000 / 8];   /* BMP characters already checked against the fonts */
    struct { const char *key, *text; } clabels[32];   /* card labels expanded so far */
    int nclabels;
} pt_rep;

/* ---- cells and rows (report.c) ---- */

/* A cell of a table row: columns [col, col+span), a block of text. */
typedef struct pt_cell {
    int col, span;
    pt_block block;
    bool shaded;
    bool to_fill;       /* still to be filled: drawn on the layout's to-fill colour */
    bool middle;        /* centred vertically (labels, values); else top */
    double min_h;       /* at least this tall (the status mark) */
    const char *alt;    /* the text is a mark: a Figure with this /Alt (達成 …) */
    bool heading;       /* the text is a heading (H2) in its cell: the card's title */
    int elem, content;  /* its TH/TD once drawn, and the element its text is in */
    int *para;          /* a narrative cell once drawn: the P of each line (arena) */
} pt_cell;

typedef struct pt_row {
    pt_cell cells[4];
    int ncells;
    bool body;          /* a narrative row: its text may be scaled and split */
    double extra;       /* height added to fill the page */
    bool artifact;      /* a repeated header (continuation page): not in the tree */
    int elem;           /* its TR once drawn */
} pt_row;

/* Sets a cell's texts in its style at size/leading, in the width of its
 * columns less the layout's padding. False with ctx->err on failure. */
bool pt_cell_set(pt_rep *R, pt_cell *c, const double *cols, const pt_style *st, double size,
                 double leading, const char *const *texts, int ntexts);
/* Appends to row w a cell over columns [col, col+span) holding one text (NULL
 * or "": an empty cell) in its style's size and spacing. */
bool pt_cell_text(pt_rep *R, pt_row *w, int col, int span, const double *cols, const pt_style *st,
                  const char *text, bool shaded, bool middle);
/* Appends to row w a cell holding the paragraphs of t at size/leading. */
bool pt_cell_rich(pt_rep *R, pt_row *w, int col, int span, const double *cols, const pt_style *st,
                  double size, double leading, const pt_rich *t);
/* Marks the last cell appended to w as still to be filled when to_fill. */
void pt_cell_to_fill(pt_row *w, bool to_fill);
/* Height of a cell's content box (an empty cell is one line of its style). */
double pt_cell_need(pt_rep *R, const pt_cell *c);
/* Height of a row: its tallest cell plus its extra. */
double pt_row_height(pt_rep *R, const pt_row *w);
/* Draws a row at top y with height h; for a split body row only lines
 * [first, first+n) of its text cell (n = SIZE_MAX: all). */
void pt_row_draw(pt_rep *R, pt_page *p, pt_row *w, const double *cols, double x0, double y,
                 double h, size_t first, size_t n);
/* Draws whole rows from *y down at the left margin, moving *y below them. */
void pt_rows_draw(pt_rep *R, pt_page *p, pt_row *rows, int n, const double *cols, double *y);
/* Appends to row w the cell of a status mark (○ × -) with its words as /Alt. */
bool pt_cell_status(pt_rep *R, pt_row *w, int col, int span, const double *cols, pt_status s);
/* Frees the blocks of n rows (the rows themselves are the caller's). */
void pt_rows_free(pt_row *rows, int n);

/* ---- pages (report.c) ---- */

/* Appends a new page to R->doc; footers are added at the end. */
pt_page *pt_rep_page(pt_rep *R);
/* Sets and draws one text in a style at (x, ytop) in width; *height (if not
 * NULL) gets the height it took. False with ctx->err on failure. */
bool pt_text_line(pt_rep *R, pt_page *p, const pt_style *st, const char *text, double x,
                  double ytop, double width, pt_rgb color, double *height);
/* The same as content of a new element of the given role in R->sect. */
bool pt_text_elem(pt_rep *R, pt_page *p, pt_role role, const pt_style *st, const char *text,
                  double x, double ytop, double width, pt_rgb color, double *height);

/* ---- page kinds ---- */

/* One entry of the contents: a heading or a card, with its page. */
typedef struct pt_toc_entry {
    const char *text;       /* "【1. …】" or "5-1 アクアコインの普及推進" */
    const char *label;      /* "(①利用金額)" or NULL */
    int page;               /* 0-based page index */
    bool heading;
    int project;
} pt_toc_entry;

/* report_contents.c: the number of pages the contents take (0 on failure,
 * ctx->err set), and the contents themselves on that many new pages: entries
 * es[0..n) in two columns a page, each with its page number and link. */
int pt_contents_pages(pt_rep *R, const pt_toc_entry *es, int n);
bool pt_contents(pt_rep *R, const pt_toc_entry *es, int n);
/* report_overview.c: the project's overview pages (two, more when its
 * figure or its goal tables continue). */
bool pt_overview(pt_rep *R, const pt_project *pr);
/* report_card.c: lays out one card onto as many pages as it needs, as a Sect
 * element (*sect) not yet in the tree. Returns the number of pages added, 0
 * on failure. */
int pt_card_pages(pt_rep *R, const pt_card *c, int *sect);

#endif
