/* report.c - the report: page plan, cover, footers, outline; the table cells
 * and rows every page kind draws with.
 *
 * Approach. Everything is laid out into a display list (page.h) before a byte
 * of PDF is written, in this order:
 *   1. the cards, each fitted to its page (report_card.c), which fixes how
 *      many pages every card takes;
 *   2. the page plan: cover, contents, then per project its two overview pages
 *      and its cards; this gives every card its page number (pass 1);
 *   3. the cover, the contents (report_contents.c, with those numbers and
 *      links), the overviews (report_overview.c);
 *   4. footers, the outline, then the backend renders the list.
 * Geometry, sizes, colours and label texts come from the layout; year words
 * from the edition. The engine never names a card: the report is data. */
#include "report.h"
#include "report_int.h"
#include "outfile.h"

#include "layout.h"
#include "page.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* The language of every edition's text (the PDF's /Lang). */
#define REPORT_LANG "ja-JP"

static bool load_styles(pt_rep *R)
{
    struct { const pt_style **to; const char *name; } want[] = {
        { &R->body, "body" }, { &R->cell, "cell" }, { &R->label, "label" },
        { &R->value, "value" }, { &R->status, "status" }, { &R->cover_title, "cover-title" },
        { &R->cover_year, "cover-year" }, { &R->cover_org, "cover-org" },
        { &R->toc_project, "toc-project" }, { &R->toc_entry, "toc-entry" },
        { &R->heading, "heading" }, { &R->subheading, "subheading" },
        { &R->summary, "summary" }, { &R->figure, "figure" },
        { &R->figure_head, "figure-head" }, { &R->footer, "footer" },
        { &R->card_no, "card-no" }, { &R->card_title, "card-title" },
        { &R->toc_label, "toc-label" },
    };
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++)
        if (!(*want[i].to = pt_layout_style(R->ctx, R->L, want[i].name)))
            return false;
    return true;
}

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
bool pt_cell_set(pt_rep *R, pt_cell *c, const double *cols, const pt_style *st, double size,
                 double leading, const char *const *texts, int ntexts)
{
    double w = col_w(cols, c->col, c->span) - 2 * R->L->pad_x;
    return pt_block_set(R->ctx, R->ts, &c->block, st, size, leading, w, texts, ntexts);
}

bool pt_cell_text(pt_rep *R, pt_row *w, int col, int span, const double *cols, const pt_style *st,
                  const char *text, bool shaded, bool middle)
{
    pt_cell *c = &w->cells[w->ncells++];
    c->col = col;
    c->span = span;
    c->shaded = shaded;
    c->middle = middle;
    const char *texts[1] = { text ? text : "" };
    return pt_cell_set(R, c, cols, st, st->size, st->leading, texts, text && *text ? 1 : 0);
}

bool pt_cell_status(pt_rep *R, pt_row *w, int col, int span, const double *cols, pt_status s)
{
    static const char *const keys[] = { [PT_STATUS_ACHIEVED] = "status-achieved",
        [PT_STATUS_NOT_ACHIEVED] = "status-not-achieved", [PT_STATUS_NONE] = "status-none" };
    const char *alt = NULL;   /* unknown or to be filled: no mark, no words */
    bool marked = s == PT_STATUS_ACHIEVED || s == PT_STATUS_NOT_ACHIEVED || s == PT_STATUS_NONE;
    if (marked &&
        !(alt = pt_label_text(R->ctx, R->arena, R->L, R->L->card_labels, R->L->ncard_labels,
                              keys[s], R->vars)))
        return false;
    if (!pt_cell_text(R, w, col, span, cols, R->status, pt_status_mark(s), false, true))
        return false;
    w->cells[w->ncells - 1].alt = alt;
    return true;
}

bool pt_cell_rich(pt_rep *R, pt_row *w, int col, int span, const double *cols, const pt_style *st,
                  double size, double leading, const pt_rich *t)
{
    pt_cell *c = &w->cells[w->ncells++];
    c->col = col;
    c->span = span;
    const char **texts = pt_alloc(R->arena, sizeof *texts * (size_t)(t->n + 1));
    for (int i = 0; i < t->n; i++)
        texts[i] = t->paras[i].text;
    return pt_cell_set(R, c, cols, st, size, leading, texts, t->n);
}

