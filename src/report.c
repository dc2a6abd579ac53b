/* report.c - the report's pages: cover, contents, project overviews, cards.
 *
 * Approach. Everything is laid out into a display list (page.h) before a byte
 * of PDF is written, in this order:
 *   1. the cards, each fitted to its page (fit.c's policy below), which fixes
 *      how many pages every card takes;
 *   2. the page plan: cover, contents, then per project its two overview pages
 *      and its cards; this gives every card its page number (pass 1);
 *   3. the cover, the contents (with those numbers and links), the overviews;
 *   4. footers, the outline, then the backend renders the list.
 * Geometry, sizes, colours and label texts come from the layout; year words
 * from the edition. The engine never names a card: the report is data.
 *
 * Fitting a card. Its narrative rows (取組概要, 評価, 相乗効果, 方向性) are set
 * in the body style. When the grid is taller than the page, the engine lowers,
 * in this order and only as far as needed, the line spacing (down to the
 * layout's min-leading), then the size (in 0.25 pt steps down to min-size, with
 * the largest spacing that then fits), and only then continues the card on
 * further pages with its header rows repeated. Each action is reported. When
 * the grid is shorter than the page, the three evaluation rows share the rest,
 * so every card fills its page like the printed one. Nothing is clipped. */
#include "report.h"

#include "layout.h"
#include "page.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* ---- context ---- */

typedef struct rep {
    pt_ctx *ctx;
    const pt_report *r;
    const pt_layout *L;
    pt_typesetter *ts;
    pt_arena *arena;
    pt_doc *doc;
    const char *vars[16];        /* {era} {abbr} {year} {next} for labels */
    const pt_style *body, *cell, *label, *value, *status, *cover_title, *cover_year,
        *cover_org, *toc_project, *toc_entry, *heading, *subheading, *summary, *figure,
        *figure_head, *footer;
    double tw;                   /* text width */
    double ytop, ybottom;        /* the text area's top and bottom edges */
    uint8_t seen[0x10000 / 8];   /* BMP characters already checked against the fonts */
} rep;

static const char *clabel(rep *R, const char *key)
{
    return pt_label_text(R->ctx, R->arena, R->L, R->L->card_labels, R->L->ncard_labels, key,
                         R->vars);
}

static const char *olabel(rep *R, const char *key)
{
    return pt_label_text(R->ctx, R->arena, R->L, R->L->ov_labels, R->L->nov_labels, key, R->vars);
}

static bool load_styles(rep *R)
{
    struct { const pt_style **to; const char *name; } want[] = {
        { &R->body, "body" }, { &R->cell, "cell" }, { &R->label, "label" },
        { &R->value, "value" }, { &R->status, "status" }, { &R->cover_title, "cover-title" },
        { &R->cover_year, "cover-year" }, { &R->cover_org, "cover-org" },
        { &R->toc_project, "toc-project" }, { &R->toc_entry, "toc-entry" },
        { &R->heading, "heading" }, { &R->subheading, "subheading" },
        { &R->summary, "summary" }, { &R->figure, "figure" },
        { &R->figure_head, "figure-head" }, { &R->footer, "footer" },
    };
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++)
        if (!(*want[i].to = pt_layout_style(R->ctx, R->L, want[i].name)))
            return false;
    return true;
}

/* ---- cells and rows ---- */

/* A cell of a table row: columns [col, col+span), a block of text. */
typedef struct cell {
    int col, span;
    pt_block block;
    bool shaded;
    bool middle;        /* centred vertically (labels, values); else top */
    double min_h;       /* at least this tall (the status mark) */
} cell;

typedef struct row {
    cell cells[4];
    int ncells;
    bool body;          /* a narrative row: its text may be scaled and split */
    double extra;       /* height added to fill the page */
} row;

static double col_x(const double *cols, int col)
{
    double x = 0;
    for (int i = 0; i < col; i++)
        x += cols[i];
    return x;
}

static double col_w(const double *cols, int col, int span)
{
    return col_x(cols, col + span) - col_x(cols, col);
}

/* Sets a cell's texts in its style at size/leading. */
static bool cell_set(rep *R, cell *c, const double *cols, const pt_style *st, double size,
                     double leading, const char *const *texts, int ntexts)
{
    double w = col_w(cols, c->col, c->span) - 2 * R->L->pad_x;
    return pt_block_set(R->ctx, R->ts, &c->block, st, size, leading, w, texts, ntexts);
}

static bool cell_text(rep *R, row *w, int col, int span, const double *cols, const pt_style *st,
                      const char *text, bool shaded, bool middle)
{
    cell *c = &w->cells[w->ncells++];
    c->col = col;
    c->span = span;
    c->shaded = shaded;
    c->middle = middle;
    const char *texts[1] = { text ? text : "" };
    return cell_set(R, c, cols, st, st->size, st->leading, texts, text && *text ? 1 : 0);
}

static bool cell_rich(rep *R, row *w, int col, int span, const double *cols, const pt_style *st,
                      double size, double leading, const pt_rich *t)
{
    cell *c = &w->cells[w->ncells++];
    c->col = col;
    c->span = span;
    const char **texts = pt_alloc(R->arena, sizeof *texts * (size_t)(t->n + 1));
    for (int i = 0; i < t->n; i++)
        texts[i] = t->paras[i].text;
    return cell_set(R, c, cols, st, size, leading, texts, t->n);
}

/* Height of a cell's content box (an empty cell is one line of its style). */
static double cell_need(rep *R, const cell *c)
{
    double h = c->block.lines.lines.n ? pt_block_height(&c->block)
                                      : c->block.size * c->block.leading;
    h += 2 * R->L->pad_y;
    return h > c->min_h ? h : c->min_h;
}

static double row_height(rep *R, const row *w)
{
    double h = 0;
    for (int i = 0; i < w->ncells; i++) {
        double c = cell_need(R, &w->cells[i]);
        if (c > h)
            h = c;
    }
    return h + w->extra;
}

/* Draws cells of a row at top y with height h. For a split body row, lines
 * [first, first+n) of the spanning text cell are drawn (n = SIZE_MAX: all);
 * the label cells are drawn whole. */
