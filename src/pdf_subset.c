/* pdf_subset.c - the embedded font programs, as tasks (see pdf_subset.h).
 *
 * Approach. A task makes one program with the compressor of the thread that
 * runs it and records its failure in its own pt_ctx (the caller's is busy on
 * the main thread). It reads only the job's inputs and the face's hb_face
 * (HarfBuzz faces may be read from several threads) and writes only the
 * job's results. Once a face is subset, its file's pages are given back
 * (pt_font_drop_pages).
 *
 * The glyph set is closed over composite glyphs on the main thread, before
 * the pages are written (pt_subset_closure): hb-subset adds the components
 * itself, but only inside the task, too late for the CIDs. */
#include "pdf_subset.h"
#include "sfnt.h"

#include <stdlib.h>
#include <string.h>

#include <hb-subset.h>

/* Composite glyph flags (OpenType glyf table, "Composite Glyph Description"). */
enum {
    ARG_1_AND_2_ARE_WORDS = 0x0001,
    WE_HAVE_A_SCALE = 0x0008,
    MORE_COMPONENTS = 0x0020,
    WE_HAVE_AN_X_AND_Y_SCALE = 0x0040,
    WE_HAVE_A_TWO_BY_TWO = 0x0080,
    GLYPH_HEADER = 10,           /* numberOfContours and the bounding box */
};

/* A face's TrueType outlines: head, loca and glyf as bytes. */
typedef struct outlines {
    hb_blob_t *bhead, *bloca, *bglyf;
    const unsigned char *head, *loca, *glyf;
    unsigned lhead, lloca, lglyf;
    bool long_loca;             /* loca's offsets are 32-bit (head.indexToLocFormat 1) */
    uint32_t n;                 /* glyphs with outline data: 0 for other outlines */
} outlines;

static void outlines_open(outlines *o, hb_face_t *face)
{
    o->head = pt_sfnt_table(face, HB_TAG('h', 'e', 'a', 'd'), &o->bhead, &o->lhead);
    o->loca = pt_sfnt_table(face, HB_TAG('l', 'o', 'c', 'a'), &o->bloca, &o->lloca);
    o->glyf = pt_sfnt_table(face, HB_TAG('g', 'l', 'y', 'f'), &o->bglyf, &o->lglyf);
    o->long_loca = pt_sfnt_long_loca(o->head, o->lhead);
    unsigned entry = o->long_loca ? 4 : 2;
    /* Glyph g has data when loca has entries g and g + 1. */
    o->n = o->lloca >= 2 * entry ? o->lloca / entry - 1 : 0;
    uint32_t nglyphs = hb_face_get_glyph_count(face);
    if (o->n > nglyphs)
        o->n = nglyphs;
    if (o->lhead < 54 || o->lglyf == 0)
        o->n = 0;
}

static void outlines_close(outlines *o)
{
    hb_blob_destroy(o->bhead);
    hb_blob_destroy(o->bloca);
    hb_blob_destroy(o->bglyf);
}

/* Glyph g's data: glyf[*start, *end); false (nothing) when g has none or
 * loca points outside glyf. */
static bool glyph_data(const outlines *o, uint32_t g, size_t *start, size_t *end)
{
    if (g >= o->n)
        return false;
    *start = pt_sfnt_loca(o->loca, o->long_loca, g);
    *end = pt_sfnt_loca(o->loca, o->long_loca, g + 1);
    return *start < *end && *end <= o->lglyf;
}

/* True when face's maxp (version 1.0) counts no composite glyph: its
 * maxCompositePoints, maxCompositeContours and maxComponentElements are 0. */
static bool no_composites(hb_face_t *face)
{
    hb_blob_t *blob;
    unsigned len = 0;
    const unsigned char *maxp = pt_sfnt_table(face, HB_TAG('m', 'a', 'x', 'p'), &blob, &len);
    bool none = len >= 32 && pt_sfnt_get32(maxp) == 0x00010000 && pt_sfnt_get16(maxp + 10) == 0 &&
                pt_sfnt_get16(maxp + 12) == 0 && pt_sfnt_get16(maxp + 28) == 0;
    hb_blob_destroy(blob);
    return none;
}

