/* pdf_content.c - a page's content stream, written lean (pdf_content.h).
 *
 * Approach. Nothing is wrapped in q ... Q: the writer keeps the one graphics
 * state of the page and knows what the stream has set so far, starting from
 * the state every page begins with (black fill and stroke, line width 1, no
 * font, leading 0, character spacing 0). A colour, a line width, a font and
 * size, a character spacing is written only when it differs from the current
 * one; the text state (font, size, leading, character spacing) lasts across
 * text objects, so a page that sets its body font once uses it in every
 * text object after.
 *
 * Text. Each glyph run is a text object of its own (BT ... ET): with the
 * lines of a block in one, MuPDF's text output (mutool draw -F txt) joins
 * them into one block where it had one block per line, and the extracted
 * text must not change. Its first line is placed with "x y Td" (from the
 * identity matrix BT sets: the same as "1 0 0 1 x y Tm"); a new line starts
 * at every change of baseline inside a run and every TJ_CHUNK glyphs,
 * relative to the line before: "dx dy Td", "0 dy TD" (which also sets the
 * leading), or "T*" when the move is the leading again. A relative move is
 * written only when it lands exactly
 * where the absolute number would: a reader adds it to the line origin, in
 * single precision (MuPDF) or double (poppler, pdf.js), and the sum must be
 * the very number that parsing the absolute position gives (lands()); where
 * it is not, "1 0 0 1 x y Tm" places the line absolutely. So every line
 * origin is what the absolute form would give, and the glyphs of a line are
 * placed from it by TJ adjustments computed from the rounded numbers
 * actually written: the pen (points from the origin) advances by each
 * glyph's /W width at the size of the Tf written and by the character
 * spacing (Tc) written, exactly as a reader moves it. A glyph gets an
 * adjustment only where the pen is more than PT_PDFC_TOLERANCE from its
 * position (rounded to the 1/1000 pt positions are written with); the
 * adjustment, in its shortest form, puts the pen back within half the
 * tolerance. So rounding never accumulates and every glyph lands within the
 * tolerance of where layout put it. With the stretch of a justified line
 * given once as Tc (the caller chooses it: pdf_spacing.h), its glyphs need
 * no adjustment between them.
 *
 * Numbers have at most 3 decimals (Tc 5) and no redundant characters:
 * "10.5", "-12", ".25", "0". */
#include "pdf_content.h"

#include <math.h>
#include <string.h>

enum {
    TJ_CHUNK = 500,   /* glyphs per TJ array before a new line origin (arrays stay small) */
    TC_DIGITS = 5,    /* the decimals of PT_PDFC_TC_UNIT */
};

/* v in 1/1000, rounded: the precision of every number written. */
static long long milli(double v)
{
    return pt_round(v * 1000.0);
}

/* Appends m / 10^decimals in the shortest form ("10.5", "-12", ".25",
 * "-.5", "0" for decimals 3), followed by a space when space is true.
 * Integer arithmetic rather than printf: this runs for every glyph. */
static void put_fixed(pt_buf *b, long long m, int decimals, bool space)
{
    char s[32], *end = s + sizeof s - 1, *p = end;
    *end = ' ';
    bool neg = m < 0;
    unsigned long long u = neg ? 0ull - (unsigned long long)m : (unsigned long long)m;
    unsigned long long scale = 1;
    for (int i = 0; i < decimals; i++)
        scale *= 10;
    unsigned long long frac = u % scale;
    u /= scale;
    int digits = decimals;
    while (digits && frac % 10 == 0) {
        frac /= 10;
        digits--;
    }
    for (int i = 0; i < digits; i++) {
        *--p = (char)('0' + frac % 10);
        frac /= 10;
    }
    if (digits)
        *--p = '.';
    if (u || !digits) {
        do {
            *--p = (char)('0' + u % 10);
            u /= 10;
        } while (u);
    }
    if (neg)
        *--p = '-';
    pt_buf_add(b, p, (size_t)(end - p) + space);
}

/* Appends m/1000 in the shortest form (put_fixed). */
static void put_milli(pt_buf *b, long long m, bool space)
{
    put_fixed(b, m, 3, space);
}

/* Appends the numbers m[0..n), each followed by a space. */
static void put_nums(pt_buf *b, const long long *m, size_t n)
{
    for (size_t i = 0; i < n; i++)
        put_milli(b, m[i], true);
}

