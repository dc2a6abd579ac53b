/* shape.h - HarfBuzz shaping: a UTF-8 run -> glyphs {gid, cluster, advance, offset}.
 * One buffer per paragraph run, language ja, script guessed from the text,
 * direction LTR; the whole paragraph is given as context. */
#ifndef PT_SHAPE_H
#define PT_SHAPE_H

#include "base.h"
#include "font.h"

/* All lengths in font units (1/upem em). cluster is a byte offset into the text
 * that was shaped (HarfBuzz's default cluster level: monotone, one cluster per
 * character unless the font merges them). */
typedef struct pt_glyph {
    uint32_t gid;
    uint32_t cluster;
    int32_t adv;
    int32_t dx, dy;
} pt_glyph;

typedef PT_VEC(pt_glyph) pt_glyphs;

/* What shaping keeps between calls: one HarfBuzz buffer, the shape plans
 * for features on parts of the text (HarfBuzz keeps a plan only for features
 * on the whole text, and would make a new one for every call with `hwid` on
 * the yakumono), and each face's cmap lookups. One per thread; the fonts
 * must outlive it. */
typedef struct pt_shaper pt_shaper;
pt_shaper *pt_shaper_new(void);
void pt_shaper_free(pt_shaper *sh);

/* Shapes text[start..end) with text[0..len) as context and appends the glyphs
 * to out (caller-owned). Fails when a character other than a control character
 * maps to no glyph: ctx->err = "character U+20B9F (𠮟) is not in BIZ UDGothic
 * Regular (fonts/BIZUDGothic-Regular.ttf)"; the caller adds file, line, element
 * with pt_err_prefix(). features may be NULL. sh may be NULL (nothing kept:
 * a buffer and, with features on ranges, a plan made for this call). */
bool pt_shape(pt_ctx *ctx, pt_shaper *sh, pt_font *font, const char *text, size_t len,
              size_t start, size_t end, const hb_feature_t *features,
              unsigned nfeatures, pt_glyphs *out);

#endif