void pt_cell_to_fill(pt_row *w, bool to_fill)
{
    w->cells[w->ncells - 1].to_fill = to_fill;
}

/* Height of a cell's content box (an empty cell is one line of its style). */
double pt_cell_need(pt_rep *R, const pt_cell *c)
{
    double h = c->block.lines.lines.n ? pt_block_height(&c->block)
                                      : c->block.size * c->block.leading;
    h += 2 * R->L->pad_y;
    return h > c->min_h ? h : c->min_h;
}

double pt_row_height(pt_rep *R, const pt_row *w)
{
    double h = 0;
    for (int i = 0; i < w->ncells; i++) {
        double c = pt_cell_need(R, &w->cells[i]);
        if (c > h)
            h = c;
    }
    return h + w->extra;
}

/* Draws cells of a row at top y with height h. For a split body row, lines
 * [first, first+n) of the spanning text cell are drawn (n = SIZE_MAX: all);
 * the label cells are drawn whole. */
/* The structure element cell i of row w is drawn into, made on first use
 * (a row drawn in parts on several pages stays one TR): a TH for a shaded
 * label cell, heading its column when the whole row is labels and its row
 * otherwise; a TD for the rest, with a Figure inside for a status mark and
 * an H2 for a heading (a card's title).
 * 0 (an artifact) for a repeated header row, an untagged table, and the
 * label cells of a split row's continuation (drawn again for the eye). */
static int cell_elem(pt_rep *R, pt_row *w, int i, bool continuation)
{
    pt_cell *c = &w->cells[i];
    bool split_cell = w->body && i == w->ncells - 1;
    if (!R->table || w->artifact || (continuation && !split_cell))
        return 0;
    if (!w->elem)
        w->elem = pt_elem_new(R->tree, R->table, PT_ROLE_TR);
    if (!c->elem) {
        bool labels = true;
        for (int k = 0; k < w->ncells; k++)
            labels = labels && w->cells[k].shaded;
        c->elem = c->content = pt_elem_new(R->tree, w->elem, c->shaded ? PT_ROLE_TH : PT_ROLE_TD);
        pt_elem *e = &R->tree->elems.v[c->elem];
        e->colspan = c->span;
        if (c->shaded)
            e->scope = labels ? PT_SCOPE_COLUMN : PT_SCOPE_ROW;
        if (c->alt) {
            c->content = pt_elem_new(R->tree, c->elem, PT_ROLE_FIGURE);
            R->tree->elems.v[c->content].alt = c->alt;
        } else if (c->heading) {
            c->content = pt_elem_new(R->tree, c->elem, PT_ROLE_H2);
        }
    }
    return c->content;
}

/* The P element of each line of narrative cell c (one per paragraph, in
 * its TD td), made on first use: a cell split over pages keeps its P's. */
static const int *para_elems(pt_rep *R, pt_cell *c, int td)
{
    size_t n = c->block.lines.lines.n;
    if (!c->para) {
        c->para = pt_alloc(R->arena, sizeof *c->para * (n ? n : 1));
        for (size_t l = 0; l < n; l++)
            c->para[l] = l && c->block.texts.v[l] == c->block.texts.v[l - 1]
                             ? c->para[l - 1] : pt_elem_new(R->tree, td, PT_ROLE_P);
    }
    return c->para;
}

void pt_row_draw(pt_rep *R, pt_page *p, pt_row *w, const double *cols, double x0, double y,
                 double h, size_t first, size_t n)
{
    const pt_layout *L = R->L;
    for (int i = 0; i < w->ncells; i++) {
        pt_cell *c = &w->cells[i];
        double x = x0 + col_x(cols, c->col), cw = col_w(cols, c->col, c->span);
        const pt_rgb *fill = c->shaded ? &L->shade : c->to_fill ? &L->to_fill : NULL;
        pt_page_rect(p, x, y - h, cw, h, fill, &L->rule, L->rule_cell);
        size_t from = 0, count = c->block.lines.lines.n;
        if (w->body && i == w->ncells - 1 && n != (size_t)-1) {
            from = first;
            count = n;
        }
        int e = cell_elem(R, w, i, first > 0);
        double lh = pt_block_line_height(&c->block), th = count * lh;
        double top = y - L->pad_y;
        if (c->middle)
            top = y - (h - th) / 2;
        if (e && w->body && i == w->ncells - 1) {
            /* a narrative cell: each paragraph a P in the TD */
            const int *pe = para_elems(R, c, e);
            for (size_t l = from; l < from + count; l++) {
                p->elem = pe[l];
                pt_block_draw(R->doc, p, &c->block, l, 1, x + L->pad_x, top - (l - from) * lh,
                              L->text);
            }
        } else {
            p->elem = e;
            pt_block_draw(R->doc, p, &c->block, from, count, x + L->pad_x, top, L->text);
        }
        p->elem = 0;
    }
}

