/* report_card.c - the initiative cards, one per page, and their fitting.
 *
 * Fitting a card. Its narrative rows (取組概要, 評価, 相乗効果, 方向性) are set
 * in the body style. When the grid is taller than the page, the engine lowers,
 * in this order and only as far as needed, the line spacing (down to the
 * layout's min-leading), then the size (on a 0.25 pt grid down to min-size, with
 * the largest spacing that then fits; both found by bisection, report_fit.c),
 * and only then continues the card on further pages with its header rows
 * repeated; a part of the card that fits on no page is refused, naming it.
 * Each action is reported. When the grid is shorter than the page, the three
 * evaluation rows share the rest, so every card fills its page like the
 * printed one. Nothing is clipped. */
#include "report_int.h"
#include "report_fit.h"

#include <math.h>
#include <string.h>

/* A card label, expanded once per run (every card asks for twenty of them,
 * with the same year words). */
static const char *clabel(pt_rep *R, const char *key)
{
    for (int i = 0; i < R->nclabels; i++)
        if (!strcmp(R->clabels[i].key, key))
            return R->clabels[i].text;
    const char *text = pt_label_text(R->ctx, R->arena, R->L, R->L->card_labels,
                                     R->L->ncard_labels, key, R->vars);
    if (text && R->nclabels < (int)(sizeof R->clabels / sizeof R->clabels[0])) {
        R->clabels[R->nclabels].key = pt_strdup(R->arena, key);
        R->clabels[R->nclabels++].text = text;
    }
    return text;
}

/* ---- cards ---- */

enum { R_HEAD_LABELS, R_HEAD, R_INI_LABELS, R_INI, R_OVERVIEW, R_INDICATOR, R_VALUE_LABELS,
       R_VALUES, R_EVALUATION, R_SYNERGY, R_DIRECTION, NROWS };

static const char *BODY_KEYS[] = { "overview", "evaluation", "synergy", "direction" };

/* Builds the card's rows with the narrative rows set at size/leading. */
/* text, or the placeholder `none` (when not NULL) where text is empty. */
static const char *or_none(const char *text, const char *none)
{
    return (!text || !*text) && none ? none : text;
}