void pt_pdfc_begin(pt_pdfc *c, pt_buf *b)
{
    *c = (pt_pdfc){.b = b, .line_width = 1000};
}

void pt_pdfc_tj_end(pt_pdfc *c)
{
    if (c->in_hex)
        pt_buf_puts(c->b, ">");
    if (c->in_array)
        pt_buf_puts(c->b, "] TJ\n");
    c->in_hex = c->in_array = false;
}

void pt_pdfc_text_end(pt_pdfc *c)
{
    if (!c->in_text)
        return;
    pt_pdfc_tj_end(c);
    pt_buf_puts(c->b, "ET\n");
    c->in_text = c->have_line = false;
}

void pt_pdfc_end(pt_pdfc *c)
{
    pt_pdfc_text_end(c);
}

/* Sets the colour cur (the fill or the stroke one) to v with operator op,
 * unless it is v already. */
static void set_rgb(pt_pdfc *c, long long cur[3], pt_rgb v, const char *op)
{
    long long m[3] = {milli(v.r), milli(v.g), milli(v.b)};
    if (m[0] == cur[0] && m[1] == cur[1] && m[2] == cur[2])
        return;
    pt_pdfc_tj_end(c);
    put_nums(c->b, m, 3);
    pt_buf_puts(c->b, op);
    pt_buf_puts(c->b, "\n");
    memcpy(cur, m, sizeof m);
}

/* The stroke colour and line width of a path. */
static void set_stroke(pt_pdfc *c, pt_rgb color, double line_width)
{
    set_rgb(c, c->stroke, color, "RG");
    long long w = milli(line_width);
    if (w != c->line_width) {
        put_nums(c->b, &w, 1);
        pt_buf_puts(c->b, "w\n");
        c->line_width = w;
    }
}

void pt_pdfc_rect(pt_pdfc *c, double x, double y, double w, double h, const pt_rgb *fill,
                  const pt_rgb *stroke, double line_width)
{
    if (!fill && !stroke)
        return;
    pt_pdfc_text_end(c);
    if (fill)
        set_rgb(c, c->fill, *fill, "rg");
    if (stroke)
        set_stroke(c, *stroke, line_width);
    long long r[4] = {milli(x), milli(y), milli(w), milli(h)};
    put_nums(c->b, r, 4);
    pt_buf_puts(c->b, fill && stroke ? "re B\n" : fill ? "re f\n" : "re S\n");
}

void pt_pdfc_line(pt_pdfc *c, double x1, double y1, double x2, double y2, pt_rgb color,
                  double line_width)
{
    pt_pdfc_text_end(c);
    set_stroke(c, color, line_width);
    long long a[2] = {milli(x1), milli(y1)}, z[2] = {milli(x2), milli(y2)};
    put_nums(c->b, a, 2);
    pt_buf_puts(c->b, "m ");
    put_nums(c->b, z, 2);
    pt_buf_puts(c->b, "l S\n");
}

/* Opens a text object unless one is open. */
static void text_begin(pt_pdfc *c)
{
    if (c->in_text)
        return;
    pt_buf_puts(c->b, "BT\n");
    c->in_text = true;
    c->have_line = false;
}

void pt_pdfc_run(pt_pdfc *c, pt_rgb color)
{
    pt_pdfc_text_end(c);
    set_rgb(c, c->fill, color, "rg");
}

void pt_pdfc_spacing(pt_pdfc *c, double tc)
{
    long long t = pt_round(tc * PT_PDFC_TC_UNIT);
    if (t == c->spacing)
        return;
    pt_pdfc_tj_end(c);
    put_fixed(c->b, t, TC_DIGITS, true);
    pt_buf_add(c->b, "Tc\n", 3);
    c->spacing = t;
}

void pt_pdfc_font(pt_pdfc *c, const char *name, double size)
{
    long long s = milli(size);
    if (s <= 0)
        s = 1;        /* the smallest size that can be written */
    if (s == c->size && strcmp(name, c->font) == 0)
        return;
    text_begin(c);
    pt_pdfc_tj_end(c);
    size_t len = strlen(name);
    pt_buf_add(c->b, "/", 1);
    pt_buf_add(c->b, name, len);
    pt_buf_add(c->b, " ", 1);
    put_nums(c->b, &s, 1);
    pt_buf_add(c->b, "Tf\n", 3);
    if (len >= sizeof c->font)
        len = 0;          /* not kept: the next Tf is written again */
    memcpy(c->font, name, len);
    c->font[len] = 0;
    c->size = s;
}

