/* pdf_test.c - fonts, shaping and the PDF and trace backends, end to end.
 *
 * Builds a two-page PDF from real report text with pt_pdf_new and the font and
 * shape stages: lines set left-aligned by advancing x by the glyph advances (no
 * line breaking), in BIZ UDGothic Regular and Bold, with a rectangle, a rule, a
 * link from page 1 to page 2 and a bookmark for each page. Some glyphs stand
 * for several texts: the half-width corner bracket for 「」 (with `hwid`) and
 * for ｢｣, the parenthesis for ASCII ( ) and for （） (with `hwid`), and, drawn
 * by hand, for ﹙﹚ too. Their less common texts must come back through
 * variant Type0 fonts over the same CIDFont (variant 1 for ｢｣ and （）,
 * variant 2 for ﹙﹚), so that every reader, ActualText or not, gives back the
 * text. Writes the PDF to argv[1] (default /tmp/pt_pdf_test.pdf) and the text
 * a reader should extract to "<path>.txt"; tests/pdf_test.sh checks both with
 * poppler, MuPDF, Ghostscript and qpdf. Here, in C: font facts, the
 * missing-character message, the trace format, the font objects of the PDF
 * and the failure paths of pt_pdf_save. */
#include "font.h"
#include "out.h"
#include "shape.h"
#include "test.h"

#include <glob.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>


#define PAGE_W 595.28f        /* A4, points */
#define PAGE_H 841.89f
#define MARGIN 56.69f         /* 20 mm */
#define BODY_SIZE 10.5f       /* points */
#define BODY_LEAD 18.0f       /* baseline to baseline, points */
#define HEAD_SIZE 14.0f

static const pt_rgb BLACK = {0, 0, 0};
static const pt_rgb LINK_BLUE = {0.0f, 0.2f, 0.6f};

typedef struct fonts { pt_font *regular, *bold; } fonts;

/* A position edit as layout makes them: from the cluster that starts where
 * `at` first occurs in the line, every glyph moves right by dx (points; glue
 * such as wa-o spacing) and that cluster's glyphs move up by dy. */
typedef struct nudge { const char *at; float dx, dy; } nudge;

/* Shapes text with font (features may be NULL), draws it as one line at
 * (x, y) by advancing x by the glyph advances plus the nudges, and appends
 * the text and a newline to expected (when not NULL). Returns false with
 * ctx->err set; *width (when not NULL) gets the line's advance width. */
static bool set_line(pt_ctx *ctx, pt_out *o, pt_font *font, float size, float x, float y,
                     const char *text, const hb_feature_t *features, unsigned nfeatures,
                     const nudge *nudges, size_t nnudges,
                     pt_rgb color, pt_buf *expected, float *width)
{
    size_t len = strlen(text);
    pt_glyphs gl = {0};
    if (!pt_shape(ctx, NULL, font, text, len, 0, len, features, nfeatures, &gl))
        return false;
    pt_draw_glyph *dg = pt_xrealloc(NULL, (gl.n ? gl.n : 1) * sizeof *dg);
    float scale = size / (float)pt_font_upem(font), pen = 0;
    for (size_t i = 0; i < gl.n; i++) {
        const pt_glyph *g = &gl.v[i];
        bool first = i == 0 || gl.v[i - 1].cluster != g->cluster;
        uint32_t end = (uint32_t)len;
        for (size_t j = i + 1; j < gl.n; j++)
            if (gl.v[j].cluster != g->cluster) { end = gl.v[j].cluster; break; }
        float rise = 0;
        for (size_t k = 0; k < nnudges; k++) {
            const char *at = strstr(text, nudges[k].at);
            if (at && (uint32_t)(at - text) == g->cluster) {
                if (first)
                    pen += nudges[k].dx;
                rise += nudges[k].dy;
            }
        }
        dg[i] = (pt_draw_glyph){
            .gid = g->gid, .x = pen + g->dx * scale, .y = g->dy * scale + rise,
            .text_start = first ? g->cluster : 0, .text_end = first ? end : 0,
        };
        pen += g->adv * scale;
    }
    bool ok = o->ops->glyphs(o, ctx, font, size, x, y, dg, gl.n, text, color);
    free(dg);
    free(gl.v);
    if (expected) {
        pt_buf_puts(expected, text);
        pt_buf_puts(expected, "\n");
    }
    if (width)
        *width = pen;
    return ok;
}