void pt_rows_free(pt_row *rows, int n)
{
    for (int i = 0; i < n; i++)
        for (int k = 0; k < rows[i].ncells; k++)
            pt_block_free(&rows[i].cells[k].block);
}

/* Draws whole rows from *y down, moving *y below them. */
void pt_rows_draw(pt_rep *R, pt_page *p, pt_row *rows, int n, const double *cols, double *y)
{
    for (int i = 0; i < n; i++) {
        double h = pt_row_height(R, &rows[i]);
        pt_row_draw(R, p, &rows[i], cols, R->L->left, *y, h, 0, (size_t)-1);
        *y -= h;
    }
}

/* ---- pages ---- */

/* A new page in the document; footers are added at the end (numbers known). */
pt_page *pt_rep_page(pt_rep *R)
{
    pt_page *p = pt_page_new();
    pt_doc_append(R->doc, p);
    return p;
}

/* Sets one line of text (no wrapping expected) in a style; returns its width. */
bool pt_text_line(pt_rep *R, pt_page *p, const pt_style *st, const char *text, double x,
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

bool pt_text_elem(pt_rep *R, pt_page *p, pt_role role, const pt_style *st, const char *text,
                  double x, double ytop, double width, pt_rgb color, double *height)
{
    p->elem = pt_elem_new(R->tree, R->sect, role);
    bool ok = pt_text_line(R, p, st, text, x, ytop, width, color, height);
    p->elem = 0;
    return ok;
}

static bool footers(pt_rep *R)
{
    for (size_t i = 1; i < R->doc->pages.n; i++) {
        char num[32];
        snprintf(num, sizeof num, "%zu", i + 1);
        const char *vars[] = { "page", num, NULL };
        pt_label fl = { "footer", R->L->footer_format };
        const char *text = pt_label_text(R->ctx, R->arena, R->L, &fl, 1, "footer", vars);
        const pt_style *st = R->footer;
        double ytop = pt_box_top(R->L->footer_y, st->size, st->leading);   /* baseline at y */
        pt_page *p = R->doc->pages.v[i];
        size_t from = p->items.n;
        if (!text || !pt_text_line(R, p, st, text, R->L->left, ytop, R->tw, R->L->text, NULL))
            return false;
        pt_page_pagination(p, from);
    }
    return true;
}

/* ---- cover ---- */

static bool cover(pt_rep *R)
{
    /* Structure: the title lines are one H1, the year line and the publisher P. */
    pt_page *p = pt_rep_page(R);
    double y = R->L->page_h - R->L->cover_title_top;
    int n = R->r->ntitle_lines;
    int h1 = n > 1 ? pt_elem_new(R->tree, R->sect, PT_ROLE_H1) : 0;
    for (int i = 0; i < n; i++) {
        bool year = i + 1 == n;
        const pt_style *st = year ? R->cover_year : R->cover_title;
        double h;
        p->elem = year ? pt_elem_new(R->tree, R->sect, n > 1 ? PT_ROLE_P : PT_ROLE_H1) : h1;
        if (!pt_text_line(R, p, st, R->r->title_lines[i], R->L->left, y, R->tw, R->L->text, &h))
            return false;
        y -= h;
    }
    p->elem = 0;
    const pt_style *st = R->cover_org;
    return pt_text_elem(R, p, PT_ROLE_P, st, R->r->publisher, R->L->left,
                        R->L->cover_org_bottom + st->size * st->leading, R->tw, R->L->text, NULL);
}

/* ---- font coverage ---- */

/* Every character of the edition must be in both faces (a text may be set in
 * either): checked before layout so that the message can say exactly where. */
static bool covered(pt_rep *R, const char *text, int line, const char *where)
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
                return pt_invalid(R->ctx, _("%s:%d: %s: character U+%04X (%s) is not in %s (%s)"),
                                  R->r->file, line, where, (unsigned)cp, ch,
                                  pt_font_display_name(fonts[k]), pt_font_path(fonts[k]));
            }
    }
    return true;
}