static void row_draw(rep *R, pt_page *p, const row *w, const double *cols, double x0, double y,
                     double h, size_t first, size_t n)
{
    const pt_layout *L = R->L;
    for (int i = 0; i < w->ncells; i++) {
        const cell *c = &w->cells[i];
        double x = x0 + col_x(cols, c->col), cw = col_w(cols, c->col, c->span);
        pt_page_rect(p, x, y - h, cw, h, c->shaded ? &L->shade : NULL, &L->rule, L->rule_cell);
        size_t from = 0, count = c->block.lines.lines.n;
        if (w->body && i == w->ncells - 1 && n != (size_t)-1) {
            from = first;
            count = n;
        }
        double th = count * pt_block_line_height(&c->block);
        double top = y - L->pad_y;
        if (c->middle)
            top = y - (h - th) / 2;
        pt_block_draw(R->doc, p, &c->block, from, count, x + L->pad_x, top, L->text);
    }
}

static void rows_free(row *rows, int n)
{
    for (int i = 0; i < n; i++)
        for (int k = 0; k < rows[i].ncells; k++)
            pt_block_free(&rows[i].cells[k].block);
}

/* Draws whole rows from *y down, moving *y below them. */
static void rows_draw(rep *R, pt_page *p, const row *rows, int n, const double *cols, double *y)
{
    for (int i = 0; i < n; i++) {
        double h = row_height(R, &rows[i]);
        row_draw(R, p, &rows[i], cols, R->L->left, *y, h, 0, (size_t)-1);
        *y -= h;
    }
}

/* ---- pages ---- */

/* A new page in the document; footers are added at the end (numbers known). */
static pt_page *new_page(rep *R)
{
    pt_page *p = pt_page_new();
    pt_doc_append(R->doc, p);
    return p;
}

/* Sets one line of text (no wrapping expected) in a style; returns its width. */
static bool text_line(rep *R, pt_page *p, const pt_style *st, const char *text, double x,
                      double ytop, double width, pt_rgb color, double *height)
{
    pt_block b = {0};
    const char *texts[1] = { text };
    if (!pt_block_set(R->ctx, R->ts, &b, st, st->size, st->leading, width, texts, 1)) {
        pt_block_free(&b);
        return false;
    }
    double h = pt_block_draw(R->doc, p, &b, 0, b.lines.lines.n, x, ytop, color);
    if (height)
        *height = h;
    pt_block_free(&b);
    return true;
}

static bool footers(rep *R)
{
    for (size_t i = 1; i < R->doc->pages.n; i++) {
        char num[32];
        snprintf(num, sizeof num, "%zu", i + 1);
        const char *vars[] = { "page", num, NULL };
        pt_label fl = { "footer", R->L->footer_format };
        const char *text = pt_label_text(R->ctx, R->arena, R->L, &fl, 1, "footer", vars);
        const pt_style *st = R->footer;
        double ytop = pt_box_top(R->L->footer_y, st->size, st->leading);   /* baseline at y */
        if (!text || !text_line(R, R->doc->pages.v[i], st, text, R->L->left, ytop, R->tw,
                                R->L->text, NULL))
            return false;
    }
    return true;
}

/* ---- cover ---- */

static bool cover(rep *R)
{
    pt_page *p = new_page(R);
    double y = R->L->page_h - R->L->cover_title_top;
    for (int i = 0; i < R->r->ntitle_lines; i++) {
        const pt_style *st = i + 1 < R->r->ntitle_lines ? R->cover_title : R->cover_year;
        double h;
        if (!text_line(R, p, st, R->r->title_lines[i], R->L->left, y, R->tw, R->L->text, &h))
            return false;
        y -= h;
    }
    const pt_style *st = R->cover_org;
    return text_line(R, p, st, R->r->publisher, R->L->left,
                     R->L->cover_org_bottom + st->size * st->leading, R->tw, R->L->text, NULL);
}

/* ---- cards ---- */

enum { R_HEAD_LABELS, R_HEAD, R_INI_LABELS, R_INI, R_OVERVIEW, R_INDICATOR, R_VALUE_LABELS,
       R_VALUES, R_EVALUATION, R_SYNERGY, R_DIRECTION, NROWS };

static const char *BODY_KEYS[] = { "overview", "evaluation", "synergy", "direction" };

/* Builds the card's rows with the narrative rows set at size/leading. */
static bool card_rows(rep *R, const pt_card *c, row *rows, double size, double leading,
                      bool continued)
{
    const double *cols = R->L->card_cols;
    const pt_initiative *ini = c->initiative;
    const pt_goal *g = ini->goal;
    memset(rows, 0, sizeof(row) * NROWS);
    const char *no = continued ? pt_sprintf(R->arena, "%s\n%s", c->no, clabel(R, "continued"))
                               : c->no;
    const char *heads[4] = { clabel(R, "no"), clabel(R, "project"), clabel(R, "goal"),
                             clabel(R, "policy") };
    const char *goal = pt_sprintf(R->arena, "%s%s", g->no, g->name);
    const char *policy = ini->policy ? pt_sprintf(R->arena, "%s%s", ini->policy->no,
                                                  ini->policy->name) : NULL;
    bool ok = true;
    for (int k = 0; k < 4 && ok; k++)
        ok = cell_text(R, &rows[R_HEAD_LABELS], k, 1, cols, R->label, heads[k], true, true);
    ok = ok && cell_text(R, &rows[R_HEAD], 0, 1, cols, R->value, no, false, true)
            && cell_text(R, &rows[R_HEAD], 1, 1, cols, R->cell, g->project->name, false, true)
            && cell_text(R, &rows[R_HEAD], 2, 1, cols, R->cell, goal, false, true)
            && cell_text(R, &rows[R_HEAD], 3, 1, cols, R->cell, policy, false, true)
            && cell_text(R, &rows[R_INI_LABELS], 0, 2, cols, R->label, clabel(R, "initiative"), true, true)
            && cell_text(R, &rows[R_INI_LABELS], 2, 1, cols, R->label, clabel(R, "dept"), true, true)
            && cell_text(R, &rows[R_INI_LABELS], 3, 1, cols, R->label, clabel(R, "status"), true, true)
            && cell_text(R, &rows[R_INI], 0, 2, cols, R->cell, c->title, false, true);
    if (!ok)
        return false;
    /* Departments: one paragraph each. */
    cell *d = &rows[R_INI].cells[rows[R_INI].ncells++];
    d->col = 2;
    d->span = 1;
    d->middle = true;
    if (!cell_set(R, d, cols, R->cell, R->cell->size, R->cell->leading, ini->depts, ini->ndepts))
        return false;
    ok = cell_text(R, &rows[R_INI], 3, 1, cols, R->status, pt_status_mark(c->status), false, true);
    rows[R_INI].cells[rows[R_INI].ncells - 1].min_h = R->L->status_min_h;
    const char *vkeys[4] = { "baseline", "target", "actual", "next" };
    const pt_value *vals[4] = { &c->baseline, &c->target, &c->actual, &c->next };
    for (int k = 0; k < 4 && ok; k++)
        ok = cell_text(R, &rows[R_VALUE_LABELS], k, 1, cols, R->label, clabel(R, vkeys[k]), true, true)
          && cell_text(R, &rows[R_VALUES], k, 1, cols, R->value, vals[k]->text, false, true);
    ok = ok && cell_text(R, &rows[R_INDICATOR], 0, 1, cols, R->label, clabel(R, "indicator"), true, true)
            && cell_text(R, &rows[R_INDICATOR], 1, 3, cols, R->cell, c->indicator, false, false);
    const pt_rich *texts[4] = { &c->overview, &c->evaluation, &c->synergy, &c->direction };
    int rowids[4] = { R_OVERVIEW, R_EVALUATION, R_SYNERGY, R_DIRECTION };
    for (int k = 0; k < 4 && ok; k++) {
        row *w = &rows[rowids[k]];
        w->body = true;
        ok = cell_text(R, w, 0, 1, cols, R->label, clabel(R, BODY_KEYS[k]), true, true)
          && cell_rich(R, w, 1, 3, cols, R->body, size, leading, texts[k]);
    }
    return ok;
}