/* hwid on the corner brackets and full-width parentheses of text: half-width
 * 「」（） as layout sets them (the same glyphs as ｢｣ and ASCII ( )). */
static unsigned bracket_features(const char *text, hb_feature_t *f, unsigned max)
{
    unsigned n = 0;
    const char *marks[] = {"「", "」", "（", "）"};
    for (int m = 0; m < 4; m++)
        for (const char *p = strstr(text, marks[m]); p && n < max; p = strstr(p + 1, marks[m])) {
            hb_feature_from_string("hwid", -1, &f[n]);
            f[n].start = (unsigned)(p - text);
            f[n].end = f[n].start + 3;
            n++;
        }
    return n;
}

/* "﹙﹚" drawn with the glyphs of ASCII "()": a third text for the
 * parenthesis glyph (after "(" and "（" with hwid), which needs a second
 * variant font. Built by hand: shaping would pick the font's own glyph. */
static bool set_paren_line(pt_ctx *ctx, pt_out *o, pt_font *font, float size, float x,
                           float y, pt_buf *expected)
{
    pt_glyphs gl = {0};
    if (!pt_shape(ctx, NULL, font, "()", 2, 0, 2, NULL, 0, &gl))
        return false;
    bool ok = gl.n == 2;
    if (ok) {
        const char *text = "﹙﹚";
        float scale = size / (float)pt_font_upem(font);
        pt_draw_glyph dg[2] = {
            {.gid = gl.v[0].gid, .x = 0, .y = 0, .text_start = 0, .text_end = 3},
            {.gid = gl.v[1].gid, .x = gl.v[0].adv * scale, .y = 0, .text_start = 3,
             .text_end = 6},
        };
        ok = o->ops->glyphs(o, ctx, font, size, x, y, dg, 2, text, BLACK);
        if (ok && expected)
            pt_buf_puts(expected, "﹙﹚\n");
    } else {
        pt_fail(ctx, "\"()\" shaped into %zu glyphs", gl.n);
    }
    free(gl.v);
    return ok;
}

