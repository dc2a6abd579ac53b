/* report_overview.c - a project's two overview pages: the aspect, the
 * project table and the 【施策体系】 figure drawn from the data; then the
 * year's two summary sentences (counted from the cards) and a table per goal. */
#include "report_int.h"

#include <stdlib.h>
#include <string.h>

static const char *olabel(pt_rep *R, const char *key)
{
    return pt_label_text(R->ctx, R->arena, R->L, R->L->ov_labels, R->L->nov_labels, key, R->vars);
}

/* ---- overview: project table, policy-system figure, the year's summary ---- */

/* Ends a table whose rows were built with result ok: draws them if ok, frees
 * them either way, returns ok. */
static bool table_end(pt_rep *R, pt_page *p, pt_row *rows, int n, const double *cols, double *y,
                      bool ok)
{
    if (ok) {
        R->table = pt_elem_new(R->tree, R->sect, PT_ROLE_TABLE);
        pt_rows_draw(R, p, rows, n, cols, y);
        R->table = 0;
    }
    pt_rows_free(rows, n);
    return ok;
}

/* A box of the figure: a block of text centred in a rectangle. */
typedef struct box { pt_block b; double y0, y1; } box;

static bool fig_text(pt_rep *R, pt_block *b, const pt_style *st, const char *text, double w)
{
    const char *texts[1] = { text };
    return pt_block_set(R->ctx, R->ts, b, st, st->size, st->leading, w - 2 * R->L->fig_pad,
                        texts, 1);
}

/* A list item of the figure's structure: its label (the number the box's
 * text starts with, Lbl) and its body (LBody: the rest, and the next level's
 * list). */
typedef struct fig_li { int lbl, body; uint32_t lbl_len; } fig_li;

/* Draws a box whose text is the content of list item e. */
static void fig_box(pt_rep *R, pt_page *p, const pt_block *b, fig_li e, double x, double w,
                    double ytop, double ybot, bool head)
{
    const pt_layout *L = R->L;
    pt_page_rect(p, x, ybot, w, ytop - ybot, head ? &L->shade : &L->figure_fill, &L->rule,
                 L->rule_figure);
    double th = pt_block_height(b);
    size_t from = p->items.n;
    p->elem = e.body;
    pt_block_draw(R->doc, p, b, 0, b->lines.lines.n, x + L->fig_pad, ytop - (ytop - ybot - th) / 2,
                  L->text);
    p->elem = 0;
    if (e.lbl)
        pt_page_split(p, from, e.lbl_len, e.lbl);
}

/* A new list item under list *list (made on first use under parent) whose
 * text starts with a label of lbl_len bytes (0: none). */
