/* report_contents.c - the contents page: every project heading and card
 * entry with its page number, a dot leader and a link, in two columns split
 * between projects so that the taller column is as short as possible. */
#include "report_int.h"

#include <stdlib.h>
#include <string.h>

/* ---- contents ---- */

/* The blocks of an entry in a column: a card entry's number ("12", "5-1") in
 * a column of its own (the layout's entry-number-width) so that titles line
 * up and 「10 6次産業化」 reads as number and title; its title beside it; its
 * indicator label (sub-entry) below the title, indented and in the smaller
 * toc-label style. A project heading is one block over the whole column. */
typedef struct toc_blocks { pt_block number, title, label; const char *num; } toc_blocks;

static bool toc_entry_blocks(pt_rep *R, const pt_toc_entry *e, double colw, toc_blocks *b)
{
    const pt_layout *L = R->L;
    const pt_style *st = e->heading ? R->toc_project : R->toc_entry;
    const char *sp = e->heading ? NULL : strchr(e->text, ' ');
    double numw = sp ? L->toc_entry_number_w : 0;
    double w = colw - numw - L->toc_number_w - 0.5 * st->size;
    const char *title[1] = { sp ? sp + 1 : e->text };
    if (!pt_block_set(R->ctx, R->ts, &b->title, st, st->size, st->leading, w, title, 1))
        return false;
    if (sp) {
        const char *nt[1] = { b->num = pt_sprintf(R->arena, "%.*s", (int)(sp - e->text), e->text) };
        if (!pt_block_set(R->ctx, R->ts, &b->number, st, st->size, st->leading, numw, nt, 1))
            return false;
    }
    if (e->label) {
        const pt_style *ls = R->toc_label;
        const char *lt[1] = { e->label };
        double ind = numw + L->toc_label_indent * ls->size;
        if (!pt_block_set(R->ctx, R->ts, &b->label, ls, ls->size, ls->leading, colw - ind, lt, 1))
            return false;
    }
    return true;
}

static void leader(pt_rep *R, pt_page *p, double x0, double x1, double baseline)
{
    const pt_layout *L = R->L;
    double d = L->toc_dot_size, pitch = L->toc_dot_pitch;
    /* dots on a grid from the right so columns of leaders line up */
    for (double x = x1 - pitch; x >= x0; x -= pitch)
        pt_page_rect(p, x, baseline + 0.5, d, d, &L->text, NULL, 0);
}

/* The height of an entry's first part: its title, or its number when that
 * wraps to more lines in its narrow column (large sizes). */
static double entry_top_height(const toc_blocks *b)
{
    double th = pt_block_height(&b->title), nh = b->num ? pt_block_height(&b->number) : 0;
    return th > nh ? th : nh;
}

/* The contents' entries set and placed: the blocks of each entry and where
 * it goes (column: 2 per page, left then right; the top of the entry). */
typedef struct toc_plan {
    toc_blocks *bl;
    int *col;
    double *top;
    int ncols;
} toc_plan;

static void toc_plan_free(toc_plan *t, int n)
{
    for (int i = 0; i < n; i++) {
        pt_block_free(&t->bl[i].number);
        pt_block_free(&t->bl[i].title);
        pt_block_free(&t->bl[i].label);
    }
    free(t->bl);
    free(t->col);
    free(t->top);
}

/* Sets and places the entries. On one page when they fit there: two columns
 * split between projects so that the taller column is shortest (on a tie the
 * later split, left column fuller). Otherwise the entries flow down the
 * columns of as many pages as they need, a project heading kept with its
 * first entry; an entry taller than a column is refused. */
