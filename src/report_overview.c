/* report_overview.c - a project's two overview pages: the aspect, the
 * project table and the 【施策体系】 figure drawn from the data; then the
 * year's two summary sentences (counted from the cards) and a table per goal. */
#include "report_int.h"
#include "report_fit.h"

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

/* ---- the 【施策体系】 figure: structure items ---- */

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

/* The initiative box's text is "%d %s": its label is the number. */
static size_t ini_label_len(const pt_initiative *ini)
{
    char no[16];
    return (size_t)snprintf(no, sizeof no, "%d", ini->no);
}

/* ---- the 【施策体系】 figure ---- */

/* The tree project -> goals -> policies -> initiatives as four columns of
 * boxes joined by elbow lines. One row per initiative, all rows of a piece
 * one height (the boxes of a level are even); a goal or policy box spans the
 * rows of its initiatives. An incomplete initiative the source gives no
 * policy hangs from a box with the card placeholder (（調整中）) in its goal.
 * With columns="auto" in the layout the column widths come from the texts
 * (fig_columns).
 *
 * Fitting. When the figure is taller than the rest of its page it is fitted
 * like a card (report_fit.c): line spacing, then size of the figure style
 * down to the layout's figure floors, each action reported. When it still
 * does not fit it is continued: rows [a, b] that fit go on the page, the rest
 * on following pages under the repeated 【施策体系】 heading; a goal, policy
 * or project box cut by a page break is drawn on each page with its text. */

/* A goal or policy box of the figure: its text and the rows it spans. */
typedef struct span_box { pt_block b; int first, last; } span_box;

typedef struct fig {
    pt_rep *R;
    const pt_project *pr;
    int n, ng, np;                 /* rows (initiatives), goals, policy boxes */
    int npol;                      /* policies of the data: pb[0..npol); then placeholders */
    const char **it, **gt, **pt;   /* box texts: initiatives, goals, policy boxes */
    double fc[4];                  /* column widths */
    pt_block *ib;                  /* initiative boxes, one per row */
    const pt_initiative **inis;
    span_box *gb, *pb;             /* goal and policy boxes */
    int *gol, *pol;                /* row -> goal, policy (-1: none) */
    pt_block prb;                  /* the project box */
    double *h, *top;               /* row heights and tops of the piece at hand */
    fig_li *ie, *pe, *ge, pre;     /* structure: list items of the boxes (fig_structure) */
    double size, leading;          /* of the figure style, as set */
} fig;

static bool fig_text(pt_rep *R, pt_block *b, const pt_style *st, double size, double leading,
                     const char *text, double w)
{
    const char *texts[1] = { text };
    return pt_block_set(R->ctx, R->ts, b, st, size, leading, w - 2 * R->L->fig_pad, texts, 1);
}

static void fig_free_blocks(fig *f)
{
    for (int j = 0; j < f->n; j++)
        pt_block_free(&f->ib[j]);
    for (int g = 0; g < f->ng; g++)
        pt_block_free(&f->gb[g].b);
    for (int q = 0; q < f->np; q++)
        pt_block_free(&f->pb[q].b);
    pt_block_free(&f->prb);
}

static void fig_free(fig *f)
{
    fig_free_blocks(f);
    free(f->ib);
    free(f->inis);
    free(f->gb);
    free(f->pb);
    free(f->gol);
    free(f->pol);
    free(f->h);
    free(f->top);
    free(f->ie);
    free(f->pe);
    free(f->ge);
    free(f->it);
    free(f->gt);
    free(f->pt);
}

/* An initiative the figure hangs from a placeholder box: incomplete, and the
 * source gives it no policy. */
static bool pending(const pt_initiative *ini) { return !ini->policy && ini->incomplete; }

/* The rows, spans and texts of the project's figure (no text set yet);
 * placeholder is the text of a pending initiative's policy box. */
