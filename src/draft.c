/* draft.c - a proof: the typeset report marked up with its findings; see
 * draft.h.
 *
 * A finding is placed by the text it is in: the layout draws every text of
 * the model from the model's own string, so a glyph run whose text is that
 * string and whose glyphs cover the finding's byte is the line it is on. The
 * cards' pages come from the outline (one bookmark per card, in order). The
 * findings list is set with the layout's styles on pages of its own that are
 * put in front of the report; every link target and bookmark moves by their
 * number, the printed page numbers (footers) stay. */
#include "draft.h"

#include "layout.h"

#include <stdlib.h>
#include <string.h>

static const pt_rgb ERROR_COLOR = { 0.95f, 0.25f, 0.25f };
static const pt_rgb WARNING_COLOR = { 1.0f, 0.80f, 0.0f };
static const pt_rgb NOTE_COLOR = { 0.35f, 0.60f, 1.0f };    /* --diff: what changed */
static const pt_rgb BAND_FILL = { 1.0f, 0.90f, 0.90f };
static const pt_rgb BAND_TEXT = { 0.70f, 0.0f, 0.0f };
static const pt_rgb SHADE = { 0.90f, 0.90f, 0.90f };
/* The band: from BAND_TOP below the page's top edge, BAND_H tall (points). */
enum { BAND_TOP = 10, BAND_H = 18 };

typedef PT_VEC(pt_page *) page_vec;

typedef struct draft {
    pt_ctx *ctx;
    pt_doc *doc;
    const pt_layout *L;
    const pt_report *r;
    pt_typesetter *ts;
    int *card_first, *card_end;   /* each card's pages [first, end), by r->cards index */
} draft;

/* ---- where the cards are ---- */

static void card_pages(draft *D)
{
    const pt_report *r = D->r;
    const pt_doc *doc = D->doc;
    D->card_first = pt_xcalloc((size_t)r->ncards + 1, sizeof(int));
    D->card_end = pt_xcalloc((size_t)r->ncards + 1, sizeof(int));
    int k = 0;
    for (size_t i = 0; i < doc->outline.n && k < r->ncards; i++) {
        if (doc->outline.v[i].level != 1)
            continue;
        D->card_first[k] = doc->outline.v[i].page;
        /* until the next bookmark's page (a card or a project) */
        int end = (int)doc->pages.n;
        for (size_t j = i + 1; j < doc->outline.n; j++)
            if (doc->outline.v[j].page > D->card_first[k]) {
                end = doc->outline.v[j].page;
                break;
            }
        D->card_end[k++] = end;
    }
}

static int card_index(const draft *D, const char *no)
{
    for (int i = 0; no && i < D->r->ncards; i++)
        if (!strcmp(D->r->cards[i]->no, no))
            return i;
    return -1;
}

/* ---- placing a finding ---- */

/* The text range [from, to) a glyph run stands for. */
static void run_range(const pt_item *it, uint32_t *from, uint32_t *to)
{
    *from = UINT32_MAX;
    *to = 0;
    for (size_t g = 0; g < it->nglyphs; g++) {
        if (it->glyphs[g].text_start == it->glyphs[g].text_end)
            continue;
        if (it->glyphs[g].text_start < *from)
            *from = it->glyphs[g].text_start;
        if (it->glyphs[g].text_end > *to)
            *to = it->glyphs[g].text_end;
    }
}

/* The run on pages [first, end) that draws byte off of text; its page in *page. */
static const pt_item *find_run(const pt_doc *doc, int first, int end, const char *text,
                                size_t off, int *page)
{
    size_t len = strlen(text);
    for (int p = first; p < end; p++) {
        const pt_page *pg = doc->pages.v[p];
        for (size_t k = 0; k < pg->items.n; k++) {
            const pt_item *it = &pg->items.v[k];
            if (it->kind != PT_ITEM_GLYPHS || it->text != text || !it->nglyphs)
                continue;
            uint32_t from, to;
            run_range(it, &from, &to);
            if ((off >= from && off < to) || (off >= len && to >= len)) {
                *page = p;
                return it;
            }
        }
    }
    return NULL;
}

