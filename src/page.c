/* page.c - the display list and the page builder's placing tools (page.h).
 *
 * Line boxes: a line of size s and leading L occupies s*L; the glyphs' em box
 * (ascent 0.88 em, descent 0.12 em: the ideographic em box of Japanese fonts,
 * which BIZ UD follows) is centred in it, so text sits in the middle of its
 * line box whatever the leading. */
#include "page.h"

#include <stdlib.h>
#include <string.h>

#define EMBOX_ASCENT 0.88   /* em-box top above the baseline, in em */

void pt_doc_init(pt_doc *d, pt_arena *arena, double width, double height)
{
    memset(d, 0, sizeof *d);
    d->arena = arena;
    d->width = width;
    d->height = height;
    pt_elem doc = { .role = PT_ROLE_DOCUMENT, .parent = -1 };
    PT_PUSH(d->elems, doc);
}

pt_page *pt_page_new(void)
{
    pt_page *p = pt_xcalloc(1, sizeof *p);
    return p;
}

void pt_page_free(pt_page *p)
{
    if (!p)
        return;
    free(p->items.v);
    free(p);
}

void pt_doc_free(pt_doc *d)
{
    for (size_t i = 0; i < d->pages.n; i++)
        pt_page_free(d->pages.v[i]);
    free(d->pages.v);
    free(d->outline.v);
    for (size_t i = 0; i < d->elems.n; i++)
        free(d->elems.v[i].kids.v);
    free(d->elems.v);
    d->pages.v = NULL;
    d->outline.v = NULL;
    d->elems.v = NULL;
    d->pages.n = d->outline.n = d->elems.n = 0;
}

void pt_doc_append(pt_doc *d, pt_page *p) { PT_PUSH(d->pages, p); }

void pt_page_rect(pt_page *p, double x, double y, double w, double h, const pt_rgb *fill,
                  const pt_rgb *stroke, double line_width)
{
    pt_item it = { .kind = PT_ITEM_RECT, .x = x, .y = y, .w = w, .h = h,
                   .line_width = line_width, .art = PT_ART_LAYOUT };
    if (fill) {
        it.fill = *fill;
        it.filled = true;
    }
    if (stroke) {
        it.stroke = *stroke;
        it.stroked = true;
    }
    PT_PUSH(p->items, it);
}

void pt_page_line(pt_page *p, double x1, double y1, double x2, double y2, pt_rgb color,
                  double line_width)
{
    pt_item it = { .kind = PT_ITEM_LINE, .x = x1, .y = y1, .w = x2 - x1, .h = y2 - y1,
                   .stroke = color, .stroked = true, .line_width = line_width,
                   .art = PT_ART_LAYOUT };
    PT_PUSH(p->items, it);
}

void pt_page_link(pt_page *p, double x, double y, double w, double h, int target)
{
    pt_item it = { .kind = PT_ITEM_LINK, .x = x, .y = y, .w = w, .h = h, .target = target,
                   .elem = p->elem };
    PT_PUSH(p->items, it);
}

/* ---- structure ---- */

int pt_elem_new(pt_doc *d, int parent, pt_role role)
{
    pt_elem e = { .role = role, .parent = -1 };
    PT_PUSH(d->elems, e);
    int id = (int)d->elems.n - 1;
    if (parent >= 0)
        pt_elem_attach(d, id, parent);
    return id;
}

void pt_elem_attach(pt_doc *d, int e, int parent)
{
    d->elems.v[e].parent = parent;
    PT_PUSH(d->elems.v[parent].kids, e);
}

void pt_page_tag(pt_page *p, size_t from, int elem)
{
    for (size_t i = from; i < p->items.n; i++) {
        p->items.v[i].elem = elem;
        p->items.v[i].art = elem ? PT_ART_NONE : PT_ART_LAYOUT;
    }
}

void pt_page_split(pt_page *p, size_t from, uint32_t at, int elem)
{
    for (size_t i = from; i < p->items.n; i++) {
        pt_item *it = &p->items.v[i];
        if (it->kind != PT_ITEM_GLYPHS)
            continue;
        size_t k = 0;
        while (k < it->nglyphs && it->glyphs[k].text_start < at)
            k++;
        /* a later glyph of a cluster stays with the cluster's first */
        while (k > 0 && k < it->nglyphs && it->glyphs[k].text_end == it->glyphs[k].text_start &&
               it->glyphs[k].text_start < at + 1 && it->glyphs[k - 1].text_start < at)
            k++;
        if (k == 0)
            continue;
        pt_item head = *it;
        head.nglyphs = k;
        head.elem = elem;
        if (k == it->nglyphs) {
            *it = head;
            continue;
        }
        it->glyphs += k;
        it->nglyphs -= k;
        PT_PUSH(p->items, head);                       /* may move the array */
        memmove(&p->items.v[i + 1], &p->items.v[i], (p->items.n - 1 - i) * sizeof *p->items.v);
        p->items.v[i] = head;
        i++;
    }
}