static void fig_init(pt_rep *R, const pt_project *pr, fig *f, const char *placeholder)
{
    memset(f, 0, sizeof *f);
    f->R = R;
    f->pr = pr;
    f->ng = pr->ngoals;
    for (int g = 0; g < pr->ngoals; g++) {
        f->n += pr->goals[g].ninitiatives;
        f->np += pr->goals[g].npolicies;
    }
    f->ib = pt_xcalloc((size_t)f->n, sizeof *f->ib);
    f->inis = pt_xcalloc((size_t)f->n, sizeof *f->inis);
    f->gol = pt_xcalloc((size_t)f->n, sizeof *f->gol);
    f->pol = pt_xcalloc((size_t)f->n, sizeof *f->pol);
    f->h = pt_xcalloc((size_t)f->n, sizeof *f->h);
    f->top = pt_xcalloc((size_t)f->n, sizeof *f->top);
    f->gb = pt_xcalloc((size_t)f->ng, sizeof *f->gb);
    f->pb = pt_xcalloc((size_t)(f->np + f->n) + 1, sizeof *f->pb);
    f->it = pt_xcalloc((size_t)f->n + 1, sizeof *f->it);
    f->gt = pt_xcalloc((size_t)f->ng + 1, sizeof *f->gt);
    f->pt = pt_xcalloc((size_t)(f->np + f->n) + 1, sizeof *f->pt);
    f->npol = f->np;
    int k = 0, np = 0;
    for (int g = 0; g < pr->ngoals; g++) {
        const pt_goal *gl = &pr->goals[g];
        f->gb[g].first = k;
        f->gt[g] = pt_sprintf(R->arena, "%s%s", gl->no, gl->name);
        for (int i = 0; i < gl->ninitiatives; i++, k++) {
            f->inis[k] = gl->initiatives[i];
            f->it[k] = pt_sprintf(R->arena, "%d %s", f->inis[k]->no, f->inis[k]->title);
            f->gol[k] = g;
            f->pol[k] = -1;
        }
        f->gb[g].last = k - 1;
        for (int q = 0; q < gl->npolicies; q++, np++) {
            f->pt[np] = pt_sprintf(R->arena, "%s%s", gl->policies[q].no, gl->policies[q].name);
            f->pb[np].first = f->pb[np].last = -1;
            for (int j = f->gb[g].first; j < k; j++)
                if (f->inis[j]->policy == &gl->policies[q]) {
                    if (f->pb[np].first < 0)
                        f->pb[np].first = j;
                    f->pb[np].last = j;
                    f->pol[j] = np;
                }
        }
    }
    /* one placeholder box per run of pending initiatives of one goal */
    for (int j = 0; j < f->n; j++) {
        if (!pending(f->inis[j]))
            continue;
        if (j > 0 && pending(f->inis[j - 1]) && f->gol[j - 1] == f->gol[j]) {
            f->pb[f->np - 1].last = j;
        } else {
            f->pt[f->np] = placeholder;
            f->pb[f->np].first = f->pb[f->np].last = j;
            f->np++;
        }
        f->pol[j] = f->np - 1;
    }
}

/* Sets every box's text: the figure style at size, the project in its own. */
static bool fig_set_size(void *u, double size)
{
    fig *f = u;
    pt_rep *R = f->R;
    const double *fc = f->fc;
    fig_free_blocks(f);
    f->size = size;
    f->leading = R->figure->leading;
    bool ok = true;
    for (int j = 0; j < f->n && ok; j++)
        ok = fig_text(R, &f->ib[j], R->figure, size, f->leading, f->it[j], fc[3]);
    for (int g = 0; g < f->ng && ok; g++)
        ok = fig_text(R, &f->gb[g].b, R->figure, size, f->leading, f->gt[g], fc[1]);
    for (int q = 0; q < f->np && ok; q++)
        ok = fig_text(R, &f->pb[q].b, R->figure, size, f->leading, f->pt[q], fc[2]);
    const pt_style *hs = R->figure_head;
    return ok && fig_text(R, &f->prb, hs, hs->size, hs->leading, f->pr->name, fc[0]);
}

static void fig_set_leading(void *u, double leading)
{
    fig *f = u;
    f->leading = leading;
    for (int j = 0; j < f->n; j++)
        f->ib[j].leading = leading;
    for (int g = 0; g < f->ng; g++)
        f->gb[g].b.leading = leading;
    for (int q = 0; q < f->np; q++)
        f->pb[q].b.leading = leading;
}