static bool card_rows(pt_rep *R, const pt_card *c, pt_row *rows, double size, double leading,
                      bool continued)
{
    const double *cols = R->L->card_cols;
    const pt_initiative *ini = c->initiative;
    const pt_goal *g = ini->goal;
    memset(rows, 0, sizeof(pt_row) * NROWS);
    const char *no = continued ? pt_sprintf(R->arena, "%s\n%s", c->no, clabel(R, "continued"))
                               : c->no;
    const char *heads[4] = { clabel(R, "no"), clabel(R, "project"), clabel(R, "goal"),
                             clabel(R, "policy") };
    const char *goal = pt_sprintf(R->arena, "%s%s", g->no, g->name);
    const char *policy = ini->policy ? pt_sprintf(R->arena, "%s%s", ini->policy->no,
                                                  ini->policy->name) : NULL;
    /* An incomplete card shows the layout's placeholder in its empty cells. */
    const char *none = c->incomplete ? clabel(R, "placeholder") : NULL;
    if (c->incomplete && !none)
        return false;
    bool ok = true;
    for (int k = 0; k < 4 && ok; k++)
        ok = pt_cell_text(R, &rows[R_HEAD_LABELS], k, 1, cols, R->label, heads[k], true, true);
    ok = ok && pt_cell_text(R, &rows[R_HEAD], 0, 1, cols, R->card_no, no, false, true)
            && pt_cell_text(R, &rows[R_HEAD], 1, 1, cols, R->cell, g->project->name, false, true)
            && pt_cell_text(R, &rows[R_HEAD], 2, 1, cols, R->cell, goal, false, true)
            && pt_cell_text(R, &rows[R_HEAD], 3, 1, cols, R->cell, or_none(policy, none), false, true)
            && pt_cell_text(R, &rows[R_INI_LABELS], 0, 2, cols, R->label, clabel(R, "initiative"), true, true)
            && pt_cell_text(R, &rows[R_INI_LABELS], 2, 1, cols, R->label, clabel(R, "dept"), true, true)
            && pt_cell_text(R, &rows[R_INI_LABELS], 3, 1, cols, R->label, clabel(R, "status"), true, true)
            && pt_cell_text(R, &rows[R_INI], 0, 2, cols, R->card_title, c->title, false, true);
    if (!ok)
        return false;
    rows[R_INI].cells[rows[R_INI].ncells - 1].heading = true;   /* the card's heading */
    /* Departments: one paragraph each. */
    pt_cell *d = &rows[R_INI].cells[rows[R_INI].ncells++];
    d->col = 2;
    d->span = 1;
    d->middle = true;
    const char *const *depts = ini->ndepts || !none ? ini->depts : &none;
    int ndepts = ini->ndepts || !none ? ini->ndepts : 1;
    if (!pt_cell_set(R, d, cols, R->cell, R->cell->size, R->cell->leading, depts, ndepts))
        return false;
    ok = c->status == PT_STATUS_UNKNOWN && none
       ? pt_cell_text(R, &rows[R_INI], 3, 1, cols, R->cell, none, false, true)
       : pt_cell_status(R, &rows[R_INI], 3, 1, cols, c->status);
    pt_cell_to_fill(&rows[R_INI], c->status == PT_STATUS_TODO);
    rows[R_INI].cells[rows[R_INI].ncells - 1].min_h = R->L->status_min_h;
    const char *vkeys[4] = { "baseline", "target", "actual", "next" };
    const pt_value *vals[4] = { &c->baseline, &c->target, &c->actual, &c->next };
    for (int k = 0; k < 4 && ok; k++) {
        ok = pt_cell_text(R, &rows[R_VALUE_LABELS], k, 1, cols, R->label, clabel(R, vkeys[k]), true, true)
          && pt_cell_text(R, &rows[R_VALUES], k, 1, cols, R->value, or_none(vals[k]->text, none),
                          false, true);
        if (ok)
            pt_cell_to_fill(&rows[R_VALUES], vals[k]->todo);
    }
    ok = ok && pt_cell_text(R, &rows[R_INDICATOR], 0, 1, cols, R->label, clabel(R, "indicator"), true, true)
            && pt_cell_text(R, &rows[R_INDICATOR], 1, 3, cols, R->cell, or_none(c->indicator, none),
                            false, false);
    const pt_rich *texts[4] = { &c->overview, &c->evaluation, &c->synergy, &c->direction };
    pt_para none_para = { none, c->line };
    pt_rich none_rich = { &none_para, 1 };
    int rowids[4] = { R_OVERVIEW, R_EVALUATION, R_SYNERGY, R_DIRECTION };
    for (int k = 0; k < 4 && ok; k++) {
        pt_row *w = &rows[rowids[k]];
        w->body = true;
        ok = pt_cell_text(R, w, 0, 1, cols, R->label, clabel(R, BODY_KEYS[k]), true, true)
          && pt_cell_rich(R, w, 1, 3, cols, R->body, size, leading,
                          texts[k]->n || !none ? texts[k] : &none_rich);
        if (ok)
            pt_cell_to_fill(w, texts[k]->todo);
    }
    return ok;
}

static int card_pages(pt_rep *R, const pt_card *c);

static double rows_total(pt_rep *R, const pt_row *rows, int n)
{
    double h = 0;
    for (int i = 0; i < n; i++)
        h += pt_row_height(R, &rows[i]);
    return h;
}

/* Sets the narrative rows' line spacing to l. */
static void set_body_leading(pt_row *rows, double l)
{
    for (int i = 0; i < NROWS; i++)
        if (rows[i].body)
            rows[i].cells[1].block.leading = l;
}

/* A card being fitted (report_fit.h): its rows, set again at each size. */
typedef struct card_fit {
    pt_rep *R;
    const pt_card *c;
    pt_row *rows;
    double leading;                  /* the layout's spacing, the rows' first */
} card_fit;

static bool card_set_size(void *u, double size)
{
    card_fit *f = u;
    pt_rows_free(f->rows, NROWS);
    return card_rows(f->R, f->c, f->rows, size, f->leading, false);
}