void pt_subset_closure(hb_face_t *face, bool *keep, uint32_t nglyphs)
{
    if (nglyphs == 0)
        return;
    keep[0] = true;              /* .notdef: hb-subset always keeps it */
    /* A face without composites (BIZ UD Gothic) needs no look at its glyphs:
     * reading a thousand glyph headers maps most of a CJK face's 4 MB glyf
     * table into memory (r6: 1.8 MB more at the peak). Should maxp be wrong,
     * the task's check of HarfBuzz's numbering refuses the program. */
    if (no_composites(face))
        return;
    outlines o;
    outlines_open(&o, face);
    /* The glyphs still to look into: every marked one, then each component
     * as it is first marked (so each glyph is read at most once). */
    PT_VEC(uint32_t) todo = {0};
    for (uint32_t g = 0; g < o.n && g < nglyphs; g++)
        if (keep[g])
            PT_PUSH(todo, g);
    while (todo.n) {
        size_t start, end;
        if (!glyph_data(&o, todo.v[--todo.n], &start, &end) || end - start < GLYPH_HEADER ||
            (int16_t)pt_sfnt_get16(o.glyf + start) >= 0)
            continue;            /* empty, cut short, or contours (no components) */
        size_t at = start + GLYPH_HEADER;
        unsigned flags;
        do {
            if (at + 4 > end)
                break;
            flags = pt_sfnt_get16(o.glyf + at);
            uint32_t c = pt_sfnt_get16(o.glyf + at + 2);
            at += 4 + (flags & ARG_1_AND_2_ARE_WORDS ? 4 : 2);
            at += flags & WE_HAVE_A_SCALE ? 2 : flags & WE_HAVE_AN_X_AND_Y_SCALE ? 4
                : flags & WE_HAVE_A_TWO_BY_TWO ? 8 : 0;
            if (c < nglyphs && !keep[c]) {
                keep[c] = true;
                PT_PUSH(todo, c);
            }
        } while (flags & MORE_COMPONENTS);
    }
    free(todo.v);
    outlines_close(&o);
}

uint32_t *pt_subset_glyphs(hb_face_t *face, bool *keep, uint32_t nglyphs, size_t *n)
{
    pt_subset_closure(face, keep, nglyphs);
    PT_VEC(uint32_t) gids = {0};
    for (uint32_t g = 0; g < nglyphs; g++)
        if (keep[g])
            PT_PUSH(gids, g);
    *n = gids.n;
    return gids.v;
}

/* True when plan numbers the program's glyphs as gids[0..n) says (glyph
 * gids[i] becomes i, and no other glyph is kept); otherwise false with
 * ctx->err set. */
static bool same_numbering(pt_ctx *ctx, pt_font *font, const uint32_t *gids, size_t n,
                           const hb_subset_plan_t *plan)
{
    const hb_map_t *old_to_new = hb_subset_plan_old_to_new_glyph_mapping(plan);
    for (size_t i = 0; i < n; i++) {
        hb_codepoint_t got = hb_map_get(old_to_new, gids[i]);
        if (got != i)
            return pt_fail(ctx, _("internal error: %s: HarfBuzz's subset would number glyph %u "
                                  "as %d, not %zu (-1: not kept)"),
                           pt_font_path(font), (unsigned)gids[i],
                           got == HB_MAP_VALUE_INVALID ? -1 : (int)got, i);
    }
    if (hb_map_get_population(old_to_new) != n)
        return pt_fail(ctx, _("internal error: %s: HarfBuzz keeps %u glyphs in the subset, "
                              "not %zu"),
                       pt_font_path(font), hb_map_get_population(old_to_new), n);
    return true;
}

/* The program of font cut to gids[0..n), numbered as gids says, without
 * twins; NULL with ctx->err set. */
