/* shape.c - HarfBuzz shaping of one run of a paragraph.
 *
 * Approach. Each call makes one hb_buffer, adds the whole paragraph as context
 * and only text[start..end) as the item (hb_buffer_add_utf8 with an offset, as
 * raqm does), sets language "ja", lets HarfBuzz guess the script, forces the
 * direction to left-to-right (the report is set horizontally), shapes with the
 * default cluster level and copies the glyphs out in font units. What is
 * reused between calls lives in the caller's pt_shaper (a buffer, the plans,
 * the cmap lookups), not in the font, which stays free of mutable shared
 * state.
 *
 * Plans. A shape plan (the lookups of a face for a script, language and
 * feature set) is what HarfBuzz works out before shaping; hb_shape keeps it
 * on the face only when every feature covers the whole text. The line engine
 * turns `hwid` on for the yakumono alone, so every such call would make a new
 * plan (a fifth of the shaping time). A plan does not depend on where in the
 * text a feature applies: HarfBuzz plans with each feature's tag, value and
 * whether it is global, and applies the ranges of the features given to
 * hb_shape_plan_execute. So pt_shaper keeps one plan per face, segment
 * properties and set of (tag, value, global) and executes it with the call's
 * ranges.
 *
 * A .notdef glyph (id 0) for anything but a control character means the font
 * lacks a character the text needs: that is an error of the input, reported
 * with the code point, the character and the font, never silently drawn as a box. */
#include "shape.h"

#include <stdlib.h>
#include <string.h>

/* A kept plan and what it was made for. */
enum { PLAN_FEATURES = 4 };   /* distinct (tag, value, global) kept per plan */
typedef struct kept_plan {
    hb_face_t *face;
    hb_segment_properties_t props;
    hb_feature_t kinds[PLAN_FEATURES];   /* start/end: 0/-1 global, 0/1 ranged */
    unsigned nkinds;
    hb_shape_plan_t *plan;
} kept_plan;

/* A face's cmap lookups remembered: HarfBuzz looks every character of a
 * text up in the face's cmap (a binary search, about 200 instructions),
 * and a report uses some thousand distinct characters in tens of thousands
 * of places. A sub-font of the face answers from a small direct-mapped
 * table and asks its parent (the face's own functions) on a miss; every
 * other function (advances, variation selectors) is the parent's. */
enum { CMAP_SLOTS = 4096 };      /* a power of two */
typedef struct cmap_slot { hb_codepoint_t cp, gid; } cmap_slot;   /* gid + 1; 0 empty */
typedef struct kept_font {
    hb_font_t *parent, *sub;
    cmap_slot *slots;            /* CMAP_SLOTS */
} kept_font;

struct pt_shaper {
    hb_buffer_t *buf;
    PT_VEC(kept_plan) plans;
    PT_VEC(kept_font *) fonts;
    hb_font_funcs_t *funcs;      /* the sub-fonts' */
};

static hb_bool_t cached_glyph(hb_font_t *font, void *data, hb_codepoint_t cp,
                              hb_codepoint_t *gid, void *user)
{
    (void)user;
    kept_font *k = data;
    cmap_slot *s = &k->slots[cp & (CMAP_SLOTS - 1)];
    if (s->gid && s->cp == cp) {
        *gid = s->gid - 1;
        return true;
    }
    if (!hb_font_get_nominal_glyph(hb_font_get_parent(font), cp, gid))
        return false;
    s->cp = cp;
    s->gid = *gid + 1;
    return true;
}

static unsigned cached_glyphs(hb_font_t *font, void *data, unsigned count,
                              const hb_codepoint_t *cp, unsigned cp_stride, hb_codepoint_t *gid,
                              unsigned gid_stride, void *user)
{
    for (unsigned i = 0; i < count; i++) {
        if (!cached_glyph(font, data, *cp, gid, user))
            return i;
        cp = (const hb_codepoint_t *)((const char *)cp + cp_stride);
        gid = (hb_codepoint_t *)((char *)gid + gid_stride);
    }
    return count;
}

/* The sub-font of parent with the remembered cmap, made on first use. */
static hb_font_t *cached_font(pt_shaper *sh, hb_font_t *parent)
{
    for (size_t i = 0; i < sh->fonts.n; i++)
        if (sh->fonts.v[i]->parent == parent)
            return sh->fonts.v[i]->sub;
    if (!sh->funcs) {
        sh->funcs = hb_font_funcs_create();
        hb_font_funcs_set_nominal_glyph_func(sh->funcs, cached_glyph, NULL, NULL);
        hb_font_funcs_set_nominal_glyphs_func(sh->funcs, cached_glyphs, NULL, NULL);
        hb_font_funcs_make_immutable(sh->funcs);
    }
    kept_font *k = pt_xcalloc(1, sizeof *k);
    k->parent = parent;
    k->slots = pt_xcalloc(CMAP_SLOTS, sizeof *k->slots);
    k->sub = hb_font_create_sub_font(parent);
    hb_font_set_funcs(k->sub, sh->funcs, k, NULL);
    PT_PUSH(sh->fonts, k);
    return k->sub;
}