/* The row height that gives a box of height need over rows first..last
 * (separated by gap) room, or h when that is more. */
static double even_row(double h, int first, int last, double need, double gap)
{
    int rows = last - first + 1;
    double each = (need - (rows - 1) * gap) / rows;
    return rows > 0 && each > h ? each : h;
}

/* The rows [a, b] as one piece of the figure: f->h[a..b] their heights, all
 * one: the tallest initiative box, or taller where a policy, goal or the
 * project box (the part of it in the piece) needs it. Returns the piece's
 * height. */
static double fig_piece(fig *f, int a, int b)
{
    double pad = f->R->L->fig_pad, rg = f->R->L->fig_row_gap, row = 0;
    for (int j = a; j <= b; j++) {
        double need = pt_block_height(&f->ib[j]) + 2 * pad;
        row = need > row ? need : row;
    }
    for (int j = a; j <= b;) {          /* runs of one policy box */
        int e = j;
        while (e < b && f->pol[e + 1] == f->pol[j])
            e++;
        if (f->pol[j] >= 0)
            row = even_row(row, j, e, pt_block_height(&f->pb[f->pol[j]].b) + 2 * pad, rg);
        j = e + 1;
    }
    for (int j = a; j <= b;) {          /* runs of one goal */
        int e = j;
        while (e < b && f->gol[e + 1] == f->gol[j])
            e++;
        row = even_row(row, j, e, pt_block_height(&f->gb[f->gol[j]].b) + 2 * pad, rg);
        j = e + 1;
    }
    row = even_row(row, a, b, pt_block_height(&f->prb) + 2 * pad, rg);
    for (int j = a; j <= b; j++)
        f->h[j] = row;
    return (b - a + 1) * (row + rg) - rg;
}

static double fig_height(void *u)
{
    fig *f = u;
    return f->n ? fig_piece(f, 0, f->n - 1) : 0;
}

static const pt_fit_ops FIG_FIT = { fig_set_size, fig_set_leading, fig_height };

/* The part of a span in rows [a, b]; false when it has none. */
static bool clamp(const span_box *s, int a, int b, int *first, int *last)
{
    *first = s->first > a ? s->first : a;
    *last = s->last < b ? s->last : b;
    return s->first >= 0 && *first <= *last;
}

/* Structure, in reading order: the project, its goals, each goal's policies
 * with their initiatives, then initiatives without a policy, as nested lists
 * (the connectors are artifacts). Made once, before the figure is drawn. */
static void fig_structure(fig *f)
{
    pt_rep *R = f->R;
    const pt_project *pr = f->pr;
    f->ie = pt_xcalloc((size_t)f->n + 1, sizeof *f->ie);
    f->pe = pt_xcalloc((size_t)f->np + 1, sizeof *f->pe);
    f->ge = pt_xcalloc((size_t)f->ng + 1, sizeof *f->ge);
    int top_list = 0;
    f->pre = fig_item(R, R->sect, &top_list, 0);
    int goals = 0;
    for (int g = 0, q0 = 0; g < pr->ngoals; g++) {
        const pt_goal *gl = &pr->goals[g];
        f->ge[g] = fig_item(R, f->pre.body, &goals, strlen(gl->no));
        int items = 0;
        for (int q = q0; q < q0 + gl->npolicies; q++) {
            f->pe[q] = fig_item(R, f->ge[g].body, &items, strlen(gl->policies[q - q0].no));
            int inis_list = 0;
            for (int j = f->gb[g].first; j <= f->gb[g].last; j++)
                if (f->inis[j]->policy == &gl->policies[q - q0])
                    f->ie[j] = fig_item(R, f->pe[q].body, &inis_list, ini_label_len(f->inis[j]));
        }
        for (int q = f->npol; q < f->np; q++) {   /* placeholder boxes of this goal */
            if (f->gol[f->pb[q].first] != g)
                continue;
            f->pe[q] = fig_item(R, f->ge[g].body, &items, 0);
            int inis_list = 0;
            for (int j = f->pb[q].first; j <= f->pb[q].last; j++)
                f->ie[j] = fig_item(R, f->pe[q].body, &inis_list, ini_label_len(f->inis[j]));
        }
        for (int j = f->gb[g].first; j <= f->gb[g].last; j++)
            if (f->pol[j] < 0)
                f->ie[j] = fig_item(R, f->ge[g].body, &items, ini_label_len(f->inis[j]));
        q0 += gl->npolicies;
    }
}