static bool covered_rich(pt_rep *R, const pt_rich *t, const char *where)
{
    for (int i = 0; i < t->n; i++)
        if (!covered(R, t->paras[i].text, t->paras[i].line, where))
            return false;
    return true;
}

static bool covered_value(pt_rep *R, const pt_value *v, const char *where)
{
    return covered(R, v->text, v->line, where);
}

static bool check_coverage(pt_rep *R)
{
    const pt_report *r = R->r;
    bool ok = covered(R, r->publisher, r->publisher_line, "<publisher>");
    for (int i = 0; i < r->ntitle_lines && ok; i++)
        ok = covered(R, r->title_lines[i], r->title_line, "<title>");
    for (int p = 0; p < r->nprojects && ok; p++) {
        const pt_project *pr = &r->projects[p];
        const char *w = pt_sprintf(R->arena, "<project no=\"%d\">", pr->no);
        ok = covered(R, pr->name, pr->line, w) && covered(R, pr->leader, pr->line, w)
          && covered(R, pr->aspect, pr->line, w);
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

/* Lays out one part of the report into a document of its own (pass 1), to
 * learn how many pages it takes; its pages are moved into the report later. */
static void part_begin(pt_rep *R, pt_doc *part, pt_doc **main_doc)
{
    pt_doc_init(part, R->arena, R->L->page_w, R->L->page_h);
    *main_doc = R->doc;
    R->doc = part;
}

/* Moves n pages of part, from *next on, to the end of the report. */
static void part_move(pt_rep *R, pt_doc *part, size_t *next, int n)
{
    for (int k = 0; k < n; k++) {
        pt_doc_append(R->doc, part->pages.v[*next]);
        part->pages.v[(*next)++] = NULL;
    }
}

static bool build(pt_rep *R)
{
    const pt_report *r = R->r;
    pt_doc *main_doc;
    /* Pass 1: cards and overviews, each into a document of their own, to
     * learn their page counts (neither shows a page number). Their structure
     * elements are made detached and attached in reading order below. */
    pt_doc cards, ovs;
    part_begin(R, &cards, &main_doc);
    int *npages = pt_xcalloc((size_t)r->ncards, sizeof *npages);
    bool ok = true;
    int *card_sect = pt_xcalloc((size_t)r->ncards, sizeof *card_sect);
    for (int i = 0; i < r->ncards && ok; i++)
        ok = (npages[i] = pt_card_pages(R, r->cards[i], &card_sect[i])) > 0;
    R->doc = main_doc;
    part_begin(R, &ovs, &main_doc);
    int *nov = pt_xcalloc((size_t)r->nprojects, sizeof *nov);
    int *proj_sect = pt_xcalloc((size_t)r->nprojects, sizeof *proj_sect);
    for (int pj = 0; pj < r->nprojects && ok; pj++) {
        size_t before = ovs.pages.n;
        R->sect = proj_sect[pj] = pt_elem_new(R->tree, -1, PT_ROLE_SECT);
        ok = pt_overview(R, &r->projects[pj]);
        if (!ok)
            pt_err_prefix(R->ctx, "%s: <project no=\"%d\">: ", r->file, r->projects[pj].no);
        nov[pj] = (int)(ovs.pages.n - before);
    }
    R->sect = 0;
    R->doc = main_doc;
    /* Contents entries, first without their page numbers: how many pages
     * the contents take does not depend on them. */
    PT_VEC(pt_toc_entry) toc = {0};
    for (int pj = 0; pj < r->nprojects; pj++) {
        const pt_project *pr = &r->projects[pj];
        pt_toc_entry h = { pt_sprintf(R->arena, "【%d. %s】", pr->no, pr->name), NULL, 0, true,
                           pj };
        PT_PUSH(toc, h);
        for (int i = 0; i < r->ncards; i++) {
            const pt_card *c = r->cards[i];
            if (c->initiative->goal->project != pr)
                continue;
            pt_toc_entry e = { pt_sprintf(R->arena, "%s %s", c->no, c->initiative->title),
                               c->label ? pt_sprintf(R->arena, "(%s)", c->label) : NULL,
                               i, false, pj };
            PT_PUSH(toc, e);
        }
    }
    int ncontents = ok ? pt_contents_pages(R, toc.v, (int)toc.n) : 0;
    ok = ok && ncontents > 0;
    /* The plan: cover, contents, then per project its overview and its cards. */
    int *card_page = pt_xcalloc((size_t)r->ncards, sizeof *card_page);
    int *proj_page = pt_xcalloc((size_t)r->nprojects, sizeof *proj_page);
    int page = 1 + ncontents;
    for (int pj = 0, ci = 0; pj < r->nprojects; pj++) {
        proj_page[pj] = page;
        page += nov[pj];
        for (; ci < r->ncards && r->cards[ci]->initiative->goal->project == &r->projects[pj]; ci++) {
            card_page[ci] = page;
            page += npages[ci];
        }
    }
    for (size_t i = 0; i < toc.n; i++)
        toc.v[i].page = toc.v[i].heading ? proj_page[toc.v[i].project] : card_page[toc.v[i].page];
    if (ok && !(ok = cover(R)))
        pt_err_prefix(R->ctx, "%s: cover: ", r->file);
    if (ok)
        ok = pt_contents(R, toc.v, (int)toc.n);
    /* Each project: its overview pages, then its cards' pages, in order.
     * Structure: a Sect per project holding its overview and its cards' Sects. */
    size_t next_card = 0, next_ov = 0;
    for (int pj = 0, ci = 0; pj < r->nprojects && ok; pj++) {
        pt_elem_attach(R->tree, proj_sect[pj], 0);
        part_move(R, &ovs, &next_ov, nov[pj]);
        for (; ci < r->ncards && r->cards[ci]->initiative->goal->project == &r->projects[pj]; ci++) {
            pt_elem_attach(R->tree, card_sect[ci], proj_sect[pj]);
            part_move(R, &cards, &next_card, npages[ci]);
        }
    }
    R->sect = 0;
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
    pt_doc_free(&ovs);
    free(toc.v);
    free(npages);
    free(nov);
    free(proj_sect);
    free(card_sect);
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
    pt_rep R = { .ctx = ctx, .r = r, .L = L, .arena = arena };
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
    R.doc = R.tree = doc;
    bool ok = build(&R);
    pt_typesetter_free(R.ts);
    /* The last guard: nothing of any page may lie outside it. */
    long off = ok ? pt_doc_outside(doc) : -1;
    if (off >= 0)
        ok = pt_invalid(ctx, _("%s: page %ld: with the layout %s something would be drawn outside "
                        "the page (a text too large for the layout); nothing is written"),
                        r->file, off + 1, L->file);
    return ok;
}

/* The file name of path without its folders. */
static const char *base_name(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

/* Reads the edition and the layout, as they go into the PDF, into src[2].
 * The bytes are read again here (the loaders keep only the tree). */
static bool read_sources(pt_ctx *ctx, pt_arena *a, const pt_report *r, const char *layout_path,
                         pt_source src[2])
{
    const char *paths[2] = { r->file, layout_path };
    const char *descs[2] = { "plantype edition (the report's content)",
                             "plantype layout (pages, fonts, styles)" };
    for (int i = 0; i < 2; i++) {
        size_t len = 0;
        char *data = pt_read_file(ctx, paths[i], &len);
        if (!data)
            return false;
        src[i] = (pt_source){ base_name(paths[i]), descs[i], pt_strndup(a, data, len), len };
        free(data);
    }
    return true;
}

/* Tells the PDF backend which glyphs of each font the pages draw, fonts in
 * the order the pages first use them, so that it cuts the font programs
 * while the pages are recorded (pt_pdf_expect). */
static void expect_glyphs(const pt_doc *doc, pt_out *o)
{
    typedef struct used { pt_font *font; uint32_t n; bool *drawn; } used;
    PT_VEC(used) fonts = {0};
    for (size_t pi = 0; pi < doc->pages.n; pi++) {
        const pt_page *pg = doc->pages.v[pi];
        for (size_t k = 0; k < pg->items.n; k++) {
            const pt_item *it = &pg->items.v[k];
            if (it->kind != PT_ITEM_GLYPHS || !it->font)
                continue;
            size_t f = 0;
            while (f < fonts.n && fonts.v[f].font != it->font)
                f++;
            if (f == fonts.n) {
                uint32_t n = hb_face_get_glyph_count(pt_font_face(it->font));
                PT_PUSH(fonts, ((used){it->font, n, pt_xcalloc(n ? n : 1, sizeof(bool))}));
            }
            for (size_t g = 0; g < it->nglyphs; g++)
                if (it->glyphs[g].gid < fonts.v[f].n)
                    fonts.v[f].drawn[it->glyphs[g].gid] = true;
        }
    }
    for (size_t f = 0; f < fonts.n; f++) {
        pt_pdf_expect(o, fonts.v[f].font, fonts.v[f].drawn, fonts.v[f].n);
        free(fonts.v[f].drawn);
    }
    free(fonts.v);
}

bool pt_typeset(pt_ctx *ctx, const pt_report *r, const char *layout_path, const char *out_path,
                const pt_typeset_opts *opts, int *npages)
{
    const pt_typeset_opts none = {0};
    if (!opts)
        opts = &none;
    const char *inputs[] = { r->file, layout_path, NULL };
    if (!opts->bytes && !pt_output_check(ctx, out_path, inputs))
        return false;
    pt_arena *arena = pt_arena_new();
    pt_doc doc = {0};
    pt_layout *L = NULL;
    double t = pt_now();
    /* The sources are read and the backend made before the layout, so that
     * its worker thread compresses the sources meanwhile. A source that
     * cannot be read is reported after the layout's own errors, which name
     * the problem more precisely. */
    pt_ctx read_ctx;
    pt_ctx_init(&read_ctx);
    pt_source src[2];
    bool have_sources = opts->no_sources || read_sources(&read_ctx, arena, r, layout_path, src);
    pt_buf title = {0};
    for (int i = 0; i < r->ntitle_lines; i++) {
        if (i)
            pt_buf_puts(&title, " ");
        pt_buf_puts(&title, r->title_lines[i]);
    }
    pt_doc_info info = { title.s, r->publisher,
                         r->ntitle_lines > 1 ? r->title_lines[r->ntitle_lines - 2] : title.s,
                         "plantype", opts->have_date ? opts->date : creation_time(), REPORT_LANG,
                         src, opts->no_sources || !have_sources ? 0 : 2 };
    pt_out *o = pt_pdf_new(ctx, &info);
    pt_buf_free(&title);
    bool ok = o && pt_typeset_doc(ctx, r, layout_path, arena, &doc, &L);
    if (ok)
        expect_glyphs(&doc, o);
    pt_phase("layout (fonts, shaping, lines, pages)", &t);
    if (ok && !have_sources)
        ok = pt_ctx_take_error(ctx, &read_ctx);
    if (ok) {
        ok = pt_doc_render(ctx, &doc, o);
        /* The backend keeps its own copy of what it was given: the display
         * list's memory serves the PDF's from here on (r6: a lower peak). */
        size_t pages = doc.pages.n;
        pt_doc_free(&doc);
        pt_phase("render the display list", &t);
        if (opts->bytes) {
            const char *data;
            size_t len;
            ok = ok && pt_pdf_bytes(o, ctx, &data, &len);
            if (ok)
                pt_buf_add(opts->bytes, data, len);
        } else {
            ok = ok && pt_pdf_save(o, ctx, out_path);
        }
        if (ok && npages)
            *npages = (int)pages;
        pt_phase("write the PDF (subset fonts, content, compression)", &t);
    }
    if (o)
        pt_pdf_free(o);
    pt_doc_free(&doc);
    pt_layout_free(L);
    pt_arena_free(arena);
    return ok;
}