/* The test document, drawn into any backend. */
static bool draw_doc(pt_ctx *ctx, pt_out *o, const fonts *fo, pt_buf *expected)
{
    const pt_out_ops *op = o->ops;
    hb_feature_t feat[8];
    float y = PAGE_H - MARGIN, w;
    const pt_rgb band = {0.88f, 0.93f, 0.97f}, band_line = {0.2f, 0.4f, 0.6f};

    /* Page 1: heading in a band, a rule, body lines, a link to page 2. */
    if (!op->begin_page(o, ctx, PAGE_W, PAGE_H) ||
        !op->outline(o, ctx, 0, "第3期オーガニックなまちづくり アクションプラン", 0) ||
        !op->rect(o, ctx, MARGIN, y - 8, PAGE_W - 2 * MARGIN, 26, &band, &band_line, 0.5f))
        return false;
    if (!set_line(ctx, o, fo->bold, HEAD_SIZE, MARGIN + 6, y,
                  "アクションプラン進行管理表（令和6年度）", NULL, 0, NULL, 0, BLACK, expected,
                  NULL))
        return false;
    y -= 30;
    if (!op->line(o, ctx, MARGIN, y, PAGE_W - MARGIN, y, band_line, 1.0f))
        return false;
    y -= 22;
    const char *body[] = {
        "お米については100%木更津産で提供しており、「きさらづ学校給食米®」を提供しました。",
        "10,844件 (R6年2月末)",
        "1,543万人 (R4年)",
        "本プロジェクト実施によるCO2削減【累計】",
        "令和6年度は……。",
    };
    for (size_t i = 0; i < sizeof body / sizeof body[0]; i++, y -= BODY_LEAD) {
        unsigned nf = bracket_features(body[i], feat, 8);
        if (!set_line(ctx, o, fo->regular, BODY_SIZE, MARGIN, y, body[i], feat, nf, NULL, 0,
                      BLACK, expected, NULL))
            return false;
    }
    if (!set_line(ctx, o, fo->bold, BODY_SIZE, MARGIN, y, "【令和6年度】", NULL, 0, NULL, 0,
                  BLACK, expected, NULL))
        return false;
    y -= BODY_LEAD;
    if (!set_line(ctx, o, fo->regular, BODY_SIZE, MARGIN, y, "次のページへ", NULL, 0, NULL, 0,
                  LINK_BLUE, expected, &w) ||
        !op->link(o, ctx, MARGIN, y - 3, w, BODY_SIZE + 3, 1) ||
        !op->end_page(o, ctx))
        return false;

    /* Page 2: non-BMP kanji, the bracket glyph for two texts, clusters of two
     * glyphs and two characters, Bold, glue and a subscript. */
    y = PAGE_H - MARGIN;
    if (!op->begin_page(o, ctx, PAGE_W, PAGE_H) ||
        !op->outline(o, ctx, 1, "令和6年度の取組", 1))
        return false;
    const char *p2[] = {
        "𠮟（U+20B9F）と𠀋（U+2000B）は第2面の漢字です。",
        "「きさらづ学校給食米®」の提供日数は96日でした。",
        "半角の括弧：｢ｷｻﾗﾂﾞ｣",
        "結合文字：か゚、q、q\u0303",  /* か゚ one glyph, q̃ two in one cluster */
    };
    for (size_t i = 0; i < sizeof p2 / sizeof p2[0]; i++, y -= BODY_LEAD) {
        unsigned nf = bracket_features(p2[i], feat, 8);
        if (!set_line(ctx, o, fo->regular, BODY_SIZE, MARGIN, y, p2[i], feat, nf, NULL, 0,
                      BLACK, expected, NULL))
            return false;
    }
    if (!set_paren_line(ctx, o, fo->regular, BODY_SIZE, MARGIN, y, expected))
        return false;
    y -= BODY_LEAD;
    if (!set_line(ctx, o, fo->bold, BODY_SIZE, MARGIN, y, "太字：1,543万人、CO2、𠮟", NULL, 0,
                  NULL, 0, BLACK, expected, NULL))
        return false;
    y -= BODY_LEAD;
    /* Wa-o glue (¼ em) between kanji and digits or Latin, and a subscript 2:
     * the PDF needs TJ adjustments and a second text matrix here. */
    const float q = BODY_SIZE / 4;
    const nudge wao[] = {{"6", q, 0}, {"年", q, 0}, {"CO2", q, 0}, {"2削", 0, -2.0f},
                         {"削", q, 0}};
    if (!set_line(ctx, o, fo->regular, BODY_SIZE, MARGIN, y, "令和6年度のCO2削減量", NULL, 0,
                  wao, sizeof wao / sizeof wao[0], BLACK, expected, NULL))
        return false;
    return op->end_page(o, ctx);
}

static bool file_exists(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0;
}

/* Number of files matching "<path>.tmp-*". */
static size_t leftovers(const char *path)
{
    char pat[1024];
    snprintf(pat, sizeof pat, "%s.tmp-*", path);
    glob_t g;
    size_t n = glob(pat, 0, NULL, &g) == 0 ? g.gl_pathc : 0;
    globfree(&g);
    return n;
}