/* A box's structure item in the piece starting at row a: the box's own the
 * first time it is drawn, none (an artifact) when a page break repeats it. */
static fig_li piece_item(fig_li e, int first, int a)
{
    fig_li none = {0};
    return first < a ? none : e;
}

/* Draws rows [a, b] (measured by fig_piece) from ytop down; returns the
 * height used. */
static double fig_draw(fig *f, pt_page *p, int a, int b, double ytop)
{
    pt_rep *R = f->R;
    const pt_layout *L = R->L;
    const double *fc = f->fc;
    double gap = L->fig_gap, rg = L->fig_row_gap, *h = f->h, *top = f->top;
    double x[4];
    x[0] = L->left;
    for (int i = 1; i < 4; i++)
        x[i] = x[i - 1] + fc[i - 1] + gap;
    double y = ytop;
    for (int j = a; j <= b; j++) {
        top[j] = y;
        y -= h[j] + rg;
    }
    double bottom = y + rg;
    /* initiative boxes */
    for (int j = a; j <= b; j++)
        fig_box(R, p, &f->ib[j], f->ie[j], x[3], fc[3], top[j], top[j] - h[j], false);
    /* policy boxes and their connectors to initiatives */
    for (int q = 0; q < f->np; q++) {
        int qf, ql;
        if (!clamp(&f->pb[q], a, b, &qf, &ql))
            continue;
        double t = top[qf], bt = top[ql] - h[ql];
        fig_box(R, p, &f->pb[q].b, piece_item(f->pe[q], f->pb[q].first, a), x[2], fc[2], t, bt,
                false);
        double mx = x[3] - gap / 2, first_mid = 0, last_mid = 0;
        for (int j = qf; j <= ql; j++) {
            double mid = top[j] - h[j] / 2;
            if (j == qf)
                first_mid = mid;
            last_mid = mid;
            pt_page_line(p, mx, mid, x[3], mid, L->rule, L->rule_figure);
        }
        double pm = (t + bt) / 2;
        pt_page_line(p, x[2] + fc[2], pm, mx, pm, L->rule, L->rule_figure);
        pt_page_line(p, mx, first_mid > pm ? first_mid : pm, mx, last_mid < pm ? last_mid : pm,
                     L->rule, L->rule_figure);
    }
    /* goal boxes, connectors to their policies (or straight to an
     * initiative whose policy is unknown) */
    for (int g = 0; g < f->ng; g++) {
        int gf, gl;
        if (!clamp(&f->gb[g], a, b, &gf, &gl))
            continue;
        double t = top[gf], bt = top[gl] - h[gl];
        fig_box(R, p, &f->gb[g].b, piece_item(f->ge[g], f->gb[g].first, a), x[1], fc[1], t, bt,
                false);
        double gm = (t + bt) / 2, mx = x[2] - gap / 2, hi = gm, lo = gm;
        pt_page_line(p, x[1] + fc[1], gm, mx, gm, L->rule, L->rule_figure);
        for (int q = 0; q < f->np; q++) {
            int qf, ql;
            if (!clamp(&f->pb[q], a, b, &qf, &ql) || qf < gf || qf > gl)
                continue;
            double pm = (top[qf] + top[ql] - h[ql]) / 2;
            pt_page_line(p, mx, pm, x[2], pm, L->rule, L->rule_figure);
            hi = pm > hi ? pm : hi;
            lo = pm < lo ? pm : lo;
        }
        for (int j = gf; j <= gl; j++)
            if (f->pol[j] < 0) {
                double mid = top[j] - h[j] / 2;
                pt_page_line(p, mx, mid, x[3], mid, L->rule, L->rule_figure);
                lo = mid < lo ? mid : lo;
            }
        pt_page_line(p, mx, hi, mx, lo, L->rule, L->rule_figure);
    }
    /* the project box and its connectors to the goals */
    fig_box(R, p, &f->prb, piece_item(f->pre, 0, a), x[0], fc[0], ytop, bottom, true);
    double pm = (ytop + bottom) / 2, mx = x[1] - gap / 2, hi = pm, lo = pm;
    pt_page_line(p, x[0] + fc[0], pm, mx, pm, L->rule, L->rule_figure);
    for (int g = 0; g < f->ng; g++) {
        int gf, gl;
        if (!clamp(&f->gb[g], a, b, &gf, &gl))
            continue;
        double gm = (top[gf] + top[gl] - h[gl]) / 2;
        pt_page_line(p, mx, gm, x[1], gm, L->rule, L->rule_figure);
        hi = gm > hi ? gm : hi;
        lo = gm < lo ? gm : lo;
    }
    pt_page_line(p, mx, hi, mx, lo, L->rule, L->rule_figure);
    return ytop - bottom;
}