static const pt_rgb *level_color(pt_level lv)
{
    return lv == PT_ERROR ? &ERROR_COLOR : lv == PT_NOTE ? &NOTE_COLOR : &WARNING_COLOR;
}

/* A change bar in the left margin beside every line of the paragraph that
 * run `it` belongs to (the runs of the same text on page p). */
static void change_bar(draft *D, pt_page *pg, const pt_item *it)
{
    double lo = it->y - 0.25 * it->size, hi = it->y + 0.95 * it->size;
    for (size_t k = 0; k < pg->items.n; k++) {
        const pt_item *g = &pg->items.v[k];
        if (g->kind != PT_ITEM_GLYPHS || g->text != it->text)
            continue;
        if (g->y - 0.25 * g->size < lo)
            lo = g->y - 0.25 * g->size;
        if (g->y + 0.95 * g->size > hi)
            hi = g->y + 0.95 * g->size;
    }
    double x = D->L->left - 6;
    pt_page_line(pg, x, lo, x, hi, NOTE_COLOR, 2.5);
}

/* The note of a finding: "error [rule] file:line:col: message". */
static const char *note_of(pt_arena *a, const pt_finding *f)
{
    char where[64] = "";
    if (f->col > 0)
        snprintf(where, sizeof where, ":%d", f->col);
    return pt_sprintf(a, "%s [%s] %s:%d%s: %s",
                      f->level == PT_ERROR ? "error" : f->level == PT_NOTE ? "note" : "warning",
                      f->rule, f->file, f->line, where, f->msg);
}

/* Puts finding f on its page; returns that page's index. */
static int place(draft *D, const pt_finding *f)
{
    const pt_layout *L = D->L;
    pt_doc *doc = D->doc;
    int ci = card_index(D, f->card);
    int first = ci >= 0 ? D->card_first[ci] : 0;
    int end = ci >= 0 ? D->card_end[ci] : (int)doc->pages.n;
    pt_annot a = { .note = note_of(doc->arena, f), .author = "plantype",
                   .color = *level_color(f->level) };
    int page = -1;
    const pt_item *it = f->text ? find_run(doc, first, end, f->text, f->off, &page) : NULL;
    if (!it && f->text && ci >= 0)   /* e.g. an initiative's title: drawn on the cover too */
        it = find_run(doc, 0, (int)doc->pages.n, f->text, f->off, &page);
    if (it) {
        double x0 = it->x + it->glyphs[0].x;
        double x1 = it->x + it->glyphs[it->nglyphs - 1].x + it->size;
        a.x = (float)(x0 - 1);
        a.y = (float)(it->y - 0.25 * it->size);
        a.w = (float)(x1 - x0 + 2);
        a.h = (float)(1.2 * it->size);
        if (f->level == PT_NOTE)
            change_bar(D, doc->pages.v[page], it);
    } else {
        /* the top of the text area of the card's page, or of the first page */
        page = ci >= 0 ? first : 0;
        a.box = true;
        a.x = (float)L->left;
        a.y = (float)(L->page_h - L->top - 24);
        a.w = (float)pt_layout_text_width(L);
        a.h = 24;
    }
    pt_page_annot(doc->pages.v[page], &a);
    return page;
}

/* ---- text ---- */

/* Sets text in style st at width w; false with ctx->err. */
static bool set_text(draft *D, pt_block *b, const char *style, const char *text, double w)
{
    const pt_style *st = pt_layout_style(D->ctx, D->L, style);
    const char *texts[1] = { text };
    return st && pt_block_set(D->ctx, D->ts, b, st, st->size, st->leading, w, texts, 1);
}

/* Incomplete cards: the cells that show the layout's placeholder (the
 * report sets it where the source has no text) shaded, behind the grid and
 * the text. A cell is a stroked, unfilled rectangle with a glyph run of that
 * text, and no other, starting in it. */