/* Occurrences of needle in the objects of the PDF at path. They travel in
 * compressed object streams, so qpdf first writes them out plain (QDF, no
 * object streams) next to it; 0 when that fails. */
static size_t count_in_file(const char *pdf, const char *needle)
{
    char path[1100], cmd[2400];
    snprintf(path, sizeof path, "%s.qdf", pdf);
    snprintf(cmd, sizeof cmd, "qpdf --qdf --object-streams=disable '%s' '%s'", pdf, path);
    if (system(cmd) != 0)
        return 0;
    FILE *f = fopen(path, "rb");
    if (!f)
        return 0;
    pt_buf b = {0};
    char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
        pt_buf_add(&b, chunk, n);
    fclose(f);
    unlink(path);
    size_t count = 0, len = strlen(needle);
    for (size_t i = 0; i + len <= b.n; i++)
        if (memcmp(b.s + i, needle, len) == 0)
            count++;
    pt_buf_free(&b);
    return count;
}

static long long created_time(void)
{
    const char *s = getenv("SOURCE_DATE_EPOCH");
    return s && *s ? strtoll(s, NULL, 10) : 1735689600;   /* 2025-01-01 00:00 UTC */
}

static void test_fonts_and_shaping(const fonts *fo)
{
    pt_ctx ctx;
    pt_ctx_init(&ctx);
    CHECK_STR(pt_font_psname(fo->regular), "BIZUDGothic-Regular", "PostScript name");
    CHECK_STR(pt_font_display_name(fo->bold), "BIZ UDGothic Bold", "display name");
    CHECK_INT(pt_font_upem(fo->regular), 2048, "units per em");
    CHECK(pt_font_has_char(fo->regular, 0x20B9F), "𠮟 U+20B9F in Regular");
    CHECK(pt_font_has_char(fo->regular, 0x2000B), "𠀋 U+2000B in Regular");
    CHECK(pt_font_has_char(fo->bold, 0x20B9F), "𠮟 U+20B9F in Bold");
    CHECK(!pt_font_has_char(fo->regular, 0xE000), "U+E000 not in Regular");
    pt_font_metrics m;
    pt_font_metrics_get(fo->regular, &m);
    CHECK(m.ascent > 0 && m.descent < 0 && m.cap_height > 0 && m.x_max > m.x_min,
          "metrics %d %d %d", m.ascent, m.descent, m.cap_height);

    /* Advances in font units: kana 1 em, digits ½ em; hwid halves 「. */
    const char *t = "「あ1」";
    pt_glyphs g = {0};
    CHECK(pt_shape(&ctx, NULL, fo->regular, t, strlen(t), 0, strlen(t), NULL, 0, &g), "%s", ctx.err);
    CHECK_INT(g.n, 4, "glyph count");
    if (g.n == 4) {
        CHECK_INT(g.v[1].adv, 2048, "あ advance");
        CHECK_INT(g.v[2].adv, 1024, "1 advance");
        CHECK_INT(g.v[1].cluster, 3, "あ cluster");
        CHECK_INT(pt_font_advance(fo->regular, g.v[1].gid), 2048, "pt_font_advance");
    }
    g.n = 0;
    hb_feature_t f[2];
    unsigned nf = bracket_features(t, f, 2);
    CHECK(pt_shape(&ctx, NULL, fo->regular, t, strlen(t), 0, strlen(t), f, nf, &g), "%s", ctx.err);
    if (g.n == 4)
        CHECK_INT(g.v[0].adv + g.v[3].adv, 2048, "hwid brackets ½ em each");

    /* A shaper keeps one plan for hwid on any ranges and one buffer: every
     * text, with the brackets at other places, gets exactly the glyphs
     * HarfBuzz's hb_shape gives it (the oracle: shaping without a shaper). */
    const char *texts[] = { "「あ1」", "（令和６年度）「環境」・【計画】。", "い「う」え",
                            "a「b」c", "「」" };
    pt_shaper *sh = pt_shaper_new();
    for (int round = 0; round < 2; round++)
        for (size_t k = 0; k < sizeof texts / sizeof texts[0]; k++) {
            const char *tx = texts[k];
            hb_feature_t fk[8];
            unsigned nfk = bracket_features(tx, fk, 8);
            pt_glyphs want = {0}, got = {0};
            CHECK(pt_shape(&ctx, NULL, fo->regular, tx, strlen(tx), 0, strlen(tx), fk, nfk, &want)
                  && pt_shape(&ctx, sh, fo->regular, tx, strlen(tx), 0, strlen(tx), fk, nfk, &got),
                  "%s", ctx.err);
            CHECK(nfk > 0 && want.n == got.n && want.n > 0
                  && !memcmp(want.v, got.v, want.n * sizeof *want.v),
                  "kept plan: %s shaped as hb_shape does (round %d)", tx, round);
            /* without features: the remembered cmap gives the face's glyphs */
            want.n = got.n = 0;
            CHECK(pt_shape(&ctx, NULL, fo->bold, tx, strlen(tx), 0, strlen(tx), NULL, 0, &want)
                  && pt_shape(&ctx, sh, fo->bold, tx, strlen(tx), 0, strlen(tx), NULL, 0, &got),
                  "%s", ctx.err);
            CHECK(want.n == got.n && want.n > 0 && !memcmp(want.v, got.v, want.n * sizeof *want.v),
                  "remembered cmap: %s shaped as hb_shape does (round %d)", tx, round);
            free(want.v);
            free(got.v);
        }
    /* a character the face lacks is still found lacking (not remembered as a glyph) */
    for (int round = 0; round < 2; round++) {
        pt_glyphs none = {0};
        const char *lacking = "あ\xEE\x80\x80い";
        pt_ctx_init(&ctx);
        CHECK(!pt_shape(&ctx, sh, fo->regular, lacking, strlen(lacking), 0, strlen(lacking), NULL,
                        0, &none) && strstr(ctx.err, "U+E000"),
              "shaper: a missing character is an error (round %d)", round);
        free(none.v);
    }
    pt_ctx_init(&ctx);
    pt_shaper_free(sh);

    /* Context: only the middle is shaped, clusters index the whole text. */
    g.n = 0;
    CHECK(pt_shape(&ctx, NULL, fo->regular, t, strlen(t), 3, 7, NULL, 0, &g), "%s", ctx.err);
    CHECK(g.n == 2 && g.v[0].cluster == 3 && g.v[1].cluster == 6, "context clusters");

    /* Control characters may be missing; anything else is an input error. */
    g.n = 0;
    CHECK(pt_shape(&ctx, NULL, fo->regular, "a\tb", 3, 0, 3, NULL, 0, &g), "tab: %s", ctx.err);
    g.n = 0;
    const char *bad = "あ\xEE\x80\x80い";
    CHECK(!pt_shape(&ctx, NULL, fo->regular, bad, strlen(bad), 0, strlen(bad), NULL, 0, &g),
          "missing char accepted");
    CHECK_STR(ctx.err, "character U+E000 (\xEE\x80\x80) is not in BIZ UDGothic Regular "
              "(fonts/BIZUDGothic-Regular.ttf)", "missing-char message");
    CHECK_INT(ctx.status, PT_EXIT_INVALID, "missing char is an input error");
    free(g.v);

    pt_ctx_init(&ctx);
    CHECK(pt_font_load(&ctx, "/nonexistent/x.ttf") == NULL, "loading a missing font");
    CHECK(strncmp(ctx.err, "/nonexistent/x.ttf: ", 20) == 0, "font error names the path: %s",
          ctx.err);
}

