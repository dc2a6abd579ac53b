/* shape.c - HarfBuzz shaping of one run of a paragraph.
 *
 * Approach. Each call makes one hb_buffer, adds the whole paragraph as context
 * and only text[start..end) as the item (hb_buffer_add_utf8 with an offset, as
 * raqm does), sets language "ja", lets HarfBuzz guess the script, forces the
 * direction to left-to-right (the report is set horizontally), shapes with the
 * default cluster level and copies the glyphs out in font units. A buffer per
 * call costs a few allocations; it keeps the font free of mutable shared state.
 *
 * A .notdef glyph (id 0) for anything but a control character means the font
 * lacks a character the text needs: that is an error of the input, reported
 * with the code point, the character and the font, never silently drawn as a box. */
#include "shape.h"

#include <string.h>

/* Control characters (general category Cc) may map to no glyph: layout
 * handles tabs and line feeds itself and never draws them. */
static bool is_control(uint32_t cp)
{
    return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F);
}

/* The font path as the user knows it: relative to the data folder when the
 * font lies inside it ("fonts/BIZUDGothic-Regular.ttf"). Borrowed from f. */
static const char *shown_path(pt_ctx *ctx, const pt_font *f)
{
    const char *p = pt_font_path(f);
    const char *dir = pt_datadir(ctx);
    size_t n = strlen(dir);
    if (n && strncmp(p, dir, n) == 0 && p[n] == '/')
        return p + n + 1;
    return p;
}

/* Records the "character U+XXXX (c) is not in Font (path)" error for the
 * first character of text[from..to) that the font lacks (or the first one of
 * that range when the font has them all, e.g. a sequence it cannot combine). */
static bool missing_char(pt_ctx *ctx, pt_font *font, const char *text, size_t len,
                         size_t from, size_t to)
{
    int32_t first = -1, bad = -1;
    for (size_t i = from; i < to && i < len;) {
        int32_t cp = pt_utf8_decode(text, len, &i);
        if (cp < 0)
            continue;
        if (first < 0)
            first = cp;
        if (!is_control((uint32_t)cp) && !pt_font_has_char(font, (uint32_t)cp)) {
            bad = cp;
            break;
        }
    }
    if (bad < 0)
        bad = first >= 0 ? first : 0xFFFD;
    char utf8[5] = {0};
    pt_utf8_encode((uint32_t)bad, utf8);
    return pt_invalid(ctx, _("character U+%04X (%s) is not in %s (%s)"), (unsigned)bad, utf8,
                      pt_font_display_name(font), shown_path(ctx, font));
}

bool pt_shape(pt_ctx *ctx, pt_font *font, const char *text, size_t len,
              size_t start, size_t end, const hb_feature_t *features,
              unsigned nfeatures, pt_glyphs *out)
{
    if (start > end || end > len || len > (size_t)INT32_MAX)
        return pt_fail(ctx, _("internal error: shaping range %zu..%zu of a %zu-byte text"),
                       start, end, len);
    if (start == end)
        return true;

    hb_buffer_t *buf = hb_buffer_create();
    hb_buffer_add_utf8(buf, text, (int)len, (unsigned)start, (int)(end - start));
    hb_buffer_set_language(buf, hb_language_from_string("ja", -1));
    hb_buffer_guess_segment_properties(buf);
    hb_buffer_set_direction(buf, HB_DIRECTION_LTR);
    hb_shape(pt_font_hb(font), buf, features, nfeatures);
    if (!hb_buffer_allocation_successful(buf)) {
        hb_buffer_destroy(buf);
        return pt_fail(ctx, _("out of memory while shaping"));
    }

    unsigned n = 0;
    const hb_glyph_info_t *info = hb_buffer_get_glyph_infos(buf, &n);
    const hb_glyph_position_t *pos = hb_buffer_get_glyph_positions(buf, NULL);
    for (unsigned i = 0; i < n; i++) {
        if (info[i].codepoint != 0)
            continue;
        /* This glyph's cluster runs to the next larger cluster value (LTR: monotone). */
        size_t from = info[i].cluster, to = end;
        for (unsigned j = i + 1; j < n; j++)
            if (info[j].cluster > info[i].cluster) { to = info[j].cluster; break; }
        bool all_control = from < to;
        for (size_t m = from; m < to;) {
            int32_t c = pt_utf8_decode(text, len, &m);
            if (c < 0 || !is_control((uint32_t)c)) { all_control = false; break; }
        }
        if (all_control)
            continue;
        hb_buffer_destroy(buf);
        return missing_char(ctx, font, text, len, from, to);
    }
    for (unsigned i = 0; i < n; i++) {
        pt_glyph g = {
            .gid = info[i].codepoint,
            .cluster = info[i].cluster,
            .adv = pos[i].x_advance,
            .dx = pos[i].x_offset,
            .dy = pos[i].y_offset,
        };
        PT_PUSH(*out, g);
    }
    hb_buffer_destroy(buf);
    return true;
}