pt_shaper *pt_shaper_new(void)
{
    pt_shaper *sh = pt_xcalloc(1, sizeof *sh);
    sh->buf = hb_buffer_create();
    return sh;
}

void pt_shaper_free(pt_shaper *sh)
{
    if (!sh)
        return;
    for (size_t i = 0; i < sh->plans.n; i++)
        hb_shape_plan_destroy(sh->plans.v[i].plan);
    free(sh->plans.v);
    for (size_t i = 0; i < sh->fonts.n; i++) {
        hb_font_destroy(sh->fonts.v[i]->sub);
        free(sh->fonts.v[i]->slots);
        free(sh->fonts.v[i]);
    }
    free(sh->fonts.v);
    hb_font_funcs_destroy(sh->funcs);
    hb_buffer_destroy(sh->buf);
    free(sh);
}

/* The distinct (tag, value, global) of features[0..n) into kinds, in order
 * of first appearance; false when there are more than PLAN_FEATURES. */
static bool feature_kinds(const hb_feature_t *f, unsigned n, hb_feature_t *kinds,
                          unsigned *nkinds)
{
    *nkinds = 0;
    for (unsigned i = 0; i < n; i++) {
        bool global = f[i].start == HB_FEATURE_GLOBAL_START && f[i].end == HB_FEATURE_GLOBAL_END;
        hb_feature_t k = { f[i].tag, f[i].value, 0, global ? HB_FEATURE_GLOBAL_END : 1 };
        unsigned j = 0;
        while (j < *nkinds && !(kinds[j].tag == k.tag && kinds[j].value == k.value
                                && kinds[j].end == k.end))
            j++;
        if (j < *nkinds)
            continue;
        if (*nkinds == PLAN_FEATURES)
            return false;
        kinds[(*nkinds)++] = k;
    }
    return true;
}

/* The kept plan for shaping buf in font with features on ranges, made and
 * kept on first use; NULL when the features are not kept (too many kinds). */
static hb_shape_plan_t *ranged_plan(pt_shaper *sh, hb_font_t *font, hb_buffer_t *buf,
                                    const hb_feature_t *f, unsigned n)
{
    kept_plan p = { hb_font_get_face(font), {0}, {{0}}, 0, NULL };
    hb_buffer_get_segment_properties(buf, &p.props);
    if (!feature_kinds(f, n, p.kinds, &p.nkinds))
        return NULL;
    for (size_t i = 0; i < sh->plans.n; i++) {
        const kept_plan *q = &sh->plans.v[i];
        if (q->face == p.face && hb_segment_properties_equal(&q->props, &p.props)
            && q->nkinds == p.nkinds && !memcmp(q->kinds, p.kinds, p.nkinds * sizeof *p.kinds))
            return q->plan;
    }
    unsigned ncoords = 0;
    const int *coords = hb_font_get_var_coords_normalized(font, &ncoords);
    p.plan = hb_shape_plan_create2(p.face, &p.props, p.kinds, p.nkinds, coords, ncoords, NULL);
    PT_PUSH(sh->plans, p);
    return p.plan;
}

/* Whether a feature applies to part of the text only. */
static bool ranged(const hb_feature_t *f, unsigned n)
{
    for (unsigned i = 0; i < n; i++)
        if (f[i].start != HB_FEATURE_GLOBAL_START || f[i].end != HB_FEATURE_GLOBAL_END)
            return true;
    return false;
}

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

bool pt_shape(pt_ctx *ctx, pt_shaper *sh, pt_font *font, const char *text, size_t len,
              size_t start, size_t end, const hb_feature_t *features,
              unsigned nfeatures, pt_glyphs *out)
{
    if (start > end || end > len || len > (size_t)INT32_MAX)
        return pt_fail(ctx, _("internal error: shaping range %zu..%zu of a %zu-byte text"),
                       start, end, len);
    if (start == end)
        return true;

    hb_buffer_t *buf = sh ? sh->buf : hb_buffer_create();
    if (sh)
        hb_buffer_reset(buf);
    hb_buffer_add_utf8(buf, text, (int)len, (unsigned)start, (int)(end - start));
    hb_buffer_set_language(buf, hb_language_from_string("ja", -1));
    hb_buffer_guess_segment_properties(buf);
    hb_buffer_set_direction(buf, HB_DIRECTION_LTR);
    hb_font_t *hb = sh ? cached_font(sh, pt_font_hb(font)) : pt_font_hb(font);
    hb_shape_plan_t *plan = sh && ranged(features, nfeatures)
                          ? ranged_plan(sh, hb, buf, features, nfeatures) : NULL;
    if (plan)
        hb_shape_plan_execute(plan, hb, buf, features, nfeatures);
    else
        hb_shape(hb, buf, features, nfeatures);
    if (!hb_buffer_allocation_successful(buf)) {
        if (!sh)
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
        if (!sh)
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
    if (!sh)
        hb_buffer_destroy(buf);
    return true;
}