static void test_trace(const fonts *fo)
{
    pt_ctx ctx;
    pt_ctx_init(&ctx);
    pt_buf tr = {0};
    pt_out *o = pt_trace_new(&tr);
    CHECK(draw_doc(&ctx, o, fo, NULL), "trace: %s", ctx.err);
    pt_trace_free(o);
    const char *s = tr.s ? tr.s : "";
    CHECK(strncmp(s, "page 595.28 841.89\noutline 0 \"第3期", 36) == 0, "trace start: %.60s", s);
    CHECK(strstr(s, "glyphs F=BIZUDGothic-Regular 10.50 at 56.69 ") != NULL, "trace glyphs");
    CHECK(strstr(s, "n=13 [") != NULL && strstr(s, "\"10,844件 (R6年2月末)\"\n") != NULL,
          "trace glyph count and text");
    CHECK(strstr(s, " [1@0.00 ") == NULL, "no .notdef");
    CHECK(strstr(s, "\nline 56.69 ") != NULL && strstr(s, "\nrect 56.69 ") != NULL,
          "trace rules");
    CHECK(strstr(s, "-> page 1\n") != NULL, "trace link");
    CHECK(strstr(s, "rgb 0.00 0.20 0.60\n") != NULL, "trace colour");
    size_t pages = 0;
    for (const char *p = strstr(s, "endpage\n"); p; p = strstr(p + 1, "endpage\n"))
        pages++;
    CHECK_INT(pages, 2, "trace endpage count");
    pt_buf_free(&tr);
}

