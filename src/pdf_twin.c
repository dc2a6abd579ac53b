/* pdf_twin.c - twin glyphs appended to a subset TrueType program (pdf_twin.h).
 *
 * Approach. Twins get the ids after the subset's own glyphs (the CIDs the
 * pages already draw them with, pdf_subset.h); the program is taken apart
 * table by table and put together again
 * with HarfBuzz's face builder (which writes the table directory and the
 * checksums), with five tables rewritten:
 *   glyf  the old glyph data unchanged, then one composite per twin: a single
 *         component, the original glyph at offset (0, 0), bounding box copied;
 *   loca  long offsets for all glyphs;
 *   hmtx  a full metric per glyph; a twin's advance is the original's plus
 *         extra, its left side bearing the original's;
 *   hhea  numberOfHMetrics and advanceWidthMax; maxp numGlyphs and the
 *         composite limits; head indexToLocFormat = 1 (long);
 *   post  version 3 (no glyph names, which would be counted per glyph).
 * hdmx, LTSH and VDMX, which hold one entry per glyph, are dropped (the
 * subset has no hinting, so they are not there anyway). */
#include "pdf_twin.h"
#include "sfnt.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

enum {
    ARGS_ARE_XY_VALUES = 0x0002,   /* composite flag: the arguments are offsets */
    TWIN_GLYF_BYTES = 16,          /* header 10 + flags 2 + glyph index 2 + two int8 args */
    MAX_GLYPHS = 65535,            /* maxp.numGlyphs is 16 bits */
};

uint32_t pt_twin_extra(double gap)
{
    if (!(gap > PT_TWIN_GAP_MAX))
        return 0;
    return (uint32_t)ceil((gap - PT_TWIN_GAP_MAX) / PT_TWIN_STEP) * PT_TWIN_STEP;
}

bool pt_twin_supported(hb_face_t *face)
{
    hb_blob_t *glyf = hb_face_reference_table(face, HB_TAG('g', 'l', 'y', 'f'));
    hb_blob_t *loca = hb_face_reference_table(face, HB_TAG('l', 'o', 'c', 'a'));
    bool ok = hb_blob_get_length(glyf) > 0 && hb_blob_get_length(loca) > 0;
    hb_blob_destroy(glyf);
    hb_blob_destroy(loca);
    return ok;
}

/* Adds a heap copy of bytes as table tag of the builder (which owns it). */
static void add_table(hb_face_t *builder, hb_tag_t tag, unsigned char *bytes, size_t len)
{
    hb_blob_t *b = hb_blob_create((const char *)bytes, (unsigned)len, HB_MEMORY_MODE_WRITABLE,
                                  bytes, free);
    hb_face_builder_add_table(builder, tag, b);
    hb_blob_destroy(b);
}

static unsigned char *copy_of(const unsigned char *p, size_t len)
{
    unsigned char *c = pt_xrealloc(NULL, len ? len : 1);
    if (len)
        memcpy(c, p, len);
    return c;
}