void pt_page_pagination(pt_page *p, size_t from)
{
    for (size_t i = from; i < p->items.n; i++) {
        p->items.v[i].elem = 0;
        p->items.v[i].art = PT_ART_PAGINATION;
    }
}

void pt_page_annot(pt_page *p, const pt_annot *a)
{
    pt_item it = { .kind = PT_ITEM_ANNOT, .x = a->x, .y = a->y, .w = a->w, .h = a->h,
                   .annot = *a };
    PT_PUSH(p->items, it);
}

double pt_baseline(double ytop, double size, double leading)
{
    return ytop - (size * leading - size) / 2 - EMBOX_ASCENT * size;
}

double pt_box_top(double baseline, double size, double leading)
{
    return baseline + (size * leading - size) / 2 + EMBOX_ASCENT * size;
}

double pt_page_lines(pt_doc *d, pt_page *p, const pt_lines *l, size_t first_line,
                     size_t nlines, const char *text, pt_font *font, double size, double leading,
                     double x, double ytop, pt_rgb color)
{
    double lh = size * leading, k = size / 1000.0;
    for (size_t i = 0; i < nlines; i++) {
        const pt_line *ln = &l->lines.v[first_line + i];
        double base = pt_baseline(ytop - i * lh, size, leading);
        if (ln->n == 0)
            continue;
        pt_draw_glyph *g = pt_alloc(d->arena, sizeof *g * ln->n);
        for (size_t j = 0; j < ln->n; j++) {
            const pt_lglyph *lg = &l->glyphs.v[ln->first + j];
            g[j].gid = lg->gid;
            g[j].x = (float)(lg->x * k);
            g[j].y = (float)(lg->y * k);
            g[j].text_start = lg->text_start;
            g[j].text_end = lg->text_end;
        }
        pt_item it = { .kind = PT_ITEM_GLYPHS, .x = x, .y = base, .font = font, .size = size,
                       .glyphs = g, .nglyphs = ln->n, .text = text, .color = color,
                       .elem = p->elem, .art = p->elem ? PT_ART_NONE : PT_ART_LAYOUT };
        PT_PUSH(p->items, it);
    }
    return nlines * lh;
}

/* [a, a + len] (len may be negative) lies in [-slack, limit + slack]. */
static bool span_inside(double a, double len, double limit, double slack)
{
    double lo = len < 0 ? a + len : a, hi = len < 0 ? a : a + len;
    return lo >= -slack && hi <= limit + slack;
}

long pt_doc_outside(const pt_doc *d)
{
    for (size_t i = 0; i < d->pages.n; i++) {
        const pt_page *p = d->pages.v[i];
        for (size_t k = 0; k < p->items.n; k++) {
            const pt_item *it = &p->items.v[k];
            bool in = true;
            if (it->kind == PT_ITEM_GLYPHS) {
                for (size_t j = 0; j < it->nglyphs && in; j++) {
                    double x = it->x + it->glyphs[j].x, y = it->y + it->glyphs[j].y;
                    in = span_inside(x, it->size, d->width, 0.5)
                      && span_inside(y - (1 - EMBOX_ASCENT) * it->size, it->size, d->height, 0.5);
                }
            } else {
                double slack = 0.5 + (it->kind == PT_ITEM_LINK ? 0 : it->line_width / 2);
                in = span_inside(it->x, it->w, d->width, slack)
                  && span_inside(it->y, it->h, d->height, slack);
            }
            if (!in)
                return (long)i;
        }
    }
    return -1;
}

/* ---- blocks ---- */

/* The line engine's style for a layout style at a measure in milli-em. */
static pt_para_style para_style(const pt_style *style, double measure)
{
    return (pt_para_style){ style->font, measure, style->indent * 1000.0, style->hang,
                            style->align, style->space_breaks, 0, style->phrase,
                            style->wao * 1000.0 };
}

bool pt_text_widths(pt_ctx *ctx, pt_typesetter *ts, const pt_style *style, double size,
                    const char *text, double *natural, double *phrase)
{
    pt_para_style ps = para_style(style, 1000.0);
    if (!pt_para_widths(ctx, ts, &ps, text, strlen(text), natural, phrase))
        return false;
    *natural *= size / 1000.0;
    *phrase *= size / 1000.0;
    return true;
}