static double rows_total(rep *R, const row *rows, int n)
{
    double h = 0;
    for (int i = 0; i < n; i++)
        h += row_height(R, &rows[i]);
    return h;
}

/* Sets the narrative rows' line spacing to l. */
static void set_body_leading(row *rows, double l)
{
    for (int i = 0; i < NROWS; i++)
        if (rows[i].body)
            rows[i].cells[1].block.leading = l;
}

/* The largest line spacing from `from` down to the layout's floor, in 0.01
 * steps, at which the rows fit in avail; the rows keep it. 0 (and the rows at
 * the floor) when none does. */
static double fit_leading(rep *R, row *rows, double from, double avail)
{
    for (double l = from; l >= R->L->min_leading - 1e-9; l -= 0.01) {
        set_body_leading(rows, l);
        if (rows_total(R, rows, NROWS) <= avail)
            return l;
    }
    return 0;
}

/* Lays out one card onto as many pages as it needs (one unless it cannot fit
 * even at the floors). Returns the number of pages added, 0 on failure. */
static int card_pages(rep *R, const pt_card *c)
{
    const pt_layout *L = R->L;
    double avail = R->ytop - R->ybottom;
    double size = R->body->size, leading = R->body->leading;
    row rows[NROWS];
    if (c->incomplete)
        pt_warn(R->ctx, "%s:%d: card %s is incomplete: the source lacks its content; set with "
                "its known fields and empty cells", R->r->file, c->line, c->no);
    if (!card_rows(R, c, rows, size, leading, false)) {
        pt_err_prefix(R->ctx, "%s:%d: <card no=\"%s\">: ", R->r->file, c->line, c->no);
        return rows_free(rows, NROWS), 0;
    }
    bool fits = rows_total(R, rows, NROWS) <= avail;
    if (!fits) {
        /* 1. line spacing, 2. size; each time the largest value that fits.
         * The search leaves the rows set as found. */
        double s = size, l;
        while (!(l = fit_leading(R, rows, leading, avail)) && s - 0.25 >= L->min_size - 1e-9) {
            s -= 0.25;
            rows_free(rows, NROWS);
            if (!card_rows(R, c, rows, s, leading, false))
                return rows_free(rows, NROWS), 0;
        }
        fits = l > 0;
        if (fits && s < size)
            pt_warn(R->ctx, "card %s: 取組概要・評価・相乗効果・方向性 set at %.2f pt (layout %.2f pt), "
                    "line spacing %.2f (layout %.2f) to fit", c->no, s, size, l, leading);
        else if (fits)
            pt_warn(R->ctx, "card %s: line spacing %.2f (layout %.2f) to fit", c->no, l, leading);
        else {
            /* continued at the layout's size and spacing */
            rows_free(rows, NROWS);
            if (!card_rows(R, c, rows, size, leading, false))
                return rows_free(rows, NROWS), 0;
        }
    }
    const double *cols = L->card_cols;
    if (fits) {
        double spare = avail - rows_total(R, rows, NROWS);
        rows[R_EVALUATION].extra = rows[R_SYNERGY].extra = rows[R_DIRECTION].extra = spare / 3;
        pt_page *p = new_page(R);
        double y = R->ytop;
        rows_draw(R, p, rows, NROWS, cols, &y);
        pt_page_rect(p, L->left, R->ybottom, R->tw, R->ytop - R->ybottom, NULL, &L->rule,
                     L->rule_frame);
        rows_free(rows, NROWS);
        return 1;
    }

    /* 3. continuation pages: rows in order, a narrative row split between
     * lines when at least one line fits; the header rows repeated. */
    row head[NROWS];
    if (!card_rows(R, c, head, size, leading, true))
        return rows_free(rows, NROWS), rows_free(head, NROWS), 0;
    int pages = 0;
    pt_page *p = NULL;
    double y = 0;
    for (int i = 0; i < NROWS; i++) {
        row *w = &rows[i];
        size_t nlines = w->body ? w->cells[1].block.lines.lines.n : 0, done = 0;
        for (;;) {
            if (!p) {
                p = new_page(R);
                pages++;
                y = R->ytop;
                if (pages > 1)
                    rows_draw(R, p, &head[R_HEAD_LABELS], R_HEAD - R_HEAD_LABELS + 1, cols, &y);
            }
            double room = y - R->ybottom;
            if (!w->body) {
                double h = row_height(R, w);
                if (h > room && y < R->ytop - 1) {
                    p = NULL;
                    continue;
                }
                row_draw(R, p, w, cols, L->left, y, h, 0, (size_t)-1);
                y -= h;
                break;
            }
            const pt_block *b = &w->cells[1].block;
            double lh = pt_block_line_height(b);
            size_t fit = (size_t)floor((room - 2 * L->pad_y) / lh + 1e-9);
            size_t left = nlines - done;
            double label_h = cell_need(R, &w->cells[0]);
            if (fit >= left && (left == 0 || label_h <= room)) {
                double h = left * lh + 2 * L->pad_y;
                if (h < label_h)
                    h = label_h;
                row_draw(R, p, w, cols, L->left, y, h, done, left);
                y -= h;
                break;
            }
            if (fit >= 1 && label_h <= room) {
                double h = room;
                row_draw(R, p, w, cols, L->left, y, h, done, fit);
                done += fit;
            }
            p = NULL;
        }
    }
    pt_warn(R->ctx, "card %s: too long for one page even at %.2f pt with line spacing %.2f; "
            "continued on %d pages", c->no, L->min_size, L->min_leading, pages);
    rows_free(rows, NROWS);
    rows_free(head, NROWS);
    return pages;
}