hb_blob_t *pt_twin_program(pt_ctx *ctx, hb_blob_t *program, const char *name,
                           const pt_twin *twins, size_t n)
{
    hb_face_t *subset = hb_face_create(program, 0);
    hb_blob_t *bhead, *bmaxp, *bhhea, *bhmtx, *bloca, *bglyf;
    unsigned lhead, lmaxp, lhhea, lhmtx, lloca, lglyf;
    const unsigned char *head = pt_sfnt_table(subset, HB_TAG('h', 'e', 'a', 'd'), &bhead, &lhead);
    const unsigned char *maxp = pt_sfnt_table(subset, HB_TAG('m', 'a', 'x', 'p'), &bmaxp, &lmaxp);
    const unsigned char *hhea = pt_sfnt_table(subset, HB_TAG('h', 'h', 'e', 'a'), &bhhea, &lhhea);
    const unsigned char *hmtx = pt_sfnt_table(subset, HB_TAG('h', 'm', 't', 'x'), &bhmtx, &lhmtx);
    const unsigned char *loca = pt_sfnt_table(subset, HB_TAG('l', 'o', 'c', 'a'), &bloca, &lloca);
    const unsigned char *glyf = pt_sfnt_table(subset, HB_TAG('g', 'l', 'y', 'f'), &bglyf, &lglyf);
    hb_blob_t *result = NULL;
    unsigned old_n = lmaxp >= 6 ? pt_sfnt_get16(maxp + 4) : 0;
    unsigned nhm = lhhea >= 36 ? pt_sfnt_get16(hhea + 34) : 0;
    bool long_loca = pt_sfnt_long_loca(head, lhead);
    size_t total = (size_t)old_n + n;
    if (lhead < 54 || lmaxp < 6 || lhhea < 36 || nhm == 0 || nhm > old_n ||
        lhmtx < 4u * nhm + 2u * (old_n - nhm) || lloca < (old_n + 1u) * (long_loca ? 4u : 2u)) {
        pt_fail(ctx, _("%s: the subset font program is not as expected"), name);
        goto done;
    }
    if (total > MAX_GLYPHS) {
        pt_fail(ctx, _("%s: too many glyphs for one font (%zu)"), name, total);
        goto done;
    }

    /* Old glyph offsets, then the twins' data right after the old glyf (in
     * its loca, glyph N ends where twin 0 begins; HarfBuzz does not align
     * glyph data either). */
    uint32_t *off = pt_xrealloc(NULL, sizeof *off * (total + 1));
    for (unsigned g = 0; g <= old_n; g++)
        off[g] = pt_sfnt_loca(loca, long_loca, g);
    if (off[old_n] > lglyf) {
        free(off);
        pt_fail(ctx, _("%s: the subset font program is not as expected"), name);
        goto done;
    }
    unsigned char *nglyf = pt_xcalloc(off[old_n] + n * TWIN_GLYF_BYTES + 1, 1);
    memcpy(nglyf, glyf, off[old_n]);
    size_t at = off[old_n];
    for (size_t i = 0; i < n; i++) {
        uint32_t g = twins[i].gid;
        if (g < old_n && off[g + 1] > off[g] && off[g + 1] - off[g] >= 10) {
            unsigned char *t = nglyf + at;
            pt_sfnt_set16(t, 0xFFFF);               /* numberOfContours -1: composite */
            memcpy(t + 2, glyf + off[g] + 2, 8);    /* xMin yMin xMax yMax */
            pt_sfnt_set16(t + 10, ARGS_ARE_XY_VALUES);
            pt_sfnt_set16(t + 12, g);
            t[14] = t[15] = 0;                      /* dx, dy */
            at += TWIN_GLYF_BYTES;
        }
        off[old_n + i + 1] = (uint32_t)at;          /* an empty original: an empty twin */
    }
    unsigned char *nloca = pt_xrealloc(NULL, 4 * (total + 1));
    for (size_t g = 0; g <= total; g++)
        pt_sfnt_set32(nloca + 4 * g, off[g]);
    free(off);

    /* Metrics: every glyph a long metric. */
    unsigned upem = pt_sfnt_get16(head + 18);
    unsigned char *nhmtx = pt_xcalloc(4 * total, 1);
    unsigned adv_max = pt_sfnt_get16(hhea + 10);
    for (unsigned g = 0; g < old_n; g++) {
        unsigned adv = pt_sfnt_get16(hmtx + 4 * (g < nhm ? g : nhm - 1));
        unsigned lsb = g < nhm ? pt_sfnt_get16(hmtx + 4 * g + 2) : pt_sfnt_get16(hmtx + 4 * nhm + 2 * (g - nhm));
        pt_sfnt_set16(nhmtx + 4 * g, adv);
        pt_sfnt_set16(nhmtx + 4 * g + 2, lsb);
    }
    for (size_t i = 0; i < n; i++) {
        uint32_t g = twins[i].gid < old_n ? twins[i].gid : 0;
        unsigned adv = pt_sfnt_get16(nhmtx + 4 * g) +
                       (unsigned)lround(twins[i].extra * (double)upem / 1000.0);
        if (adv > 0xFFFF)
            adv = 0xFFFF;
        pt_sfnt_set16(nhmtx + 4 * (old_n + i), adv);
        pt_sfnt_set16(nhmtx + 4 * (old_n + i) + 2, pt_sfnt_get16(nhmtx + 4 * g + 2));
        if (adv > adv_max)
            adv_max = adv;
    }

    unsigned char *nhead = copy_of(head, lhead);
    pt_sfnt_set16(nhead + 50, 1);
    unsigned char *nhhea = copy_of(hhea, lhhea);
    pt_sfnt_set16(nhhea + 10, adv_max);
    pt_sfnt_set16(nhhea + 34, (unsigned)total);
    unsigned char *nmaxp = copy_of(maxp, lmaxp);
    pt_sfnt_set16(nmaxp + 4, (unsigned)total);
    if (lmaxp >= 32 && pt_sfnt_get32(maxp) == 0x00010000 && n > 0) {
        /* One component each; points and contours as large as any glyph's. */
        if (pt_sfnt_get16(nmaxp + 10) < pt_sfnt_get16(nmaxp + 6))
            pt_sfnt_set16(nmaxp + 10, pt_sfnt_get16(nmaxp + 6));
        if (pt_sfnt_get16(nmaxp + 12) < pt_sfnt_get16(nmaxp + 8))
            pt_sfnt_set16(nmaxp + 12, pt_sfnt_get16(nmaxp + 8));
        if (pt_sfnt_get16(nmaxp + 28) < 1)
            pt_sfnt_set16(nmaxp + 28, 1);
        pt_sfnt_set16(nmaxp + 30, pt_sfnt_get16(nmaxp + 30) + 1);
    }

    hb_face_t *builder = hb_face_builder_create();
    hb_tag_t tags[64];
    unsigned ntags = sizeof tags / sizeof tags[0];
    hb_face_get_table_tags(subset, 0, &ntags, tags);
    if (ntags == sizeof tags / sizeof tags[0]) {
        /* more tables than a subset has: one may be missing from the list */
        free(nhead); free(nhhea); free(nmaxp); free(nhmtx); free(nloca); free(nglyf);
        hb_face_destroy(builder);
        pt_fail(ctx, _("%s: the subset font program is not as expected"), name);
        goto done;
    }
    for (unsigned i = 0; i < ntags; i++) {
        hb_tag_t t = tags[i];
        if (t == HB_TAG('h', 'e', 'a', 'd'))
            add_table(builder, t, nhead, lhead);
        else if (t == HB_TAG('h', 'h', 'e', 'a'))
            add_table(builder, t, nhhea, lhhea);
        else if (t == HB_TAG('m', 'a', 'x', 'p'))
            add_table(builder, t, nmaxp, lmaxp);
        else if (t == HB_TAG('h', 'm', 't', 'x'))
            add_table(builder, t, nhmtx, 4 * total);
        else if (t == HB_TAG('l', 'o', 'c', 'a'))
            add_table(builder, t, nloca, 4 * (total + 1));
        else if (t == HB_TAG('g', 'l', 'y', 'f'))
            add_table(builder, t, nglyf, at);
        else if (t == HB_TAG('p', 'o', 's', 't')) {
            hb_blob_t *b;
            unsigned len;
            const unsigned char *post = pt_sfnt_table(subset, t, &b, &len);
            if (len >= 32) {
                unsigned char *np = copy_of(post, 32);
                pt_sfnt_set32(np, 0x00030000);
                add_table(builder, t, np, 32);
            }
            hb_blob_destroy(b);
        } else if (t != HB_TAG('h', 'd', 'm', 'x') && t != HB_TAG('L', 'T', 'S', 'H') &&
                   t != HB_TAG('V', 'D', 'M', 'X')) {
            hb_blob_t *b = hb_face_reference_table(subset, t);
            hb_face_builder_add_table(builder, t, b);
            hb_blob_destroy(b);
        }
    }
    result = hb_face_reference_blob(builder);
    hb_face_destroy(builder);
    if (hb_blob_get_length(result) == 0) {
        hb_blob_destroy(result);
        result = NULL;
        pt_fail(ctx, _("%s: could not add the twin glyphs to the font program"), name);
    }
done:
    hb_blob_destroy(bhead);
    hb_blob_destroy(bmaxp);
    hb_blob_destroy(bhhea);
    hb_blob_destroy(bhmtx);
    hb_blob_destroy(bloca);
    hb_blob_destroy(bglyf);
    hb_face_destroy(subset);
    return result;
}