bool pt_block_set(pt_ctx *ctx, pt_typesetter *ts, pt_block *b, const pt_style *style,
                  double size, double leading, double width, const char *const *texts, int ntexts)
{
    pt_lines_clear(&b->lines);
    b->texts.n = 0;
    b->style = style;
    b->size = size;
    b->leading = leading;
    b->width = width;
    pt_para_style ps = para_style(style, width / size * 1000.0);
    for (int i = 0; i < ntexts; i++) {
        size_t before = b->lines.lines.n;
        if (!pt_para_layout(ctx, ts, &ps, texts[i], strlen(texts[i]), &b->lines))
            return false;
        for (size_t k = before; k < b->lines.lines.n; k++)
            PT_PUSH(b->texts, texts[i]);
    }
    return true;
}

double pt_block_line_height(const pt_block *b) { return b->size * b->leading; }

double pt_block_height(const pt_block *b) { return b->lines.lines.n * pt_block_line_height(b); }

double pt_block_draw(pt_doc *d, pt_page *p, const pt_block *b, size_t first, size_t n, double x,
                     double ytop, pt_rgb color)
{
    double lh = pt_block_line_height(b);
    size_t from = p->items.n;
    for (size_t i = 0; i < n; i++)
        pt_page_lines(d, p, &b->lines, first + i, 1, b->texts.v[first + i], b->style->font,
                      b->size, b->leading, x, ytop - i * lh, color);
    for (size_t i = from; i < p->items.n; i++)
        p->items.v[i].style = b->style;
    return n * lh;
}

void pt_block_free(pt_block *b)
{
    pt_lines_free(&b->lines);
    free(b->texts.v);
    memset(b, 0, sizeof *b);
}

/* ---- rendering ---- */

/* Hands the element tree to the backend (when the document has one). */
static bool render_structure(pt_ctx *ctx, const pt_doc *d, pt_out *o)
{
    pt_struct_elem *e = pt_xcalloc(d->elems.n, sizeof *e);
    for (size_t i = 0; i < d->elems.n; i++) {
        const pt_elem *s = &d->elems.v[i];
        e[i] = (pt_struct_elem){ s->role, s->alt, s->scope, s->colspan, s->kids.v, s->kids.n };
    }
    bool ok = o->ops->structure(o, ctx, e, d->elems.n);
    free(e);
    return ok;
}

bool pt_doc_render(pt_ctx *ctx, const pt_doc *d, pt_out *o)
{
    const pt_out_ops *ops = o->ops;
    bool tagged = d->elems.n > 1 && ops->structure && ops->mark;
    if (tagged && !render_structure(ctx, d, o))
        return false;
    for (size_t i = 0; i < d->pages.n; i++) {
        const pt_page *p = d->pages.v[i];
        if (!ops->begin_page(o, ctx, (float)d->width, (float)d->height))
            return false;
        int elem = -1;
        pt_artifact art = PT_ART_NONE;
        for (size_t k = 0; k < p->items.n; k++) {
            const pt_item *it = &p->items.v[k];
            bool ok = true;
            if (tagged && it->kind != PT_ITEM_LINK && it->kind != PT_ITEM_ANNOT &&
                (it->elem != elem || it->art != art)) {
                elem = it->elem;
                art = it->art;
                if (!ops->mark(o, ctx, elem, art))
                    return false;
            }
            switch (it->kind) {
            case PT_ITEM_GLYPHS:
                ok = ops->glyphs(o, ctx, it->font, (float)it->size, (float)it->x, (float)it->y,
                                 it->glyphs, it->nglyphs, it->text, it->color);
                break;
            case PT_ITEM_RECT:
                ok = ops->rect(o, ctx, (float)it->x, (float)it->y, (float)it->w, (float)it->h,
                               it->filled ? &it->fill : NULL, it->stroked ? &it->stroke : NULL,
                               (float)it->line_width);
                break;
            case PT_ITEM_LINE:
                ok = ops->line(o, ctx, (float)it->x, (float)it->y, (float)(it->x + it->w),
                               (float)(it->y + it->h), it->stroke, (float)it->line_width);
                break;
            case PT_ITEM_LINK:
                if (tagged && !ops->mark(o, ctx, it->elem, PT_ART_NONE))
                    return false;
                elem = -1;
                ok = ops->link(o, ctx, (float)it->x, (float)it->y, (float)it->w, (float)it->h,
                               it->target);
                break;
            case PT_ITEM_ANNOT:
                ok = ops->annot(o, ctx, &it->annot);
                break;
            }
            if (!ok)
                return false;
        }
        if (!ops->end_page(o, ctx))
            return false;
    }
    for (size_t i = 0; i < d->outline.n; i++) {
        const pt_outline_entry *e = &d->outline.v[i];
        if (!ops->outline(o, ctx, e->level, e->title, e->page))
            return false;
    }
    return true;
}