/* ---- overview: project table, policy-system figure, the year's summary ---- */

/* Ends a table whose rows were built with result ok: draws them if ok, frees
 * them either way, returns ok. */
static bool table_end(rep *R, pt_page *p, row *rows, int n, const double *cols, double *y,
                      bool ok)
{
    if (ok)
        rows_draw(R, p, rows, n, cols, y);
    rows_free(rows, n);
    return ok;
}

/* A box of the figure: a block of text centred in a rectangle. */
typedef struct box { pt_block b; double y0, y1; } box;

static bool fig_text(rep *R, pt_block *b, const pt_style *st, const char *text, double w)
{
    const char *texts[1] = { text };
    return pt_block_set(R->ctx, R->ts, b, st, st->size, st->leading, w - 2 * R->L->fig_pad,
                        texts, 1);
}

static void fig_box(rep *R, pt_page *p, const pt_block *b, double x, double w, double ytop,
                    double ybot, bool head)
{
    const pt_layout *L = R->L;
    pt_page_rect(p, x, ybot, w, ytop - ybot, head ? &L->shade : &L->figure_fill, &L->rule,
                 L->rule_figure);
    double th = pt_block_height(b);
    pt_block_draw(R->doc, p, b, 0, b->lines.lines.n, x + L->fig_pad, ytop - (ytop - ybot - th) / 2,
                  L->text);
}

/* The tree project -> goals -> policies -> initiatives as four columns of
 * boxes joined by elbow lines. One row per initiative; a goal or policy box
 * spans the rows of its initiatives and grows them if its text needs it. */
/* Rows first..last of heights h, separated by gap, must be at least need
 * tall together: the last row takes what is missing. */
static void grow_span(double *h, int first, int last, double need, double gap)
{
    if (last < first)
        return;
    double span = -gap;
    for (int j = first; j <= last; j++)
        span += h[j] + gap;
    if (need > span)
        h[last] += need - span;
}

/* A goal or policy box of the figure: its text and the rows it spans. */
typedef struct span_box { pt_block b; int first, last; } span_box;

static bool figure(rep *R, pt_page *p, const pt_project *pr, double ytop, double *used)
{
    const pt_layout *L = R->L;
    const double *fc = L->fig_cols;
    double gap = L->fig_gap, rg = L->fig_row_gap, pad = L->fig_pad;
    double x[4];
    x[0] = L->left;
    for (int i = 1; i < 4; i++)
        x[i] = x[i - 1] + fc[i - 1] + gap;
    int n = 0;
    for (int g = 0; g < pr->ngoals; g++)
        n += pr->goals[g].ninitiatives;
    pt_block *ib = pt_xcalloc((size_t)n, sizeof *ib);
    double *h = pt_xcalloc((size_t)n, sizeof *h);
    const pt_initiative **inis = pt_xcalloc((size_t)n, sizeof *inis);
    int k = 0;
    bool ok = true;
    for (int g = 0; g < pr->ngoals && ok; g++)
        for (int i = 0; i < pr->goals[g].ninitiatives && ok; i++) {
            const pt_initiative *ini = pr->goals[g].initiatives[i];
            inis[k] = ini;
            ok = fig_text(R, &ib[k], R->figure, pt_sprintf(R->arena, "%d %s", ini->no, ini->title), fc[3]);
            h[k] = pt_block_height(&ib[k]) + 2 * pad;
            k++;
        }
    /* Goal and policy boxes: text, and the rows [first, last] they span. */
    int npol = 0;
    for (int g = 0; g < pr->ngoals; g++)
        npol += pr->goals[g].npolicies;
    span_box *gb = pt_xcalloc((size_t)pr->ngoals, sizeof *gb);
    span_box *pb = pt_xcalloc((size_t)npol, sizeof *pb);
    int np = 0;
    k = 0;
    for (int g = 0; g < pr->ngoals && ok; g++) {
        const pt_goal *gl = &pr->goals[g];
        ok = fig_text(R, &gb[g].b, R->figure, pt_sprintf(R->arena, "%s%s", gl->no, gl->name), fc[1]);
        gb[g].first = k;
        for (int q = 0; q < gl->npolicies && ok; q++) {
            const pt_policy *po = &gl->policies[q];
            ok = fig_text(R, &pb[np].b, R->figure, pt_sprintf(R->arena, "%s%s", po->no, po->name), fc[2]);
            /* rows of this policy's initiatives */
            pb[np].first = pb[np].last = -1;
            for (int j = 0; j < n; j++)
                if (inis[j]->policy == po) {
                    if (pb[np].first < 0)
                        pb[np].first = j;
                    pb[np].last = j;
                }
            np++;
        }
        k += gl->ninitiatives;
        gb[g].last = k - 1;
    }
    pt_block prb = {0};
    ok = ok && fig_text(R, &prb, R->figure_head, pr->name, fc[0]);
    /* Grow the last row of a span whose box text is taller than the span:
     * policies, then goals, then the project. Growing only adds height, so
     * one pass in this order satisfies every box. */
    for (int q = 0; q < np && ok; q++)
        if (pb[q].first >= 0)
            grow_span(h, pb[q].first, pb[q].last, pt_block_height(&pb[q].b) + 2 * pad, rg);
    for (int g = 0; g < pr->ngoals && ok; g++)
        grow_span(h, gb[g].first, gb[g].last, pt_block_height(&gb[g].b) + 2 * pad, rg);
    if (ok && n)
        grow_span(h, 0, n - 1, pt_block_height(&prb) + 2 * pad, rg);
    if (ok) {
        double *top = pt_xcalloc((size_t)n, sizeof *top);
        double y = ytop;
        for (int j = 0; j < n; j++) {
            top[j] = y;
            y -= h[j] + rg;
        }
        double bottom = y + rg;
        if (bottom < R->ybottom)
            pt_warn(R->ctx, "project %d: the policy-system figure is taller than the page "
                    "(%.0f pt over)", pr->no, R->ybottom - bottom);
        /* initiative boxes */
        for (int j = 0; j < n; j++)
            fig_box(R, p, &ib[j], x[3], fc[3], top[j], top[j] - h[j], false);
        /* policy boxes and their connectors to initiatives */
        for (int q = 0; q < np; q++) {
            if (pb[q].first < 0)
                continue;
            double t = top[pb[q].first], b = top[pb[q].last] - h[pb[q].last];
            fig_box(R, p, &pb[q].b, x[2], fc[2], t, b, false);
            double mx = x[3] - gap / 2, first_mid = 0, last_mid = 0;
            for (int j = pb[q].first; j <= pb[q].last; j++) {
                double mid = top[j] - h[j] / 2;
                if (j == pb[q].first)
                    first_mid = mid;
                last_mid = mid;
                pt_page_line(p, mx, mid, x[3], mid, L->rule, L->rule_figure);
            }
            double pm = (t + b) / 2;
            pt_page_line(p, x[2] + fc[2], pm, mx, pm, L->rule, L->rule_figure);
            pt_page_line(p, mx, first_mid > pm ? first_mid : pm, mx, last_mid < pm ? last_mid : pm,
                         L->rule, L->rule_figure);
        }
        /* goal boxes, connectors to their policies (or straight to an
         * initiative whose policy is unknown) */
        for (int g = 0; g < pr->ngoals; g++) {
            double t = top[gb[g].first], b = top[gb[g].last] - h[gb[g].last];
            fig_box(R, p, &gb[g].b, x[1], fc[1], t, b, false);
            double gm = (t + b) / 2, mx = x[2] - gap / 2, hi = gm, lo = gm;
            pt_page_line(p, x[1] + fc[1], gm, mx, gm, L->rule, L->rule_figure);
            for (int q = 0; q < np; q++) {
                if (pb[q].first < gb[g].first || pb[q].first > gb[g].last)
                    continue;
                double pm = (top[pb[q].first] + top[pb[q].last] - h[pb[q].last]) / 2;
                pt_page_line(p, mx, pm, x[2], pm, L->rule, L->rule_figure);
                hi = pm > hi ? pm : hi;
                lo = pm < lo ? pm : lo;
            }
            for (int j = gb[g].first; j <= gb[g].last; j++)
                if (!inis[j]->policy) {
                    double mid = top[j] - h[j] / 2;
                    pt_page_line(p, mx, mid, x[3], mid, L->rule, L->rule_figure);
                    lo = mid < lo ? mid : lo;
                }
            pt_page_line(p, mx, hi, mx, lo, L->rule, L->rule_figure);
        }
        /* the project box and its connectors to the goals */
        fig_box(R, p, &prb, x[0], fc[0], ytop, bottom, true);
        double pm = (ytop + bottom) / 2, mx = x[1] - gap / 2, hi = pm, lo = pm;
        pt_page_line(p, x[0] + fc[0], pm, mx, pm, L->rule, L->rule_figure);
        for (int g = 0; g < pr->ngoals; g++) {
            double gm = (top[gb[g].first] + top[gb[g].last] - h[gb[g].last]) / 2;
            pt_page_line(p, mx, gm, x[1], gm, L->rule, L->rule_figure);
            hi = gm > hi ? gm : hi;
            lo = gm < lo ? gm : lo;
        }
        pt_page_line(p, mx, hi, mx, lo, L->rule, L->rule_figure);
        *used = ytop - bottom;
        free(top);
    }
    for (int j = 0; j < n; j++)
        pt_block_free(&ib[j]);
    for (int g = 0; g < pr->ngoals; g++)
        pt_block_free(&gb[g].b);
    for (int q = 0; q < npol; q++)
        pt_block_free(&pb[q].b);
    free(gb);
    free(pb);
    pt_block_free(&prb);
    free(ib);
    free(h);
    free(inis);
    return ok;
}