/* True when a reader that adds the move d to the origin o, both parsed from
 * the stream, gets exactly what parsing t gives: in single precision (MuPDF
 * keeps its matrices in floats) and in double (poppler, pdf.js). Parsing
 * m/1000 gives the correctly rounded quotient, as the divisions below do. */
static bool lands(long long o, long long d, long long t)
{
    float fsum = (float)o / 1000.0f + (float)d / 1000.0f;
    double dsum = (double)o / 1000.0 + (double)d / 1000.0;
    return fsum == (float)t / 1000.0f && dsum == (double)t / 1000.0;
}

/* Starts a line at (x, y): the origin of the TJ adjustments that follow. */
static void line_origin(pt_pdfc *c, long long x, long long y)
{
    pt_pdfc_tj_end(c);
    long long d[2] = {x - c->ox, y - c->oy};
    if (!c->have_line) {
        long long a[2] = {x, y};
        put_nums(c->b, a, 2);
        pt_buf_puts(c->b, "Td\n");
    } else if (!lands(c->ox, d[0], x) || !lands(c->oy, d[1], y)) {
        long long a[2] = {x, y};
        pt_buf_puts(c->b, "1 0 0 1 ");
        put_nums(c->b, a, 2);
        pt_buf_puts(c->b, "Tm\n");
    } else if (d[0] == 0 && d[1] != 0 && d[1] == -c->leading) {
        pt_buf_puts(c->b, "T*\n");
    } else if (d[0] == 0 && d[1] != 0) {
        put_nums(c->b, d, 2);
        pt_buf_puts(c->b, "TD\n");
        c->leading = -d[1];
    } else {
        put_nums(c->b, d, 2);
        pt_buf_puts(c->b, "Td\n");
    }
    c->ox = x;
    c->oy = y;
    c->pen = 0;
    c->have_line = true;
    c->in_chunk = 0;
}

/* The TJ number (in 1/1000 of its unit, 1/1000 em) that brings a pen off
 * points from its glyph back to it at size (points): the one with the
 * fewest decimals that leaves the pen within half the tolerance (the other
 * half is left for the spacing's drift up to the next glyph), else exact to
 * its 3 decimals. "5.8" rather than "5.752" at 10 pt: 0.00048 pt off. */
static long long shortest_adjustment(double off, double size)
{
    double exact = off * 1000.0 / size * 1000.0;
    for (long long step = 1000; step > 1; step /= 10) {
        long long a = pt_round(exact / (double)step) * step;
        if (fabs(off - (double)a / 1e6 * size) <= PT_PDFC_TOLERANCE / 2)
            return a;
    }
    return pt_round(exact);
}

void pt_pdfc_glyph(pt_pdfc *c, uint32_t gid, double x, double y, double width)
{
    long long gx = milli(x), gy = milli(y);
    text_begin(c);
    if (!c->have_line || gy != c->oy || c->in_chunk >= TJ_CHUNK)
        line_origin(c, gx, gy);
    if (!c->in_array) {
        pt_buf_add(c->b, "[", 1);
        c->in_array = true;
    }
    /* TJ number k moves the pen by -k/1000 em; the pen is where the widths
     * and spacing written so far put it, the glyph where layout wants it. */
    double size = (double)c->size / 1000.0;
    double off = c->pen - (double)(gx - c->ox) / 1000.0;      /* points */
    if (pt_pdfc_beyond(off)) {
        long long adj = shortest_adjustment(off, size);
        if (c->in_hex)
            pt_buf_add(c->b, ">", 1);
        c->in_hex = false;
        put_milli(c->b, adj, false);
        c->pen -= (double)adj / 1000.0 * size / 1000.0;
    }
    if (!c->in_hex)
        pt_buf_add(c->b, "<", 1);
    c->in_hex = true;
    static const char hex[] = "0123456789ABCDEF";
    char h[4] = {hex[(gid >> 12) & 15], hex[(gid >> 8) & 15], hex[(gid >> 4) & 15], hex[gid & 15]};
    pt_buf_add(c->b, h, 4);
    c->pen += width * size / 1000.0 + (double)c->spacing / PT_PDFC_TC_UNIT;
    c->in_chunk++;
}