static hb_blob_t *cut_program(pt_ctx *ctx, pt_font *font, const uint32_t *gids, size_t n)
{
    hb_subset_input_t *in = hb_subset_input_create_or_fail();
    if (!in) {
        pt_fail(ctx, _("out of memory while subsetting %s"), pt_font_display_name(font));
        return NULL;
    }
    hb_set_t *glyphs = hb_subset_input_glyph_set(in);
    for (size_t i = 0; i < n; i++)
        hb_set_add(glyphs, gids[i]);
    hb_subset_input_set_flags(in, HB_SUBSET_FLAGS_NO_HINTING);
    /* Layout and vertical tables are of no use to a PDF reader, nor is cmap:
     * a CIDFontType2 reaches its glyphs through CIDToGIDMap (ISO 32000-1
     * 9.7.4.2), and the text through ToUnicode. Without cmap r6 is 7.5 KB
     * smaller; poppler renders the same pixels, and poppler, MuPDF and
     * pdf.js extract the same text (tests/text_test.sh). */
    static const hb_tag_t drop[] = {
        HB_TAG('G', 'S', 'U', 'B'), HB_TAG('G', 'P', 'O', 'S'), HB_TAG('G', 'D', 'E', 'F'),
        HB_TAG('B', 'A', 'S', 'E'), HB_TAG('v', 'h', 'e', 'a'), HB_TAG('v', 'm', 't', 'x'),
        HB_TAG('V', 'O', 'R', 'G'), HB_TAG('D', 'S', 'I', 'G'), HB_TAG('m', 'e', 't', 'a'),
        HB_TAG('c', 'm', 'a', 'p'),
    };
    hb_set_t *drop_set = hb_subset_input_set(in, HB_SUBSET_SETS_DROP_TABLE_TAG);
    for (size_t i = 0; i < sizeof drop / sizeof drop[0]; i++)
        hb_set_add(drop_set, drop[i]);
    hb_face_t *program = pt_font_program_face(ctx, font);
    if (!program) {
        hb_subset_input_destroy(in);
        return NULL;
    }
    hb_subset_plan_t *plan = hb_subset_plan_create_or_fail(program, in);
    hb_subset_input_destroy(in);
    bool same = plan && same_numbering(ctx, font, gids, n, plan);
    hb_face_t *sub = same ? hb_subset_plan_execute_or_fail(plan) : NULL;
    hb_subset_plan_destroy(plan);
    hb_face_destroy(program);
    if (plan && !same)
        return NULL;
    if (!sub) {
        pt_fail(ctx, _("%s: HarfBuzz could not subset the font"), pt_font_path(font));
        return NULL;
    }
    hb_blob_t *blob = hb_face_reference_blob(sub);
    hb_face_destroy(sub);
    if (hb_blob_get_length(blob) == 0) {
        hb_blob_destroy(blob);
        pt_fail(ctx, _("%s: HarfBuzz could not subset the font"), pt_font_path(font));
        return NULL;
    }
    return blob;
}

void pt_subset_cut_run(void *arg, int who)
{
    (void)who;
    pt_subset_cut *c = arg;
    pt_ctx_init(&c->ctx);
    c->program = c->ngids ? cut_program(&c->ctx, c->font, c->gids, c->ngids) : NULL;
}

void pt_subset_cut_free(pt_subset_cut *c)
{
    if (!c)
        return;
    free(c->gids);
    hb_blob_destroy(c->program);     /* NULL is fine */
    free(c);
}

/* The program of job's face with its twins: the one cut ahead, or cut now;
 * NULL with ctx->err set. */
static hb_blob_t *subset_program(pt_ctx *ctx, pt_subset_job *job)
{
    hb_blob_t *blob = job->cut ? job->cut : cut_program(ctx, job->font, job->gids, job->ngids);
    job->cut = NULL;
    if (!blob || job->ntwins == 0)
        return blob;
    hb_blob_t *with_twins = pt_twin_program(ctx, blob, pt_font_path(job->font), job->twins,
                                            job->ntwins);
    hb_blob_destroy(blob);
    return with_twins;
}

void pt_subset_run(void *arg, int who)
{
    (void)who;
    pt_subset_job *job = arg;
    pt_ctx_init(&job->ctx);
    job->ok = true;
    if (job->ngids == 0)
        return;
    job->program = subset_program(&job->ctx, job);
    pt_font_drop_pages(job->font);
    if (!job->program) {
        job->ok = false;
        return;
    }
    unsigned len = 0;
    const char *data = hb_blob_get_data(job->program, &len);
    job->length = len;
    job->zt = (pt_flate_task){.by = job->by, .data = data, .len = len};
    pt_work_add_urgent(job->work, pt_flate_task_run, &job->zt);
}

void pt_subset_job_free(pt_subset_job *job)
{
    free(job->gids);
    job->gids = NULL;
    free(job->twins);
    job->twins = NULL;
    hb_blob_destroy(job->program);     /* NULL is fine */
    job->program = NULL;
    hb_blob_destroy(job->cut);
    job->cut = NULL;
    pt_buf_free(&job->zt.z);
}