/* The numbers of the two summary sentences of a project (anatomy note): goals
 * or initiatives counted, indicators (marked ○ or ×), achieved (○). */
typedef struct counts { int n, k, m; } counts;

static counts goal_counts(const pt_project *pr)
{
    counts c = {0};
    for (int g = 0; g < pr->ngoals; g++) {
        c.n++;
        pt_status s = pr->goals[g].status;
        c.k += s == PT_STATUS_ACHIEVED || s == PT_STATUS_NOT_ACHIEVED;
        c.m += s == PT_STATUS_ACHIEVED;
    }
    return c;
}

static counts card_counts(const pt_project *pr)
{
    counts c = {0};
    for (int g = 0; g < pr->ngoals; g++)
        for (int i = 0; i < pr->goals[g].ninitiatives; i++) {
            const pt_initiative *ini = pr->goals[g].initiatives[i];
            c.n++;
            for (int j = 0; j < ini->ncards; j++) {
                pt_status s = ini->cards[j].status;
                c.k += s == PT_STATUS_ACHIEVED || s == PT_STATUS_NOT_ACHIEVED;
                c.m += s == PT_STATUS_ACHIEVED;
            }
        }
    return c;
}

static const char *summary_text(rep *R, const char *key, counts c)
{
    char n[16], k[16], m[16];
    snprintf(n, sizeof n, "%d", c.n);
    snprintf(k, sizeof k, "%d", c.k);
    snprintf(m, sizeof m, "%d", c.m);
    const char *vars[] = { "n", n, "k", k, "m", m, NULL };
    return pt_label_text(R->ctx, R->arena, R->L, R->L->ov_labels, R->L->nov_labels, key, vars);
}