/* The heading of a continuation page at *y, e.g. 【施策体系】（続き）: the
 * overview label key followed by the layout's "continued"; *y moves below it.
 * Like a card's repeated header it is an artifact, not in the structure. */
static bool continued_heading(pt_rep *R, pt_page *p, const char *key, double *y)
{
    const char *cont = pt_label_text(R->ctx, R->arena, R->L, R->L->card_labels,
                                     R->L->ncard_labels, "continued", R->vars);
    const char *head = olabel(R, key);
    double h;
    if (!cont || !head || !pt_text_line(R, p, R->subheading, pt_sprintf(R->arena, "%s%s", head, cont),
                                        R->L->left, *y, R->tw, R->L->heading, &h))
        return false;
    *y -= h;
    return true;
}

/* The widest text of a column, in points at its style's size: need (on one
 * line) and least (its widest phrase). */
static bool column_widths(pt_rep *R, const pt_style *st, const char *const *texts, int n,
                          double *need, double *least)
{
    double pad = 2 * R->L->fig_pad + 0.5;   /* 0.5 pt: rounding never wraps a fitted text */
    *need = *least = 0;
    for (int i = 0; i < n; i++) {
        double nat, phrase;
        if (!pt_text_widths(R->ctx, R->ts, st, st->size, texts[i], &nat, &phrase))
            return false;
        *need = nat + pad > *need ? nat + pad : *need;
        *least = phrase + pad > *least ? phrase + pad : *least;
    }
    return true;
}

/* The column widths from the texts (layout columns="auto"). A column wants
 * its widest text on one line (need) and cannot be narrower than its widest
 * phrase (least). When the four needs fit the text width, the width left is
 * shared in proportion to need. Otherwise the initiatives (one row each:
 * wrapping them makes the whole figure taller) keep their need as far as
 * the other columns' least allows, and the rest goes to the policies, then
 * the goals, then the project (boxes over more and more rows, where wrapping
 * costs less and less). */
static bool fig_columns(fig *f)
{
    pt_rep *R = f->R;
    double w = R->tw - 3 * R->L->fig_gap, need[4], least[4];
    if (!column_widths(R, R->figure_head, &f->pr->name, 1, &need[0], &least[0])
        || !column_widths(R, R->figure, f->gt, f->ng, &need[1], &least[1])
        || !column_widths(R, R->figure, f->pt, f->np, &need[2], &least[2])
        || !column_widths(R, R->figure, f->it, f->n, &need[3], &least[3]))
        return false;
    double sum_need = need[0] + need[1] + need[2] + need[3];
    double least3 = least[0] + least[1] + least[2];
    if (sum_need <= w) {
        for (int c = 0; c < 4; c++)
            f->fc[c] = need[c] + (w - sum_need) * need[c] / sum_need;
    } else if (least3 + least[3] >= w) {   /* phrases must break anyway */
        for (int c = 0; c < 4; c++)
            f->fc[c] = least[c] * w / (least3 + least[3]);
    } else {
        f->fc[3] = need[3] < w - least3 ? need[3] : w - least3;
        double room = w - f->fc[3] - least3;
        for (int c = 2; c >= 0; c--) {
            double more = need[c] - least[c] < room ? need[c] - least[c] : room;
            f->fc[c] = least[c] + more;
            room -= more;
        }
        f->fc[3] += room;
    }
    return true;
}