static void card_set_leading(void *u, double leading) { set_body_leading(((card_fit *)u)->rows, leading); }

static double card_height(void *u)
{
    card_fit *f = u;
    return rows_total(f->R, f->rows, NROWS);
}

static const pt_fit_ops CARD_FIT = { card_set_size, card_set_leading, card_height };

/* "card 5-1: …" as invalid input at the card's line: a part of the card that
 * cannot be placed on any page. Returns 0 (no pages). */
static int too_tall(pt_rep *R, const pt_card *c, const char *what, double h, double room)
{
    pt_invalid(R->ctx, _("%s:%d: <card no=\"%s\">: card %s: %s is %.1f pt tall, more than the "
               "%.1f pt a page has for it: the layout's sizes, padding or text area do not "
               "allow this card"), R->r->file, c->line, c->no, c->no, what, h, room);
    return 0;
}

/* What each row is, for messages. */
static const char *ROW_NAMES[NROWS] = {
    "the header labels row", "the header row (No., project, goal, policy)",
    "the initiative labels row", "the initiative row (title, departments, status)",
    "the overview (取組概要) row", "the indicator row", "the value labels row", "the values row",
    "the evaluation row", "the synergy row", "the direction row" };

/* Lays out one card onto as many pages as it needs (one unless it cannot fit
 * even at the floors). Returns the number of pages added, 0 on failure. */
int pt_card_pages(pt_rep *R, const pt_card *c, int *sect)
{
    /* Structure: a Sect titled with the card's number and title, its grid one
     * Table (a card continued on more pages stays one Sect and one Table). */
    *sect = pt_elem_new(R->tree, -1, PT_ROLE_SECT);
    R->tree->elems.v[*sect].alt = pt_sprintf(R->arena, "%s %s", c->no, c->title);
    R->table = pt_elem_new(R->tree, *sect, PT_ROLE_TABLE);
    int pages = card_pages(R, c);
    R->table = 0;
    return pages;
}