static bool overview(rep *R, const pt_project *pr)
{
    const pt_layout *L = R->L;
    /* the edition's variables and {aspect} */
    const char *vars[16] = { "aspect", pr->aspect };
    for (int i = 0; i < 12 && R->vars[i]; i++)
        vars[2 + i] = R->vars[i];
    const char *aspect = pt_label_text(R->ctx, R->arena, L, L->ov_labels, L->nov_labels, "aspect",
                                       vars);
    /* Page A: aspect, project table, figure. */
    pt_page *p = new_page(R);
    double y = R->ytop, h;
    if (!aspect || !text_line(R, p, R->heading, aspect, L->left, y, R->tw, L->heading, &h))
        return false;
    y -= h;
    double c2[2] = { L->ov_cols[0] + L->ov_cols[1], L->ov_cols[2] };
    row t[2];
    memset(t, 0, sizeof t);
    bool ok = cell_text(R, &t[0], 0, 1, c2, R->label, olabel(R, "project"), true, true)
           && cell_text(R, &t[0], 1, 1, c2, R->label, olabel(R, "leader"), true, true)
           && cell_text(R, &t[1], 0, 1, c2, R->cell, pr->name, false, true)
           && cell_text(R, &t[1], 1, 1, c2, R->cell, pr->leader, false, true);
    if (!table_end(R, p, t, 2, c2, &y, ok))
        return false;
    y -= R->subheading->size * 0.6;
    if (!text_line(R, p, R->subheading, olabel(R, "system"), L->left, y, R->tw, L->heading, &h))
        return false;
    y -= h + R->subheading->size * 0.3;
    double used;
    if (!figure(R, p, pr, y, &used))
        return false;

    /* Page B: the year's summary and a table per goal. */
    p = new_page(R);
    y = R->ytop;
    if (!text_line(R, p, R->subheading, olabel(R, "year"), L->left, y, R->tw, L->heading, &h))
        return false;
    y -= h;
    const char *s1 = summary_text(R, "goal-summary", goal_counts(pr));
    const char *s2 = summary_text(R, "card-summary", card_counts(pr));
    if (!s1 || !s2 || !text_line(R, p, R->summary, s1, L->left, y, R->tw, L->text, &h))
        return false;
    y -= h;
    if (!text_line(R, p, R->summary, s2, L->left, y, R->tw, L->text, &h))
        return false;
    y -= h + R->summary->size;
    const double *c3 = L->ov_cols;
    for (int g = 0; g < pr->ngoals; g++) {
        const pt_goal *gl = &pr->goals[g];
        row w[5];
        memset(w, 0, sizeof w);
        const char *keys[3] = { "baseline", "target", "actual" };
        const pt_value *vals[3] = { &gl->baseline, &gl->target, &gl->actual };
        ok = cell_text(R, &w[0], 0, 2, c3, R->label, olabel(R, "goal"), true, true)
          && cell_text(R, &w[0], 2, 1, c3, R->label, olabel(R, "status"), true, true)
          && cell_text(R, &w[1], 0, 2, c3, R->cell, pt_sprintf(R->arena, "%s%s", gl->no, gl->name), false, true)
          && cell_text(R, &w[1], 2, 1, c3, R->status, pt_status_mark(gl->status), false, true)
          && cell_text(R, &w[2], 0, 1, c3, R->label, olabel(R, "indicator"), true, true)
          && cell_text(R, &w[2], 1, 2, c3, R->cell, gl->indicator, false, false);
        for (int k = 0; k < 3 && ok; k++)
            ok = cell_text(R, &w[3], k, 1, c3, R->label, olabel(R, keys[k]), true, true)
              && cell_text(R, &w[4], k, 1, c3, R->value, vals[k]->text, false, true);
        if (!table_end(R, p, w, 5, c3, &y, ok))
            return false;
        y -= R->summary->size * 1.5;
    }
    if (y < R->ybottom)
        pt_warn(R->ctx, "project %d: the summary page is %.0f pt too long", pr->no, R->ybottom - y);
    return true;
}

/* ---- contents ---- */

/* One entry of the contents: a heading or a card, with its page. */
typedef struct toc_entry {
    const char *text;       /* "【1. …】" or "5-1 アクアコインの普及推進" */
    const char *label;      /* "(①利用金額)" or NULL */
    int page;               /* 0-based page index */
    bool heading;
    int project;
} toc_entry;

/* Height of an entry in a column: its wrapped title and label lines. */
static bool toc_entry_blocks(rep *R, const toc_entry *e, double colw, pt_block *title,
                             pt_block *label)
{
    const pt_layout *L = R->L;
    const pt_style *st = e->heading ? R->toc_project : R->toc_entry;
    double w = colw - L->toc_number_w - 0.5 * st->size;
    /* a card entry's wrapped title lines hang under the title, after "12 " */
    const char *sp = e->heading ? NULL : strchr(e->text, ' ');
    uint32_t hang_at = sp ? (uint32_t)(sp - e->text + 1) : 0;
    if (!pt_block_set_hanging(R->ctx, R->ts, title, st, st->size, st->leading, w, e->text,
                              hang_at))
        return false;
    if (e->label) {
        const char *lt[1] = { e->label };
        double ind = L->toc_label_indent * st->size;
        if (!pt_block_set(R->ctx, R->ts, label, R->toc_entry, R->toc_entry->size,
                          R->toc_entry->leading, colw - ind, lt, 1))
            return false;
    }
    return true;
}

static void leader(rep *R, pt_page *p, double x0, double x1, double baseline)
{
    const pt_layout *L = R->L;
    double d = L->toc_dot_size, pitch = L->toc_dot_pitch;
    /* dots on a grid from the right so columns of leaders line up */
    for (double x = x1 - pitch; x >= x0; x -= pitch)
        pt_page_rect(p, x, baseline + 0.5, d, d, &L->text, NULL, 0);
}