/* The figure from ytop on page p, fitted or continued (see above); *p is the
 * last page it used. False with ctx->err. */
static bool figure(pt_rep *R, pt_page **p, const pt_project *pr, double ytop)
{
    const pt_layout *L = R->L;
    fig f;
    const char *placeholder = pt_label_text(R->ctx, R->arena, L, L->card_labels, L->ncard_labels,
                                            "placeholder", R->vars);
    if (!placeholder)
        return false;
    fig_init(R, pr, &f, placeholder);
    memcpy(f.fc, L->fig_cols, sizeof f.fc);
    double size = R->figure->size, leading = R->figure->leading, avail = ytop - R->ybottom;
    bool ok = (!L->fig_auto || fig_columns(&f)) && fig_set_size(&f, size);
    int fit = 1;
    if (ok && fig_height(&f) > avail) {
        double s, l;
        fit = pt_fit(&FIG_FIT, &f, size, leading, L->fig_min_size, L->fig_min_leading, avail, &s,
                     &l);
        ok = fit >= 0;
        if (fit > 0 && s < size)
            pt_warn(R->ctx, _("project %d: 【施策体系】 set at %.2f pt (layout %.2f pt), line spacing "
                    "%.2f (layout %.2f) to fit"), pr->no, s, size, l, leading);
        else if (fit > 0)
            pt_warn(R->ctx, _("project %d: 【施策体系】 line spacing %.2f (layout %.2f) to fit"),
                    pr->no, l, leading);
    }
    if (ok)
        fig_structure(&f);
    if (ok && fit > 0 && f.n) {
        fig_piece(&f, 0, f.n - 1);
        fig_draw(&f, *p, 0, f.n - 1, ytop);
    } else if (ok && f.n) {
        /* Continued: as many rows as fit on each page; a page that cannot
         * take even one row is a fresh one only when the row is taller than
         * any page (refused). */
        int pages = 1;
        double y = ytop;
        bool fresh = false;
        for (int a = 0; a < f.n && ok;) {
            int b = a;
            if (fig_piece(&f, a, a) > y - R->ybottom) {
                if (fresh) {
                    ok = pt_invalid(R->ctx, _("the 【施策体系】 row of initiative %d is %.1f pt tall, "
                                    "more than a page has for it (%.1f pt)"), f.inis[a]->no,
                                    fig_piece(&f, a, a), y - R->ybottom);
                    break;
                }
            } else {
                while (b + 1 < f.n && fig_piece(&f, a, b + 1) <= y - R->ybottom)
                    b++;
                fig_piece(&f, a, b);
                fig_draw(&f, *p, a, b, y);
                a = b + 1;
                if (a >= f.n)
                    break;
            }
            *p = pt_rep_page(R);
            pages++;
            y = R->ytop;
            ok = continued_heading(R, *p, "system", &y);
            y -= R->subheading->size * 0.3;
            fresh = true;
        }
        if (ok)
            pt_warn(R->ctx, _("project %d: 【施策体系】 too tall for its page even at %.2f pt with line "
                    "spacing %.2f; continued on %d pages"), pr->no, L->fig_min_size,
                    L->fig_min_leading, pages);
    }
    fig_free(&f);
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
    if (!figure(R, &p, pr, y))
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
    double page_top = y;                 /* where this page's tables begin */
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
        /* a table that does not fit below goes to a new page under the
         * repeated 【{era}{year}年度】 heading; one taller than a page is refused */
        double th = 0;
        for (int k = 0; k < 5 && ok; k++)
            th += pt_row_height(R, &w[k]);
        if (ok && y - th < R->ybottom && y < page_top) {
            p = pt_rep_page(R);
            y = R->ytop;
            ok = continued_heading(R, p, "year", &y);
            page_top = y;
        }
        if (ok && y - th < R->ybottom)
            ok = pt_invalid(R->ctx, _("the table of goal %s is %.1f pt tall, more than a page has "
                            "for it (%.1f pt)"), gl->no, th, y - R->ybottom);
        if (!table_end(R, p, w, 5, c3, &y, ok))
            return false;
        y -= R->summary->size * 1.5;
    }
    return true;
}