static void shade_incomplete(draft *D)
{
    const pt_layout *L = D->L;
    const char *ph = NULL;
    for (int k = 0; k < L->ncard_labels; k++)
        if (!strcmp(L->card_labels[k].key, "placeholder"))
            ph = L->card_labels[k].text;
    for (int i = 0; ph && i < D->r->ncards; i++) {
        if (!D->r->cards[i]->incomplete)
            continue;
        pt_page *pg = D->doc->pages.v[D->card_first[i]];
        size_t n = pg->items.n;
        for (size_t k = 0; k < n; k++) {
            pt_item cell = pg->items.v[k];
            if (cell.kind != PT_ITEM_RECT || !cell.stroked || cell.filled)
                continue;
            /* the placeholder and nothing else (not the frame, not a row) */
            int ph_runs = 0, other = 0;
            for (size_t j = 0; j < n; j++) {
                const pt_item *g = &pg->items.v[j];
                if (g->kind != PT_ITEM_GLYPHS || g->x < cell.x || g->x > cell.x + cell.w
                    || g->y < cell.y || g->y > cell.y + cell.h)
                    continue;
                if (g->text && !strcmp(g->text, ph))
                    ph_runs++;
                else
                    other++;
            }
            if (!ph_runs || other)
                continue;
            /* drawn first: under everything else on the page */
            pt_page_rect(pg, cell.x, cell.y, cell.w, cell.h, &SHADE, NULL, 0);
            pt_item shade = pg->items.v[pg->items.n - 1];
            memmove(pg->items.v + 1, pg->items.v, (pg->items.n - 1) * sizeof *pg->items.v);
            pg->items.v[0] = shade;
            k++;
            n++;
        }
    }
}

/* ---- the findings list ---- */

/* Sets the list on new pages; pages[i] of each finding is its (report) page.
 * The new pages are returned in *front (their links still count report
 * pages: the caller moves them with the rest). Tagged as a Sect (put first
 * in the document's reading order) of a heading and one P per entry whose
 * Link holds the entry's text and its link. */
static bool findings_list(draft *D, const pt_findings *f, const int *pages, page_vec *front)
{
    const pt_layout *L = D->L;
    pt_doc *doc = D->doc;
    double tw = pt_layout_text_width(L);
    double ytop = L->page_h - L->top, y = ytop;
    const char *title = pt_sprintf(doc->arena, "校正用 指摘一覧: %s — %d error%s, %d warning%s%s",
                                   D->r->file, f->nerrors, f->nerrors == 1 ? "" : "s",
                                   f->nwarnings, f->nwarnings == 1 ? "" : "s",
                                   f->nnotes ? pt_sprintf(doc->arena, ", %d change%s", f->nnotes,
                                                          f->nnotes == 1 ? "" : "s") : "");
    int sect = pt_elem_new(doc, -1, PT_ROLE_SECT);
    doc->elems.v[sect].alt = "校正: 指摘一覧";
    pt_page *pg = NULL;
    bool ok = true;
    for (size_t i = 0; ok && i <= f->v.n; i++) {
        const pt_finding *x = i ? &f->v.v[i - 1] : NULL;
        const char *text = !x ? title
            : pt_sprintf(doc->arena, "p.%d　%s%s%s　%s [%s]　(line %d)", pages[i - 1] + 1,
                         x->card ? "card " : "", x->card ? x->card : "", x->card ? "　" : "",
                         x->msg, x->rule, x->line);
        pt_block b = {0};
        if (!(ok = set_text(D, &b, x ? "cell" : "subheading", text, tw - 12)))
            break;
        double h = pt_block_height(&b);
        if (!pg || y - h < L->bottom) {
            pg = pt_page_new();
            PT_PUSH(*front, pg);
            y = ytop;
        }
        if (x) {
            pt_page_rect(pg, L->left, y - h + 2, 6, h - 4, level_color(x->level), NULL, 0);
            pg->elem = pt_elem_new(doc, pt_elem_new(doc, sect, PT_ROLE_P), PT_ROLE_LINK);
            doc->elems.v[pg->elem].alt = text;
        } else {
            pg->elem = pt_elem_new(doc, sect, PT_ROLE_H2);
        }
        pt_block_draw(doc, pg, &b, 0, b.lines.lines.n, L->left + (x ? 12 : 0), y, L->text);
        if (x)
            pt_page_link(pg, L->left, y - h, tw, h, pages[i - 1]);
        pg->elem = 0;
        y -= h + (x ? 2 : 6);
        pt_block_free(&b);
    }
    /* first in the reading order */
    pt_elem_attach(doc, sect, 0);
    pt_elem *root = &doc->elems.v[0];
    memmove(root->kids.v + 1, root->kids.v, (root->kids.n - 1) * sizeof *root->kids.v);
    root->kids.v[0] = sect;
    return ok;
}