static fig_li fig_item(pt_rep *R, int parent, int *list, size_t lbl_len)
{
    if (!*list)
        *list = pt_elem_new(R->tree, parent, PT_ROLE_L);
    int li = pt_elem_new(R->tree, *list, PT_ROLE_LI);
    fig_li e = { 0, 0, (uint32_t)lbl_len };
    if (lbl_len)
        e.lbl = pt_elem_new(R->tree, li, PT_ROLE_LBL);
    e.body = pt_elem_new(R->tree, li, PT_ROLE_LBODY);
    return e;
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

/* The initiative box's text is "%d %s": its label is the number. */
static size_t ini_label_len(const pt_initiative *ini)
{
    char no[16];
    return (size_t)snprintf(no, sizeof no, "%d", ini->no);
}

static bool figure(pt_rep *R, pt_page *p, const pt_project *pr, double ytop, double *used)
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
    /* Structure, in reading order: the project, its goals, each goal's
     * policies with their initiatives, then initiatives without a policy,
     * as nested lists (the connectors are artifacts). */
    fig_li *ie = pt_xcalloc((size_t)n + 1, sizeof *ie), *pe = pt_xcalloc((size_t)npol + 1, sizeof *pe);
    fig_li *ge = pt_xcalloc((size_t)pr->ngoals + 1, sizeof *ge), pre = {0};
    int top_list = 0;
    if (ok) {
        pre = fig_item(R, R->sect, &top_list, 0);
        int goals = 0;
        for (int g = 0, q0 = 0; g < pr->ngoals; g++) {
            const pt_goal *gl = &pr->goals[g];
            ge[g] = fig_item(R, pre.body, &goals, strlen(gl->no));
            int items = 0;
            for (int q = q0; q < q0 + gl->npolicies; q++) {
                pe[q] = fig_item(R, ge[g].body, &items, strlen(gl->policies[q - q0].no));
                int inis_list = 0;
                for (int j = gb[g].first; j <= gb[g].last; j++)
                    if (inis[j]->policy == &gl->policies[q - q0])
                        ie[j] = fig_item(R, pe[q].body, &inis_list, ini_label_len(inis[j]));
            }
            for (int j = gb[g].first; j <= gb[g].last; j++)
                if (!inis[j]->policy)
                    ie[j] = fig_item(R, ge[g].body, &items, ini_label_len(inis[j]));
            q0 += gl->npolicies;
        }
    }
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
            fig_box(R, p, &ib[j], ie[j], x[3], fc[3], top[j], top[j] - h[j], false);
        /* policy boxes and their connectors to initiatives */
        for (int q = 0; q < np; q++) {
            if (pb[q].first < 0)
                continue;
            double t = top[pb[q].first], b = top[pb[q].last] - h[pb[q].last];
            fig_box(R, p, &pb[q].b, pe[q], x[2], fc[2], t, b, false);
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
            fig_box(R, p, &gb[g].b, ge[g], x[1], fc[1], t, b, false);
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
        fig_box(R, p, &prb, pre, x[0], fc[0], ytop, bottom, true);
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
    free(ie);
    free(pe);
    free(ge);
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

static const char *summary_text(pt_rep *R, const char *key, counts c)
{
    char n[16], k[16], m[16];
    snprintf(n, sizeof n, "%d", c.n);
    snprintf(k, sizeof k, "%d", c.k);
    snprintf(m, sizeof m, "%d", c.m);
    const char *vars[] = { "n", n, "k", k, "m", m, NULL };
    return pt_label_text(R->ctx, R->arena, R->L, R->L->ov_labels, R->L->nov_labels, key, vars);
}

bool pt_overview(pt_rep *R, const pt_project *pr)
{
    const pt_layout *L = R->L;
    /* the edition's variables and {aspect} */
    const char *vars[16] = { "aspect", pr->aspect };
    for (int i = 0; i < 12 && R->vars[i]; i++)
        vars[2 + i] = R->vars[i];
    const char *aspect = pt_label_text(R->ctx, R->arena, L, L->ov_labels, L->nov_labels, "aspect",
                                       vars);
    /* Page A: aspect, project table, figure. */
    pt_page *p = pt_rep_page(R);
    double y = R->ytop, h;
    if (!aspect || !pt_text_elem(R, p, PT_ROLE_H1, R->heading, aspect, L->left, y, R->tw,
                                 L->heading, &h))
        return false;
    y -= h;
    double c2[2] = { L->ov_cols[0] + L->ov_cols[1], L->ov_cols[2] };
    pt_row t[2];
    memset(t, 0, sizeof t);
    bool ok = pt_cell_text(R, &t[0], 0, 1, c2, R->label, olabel(R, "project"), true, true)
           && pt_cell_text(R, &t[0], 1, 1, c2, R->label, olabel(R, "leader"), true, true)
           && pt_cell_text(R, &t[1], 0, 1, c2, R->cell, pr->name, false, true)
           && pt_cell_text(R, &t[1], 1, 1, c2, R->cell, pr->leader, false, true);
    if (!table_end(R, p, t, 2, c2, &y, ok))
        return false;
    y -= R->subheading->size * 0.6;
    if (!pt_text_elem(R, p, PT_ROLE_H2, R->subheading, olabel(R, "system"), L->left, y, R->tw,
                      L->heading, &h))
        return false;
    y -= h + R->subheading->size * 0.3;
    double used;
    if (!figure(R, p, pr, y, &used))
        return false;

    /* Page B: the year's summary and a table per goal. */
    p = pt_rep_page(R);
    y = R->ytop;
    if (!pt_text_elem(R, p, PT_ROLE_H2, R->subheading, olabel(R, "year"), L->left, y, R->tw,
                      L->heading, &h))
        return false;
    y -= h;
    const char *s1 = summary_text(R, "goal-summary", goal_counts(pr));
    const char *s2 = summary_text(R, "card-summary", card_counts(pr));
    if (!s1 || !s2 || !pt_text_elem(R, p, PT_ROLE_P, R->summary, s1, L->left, y, R->tw, L->text, &h))
        return false;
    y -= h;
    if (!pt_text_elem(R, p, PT_ROLE_P, R->summary, s2, L->left, y, R->tw, L->text, &h))
        return false;
    y -= h + R->summary->size;
    const double *c3 = L->ov_cols;
    for (int g = 0; g < pr->ngoals; g++) {
        const pt_goal *gl = &pr->goals[g];
        pt_row w[5];
        memset(w, 0, sizeof w);
        const char *keys[3] = { "baseline", "target", "actual" };
        const pt_value *vals[3] = { &gl->baseline, &gl->target, &gl->actual };
        ok = pt_cell_text(R, &w[0], 0, 2, c3, R->label, olabel(R, "goal"), true, true)
          && pt_cell_text(R, &w[0], 2, 1, c3, R->label, olabel(R, "status"), true, true)
          && pt_cell_text(R, &w[1], 0, 2, c3, R->cell, pt_sprintf(R->arena, "%s%s", gl->no, gl->name), false, true)
          && pt_cell_status(R, &w[1], 2, 1, c3, gl->status)
          && pt_cell_text(R, &w[2], 0, 1, c3, R->label, olabel(R, "indicator"), true, true)
          && pt_cell_text(R, &w[2], 1, 2, c3, R->cell, gl->indicator, false, false);
        if (ok)
            w[1].cells[1].to_fill = gl->status == PT_STATUS_TODO;
        for (int k = 0; k < 3 && ok; k++) {
            ok = pt_cell_text(R, &w[3], k, 1, c3, R->label, olabel(R, keys[k]), true, true)
              && pt_cell_text(R, &w[4], k, 1, c3, R->value, vals[k]->text, false, true);
            if (ok)
                pt_cell_to_fill(&w[4], vals[k]->todo);
        }
        if (!table_end(R, p, w, 5, c3, &y, ok))
            return false;
        y -= R->summary->size * 1.5;
    }
    if (y < R->ybottom)
        pt_warn(R->ctx, "project %d: the summary page is %.0f pt too long", pr->no, R->ybottom - y);
    return true;
}
