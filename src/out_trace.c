/* out_trace.c - a text backend for golden tests.
 *
 * Approach. Every drawing call appends one line to the caller's pt_buf, with
 * every number printed as fixed-point with 2 decimals, so that two layouts
 * compare as text (SILE's debug outputter does the same). The formats:
 *   page W H
 *   glyphs F=PSNAME SIZE at X Y n=N [GID@X GID@X,Y ...] "TEXT"[ rgb R G B]
 *   rect X Y W H fill=R,G,B|none stroke=R,G,B|none lw=LW
 *   line X1 Y1 X2 Y2 rgb R G B lw=LW
 *   link X Y W H -> page N
 *   outline LEVEL "TITLE" -> page N
 *   endpage
 * A glyph shows ",Y" only when it is off the baseline; the rgb part of a glyph
 * line only when the colour is not black; TEXT is the concatenation of the
 * glyphs' source texts with '"', '\' and control characters escaped. */
#include "out.h"

#include <stdlib.h>
#include <string.h>

typedef struct trace_out {
    pt_out base;       /* first: a pt_out * is a trace_out * */
    pt_buf *buf;       /* borrowed */
} trace_out;

static pt_buf *buf_of(pt_out *o) { return ((trace_out *)o)->buf; }

/* "-0.00" would make traces differ for the same drawing. */
static double fix0(double v) { return v > -0.005 && v < 0.005 ? 0.0 : v; }

static void quoted(pt_buf *b, const char *s, size_t n)
{
    pt_buf_puts(b, "\"");
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '"' || c == '\\')
            pt_buf_printf(b, "\\%c", c);
        else if (c < 0x20 || c == 0x7F)
            pt_buf_printf(b, "\\x%02X", c);
        else
            pt_buf_add(b, &s[i], 1);
    }
    pt_buf_puts(b, "\"");
}

static bool tr_begin_page(pt_out *o, pt_ctx *ctx, float width, float height)
{
    (void)ctx;
    pt_buf_printf(buf_of(o), "page %.2f %.2f\n", fix0(width), fix0(height));
    return true;
}

static bool tr_glyphs(pt_out *o, pt_ctx *ctx, pt_font *font, float size, float x, float y,
                      const pt_draw_glyph *g, size_t n, const char *text, pt_rgb color)
{
    (void)ctx;
    pt_buf *b = buf_of(o);
    pt_buf_printf(b, "glyphs F=%s %.2f at %.2f %.2f n=%zu [", pt_font_psname(font),
                  fix0(size), fix0(x), fix0(y), n);
    for (size_t i = 0; i < n; i++) {
        pt_buf_printf(b, "%s%u@%.2f", i ? " " : "", (unsigned)g[i].gid, fix0(g[i].x));
        if (fix0(g[i].y) != 0.0)
            pt_buf_printf(b, ",%.2f", fix0(g[i].y));
    }
    pt_buf_puts(b, "] ");
    pt_buf t = {0};
    for (size_t i = 0; i < n; i++)
        if (text && g[i].text_end > g[i].text_start)
            pt_buf_add(&t, text + g[i].text_start, g[i].text_end - g[i].text_start);
    quoted(b, t.s ? t.s : "", t.n);
    pt_buf_free(&t);
    if (color.r != 0 || color.g != 0 || color.b != 0)
        pt_buf_printf(b, " rgb %.2f %.2f %.2f", fix0(color.r), fix0(color.g), fix0(color.b));
    pt_buf_puts(b, "\n");
    return true;
}

static void colour_field(pt_buf *b, const char *name, const pt_rgb *c)
{
    if (c)
        pt_buf_printf(b, " %s=%.2f,%.2f,%.2f", name, fix0(c->r), fix0(c->g), fix0(c->b));
    else
        pt_buf_printf(b, " %s=none", name);
}

static bool tr_rect(pt_out *o, pt_ctx *ctx, float x, float y, float w, float h,
                    const pt_rgb *fill, const pt_rgb *stroke, float line_width)
{
    (void)ctx;
    pt_buf *b = buf_of(o);
    pt_buf_printf(b, "rect %.2f %.2f %.2f %.2f", fix0(x), fix0(y), fix0(w), fix0(h));
    colour_field(b, "fill", fill);
    colour_field(b, "stroke", stroke);
    pt_buf_printf(b, " lw=%.2f\n", fix0(line_width));
    return true;
}

static bool tr_line(pt_out *o, pt_ctx *ctx, float x1, float y1, float x2, float y2,
                    pt_rgb color, float line_width)
{
    (void)ctx;
    pt_buf_printf(buf_of(o), "line %.2f %.2f %.2f %.2f rgb %.2f %.2f %.2f lw=%.2f\n",
                  fix0(x1), fix0(y1), fix0(x2), fix0(y2), fix0(color.r), fix0(color.g),
                  fix0(color.b), fix0(line_width));
    return true;
}

static bool tr_link(pt_out *o, pt_ctx *ctx, float x, float y, float w, float h, int target)
{
    (void)ctx;
    pt_buf_printf(buf_of(o), "link %.2f %.2f %.2f %.2f -> page %d\n", fix0(x), fix0(y),
                  fix0(w), fix0(h), target);
    return true;
}

static bool tr_annot(pt_out *o, pt_ctx *ctx, const pt_annot *a)
{
    (void)ctx;
    pt_buf_printf(buf_of(o), "annot %s %.2f %.2f %.2f %.2f %s\n", a->box ? "box" : "highlight",
                  fix0(a->x), fix0(a->y), fix0(a->w), fix0(a->h), a->note);
    return true;
}

static bool tr_outline(pt_out *o, pt_ctx *ctx, int level, const char *title, int page)
{
    (void)ctx;
    pt_buf *b = buf_of(o);
    pt_buf_printf(b, "outline %d ", level);
    quoted(b, title ? title : "", title ? strlen(title) : 0);
    pt_buf_printf(b, " -> page %d\n", page);
    return true;
}

static bool tr_end_page(pt_out *o, pt_ctx *ctx)
{
    (void)ctx;
    pt_buf_puts(buf_of(o), "endpage\n");
    return true;
}

static const pt_out_ops trace_ops = {
    .begin_page = tr_begin_page,
    .glyphs = tr_glyphs,
    .rect = tr_rect,
    .line = tr_line,
    .link = tr_link,
    .annot = tr_annot,
    .outline = tr_outline,
    .end_page = tr_end_page,
};

/* Returns a heap backend writing into buf (borrowed; must outlive it); free
 * it with pt_trace_free. */
pt_out *pt_trace_new(pt_buf *buf)
{
    trace_out *t = pt_xrealloc(NULL, sizeof *t);
    t->base.ops = &trace_ops;
    t->buf = buf;
    return &t->base;
}

void pt_trace_free(pt_out *o)
{
    free(o);
}