/* Puts the pages of front before the report's; moves links and bookmarks. */
static void put_in_front(pt_doc *doc, pt_page **front, size_t n)
{
    size_t old = doc->pages.n;
    for (size_t i = 0; i < n; i++)
        PT_PUSH(doc->pages, front[i]);
    pt_page **v = doc->pages.v;
    pt_page **tmp = pt_xcalloc(old + n, sizeof *tmp);
    memcpy(tmp, v + old, n * sizeof *tmp);
    memcpy(tmp + n, v, old * sizeof *tmp);
    memcpy(v, tmp, (old + n) * sizeof *tmp);
    free(tmp);
    for (size_t p = 0; p < doc->pages.n; p++) {
        pt_page *pg = doc->pages.v[p];
        for (size_t k = 0; k < pg->items.n; k++)
            if (pg->items.v[k].kind == PT_ITEM_LINK)
                pg->items.v[k].target += (int)n;
    }
    for (size_t i = 0; i < doc->outline.n; i++)
        doc->outline.v[i].page += (int)n;
}

/* ---- the band ---- */

static bool bands(draft *D, const pt_draft_info *info, int nfindings)
{
    const pt_layout *L = D->L;
    const char *text = pt_sprintf(D->doc->arena, "校正用　%s　%s　ソース %s　指摘 %d件",
                                  info->edition, info->date, info->hash, nfindings);
    pt_block b = {0};
    if (!set_text(D, &b, "figure", text, pt_layout_text_width(L)))
        return false;
    double top = L->page_h - BAND_TOP;
    double ytext = top - (BAND_H - pt_block_height(&b)) / 2;
    for (size_t p = 0; p < D->doc->pages.n; p++) {
        pt_page *pg = D->doc->pages.v[p];
        size_t from = pg->items.n;
        pt_page_rect(pg, 0, top - BAND_H, L->page_w, BAND_H, &BAND_FILL, NULL, 0);
        pt_block_draw(D->doc, pg, &b, 0, b.lines.lines.n, L->left, ytext, BAND_TEXT);
        pt_page_pagination(pg, from);   /* like a running head: not the report's content */
    }
    pt_block_free(&b);
    return true;
}

bool pt_draft_mark(pt_ctx *ctx, pt_doc *doc, const pt_layout *L, const pt_report *r,
                   const pt_findings *f, const pt_draft_info *info)
{
    draft D = { .ctx = ctx, .doc = doc, .L = L, .r = r };
    if (!(D.ts = pt_typesetter_new(ctx, L->strictness)))
        return false;
    card_pages(&D);
    int *pages = pt_xcalloc(f->v.n + 1, sizeof *pages);
    page_vec front = {0};
    shade_incomplete(&D);
    bool ok = true;
    for (size_t i = 0; i < f->v.n; i++)
        pages[i] = place(&D, &f->v.v[i]);
    ok = ok && findings_list(&D, f, pages, &front);
    if (ok) {
        put_in_front(doc, front.v, front.n);
        pt_outline_entry e = { 0, "校正: 指摘一覧", 0 };
        PT_PUSH(doc->outline, e);
        memmove(doc->outline.v + 1, doc->outline.v, (doc->outline.n - 1) * sizeof e);
        doc->outline.v[0] = e;
        ok = bands(&D, info, (int)f->v.n);
    } else {
        for (size_t i = 0; i < front.n; i++)
            pt_page_free(front.v[i]);
    }
    free(front.v);
    free(pages);
    free(D.card_first);
    free(D.card_end);
    pt_typesetter_free(D.ts);
    return ok;
}