static bool toc_place(pt_rep *R, const pt_toc_entry *es, int n, toc_plan *t)
{
    double colw = (R->tw - R->L->toc_gap) / 2, avail = R->ytop - R->ybottom;
    t->bl = pt_xcalloc((size_t)n, sizeof *t->bl);
    t->col = pt_xcalloc((size_t)n, sizeof *t->col);
    t->top = pt_xcalloc((size_t)n, sizeof *t->top);
    t->ncols = 1;
    double *heights = pt_xcalloc((size_t)n, sizeof *heights), total = 0;
    bool ok = true;
    for (int i = 0; i < n && ok; i++) {
        ok = toc_entry_blocks(R, &es[i], colw, &t->bl[i]);
        heights[i] = entry_top_height(&t->bl[i])
                   + (es[i].label ? pt_block_height(&t->bl[i].label) : 0);
        total += heights[i];
        if (ok && heights[i] > avail)
            ok = pt_invalid(R->ctx, _("contents entry \"%s\" is %.1f pt tall, more than the "
                            "%.1f pt of a page"), pt_utf8_prefix(R->arena, es[i].text, 20),
                            heights[i], avail);
    }
    int nproj = 0;
    for (int i = 0; i < n; i++)
        nproj += es[i].heading;
    /* one page: only possible when half of everything fits in a column */
    int split = n;
    double best = 1e18;
    if (ok && total / 2 <= avail) {
        best = total;
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
    if (ok && best <= avail) {
        double y = R->ytop;
        for (int i = 0; i < n; i++) {
            if (i == split) {
                y = R->ytop;
                t->ncols = 2;
            }
            t->col[i] = i >= split;
            t->top[i] = y;
            y -= heights[i];
        }
    } else if (ok) {
        int c = 0;
        double y = R->ytop;
        for (int i = 0; i < n; i++) {
            double need = heights[i];
            if (es[i].heading && i + 1 < n && !es[i + 1].heading && need + heights[i + 1] <= avail)
                need += heights[i + 1];
            if (y - need < R->ybottom - 1e-6 && y < R->ytop) {
                c++;
                y = R->ytop;
            }
            t->col[i] = c;
            t->top[i] = y;
            y -= heights[i];
        }
        t->ncols = c + 1;
    }
    free(heights);
    return ok;
}

int pt_contents_pages(pt_rep *R, const pt_toc_entry *es, int n)
{
    toc_plan t;
    bool ok = toc_place(R, es, n, &t);
    toc_plan_free(&t, n);
    if (!ok)
        pt_err_prefix(R->ctx, "%s: contents: ", R->r->file);
    return ok ? (t.ncols + 1) / 2 : 0;
}

bool pt_contents(pt_rep *R, const pt_toc_entry *es, int n)
{
    const pt_layout *L = R->L;
    double colw = (R->tw - L->toc_gap) / 2;
    toc_plan tp;
    bool ok = toc_place(R, es, n, &tp);
    toc_blocks *bl = tp.bl;
    pt_page *p = NULL;
    /* Structure: TOC, an entry a TOCI holding a Link with the entry's title,
     * number and label and the link annotation; the leader is an artifact. */
    int toc = pt_elem_new(R->tree, R->sect, PT_ROLE_TOC);
    for (int i = 0; i < n && ok; i++) {
        if (!p || tp.col[i] / 2 != tp.col[i - 1] / 2)
            p = pt_rep_page(R);
        double x = L->left + (tp.col[i] % 2) * (colw + L->toc_gap), y = tp.top[i];
        const pt_toc_entry *e = &es[i];
        const pt_block *t = &bl[i].title;
        double top = y, tx = x + (bl[i].num ? L->toc_entry_number_w : 0);
        p->elem = pt_elem_new(R->tree, pt_elem_new(R->tree, toc, PT_ROLE_TOCI), PT_ROLE_LINK);
        R->tree->elems.v[p->elem].alt = e->label ? pt_sprintf(R->arena, "%s %s", e->text, e->label)
                                                 : e->text;
        if (bl[i].num)
            pt_block_draw(R->doc, p, &bl[i].number, 0, bl[i].number.lines.lines.n, x, y, L->text);
        double th = pt_block_draw(R->doc, p, t, 0, t->lines.lines.n, tx, y, L->text);
        /* the last title line: leader from its end to the number */
        const pt_line *last = &t->lines.lines.v[t->lines.lines.n - 1];
        double lh = pt_block_line_height(t);
        double base = pt_baseline(y - th + lh, t->size, t->leading);
        double end = tx + last->right * t->size / 1000.0 + t->size * 0.5;
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
        y -= entry_top_height(&bl[i]);
        if (e->label) {
            const pt_block *lb = &bl[i].label;
            y -= pt_block_draw(R->doc, p, lb, 0, lb->lines.lines.n,
                               tx + L->toc_label_indent * lb->size, y, L->text);
        }
        pt_page_link(p, x, y, colw, top - y, e->page);
        p->elem = 0;
    }
    if (ok && !p)
        pt_rep_page(R);                  /* no entries: the page still exists */
    toc_plan_free(&tp, n);
    if (!ok)
        pt_err_prefix(R->ctx, "%s: contents: ", R->r->file);
    return ok;
}
