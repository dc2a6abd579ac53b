/* subset_test.c - compact CIDs with composite glyphs (pdf_subset.h).
 *
 * The programs hold only the glyphs drawn, .notdef and the components of
 * composite glyphs, numbered in ascending order of glyph id as hb-subset
 * numbers them. BIZ UD Gothic has no composite glyph; DejaVu Sans (Debian's
 * fonts-dejavu-core) has 2,607, some nested. Here: pt_subset_closure marks
 * what a program must hold, the expected glyphs read by hand from DejaVu
 * Sans 2.37's cmap and glyf tables; then a one-page PDF in DejaVu Sans is
 * written to argv[1] (default /tmp/pt_subset_test.pdf), with ǖ before a
 * gap, so drawn as a twin (pdf_twin.h) of a nested composite. Saving checks
 * HarfBuzz's numbering against ours (an internal error otherwise);
 * tests/cids_test.sh reads the program in that PDF against the font file
 * (tests/cids_check.js). */
#include "font.h"
#include "out.h"
#include "pdf_subset.h"
#include "shape.h"
#include "test.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define DEJAVU "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"

static uint32_t glyph_of(pt_font *f, uint32_t cp)
{
    hb_font_t *font = hb_font_create(pt_font_face(f));
    hb_codepoint_t g = 0;
    hb_font_get_nominal_glyph(font, cp, &g);
    hb_font_destroy(font);
    return g;
}

/* Marks the glyph of cp alone, closes the set and returns how many glyphs
 * are marked; keep (heap, the caller frees) says which. */
static size_t closure_of(pt_font *f, uint32_t cp, bool **keep)
{
    uint32_t n = hb_face_get_glyph_count(pt_font_face(f));
    *keep = pt_xcalloc(n, sizeof **keep);
    (*keep)[glyph_of(f, cp)] = true;
    pt_subset_closure(pt_font_face(f), *keep, n);
    size_t count = 0;
    for (uint32_t g = 0; g < n; g++)
        count += (*keep)[g];
    return count;
}

static void test_closure(pt_font *f)
{
    bool *keep;
    /* ǖ (U+01D6) is drawn as ¯ (U+00AF) over ü, ü as ¨ (U+00A8) over u: a
     * composite with a composite component. With .notdef: 6 glyphs. */
    CHECK_INT(closure_of(f, 0x01D6, &keep), 6, "glyphs kept for ǖ");
    const uint32_t nested[] = {0, 0x01D6, 0x00FC, 0x0075, 0x00A8, 0x00AF};
    for (size_t i = 1; i < sizeof nested / sizeof nested[0]; i++)
        CHECK(keep[glyph_of(f, nested[i])], "ǖ keeps the glyph of U+%04X", nested[i]);
    CHECK(keep[0], "ǖ keeps .notdef");
    free(keep);
    /* é (U+00E9): e and ´ (U+00B4). */
    CHECK_INT(closure_of(f, 0x00E9, &keep), 4, "glyphs kept for é");
    CHECK(keep[glyph_of(f, 'e')] && keep[glyph_of(f, 0x00B4)], "é keeps e and ´");
    free(keep);
    /* A simple glyph keeps itself and .notdef only. */
    CHECK_INT(closure_of(f, 'u', &keep), 2, "glyphs kept for u");
    free(keep);
}

/* Draws text in font at (x, y), the glyphs at their advances, with a gap of
 * gap points after the glyph of the byte offset gap_at. */
static bool draw_text(pt_ctx *ctx, pt_out *o, pt_font *font, float size, float x, float y,
                      const char *text, size_t gap_at, float gap)
{
    size_t len = strlen(text);
    pt_glyphs gl = {0};
    if (!pt_shape(ctx, NULL, font, text, len, 0, len, NULL, 0, &gl))
        return false;
    pt_draw_glyph *dg = pt_xcalloc(gl.n ? gl.n : 1, sizeof *dg);
    float scale = size / (float)pt_font_upem(font), pen = 0;
    for (size_t i = 0; i < gl.n; i++) {
        uint32_t end = i + 1 < gl.n ? gl.v[i + 1].cluster : (uint32_t)len;
        dg[i] = (pt_draw_glyph){.gid = gl.v[i].gid, .x = pen, .y = 0,
                                .text_start = gl.v[i].cluster, .text_end = end};
        pen += gl.v[i].adv * scale + (gl.v[i].cluster == gap_at ? gap : 0);
    }
    bool ok = o->ops->glyphs(o, ctx, font, size, x, y, dg, gl.n, text, (pt_rgb){0, 0, 0});
    free(dg);
    free(gl.v);
    return ok;
}

int main(int argc, char **argv)
{
    const char *path = argc > 1 ? argv[1] : "/tmp/pt_subset_test.pdf";
    pt_ctx ctx;
    pt_ctx_init(&ctx);
    pt_font *f = pt_font_load(&ctx, DEJAVU);
    CHECK(f != NULL, "DejaVu Sans (fonts-dejavu-core): %s", ctx.err);
    if (!f)
        return TEST_END();
    test_closure(f);

    pt_doc_info info = {.title = "subset_test", .creator = "plantype", .created = 1735689600};
    pt_out *o = pt_pdf_new(&ctx, &info);
    const char *line = "Ǖǖ ǅ café crème brûlée";
    size_t gap_at = strstr(line, "ǖ") - line;      /* a 0.5 em gap after ǖ: a twin */
    bool ok = o && o->ops->begin_page(o, &ctx, 595.28f, 841.89f) &&
              draw_text(&ctx, o, f, 20, 60, 760, line, gap_at, 10) &&
              o->ops->end_page(o, &ctx);
    CHECK(ok, "drawing: %s", ctx.err);
    unlink(path);
    CHECK(ok && pt_pdf_save(o, &ctx, path), "saving %s (HarfBuzz numbers as we do): %s", path,
          ctx.err);
    pt_pdf_free(o);
    pt_font_free(f);
    return TEST_END();
}