/* pt_card_pages without the structure. */
static int card_pages(pt_rep *R, const pt_card *c)
{
    const pt_layout *L = R->L;
    double avail = R->ytop - R->ybottom;
    double size = R->body->size, leading = R->body->leading;
    pt_row rows[NROWS];
    if (c->incomplete)
        pt_warn(R->ctx, _("%s:%d: card %s is incomplete: the source lacks its content; set with "
                "its known fields and empty cells"), R->r->file, c->line, c->no);
    if (!card_rows(R, c, rows, size, leading, false)) {
        pt_err_prefix(R->ctx, "%s:%d: <card no=\"%s\">: ", R->r->file, c->line, c->no);
        return pt_rows_free(rows, NROWS), 0;
    }
    bool fits = rows_total(R, rows, NROWS) <= avail;
    if (!fits) {
        /* 1. line spacing, 2. size; each time the largest value that fits
         * (report_fit.c). The search leaves the rows set as found, or at the
         * layout's size and spacing for continuation pages. */
        card_fit f = { R, c, rows, leading };
        double s, l;
        int fit = pt_fit(&CARD_FIT, &f, size, leading, L->min_size, L->min_leading, avail, &s, &l);
        if (fit < 0)
            return pt_rows_free(rows, NROWS), 0;
        fits = fit > 0;
        if (fits && s < size)
            pt_warn(R->ctx, _("card %s: 取組概要・評価・相乗効果・方向性 set at %.2f pt (layout %.2f pt), "
                    "line spacing %.2f (layout %.2f) to fit"), c->no, s, size, l, leading);
        else if (fits)
            pt_warn(R->ctx, _("card %s: line spacing %.2f (layout %.2f) to fit"), c->no, l, leading);
    }
    const double *cols = L->card_cols;
    if (fits) {
        double spare = avail - rows_total(R, rows, NROWS);
        rows[R_EVALUATION].extra = rows[R_SYNERGY].extra = rows[R_DIRECTION].extra = spare / 3;
        pt_page *p = pt_rep_page(R);
        double y = R->ytop;
        pt_rows_draw(R, p, rows, NROWS, cols, &y);
        pt_page_rect(p, L->left, R->ybottom, R->tw, R->ytop - R->ybottom, NULL, &L->rule,
                     L->rule_frame);
        pt_rows_free(rows, NROWS);
        return 1;
    }

    /* 3. continuation pages: rows in order, a narrative row split between
     * lines when at least one line fits; the header rows repeated. */
    pt_row head[NROWS];
    if (!card_rows(R, c, head, size, leading, true))
        return pt_rows_free(rows, NROWS), pt_rows_free(head, NROWS), 0;
    for (int i = 0; i < NROWS; i++)
        head[i].artifact = true;     /* repeated for the eye, not content again */
    /* Every page makes progress (a row or at least one line of one), or the
     * part that cannot be placed is reported: the number of pages is bounded
     * by the rows and lines of the card. */
    double head_h = rows_total(R, &head[R_HEAD_LABELS], R_HEAD - R_HEAD_LABELS + 1);
    if (head_h >= avail) {
        pt_rows_free(rows, NROWS);
        pt_rows_free(head, NROWS);
        return too_tall(R, c, "its header (repeated on every continuation page)", head_h, avail);
    }
    int pages = 0;
    pt_page *p = NULL;
    double y = 0, fresh_y = 0;         /* fresh_y: where this page's rows begin */
    const char *stuck = NULL;          /* what could not be placed on a fresh page */
    double stuck_h = 0, stuck_room = 0;
    for (int i = 0; i < NROWS && !stuck; i++) {
        pt_row *w = &rows[i];
        size_t nlines = w->body ? w->cells[1].block.lines.lines.n : 0, done = 0;
        for (;;) {
            if (!p) {
                p = pt_rep_page(R);
                pages++;
                y = R->ytop;
                if (pages > 1)
                    pt_rows_draw(R, p, &head[R_HEAD_LABELS], R_HEAD - R_HEAD_LABELS + 1, cols, &y);
                fresh_y = y;
            }
            double room = y - R->ybottom;
            bool fresh = y >= fresh_y;
            if (!w->body) {
                double h = pt_row_height(R, w);
                if (h > room) {
                    if (fresh) {
                        stuck = ROW_NAMES[i], stuck_h = h, stuck_room = room;
                        break;
                    }
                    p = NULL;
                    continue;
                }
                pt_row_draw(R, p, w, cols, L->left, y, h, 0, (size_t)-1);
                y -= h;
                break;
            }
            const pt_block *b = &w->cells[1].block;
            double lh = pt_block_line_height(b);
            double fitd = floor((room - 2 * L->pad_y) / lh + 1e-9);
            size_t fit = fitd > 0 ? (size_t)fitd : 0;
            size_t left = nlines - done;
            double label_h = pt_cell_need(R, &w->cells[0]);
            double need = left * lh + 2 * L->pad_y;
            if (need < label_h)
                need = label_h;
            if (fit >= left && (left ? label_h <= room : need <= room)) {
                pt_row_draw(R, p, w, cols, L->left, y, need, done, left);
                y -= need;
                break;
            }
            if (fit >= 1 && label_h <= room) {
                pt_row_draw(R, p, w, cols, L->left, y, room, done, fit);
                done += fit;
            } else if (fresh) {
                bool label = label_h > room;
                stuck = label ? pt_sprintf(R->arena, "the label of %s", ROW_NAMES[i])
                              : pt_sprintf(R->arena, "a line of %s", ROW_NAMES[i]);
                stuck_h = label ? label_h : lh + 2 * L->pad_y;
                stuck_room = room;
                break;
            }
            p = NULL;
        }
    }
    if (stuck) {
        pt_rows_free(rows, NROWS);
        pt_rows_free(head, NROWS);
        return too_tall(R, c, stuck, stuck_h, stuck_room);
    }
    pt_warn(R->ctx, _("card %s: too long for one page even at %.2f pt with line spacing %.2f; "
            "continued on %d pages"), c->no, L->min_size, L->min_leading, pages);
    pt_rows_free(rows, NROWS);
    pt_rows_free(head, NROWS);
    return pages;
}