static bool contents(rep *R, pt_page *p, const toc_entry *es, int n)
{
    const pt_layout *L = R->L;
    double colw = (R->tw - L->toc_gap) / 2;
    /* Column split between projects: the split that makes the taller column
     * shortest; on a tie the later split (left column fuller). */
    int nproj = 0;
    for (int i = 0; i < n; i++)
        nproj += es[i].heading;
    double *heights = pt_xcalloc((size_t)n, sizeof *heights);
    pt_block *tb = pt_xcalloc((size_t)n, sizeof *tb), *lb = pt_xcalloc((size_t)n, sizeof *lb);
    bool ok = true;
    for (int i = 0; i < n && ok; i++) {
        ok = toc_entry_blocks(R, &es[i], colw, &tb[i], &lb[i]);
        heights[i] = pt_block_height(&tb[i]) + (es[i].label ? pt_block_height(&lb[i]) : 0);
    }
    int split = n;
    if (ok && nproj > 1) {
        double best = 1e18;
        for (int s = 1; s < nproj; s++) {
            double left = 0, right = 0;
            for (int i = 0; i < n; i++)
                *(es[i].project < s ? &left : &right) += heights[i];
            double worst = left > right ? left : right;
            if (worst <= best) {
                best = worst;
                for (split = 0; split < n && es[split].project < s; split++)
                    ;
            }
        }
    }
    double y = R->ytop, x = L->left;
    for (int i = 0; i < n && ok; i++) {
        if (i == split) {
            y = R->ytop;
            x = L->left + colw + L->toc_gap;
        }
        const toc_entry *e = &es[i];
        const pt_block *t = &tb[i];
        double top = y;
        double th = pt_block_draw(R->doc, p, t, 0, t->lines.lines.n, x, y, L->text);
        /* the last title line: leader from its end to the number */
        const pt_line *last = &t->lines.lines.v[t->lines.lines.n - 1];
        double lh = pt_block_line_height(t);
        double base = pt_baseline(y - th + lh, t->size, t->leading);
        double end = x + last->right * t->size / 1000.0 + t->size * 0.5;
        /* the number, right-aligned: set once, its width from its line */
        pt_block nb = {0};
        const char *nt[1] = { pt_sprintf(R->arena, "%d", e->page + 1) };
        ok = pt_block_set(R->ctx, R->ts, &nb, t->style, t->size, t->leading, L->toc_number_w, nt, 1);
        if (ok) {
            double nx = x + colw - nb.lines.lines.v[0].right * t->size / 1000.0;
            leader(R, p, end, nx - t->size * 0.4, base);
            pt_block_draw(R->doc, p, &nb, 0, nb.lines.lines.n, nx, y - th + lh, L->text);
        }
        pt_block_free(&nb);
        y -= th;
        if (e->label) {
            y -= pt_block_draw(R->doc, p, &lb[i], 0, lb[i].lines.lines.n,
                               x + L->toc_label_indent * t->size, y, L->text);
        }
        pt_page_link(p, x, y, colw, top - y, e->page);
        if (y < R->ybottom)
            pt_warn(R->ctx, "the contents are %.0f pt taller than the page", R->ybottom - y);
    }
    for (int i = 0; i < n; i++) {
        pt_block_free(&tb[i]);
        pt_block_free(&lb[i]);
    }
    free(tb);
    free(lb);
    free(heights);
    if (!ok)
        pt_err_prefix(R->ctx, "%s: contents: ", R->r->file);
    return ok;
}

/* ---- font coverage ---- */

/* Every character of the edition must be in both faces (a text may be set in
 * either): checked before layout so that the message can say exactly where. */
static bool covered(rep *R, const char *text, int line, const char *where)
{
    size_t len = strlen(text), i = 0;
    while (i < len) {
        int32_t cp = pt_utf8_decode(text, len, &i);
        if (cp < 0x20)
            continue;
        /* Each BMP character is looked up once (the cmap lookups add up). */
        if (cp < 0x10000) {
            if (R->seen[cp >> 3] & (1u << (cp & 7)))
                continue;
            R->seen[cp >> 3] |= (uint8_t)(1u << (cp & 7));
        }
        pt_font *fonts[2] = { R->L->regular, R->L->bold };
        for (int k = 0; k < 2; k++)
            if (!pt_font_has_char(fonts[k], (uint32_t)cp)) {
                char ch[5] = {0};
                pt_utf8_encode((uint32_t)cp, ch);
                return pt_invalid(R->ctx, "%s:%d: %s: character U+%04X (%s) is not in %s (%s)",
                                  R->r->file, line, where, (unsigned)cp, ch,
                                  pt_font_display_name(fonts[k]), pt_font_path(fonts[k]));
            }
    }
    return true;
}

static bool covered_rich(rep *R, const pt_rich *t, const char *where)
{
    for (int i = 0; i < t->n; i++)
        if (!covered(R, t->paras[i].text, t->paras[i].line, where))
            return false;
    return true;
}

static bool covered_value(rep *R, const pt_value *v, const char *where)
{
    return covered(R, v->text, v->line, where);
}

static bool check_coverage(rep *R)
{
    const pt_report *r = R->r;
    bool ok = covered(R, r->publisher, 0, "<publisher>");
    for (int i = 0; i < r->ntitle_lines && ok; i++)
        ok = covered(R, r->title_lines[i], 0, "<title>");
    for (int p = 0; p < r->nprojects && ok; p++) {
        const pt_project *pr = &r->projects[p];
        const char *w = pt_sprintf(R->arena, "<project no=\"%d\">", pr->no);
        ok = covered(R, pr->name, 0, w) && covered(R, pr->leader, 0, w) && covered(R, pr->aspect, 0, w);
        for (int g = 0; g < pr->ngoals && ok; g++) {
            const pt_goal *gl = &pr->goals[g];
            w = pt_sprintf(R->arena, "<goal no=\"%s\">", gl->no);
            ok = covered(R, gl->no, gl->line, w) && covered(R, gl->name, gl->line, w)
              && covered(R, gl->indicator, gl->line, w) && covered_value(R, &gl->baseline, w)
              && covered_value(R, &gl->target, w) && covered_value(R, &gl->actual, w);
            for (int q = 0; q < gl->npolicies && ok; q++)
                ok = covered(R, gl->policies[q].no, gl->line, w)
                  && covered(R, gl->policies[q].name, gl->line, w);
        }
    }
    for (int i = 0; i < r->ncards && ok; i++) {
        const pt_card *c = r->cards[i];
        const char *w = pt_sprintf(R->arena, "<card no=\"%s\">", c->no);
        ok = covered(R, c->no, c->line, w) && covered(R, c->title, c->line, w);
        for (int d = 0; d < c->initiative->ndepts && ok; d++)
            ok = covered(R, c->initiative->depts[d], c->initiative->line, w);
        if (c->incomplete || !ok)
            continue;
        ok = (!c->label || covered(R, c->label, c->line, w)) && covered(R, c->indicator, c->line, w)
          && covered_rich(R, &c->overview, pt_sprintf(R->arena, "%s <overview>", w))
          && covered_value(R, &c->baseline, w) && covered_value(R, &c->target, w)
          && covered_value(R, &c->actual, w) && covered_value(R, &c->next, w)
          && covered_rich(R, &c->evaluation, pt_sprintf(R->arena, "%s <evaluation>", w))
          && covered_rich(R, &c->synergy, pt_sprintf(R->arena, "%s <synergy>", w))
          && covered_rich(R, &c->direction, pt_sprintf(R->arena, "%s <direction>", w));
    }
    return ok;
}

/* ---- the whole report ---- */

static long long creation_time(void)
{
    const char *e = getenv("SOURCE_DATE_EPOCH");
    if (e && *e) {
        char *end;
        long long v = strtoll(e, &end, 10);
        if (!*end && v >= 0)
            return v;
    }
    return (long long)time(NULL);
}