/* pt_pdf_save failures: nothing is left behind. */
static void test_failures(const fonts *fo, const char *dir_path)
{
    pt_ctx ctx;
    pt_ctx_init(&ctx);
    pt_doc_info info = {.title = "t", .created = created_time()};

    pt_out *o = pt_pdf_new(&ctx, &info);
    CHECK(o && draw_doc(&ctx, o, fo, NULL), "%s", ctx.err);
    CHECK(!pt_pdf_save(o, &ctx, "/nonexistent-pt-dir/x.pdf"), "save into a missing folder");
    CHECK(strncmp(ctx.err, "/nonexistent-pt-dir/x.pdf: cannot write: ", 41) == 0,
          "save error: %s", ctx.err);
    /* The target is a directory: refused before anything is written. */
    mkdir(dir_path, 0755);
    CHECK(!pt_pdf_save(o, &ctx, dir_path), "save over a directory");
    CHECK(strstr(ctx.err, "is not a regular file") != NULL, "directory target: %s", ctx.err);
    CHECK_INT(leftovers(dir_path), 0, "temporary files left");
    rmdir(dir_path);
    pt_pdf_free(o);

    /* libharu's own checks come back as messages. */
    pt_ctx_init(&ctx);
    o = pt_pdf_new(&ctx, &info);
    CHECK(!o->ops->begin_page(o, &ctx, 1.0f, 1.0f), "tiny page accepted");
    CHECK(strstr(ctx.err, "libharu") && strstr(ctx.err, "page size"), "libharu error: %s",
          ctx.err);
    pt_pdf_free(o);

    /* A link to a page that never came: no file. */
    pt_ctx_init(&ctx);
    o = pt_pdf_new(&ctx, &info);
    CHECK(o->ops->begin_page(o, &ctx, PAGE_W, PAGE_H), "%s", ctx.err);
    CHECK(o->ops->rect(o, &ctx, 0, 0, 1, 1, NULL, NULL, 1), "invisible rect");
    CHECK(o->ops->link(o, &ctx, 10, 10, 10, 10, 5), "%s", ctx.err);
    CHECK(o->ops->end_page(o, &ctx), "%s", ctx.err);
    CHECK(!o->ops->line(o, &ctx, 0, 0, 1, 1, BLACK, 1), "drawing outside a page");
    char bad_path[1200];
    snprintf(bad_path, sizeof bad_path, "%s.bad.pdf", dir_path);
    CHECK(!pt_pdf_save(o, &ctx, bad_path), "link to a missing page");
    CHECK(strstr(ctx.err, "page 6") != NULL, "link error: %s", ctx.err);
    CHECK(!file_exists(bad_path) && leftovers(bad_path) == 0, "nothing written");
    pt_pdf_free(o);
}