static bool build(rep *R)
{
    const pt_report *r = R->r;
    /* Pass 1: cards first, into a document of their own, to learn their page counts. */
    pt_doc cards;
    pt_doc_init(&cards, R->arena, R->L->page_w, R->L->page_h);
    pt_doc *main_doc = R->doc;
    R->doc = &cards;
    int *npages = pt_xcalloc((size_t)r->ncards, sizeof *npages);
    bool ok = true;
    for (int i = 0; i < r->ncards && ok; i++)
        ok = (npages[i] = card_pages(R, r->cards[i])) > 0;
    R->doc = main_doc;
    /* The plan: cover, contents, then per project two overview pages and its cards. */
    int *card_page = pt_xcalloc((size_t)r->ncards, sizeof *card_page);
    int *proj_page = pt_xcalloc((size_t)r->nprojects, sizeof *proj_page);
    int page = 2;
    for (int pj = 0, ci = 0; pj < r->nprojects; pj++) {
        proj_page[pj] = page;
        page += 2;
        for (; ci < r->ncards && r->cards[ci]->initiative->goal->project == &r->projects[pj]; ci++) {
            card_page[ci] = page;
            page += npages[ci];
        }
    }
    /* Contents entries. */
    PT_VEC(toc_entry) toc = {0};
    for (int pj = 0; pj < r->nprojects; pj++) {
        const pt_project *pr = &r->projects[pj];
        toc_entry h = { pt_sprintf(R->arena, "【%d. %s】", pr->no, pr->name), NULL,
                        proj_page[pj], true, pj };
        PT_PUSH(toc, h);
        for (int i = 0; i < r->ncards; i++) {
            const pt_card *c = r->cards[i];
            if (c->initiative->goal->project != pr)
                continue;
            toc_entry e = { pt_sprintf(R->arena, "%s %s", c->no, c->initiative->title),
                            c->label ? pt_sprintf(R->arena, "(%s)", c->label) : NULL,
                            card_page[i], false, pj };
            PT_PUSH(toc, e);
        }
    }
    if (ok && !(ok = cover(R)))
        pt_err_prefix(R->ctx, "%s: cover: ", r->file);
    if (ok)
        ok = contents(R, new_page(R), toc.v, (int)toc.n);
    /* Each project: its overview, then its cards' pages moved over in order. */
    size_t next = 0;
    for (int pj = 0, ci = 0; pj < r->nprojects && ok; pj++) {
        ok = overview(R, &r->projects[pj]);
        if (!ok)
            pt_err_prefix(R->ctx, "%s: <project no=\"%d\">: ", r->file, r->projects[pj].no);
        for (; ok && ci < r->ncards && r->cards[ci]->initiative->goal->project == &r->projects[pj]; ci++)
            for (int k = 0; k < npages[ci]; k++) {
                pt_doc_append(R->doc, cards.pages.v[next]);
                cards.pages.v[next++] = NULL;
            }
    }
    /* Outline: projects, then their cards by number and title. */
    for (int pj = 0; pj < r->nprojects && ok; pj++) {
        const pt_project *pr = &r->projects[pj];
        pt_outline_entry e = { 0, pt_sprintf(R->arena, "%d. %s", pr->no, pr->name), proj_page[pj] };
        PT_PUSH(R->doc->outline, e);
        for (int i = 0; i < r->ncards; i++) {
            const pt_card *c = r->cards[i];
            if (c->initiative->goal->project != pr)
                continue;
            pt_outline_entry ce = { 1, c->label ? pt_sprintf(R->arena, "%s %s（%s）", c->no,
                                                             c->initiative->title, c->label)
                                                : pt_sprintf(R->arena, "%s %s", c->no,
                                                             c->initiative->title),
                                    card_page[i] };
            PT_PUSH(R->doc->outline, ce);
        }
    }
    if (ok && !(ok = footers(R)))
        pt_err_prefix(R->ctx, "%s: <footer>: ", R->L->file);
    pt_doc_free(&cards);
    free(toc.v);
    free(npages);
    free(card_page);
    free(proj_page);
    return ok;
}

bool pt_typeset_doc(pt_ctx *ctx, const pt_report *r, const char *layout_path, pt_arena *arena,
                    pt_doc *doc, pt_layout **layout_out)
{
    pt_layout *L = pt_layout_load(ctx, arena, layout_path);
    if (!L)
        return false;
    *layout_out = L;
    rep R = { .ctx = ctx, .r = r, .L = L, .arena = arena };
    char year[16], next[16];
    snprintf(year, sizeof year, "%d", r->year);
    snprintf(next, sizeof next, "%d", r->year + 1);
    const char *vars[] = { "era", r->era, "abbr", r->era_abbr, "year", pt_strdup(arena, year),
                           "next", pt_strdup(arena, next), NULL };
    memcpy(R.vars, vars, sizeof vars);
    R.tw = pt_layout_text_width(L);
    R.ytop = L->page_h - L->top;
    R.ybottom = L->bottom;
    double t = pt_now();
    if (!load_styles(&R) || !check_coverage(&R))
        return false;
    if (!(R.ts = pt_typesetter_new(ctx, L->strictness)))
        return false;
    pt_phase("  layout: fonts, styles, coverage, break iterator", &t);
    pt_doc_init(doc, arena, L->page_w, L->page_h);
    R.doc = doc;
    bool ok = build(&R);
    pt_typesetter_free(R.ts);
    return ok;
}

bool pt_typeset(pt_ctx *ctx, const pt_report *r, const char *layout_path, const char *out_path)
{
    pt_arena *arena = pt_arena_new();
    pt_doc doc = {0};
    pt_layout *L = NULL;
    double t = pt_now();
    bool ok = pt_typeset_doc(ctx, r, layout_path, arena, &doc, &L);
    pt_phase("layout (fonts, shaping, lines, pages)", &t);
    if (ok) {
        pt_buf title = {0};
        for (int i = 0; i < r->ntitle_lines; i++) {
            if (i)
                pt_buf_puts(&title, " ");
            pt_buf_puts(&title, r->title_lines[i]);
        }
        pt_doc_info info = { title.s, r->publisher,
                             r->ntitle_lines > 1 ? r->title_lines[r->ntitle_lines - 2] : title.s,
                             "plantype", creation_time() };
        pt_out *o = pt_pdf_new(ctx, &info);
        ok = o && pt_doc_render(ctx, &doc, o);
        pt_phase("render the display list", &t);
        ok = ok && pt_pdf_save(o, ctx, out_path);
        pt_phase("write the PDF (subset fonts, content, compression)", &t);
        if (o)
            pt_pdf_free(o);
        pt_buf_free(&title);
    }
    pt_doc_free(&doc);
    pt_layout_free(L);
    pt_arena_free(arena);
    return ok;
}