/* The face hb-subset cuts from: the program's tables only, the glyphs the
 * same; a font file that changed after loading is refused. */
static void test_program_face(const fonts *fo, const char *dir_path)
{
    pt_ctx ctx;
    pt_ctx_init(&ctx);
    hb_face_t *full = pt_font_face(fo->regular);
    hb_face_t *prog = pt_font_program_face(&ctx, fo->regular);
    CHECK(prog != NULL, "program face: %s", ctx.err);
    if (!prog)
        return;
    hb_tag_t tags[64];
    unsigned n = 64;
    hb_face_get_table_tags(prog, 0, &n, tags);
    char list[64 * 5 + 1] = "";
    for (unsigned i = 0; i < n; i++) {
        char t[6];
        hb_tag_to_string(tags[i], t);
        t[4] = ' ', t[5] = 0;
        strcat(list, t);
    }
    /* BIZ UD Gothic's 19 tables less cmap, GSUB, vhea, vmtx, DSIG, meta. */
    CHECK_STR(list, "OS/2 cvt  fpgm gasp glyf head hhea hmtx loca maxp name post prep ",
              "the program face's tables");
    CHECK_INT(hb_face_get_glyph_count(prog), hb_face_get_glyph_count(full), "its glyph count");
    const hb_tag_t glyf = HB_TAG('g', 'l', 'y', 'f');
    hb_blob_t *a = hb_face_reference_table(prog, glyf), *b = hb_face_reference_table(full, glyf);
    unsigned la = 0, lb = 0;
    const char *da = hb_blob_get_data(a, &la), *db = hb_blob_get_data(b, &lb);
    CHECK(la > 4000000 && la == lb && !memcmp(da, db, la), "the same glyf table (%u bytes)", la);
    hb_blob_destroy(a);
    hb_blob_destroy(b);
    hb_face_destroy(prog);

    /* A copy of the font, loaded, then replaced by the other face (renamed
     * over it, as a package upgrade does: the loaded mapping stays valid). */
    char copy[1300], cmd[4000];
    snprintf(copy, sizeof copy, "%s.font.ttf", dir_path);
    snprintf(cmd, sizeof cmd, "cp '%s' '%s'", pt_font_path(fo->regular), copy);
    CHECK(system(cmd) == 0, "%s", cmd);
    pt_font *f = pt_font_load(&ctx, copy);
    CHECK(f != NULL, "loading the copy: %s", ctx.err);
    if (f) {
        snprintf(cmd, sizeof cmd, "cp '%s' '%s.new' && mv '%s.new' '%s'", pt_font_path(fo->bold),
                 copy, copy, copy);
        CHECK(system(cmd) == 0, "%s", cmd);
        CHECK(pt_font_program_face(&ctx, f) == NULL, "a font file changed after loading");
        CHECK(strstr(ctx.err, "the font file changed while the report was typeset") &&
              strstr(ctx.err, copy), "its message: %s", ctx.err);
        pt_font_free(f);
    }
    unlink(copy);
}

/* pt_pdf_expect never changes the file: promised glyphs that are not the
 * ones drawn (the program is cut again), or a promise made after the pages,
 * give the bytes of a document made without a promise. */
static void test_expect(const fonts *fo, const pt_doc_info *info)
{
    pt_ctx ctx;
    pt_ctx_init(&ctx);
    uint32_t n = hb_face_get_glyph_count(pt_font_face(fo->regular));
    bool *wrong = calloc(n, sizeof *wrong);
    wrong[5] = true;
    const char *want = NULL, *got = NULL;
    size_t nwant = 0, ngot = 0;
    pt_out *plain = pt_pdf_new(&ctx, info), *promised = pt_pdf_new(&ctx, info);
    CHECK(plain && promised && draw_doc(&ctx, plain, fo, NULL) &&
          pt_pdf_bytes(plain, &ctx, &want, &nwant), "the plain document: %s", ctx.err);
    if (promised) {
        pt_pdf_expect(promised, fo->regular, wrong, n);
        pt_pdf_expect(promised, fo->bold, wrong, 7);     /* a wrong count: ignored */
    }
    CHECK(promised && draw_doc(&ctx, promised, fo, NULL) &&
          pt_pdf_bytes(promised, &ctx, &got, &ngot), "the promised document: %s", ctx.err);
    CHECK(want && got && nwant == ngot && !memcmp(want, got, nwant),
          "a wrong promise leaves the file as it is (%zu bytes, %zu without)", ngot, nwant);
    pt_pdf_free(plain);
    pt_pdf_free(promised);
    free(wrong);
}

int main(int argc, char **argv)
{
    const char *path = argc > 1 ? argv[1] : "/tmp/pt_pdf_test.pdf";
    pt_ctx ctx;
    pt_ctx_init(&ctx);
    char regular[4200], bold[4200];
    snprintf(regular, sizeof regular, "%s/fonts/BIZUDGothic-Regular.ttf", pt_datadir(&ctx));
    snprintf(bold, sizeof bold, "%s/fonts/BIZUDGothic-Bold.ttf", pt_datadir(&ctx));
    fonts fo = {pt_font_load(&ctx, regular), NULL};
    if (fo.regular)
        fo.bold = pt_font_load(&ctx, bold);
    CHECK(fo.regular && fo.bold, "fonts: %s", ctx.err);
    if (!fo.regular || !fo.bold)
        return TEST_END();

    test_fonts_and_shaping(&fo);
    test_trace(&fo);
    test_program_face(&fo, path);

    pt_doc_info info = {
        .title = "第3期オーガニックなまちづくり アクションプラン進行管理表",
        .author = "木更津市 企画部オーガニックシティ推進課",
        .subject = "pdf_test",
        .creator = "plantype",
        .created = created_time(),
    };
    pt_buf expected = {0};
    pt_out *o = pt_pdf_new(&ctx, &info);
    CHECK(o != NULL, "pt_pdf_new: %s", ctx.err);
    bool drawn = o && draw_doc(&ctx, o, &fo, &expected);
    CHECK(drawn, "drawing: %s", ctx.err);
    if (drawn) {
        unlink(path);
        CHECK(pt_pdf_save(o, &ctx, path), "save: %s", ctx.err);
        CHECK(file_exists(path) && leftovers(path) == 0, "%s written, no temporary", path);
        /* Bold: one Type0 font. Regular: variant 0, variant 1 (｢｣ and （）)
         * and variant 2 (﹙﹚), all over one CIDFont, one font program. */
        CHECK_INT(count_in_file(path, "/Subtype /Type0"), 4, "Type0 fonts");
        CHECK_INT(count_in_file(path, "/ToUnicode "), 4, "ToUnicode maps");
        CHECK_INT(count_in_file(path, "/Subtype /CIDFontType2"), 2, "CID fonts");
        CHECK_INT(count_in_file(path, "/FontFile2 "), 2, "embedded font programs");
        char txt[1100];
        snprintf(txt, sizeof txt, "%s.txt", path);
        FILE *f = fopen(txt, "wb");
        CHECK(f && fwrite(expected.s, 1, expected.n, f) == expected.n && fclose(f) == 0,
              "writing %s", txt);
    }
    pt_pdf_free(o);
    pt_buf_free(&expected);

    test_expect(&fo, &info);

    char dir_path[1100];
    snprintf(dir_path, sizeof dir_path, "%s.dir", path);
    test_failures(&fo, dir_path);

    pt_font_free(fo.regular);
    pt_font_free(fo.bold);
    return TEST_END();
}
