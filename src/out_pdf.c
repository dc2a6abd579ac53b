/* out_pdf.c - the PDF backend: libharu writes the document, we write the fonts.
 *
 * Approach. libharu 2.3.0 makes the objects: pages, content streams,
 * outlines, link annotations, the info dictionary; every stream is
 * compressed here with libdeflate (pdf_flate.h), not by libharu's zlib, and
 * pdf_file.c writes the file (object streams, which libharu lacks). Its public
 * TrueType route (HPDF_UseUTFEncodings + HPDF_LoadTTFontFromFile + UTF-8)
 * cannot draw HarfBuzz glyph ids, as measured on this stack: its CIDs are code
 * points (a glyph chosen by substitution, e.g. `hwid`, cannot be drawn), the
 * codespace stops at U+FFFF (𠮟 U+20B9F vanishes), its ToUnicode CMap is
 * invalid (poppler: "Invalid 'begincidrange' operator") and it embeds nearly
 * the whole font (179 KB for three lines against 19 KB here). So each face
 * gets font objects of our own, made with
 * libharu's exported internals (hence <hpdf.h> without HPDF_SHARED): a Type0
 * font with Identity-H over a CIDFontType2 whose CID is the glyph's number in
 * the embedded program (CIDToGIDMap /Identity), a FontFile2 cut by hb-subset
 * to the glyphs used, hinting dropped (pdf_subset.c, on a thread of its own
 * while the pages are written), a /W array of the glyphs used and a
 * ToUnicode CMap built from the clusters the glyphs came from. Everything
 * recorded keeps the face's glyph ids (and twins' ids after them); the
 * program's numbering is fixed once recording is over (start_programs) and
 * applied where a CID is written, by out_cid only: the content's glyph codes,
 * /W, the ToUnicode CMaps and the CIDSet.
 *
 * Glyphs shared by several texts: variant fonts. The line engine shapes
 * full-width punctuation with `hwid`, so （ and (, 「 and ｢ become the very
 * same glyph id; a ToUnicode CMap maps a glyph to one text only. /ActualText
 * spans would fix the rest for poppler but not for MuPDF, which ignores them,
 * so instead one face may have several Type0 fonts ("variants"): all over the
 * same CIDFontType2 descendant (one subset program, one /W, one descriptor),
 * each with its own ToUnicode. Variant 0 maps every glyph to its most common
 * text; a glyph drawn for another text is written in a variant whose CMap maps
 * it to that text (Tf switches font inside the BT block; the pen is unchanged,
 * as the widths are the same). A text takes, on first use, the lowest variant
 * >= 1 where its glyph is not mapped yet, and keeps it, so one extra variant
 * usually serves a whole document; a variant's CMap holds only the glyphs
 * drawn with it. Only a cluster of several glyphs whose text is not the
 * concatenation of its glyphs' most common texts (q + combining tilde for q̃)
 * cannot be expressed this way: it is drawn in variant 0 inside
 * /Span <</ActualText ...>> BDC ... EMC.
 *
 * Recording, then writing. The drawing calls only record: pages are created
 * in libharu at once (so page numbers and sizes are fixed), but glyph runs,
 * rules, links and bookmarks are kept in our arena and turned into PDF when
 * the document is saved. The reason is text extraction: which text of a glyph
 * is the most common, and so which texts need a variant, is known only after
 * the last page. Saving also needs the final glyph set for /W, the subset and
 * the subset tag, and every page to exist for link destinations. Font objects
 * (each variant's Type0 too) are created lazily, when the first page that
 * uses them is written, and added to that page's resources with
 * HPDF_Page_GetLocalFontName, so no unused object ever enters the xref
 * (libharu cannot remove one); variants are chosen in page order, so the same
 * input gives the same fonts.
 *
 * libharu's pitfalls: it replaces a page's /Font resources when it makes its
 * own, so fonts enter them only through HPDF_Page_GetLocalFontName, never by
 * hand; nothing can be removed from its xref (hence the lazy objects); it
 * prints reals with 5 decimals clamped to +-32767 and holds at most 32767
 * items in an array (hence TJ_CHUNK and W_CHUNK).
 *
 * The page streams are written by pdf_content.c, which writes a state
 * operator only when its value changes, a text object per run:
 *   BT /F1 10.5 Tf 42 759.4 Td [<0096>-12.5<0182>] TJ /F2 10.5 Tf [<000A>] TJ ET
 * Every glyph lands exactly where layout put it: the TJ adjustments are the
 * difference between the given position and the pen position implied by the
 * widths in /W, computed from the rounded numbers actually written so that
 * rounding never accumulates.
 *
 * Errors. libharu reports through the handler given to HPDF_New, which only
 * records the code in our state; internal calls (dicts, arrays, xref) leave
 * it in the document's error record. After each step both are checked and
 * turned into one pt_fail message. The bytes are produced in memory and
 * written atomically by outfile.c.
 *
 * Determinism: no time, random /ID or pointer value reaches the file; the
 * dates come from pt_doc_info.created and the subset tag is a hash of the
 * font name and the glyph set. */
#include "out.h"
#include "pdf_archive.h"
#include "pdf_content.h"
#include "pdf_file.h"
#include "pdf_flate.h"
#include "pdf_obj.h"
#include "pdf_struct.h"
#include "pdf_subset.h"
#include "work.h"
#include "pdf_annot.h"
#include "pdf_twin.h"
#include "pdf_spacing.h"
#include "outfile.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <hpdf.h>
#include <hpdf_annotation.h>

enum {
    W_CHUNK = 500,        /* widths per inner /W array */
    CMAP_BLOCK = 100,     /* entries per beginbfchar/beginbfrange block (PDF limit) */
    DEFAULT_WIDTH = 1000, /* /DW in 1/1000 em: most glyphs of a Japanese font are 1 em */
    STEM_V = 80,          /* /StemV: required, not in the font; a medium weight */
};

/* One text a glyph stood for, and how often (nodes and text in the arena). */
typedef struct text_var {
    struct text_var *next;
    const char *s;
    uint32_t len, count;
    /* The font variant whose ToUnicode maps the glyph to this text: 0 for the
     * glyph's most common text (and for any other until it is first drawn as a
     * cluster of its own), then the variant chosen for it, >= 1. */
    uint32_t variant;
} text_var;

typedef PT_VEC(HPDF_Dict) dict_vec;

/* A twin of a glyph (pdf_twin.h) with its id, in a list per original glyph. */
typedef struct twin_node {
    struct twin_node *next;
    uint32_t extra, id;
} twin_node;

/* A face's glyphs are recorded by id: a glyph id of the face below nglyphs,
 * twin i as nglyphs + i; out_cid gives the CID each is written with. */
typedef struct pdf_font {
    pt_font *font;              /* borrowed */
    unsigned nglyphs;           /* glyphs of the face: ids below are glyph ids */
    bool twins_ok;              /* the face's program can take twins */
    PT_VEC(pt_twin) twins;      /* id nglyphs + i is twin i (gid: the face's glyph) */
    twin_node **twin_of;        /* [nglyphs] heap: the twins of each glyph (arena nodes) */
    PT_VEC(text_var *) vars;    /* [nglyphs + twins.n]: per id; NULL: never drawn */
    uint32_t *cid;              /* [nglyphs + twins.n] heap, once recording is over:
                                 * the CID of each id in the program (start_programs) */
    char base_name[160];        /* "ABCDEF+PostScriptName", set with the first Type0 */
    dict_vec type0;             /* [k]: variant k's Type0 font, NULL until a page uses it */
    HPDF_Dict file;             /* its FontFile2 stream, filled once the program is made */
} pdf_font;

typedef struct run_glyph {     /* 32 bytes: r6 records 32,000 of them */
    uint32_t gid;               /* a glyph id of the face or a twin's id (out_cid) */
    float x, y;
    bool space;                 /* stands for one U+0020 */
    bool empty;                 /* stands for no text (a later glyph of a cluster) */
    double w;                   /* its width as /W gives it (glyph_width) */
    text_var *t;                /* the text this glyph stands for, may be empty */
} run_glyph;

/* One drawing call of a page: a glyph run, a rectangle or a line. */
typedef enum item_kind { ITEM_RUN, ITEM_RECT, ITEM_LINE } item_kind;
typedef struct item {
    item_kind kind;
    int elem;                   /* tagged: the structure element, 0 an artifact */
    pt_artifact art;
    float x, y;                 /* run: origin; rect: lower-left corner; line: start */
    float w, h;                 /* rect: size */
    float x2, y2;               /* line: the end point */
    pt_rgb color;               /* run: the text's; rect: fill; line: stroke */
    pt_rgb stroke;              /* rect: stroke */
    bool fill_on, stroke_on;    /* rect: filled, stroked */
    float line_width;           /* rect, line */
    size_t font;                /* run: index into fonts */
    float size;
    run_glyph *g;               /* run: the glyphs (arena) */
    size_t n;
} item;

typedef struct pdf_page {
    float w, h;
    HPDF_Page page;
    PT_VEC(item) items;
} pdf_page;

typedef struct link_rec { int page; float x, y, w, h; int target, elem; } link_rec;
typedef struct annot_rec { int page; pt_annot a; } annot_rec;   /* strings in the arena */
typedef struct outline_rec { int level; const char *title; int page; } outline_rec;

typedef struct pdf_out {
    pt_out base;                /* first: a pt_out * is a pdf_out * */
    HPDF_Doc pdf;
    HPDF_STATUS err, detail;    /* first error reported by the handler */
    pt_arena *arena;
    pt_doc_info info;           /* strings in the arena */
    PT_VEC(pdf_font) fonts;
    PT_VEC(pdf_page) pages;
    PT_VEC(link_rec) links;
    PT_VEC(annot_rec) annots;
    PT_VEC(outline_rec) outlines;
    pt_pdfs *st;                /* the structure tree; NULL: untagged */
    int elem;                   /* tagged: the element of what is drawn next (0: artifact) */
    pt_artifact art;
    bool in_page;
    bool built;                 /* save was called: recording is over */
    bool broken;                /* a failure left libharu's objects unusable */
    pt_buf bytes;               /* the file, once built */
    pt_flate *flate[PT_WORK_HANDS]; /* one compressor per thread (work.h's `who`);
                                 * flate[0] is the main thread's */
    pt_subset_job *programs;    /* [fonts.n]: each font's program, made as a task */
    pt_source_task *sources;    /* [info.nsources]: the sources made ready as tasks */
    PT_VEC(pt_subset_cut *) ahead; /* font programs cut ahead (pt_pdf_expect) */
    pt_flate_task *zpages;      /* [pages.n]: each page's content compressed, lent to
                                 * libharu's stream objects */
    pt_work *work;              /* the worker thread, from pt_pdf_new on: the sources,
                                 * the font programs, compression */
    pt_buf zbuf;                /* scratch: one stream compressed */
    PT_VEC(pt_spaced) spaced;   /* scratch: one run's glyphs for set_run_spacing */
} pdf_out;

static pdf_out *pdf_of(pt_out *o) { return (pdf_out *)o; }

/* ---- errors ---- */

/* libharu's error callback: records the first error, nothing else. */
static void on_hpdf_error(HPDF_STATUS error_no, HPDF_STATUS detail_no, void *user)
{
    pdf_out *p = user;
    if (!p->err) {
        p->err = error_no;
        p->detail = detail_no;
    }
}

static const char *hpdf_error_text(HPDF_STATUS e)
{
    switch (e) {
    case HPDF_FAILD_TO_ALLOC_MEM: return "out of memory";
    case HPDF_ARRAY_COUNT_ERR: return "array too long";
    case HPDF_DICT_COUNT_ERR: return "dictionary too large";
    case HPDF_XREF_COUNT_ERR: return "too many objects";
    case HPDF_PAGE_INVALID_SIZE: return "page size out of range (3..14400 points)";
    case HPDF_INVALID_DATE_TIME: return "invalid date";
    case HPDF_INVALID_PARAMETER: return "invalid parameter";
    case HPDF_INVALID_DESTINATION: return "invalid destination";
    case HPDF_INVALID_OUTLINE: return "invalid outline";
    case HPDF_INVALID_PAGE: return "invalid page";
    case HPDF_STRING_OUT_OF_RANGE: return "string too long";
    case HPDF_REAL_OUT_OF_RANGE: return "number out of range";
    case HPDF_ZLIB_ERROR: return "compression failed";
    case HPDF_FILE_IO_ERROR: return "I/O error";
    default: return "error";
    }
}

/* True when no libharu error is pending and ok holds; otherwise records
 * "PDF writer (libharu): <what> failed: <error> 0x.... (detail N)" and
 * clears libharu's error state. */
static bool hpdf_check(pdf_out *p, pt_ctx *ctx, bool ok, const char *what)
{
    HPDF_STATUS e = p->err ? p->err : HPDF_GetError(p->pdf);
    HPDF_STATUS d = p->err ? p->detail : HPDF_GetErrorDetail(p->pdf);
    if (ok && !e)
        return true;
    p->err = p->detail = 0;
    HPDF_ResetError(p->pdf);
    if (!e)
        return pt_fail(ctx, _("PDF writer (libharu): %s failed"), what);
    return pt_fail(ctx, _("PDF writer (libharu): %s failed: %s (0x%04X, detail %u)"), what,
                   hpdf_error_text(e), (unsigned)e, (unsigned)d);
}

static bool finite_all(const float *v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!isfinite(v[i]))
            return false;
    return true;
}

/* ---- numbers and strings in PDF syntax ---- */

static double round3(double v)
{
    double r = round(v * 1000.0) / 1000.0;
    return r == 0.0 ? 0.0 : r;    /* no "-0" */
}

/* Appends the UTF-16 of s[0..len) to b as upper-case hex, 4 digits a code
 * unit; returns the number of code units. */
static size_t put_utf16_hex(pt_buf *b, const char *s, size_t len)
{
    pt_u16_vec u = {0};
    pt_pdf_utf16(&u, s, len);
    for (size_t i = 0; i < u.n; i++)
        pt_buf_printf(b, "%04X", u.v[i]);
    free(u.v);
    return u.n;
}

/* ---- fonts: recording ---- */

/* The font's slot, added on first use. */
static size_t font_index(pdf_out *p, pt_font *font)
{
    for (size_t i = 0; i < p->fonts.n; i++)
        if (p->fonts.v[i].font == font)
            return i;
    pdf_font pf = {.font = font};
    pf.nglyphs = hb_face_get_glyph_count(pt_font_face(font));
    pf.twins_ok = pt_twin_supported(pt_font_face(font));
    pf.twin_of = pt_xcalloc(pf.nglyphs, sizeof *pf.twin_of);
    pf.vars.v = pt_xcalloc(pf.nglyphs, sizeof *pf.vars.v);
    pf.vars.n = pf.vars.cap = pf.nglyphs;
    PT_PUSH(p->fonts, pf);
    return p->fonts.n - 1;
}

/* Counts one more use of glyph gid for text s[0..len); returns the arena copy
 * of the text shared by all uses with the same text. */
static text_var *count_text(pdf_out *p, pdf_font *pf, uint32_t gid, const char *s,
                            uint32_t len)
{
    text_var **at = &pf->vars.v[gid];
    for (; *at; at = &(*at)->next)
        if ((*at)->len == len && memcmp((*at)->s, s, len) == 0) {
            (*at)->count++;
            return *at;
        }
    text_var *v = pt_alloc(p->arena, sizeof *v);
    v->next = NULL;
    v->s = pt_strndup(p->arena, s, len);
    v->len = len;
    v->count = 1;
    v->variant = 0;
    *at = v;      /* appended: ties go to the text seen first */
    return v;
}

/* The text a glyph maps to in the ToUnicode CMap: its most common one. */
static const text_var *best_text(const pdf_font *pf, uint32_t gid)
{
    const text_var *best = NULL;
    for (const text_var *v = pf->vars.v[gid]; v; v = v->next)
        if (!best || v->count > best->count)
            best = v;
    return best;
}

/* Width of a glyph or twin id in /W units (1/1000 em), as written in /W: a
 * glyph's advance, a twin's that of its original plus the extra. */
static double glyph_width(const pdf_font *pf, uint32_t id)
{
    uint32_t extra = 0;
    if (id >= pf->nglyphs) {
        const pt_twin *t = &pf->twins.v[id - pf->nglyphs];
        id = t->gid;
        extra = t->extra;
    }
    return round3(pt_font_advance(pf->font, id) * 1000.0 / pt_font_upem(pf->font)) + extra;
}

/* The CID a glyph or twin id is written with: its glyph's number in the
 * embedded program (pdf_subset.h). Only once recording is over. */
static uint32_t out_cid(const pdf_font *pf, uint32_t id)
{
    return pf->cid[id];
}

/* The id of glyph gid's twin wider by extra (pdf_twin.h), made on first use. */
static uint32_t twin_id(pdf_out *p, pdf_font *pf, uint32_t gid, uint32_t extra)
{
    for (twin_node *t = pf->twin_of[gid]; t; t = t->next)
        if (t->extra == extra)
            return t->id;
    twin_node *t = pt_alloc(p->arena, sizeof *t);
    t->extra = extra;
    t->id = pf->nglyphs + (uint32_t)pf->twins.n;
    t->next = pf->twin_of[gid];
    pf->twin_of[gid] = t;
    pt_twin tw = {gid, extra};
    PT_PUSH(pf->twins, tw);
    PT_PUSH(pf->vars, NULL);
    return t->id;
}

/* ---- drawing calls: recording ---- */

static bool need_page(pdf_out *p, pt_ctx *ctx, const char *what)
{
    if (p->built)
        return pt_fail(ctx, _("internal error: %s after the PDF was saved"), what);
    if (!p->in_page)
        return pt_fail(ctx, _("internal error: %s outside a page"), what);
    return true;
}

static bool pdf_begin_page(pt_out *o, pt_ctx *ctx, float width, float height)
{
    pdf_out *p = pdf_of(o);
    if (p->built)
        return pt_fail(ctx, _("internal error: new page after the PDF was saved"));
    if (p->in_page)
        return pt_fail(ctx, _("internal error: new page before the last one ended"));
    float wh[2] = {width, height};
    if (!finite_all(wh, 2))
        return pt_fail(ctx, _("internal error: page size is not a number"));
    HPDF_Page page = HPDF_AddPage(p->pdf);
    if (!hpdf_check(p, ctx, page != NULL, "adding a page"))
        return false;
    HPDF_Page_SetWidth(page, width);
    HPDF_Page_SetHeight(page, height);
    char what[80];
    snprintf(what, sizeof what, "setting the page size %.2f x %.2f", width, height);
    if (!hpdf_check(p, ctx, true, what)) {
        p->broken = true;     /* libharu has a page we do not: never save this */
        return false;
    }
    pdf_page pg = {.w = width, .h = height, .page = page};
    PT_PUSH(p->pages, pg);
    p->in_page = true;
    return true;
}

/* Where the layout leaves a gap between two glyphs of a run, readers would
 * extract a space that is not in the text (pdf_twin.h). So a space glyph is
 * moved to the end of the glyph before it (its position does not show, and
 * readers then see the space character and no second gap), and a glyph
 * followed by a wider gap than PT_TWIN_GAP_MAX on the same baseline is drawn
 * as its twin, which advances over the gap. x are in points, gaps measured
 * with the widths written in /W. */
static void close_gaps(pdf_out *p, pdf_font *pf, run_glyph *g, size_t n, float size)
{
    for (size_t i = 0; i + 1 < n; i++) {
        if (g[i + 1].y != g[i].y)
            continue;
        double end = g[i].x + g[i].w * size / 1000.0;
        if (g[i + 1].space) {
            g[i + 1].x = (float)end;
            continue;
        }
        /* A twin needs a ToUnicode entry of its own, which a glyph standing
         * for no text cannot have (readers would guess one): such a gap,
         * after a combining mark, stays. */
        if (!pf->twins_ok || g[i].empty)
            continue;
        uint32_t extra = pt_twin_extra((g[i + 1].x - end) * 1000.0 / size);
        if (extra) {
            g[i].gid = twin_id(p, pf, g[i].gid, extra);
            g[i].w += extra;      /* glyph_width of the twin */
        }
    }
}

static bool pdf_glyphs(pt_out *o, pt_ctx *ctx, pt_font *font, float size, float x, float y,
                       const pt_draw_glyph *g, size_t n, const char *text, pt_rgb color)
{
    pdf_out *p = pdf_of(o);
    if (!need_page(p, ctx, "glyphs"))
        return false;
    float v[3] = {size, x, y};
    if (!finite_all(v, 3) || size <= 0)
        return pt_fail(ctx, _("internal error: glyph run with size %g at %g %g"), size, x, y);
    if (n == 0)
        return true;
    size_t fi = font_index(p, font);
    pdf_font *pf = &p->fonts.v[fi];
    run_glyph *rg = pt_alloc(p->arena, n * sizeof *rg);
    for (size_t i = 0; i < n; i++) {
        if (g[i].gid >= pf->nglyphs || g[i].gid > 0xFFFF)
            return pt_fail(ctx, _("internal error: glyph %u is not in %s"), (unsigned)g[i].gid,
                           pt_font_display_name(font));
        if (!isfinite(g[i].x) || !isfinite(g[i].y) || g[i].text_end < g[i].text_start ||
            (g[i].text_end > g[i].text_start && !text))
            return pt_fail(ctx, _("internal error: bad glyph %zu in a run"), i);
        uint32_t len = g[i].text_end - g[i].text_start;
        rg[i] = (run_glyph){.gid = g[i].gid, .x = g[i].x, .y = g[i].y,
                            .w = glyph_width(pf, g[i].gid),
                            .space = len == 1 && text[g[i].text_start] == ' ',
                            .empty = len == 0};
    }
    close_gaps(p, pf, rg, n, size);
    for (size_t i = 0; i < n; i++) {
        uint32_t len = g[i].text_end - g[i].text_start;
        rg[i].t = count_text(p, pf, rg[i].gid, len ? text + g[i].text_start : "", len);
    }
    item it = {.elem = p->elem, .art = p->art, .font = fi, .size = size, .x = x, .y = y,
               .color = color, .g = rg, .n = n};
    PT_PUSH(p->pages.v[p->pages.n - 1].items, it);
    return true;
}

/* Records a rectangle or a line (its kind, geometry and colours set). */
static void add_path(pdf_out *p, item it)
{
    it.elem = p->elem;
    it.art = p->art;
    PT_PUSH(p->pages.v[p->pages.n - 1].items, it);
}

static bool pdf_rect(pt_out *o, pt_ctx *ctx, float x, float y, float w, float h,
                     const pt_rgb *fill, const pt_rgb *stroke, float line_width)
{
    pdf_out *p = pdf_of(o);
    if (!need_page(p, ctx, "rect"))
        return false;
    float v[5] = {x, y, w, h, line_width};
    if (!finite_all(v, 5))
        return pt_fail(ctx, _("internal error: rectangle coordinates are not numbers"));
    if (!fill && !stroke)
        return true;
    add_path(p, (item){.kind = ITEM_RECT, .x = x, .y = y, .w = w, .h = h,
                       .color = fill ? *fill : (pt_rgb){0}, .fill_on = fill != NULL,
                       .stroke = stroke ? *stroke : (pt_rgb){0}, .stroke_on = stroke != NULL,
                       .line_width = line_width});
    return true;
}

static bool pdf_line(pt_out *o, pt_ctx *ctx, float x1, float y1, float x2, float y2,
                     pt_rgb color, float line_width)
{
    pdf_out *p = pdf_of(o);
    if (!need_page(p, ctx, "line"))
        return false;
    float v[5] = {x1, y1, x2, y2, line_width};
    if (!finite_all(v, 5))
        return pt_fail(ctx, _("internal error: line coordinates are not numbers"));
    add_path(p, (item){.kind = ITEM_LINE, .x = x1, .y = y1, .x2 = x2, .y2 = y2, .color = color,
                       .line_width = line_width});
    return true;
}

static bool pdf_link(pt_out *o, pt_ctx *ctx, float x, float y, float w, float h, int target)
{
    pdf_out *p = pdf_of(o);
    if (!need_page(p, ctx, "link"))
        return false;
    float v[4] = {x, y, w, h};
    if (!finite_all(v, 4) || target < 0)
        return pt_fail(ctx, _("internal error: link to page %d at %g %g"), target, x, y);
    link_rec l = {(int)p->pages.n - 1, x, y, w, h, target, p->elem};
    PT_PUSH(p->links, l);
    return true;
}

static bool pdf_annot(pt_out *o, pt_ctx *ctx, const pt_annot *a)
{
    pdf_out *p = pdf_of(o);
    if (!need_page(p, ctx, "annotation"))
        return false;
    float v[4] = {a->x, a->y, a->w, a->h};
    if (!finite_all(v, 4) || !a->note)
        return pt_fail(ctx, _("internal error: annotation at %g %g"), a->x, a->y);
    annot_rec r = {(int)p->pages.n - 1, *a};
    r.a.note = pt_strdup(p->arena, a->note);
    r.a.author = a->author ? pt_strdup(p->arena, a->author) : NULL;
    PT_PUSH(p->annots, r);
    return true;
}

static bool pdf_outline(pt_out *o, pt_ctx *ctx, int level, const char *title, int page)
{
    pdf_out *p = pdf_of(o);
    if (p->built)
        return pt_fail(ctx, _("internal error: outline after the PDF was saved"));
    if (level < 0 || page < 0 || !title)
        return pt_fail(ctx, _("internal error: outline level %d to page %d"), level, page);
    outline_rec r = {level, pt_strdup(p->arena, title), page};
    PT_PUSH(p->outlines, r);
    return true;
}

static bool pdf_end_page(pt_out *o, pt_ctx *ctx)
{
    pdf_out *p = pdf_of(o);
    if (!need_page(p, ctx, "end of page"))
        return false;
    p->in_page = false;
    return true;
}

static bool pdf_structure(pt_out *o, pt_ctx *ctx, const pt_struct_elem *e, size_t n)
{
    pdf_out *p = pdf_of(o);
    if (p->built || p->pages.n || p->st)
        return pt_fail(ctx, _("internal error: the structure tree comes once, before the pages"));
    p->st = pt_pdfs_new(ctx, e, n);
    return p->st != NULL;
}

static bool pdf_mark(pt_out *o, pt_ctx *ctx, int elem, pt_artifact art)
{
    pdf_out *p = pdf_of(o);
    if (!p->st)
        return pt_fail(ctx, _("internal error: marked content without a structure tree"));
    p->elem = elem;
    p->art = elem ? PT_ART_NONE : art ? art : PT_ART_LAYOUT;
    return true;
}

static const pt_out_ops pdf_ops = {
    .begin_page = pdf_begin_page,
    .glyphs = pdf_glyphs,
    .rect = pdf_rect,
    .line = pdf_line,
    .link = pdf_link,
    .annot = pdf_annot,
    .outline = pdf_outline,
    .end_page = pdf_end_page,
    .structure = pdf_structure,
    .mark = pdf_mark,
};

/* ---- writing: text runs ---- */

/* End of the cluster starting at i: the glyphs after it with no text. */
static size_t cluster_end(const run_glyph *g, size_t n, size_t i)
{
    size_t j = i + 1;
    while (j < n && g[j].t->len == 0)
        j++;
    return j;
}

/* The variant glyph gid can show text t with: the lowest k >= 1 whose
 * ToUnicode does not map gid yet (chosen once, on first use, so that the
 * same text always comes back to the same variant). */
static uint32_t text_variant(const pdf_font *pf, uint32_t gid, text_var *t)
{
    if (t->variant)
        return t->variant;
    for (uint32_t k = 1;; k++) {
        const text_var *v = pf->vars.v[gid];
        while (v && v->variant != k)
            v = v->next;
        if (!v) {
            t->variant = k;
            return k;
        }
    }
}

/* How cluster g[i..j) is drawn: with variant *k, or (false) in variant 0
 * inside an ActualText span. Every glyph of variant 0 maps to its most
 * common text; a one-glyph cluster with another text takes the variant that
 * maps the glyph to that text. A cluster of several glyphs whose text is not
 * the concatenation of its glyphs' most common texts (q + combining tilde
 * for "q̃") cannot be split glyph by glyph: only ActualText can give it. */
static bool cluster_variant(const pdf_font *pf, const run_glyph *g, size_t i, size_t j,
                            uint32_t *k)
{
    *k = 0;
    if (j == i + 1) {
        if (g[i].t != best_text(pf, g[i].gid))
            *k = text_variant(pf, g[i].gid, g[i].t);
        return true;
    }
    for (size_t m = i; m < j; m++)
        if (g[m].t != best_text(pf, g[m].gid))
            return false;
    return true;
}

static const char *variant_name(pdf_out *p, pt_ctx *ctx, HPDF_Page page, pdf_font *pf,
                                uint32_t k);

/* Selects variant k of the face at size for the glyphs that follow, unless
 * it is the current one (*cur; UINT32_MAX before the first of a run). */
static bool use_variant(pdf_out *p, pt_ctx *ctx, HPDF_Page page, pdf_font *pf, pt_pdfc *c,
                        float size, uint32_t *cur, uint32_t k)
{
    if (*cur == k)
        return true;
    const char *fname = variant_name(p, ctx, page, pf, k);
    if (!fname)
        return false;
    pt_pdfc_font(c, fname, size);
    *cur = k;
    return true;
}

/* True when run it has a cluster only /ActualText can give back (see
 * cluster_variant): several glyphs, one of them not drawn for its most
 * common text. */
static bool needs_actualtext(const pdf_out *p, const item *it)
{
    if (it->kind != ITEM_RUN)
        return false;
    const pdf_font *pf = &p->fonts.v[it->font];
    for (size_t i = 0; i < it->n;) {
        size_t j = cluster_end(it->g, it->n, i);
        for (size_t m = i; j > i + 1 && m < j; m++)
            if (it->g[m].t != best_text(pf, it->g[m].gid))
                return true;
        i = j;
    }
    return false;
}

/* Sets the character spacing run it is written with: its justification
 * stretch, given once (pdf_spacing.h). */
static void set_run_spacing(pdf_out *p, pt_pdfc *c, const item *it)
{
    p->spaced.n = 0;
    for (size_t i = 0; i < it->n; i++)
        PT_PUSH(p->spaced, ((pt_spaced){it->x + it->g[i].x, it->y + it->g[i].y, it->g[i].w}));
    double now = (double)c->spacing / PT_PDFC_TC_UNIT;
    pt_pdfc_spacing(c, pt_spacing_choose(p->spaced.v, it->n, it->size, now));
}

/* Draws one glyph run on page through c; the face's variant fonts are
 * added to the page's resources as they are needed. Clusters only
 * /ActualText can give are wrapped in a Span of their own inside the text
 * object, unless the run is a marked-content sequence of its own that
 * carries its whole text (own_sequence). */
static bool write_run(pdf_out *p, pt_ctx *ctx, HPDF_Page page, pt_pdfc *c, pdf_font *pf,
                      const item *it, bool spans)
{
    pt_pdfc_run(c, it->color);
    set_run_spacing(p, c, it);
    uint32_t cur = UINT32_MAX, k;
    const run_glyph *g = it->g;
    for (size_t i = 0; i < it->n;) {
        size_t j = cluster_end(g, it->n, i);
        if (cluster_variant(pf, g, i, j, &k)) {
            if (!use_variant(p, ctx, page, pf, c, it->size, &cur, k))
                return false;
            for (size_t m = i; m < j; m++)
                pt_pdfc_glyph(c, out_cid(pf, g[m].gid), it->x + g[m].x, it->y + g[m].y,
                              g[m].w);
            i = j;
            continue;
        }
        /* Clusters only ActualText can give: one marked span for all adjacent ones. */
        size_t m = j;
        while (m < it->n) {
            size_t m2 = cluster_end(g, it->n, m);
            if (cluster_variant(pf, g, m, m2, &k))
                break;
            m = m2;
        }
        if (!use_variant(p, ctx, page, pf, c, it->size, &cur, 0))
            return false;
        pt_pdfc_tj_end(c);
        if (spans) {
            pt_buf_puts(c->b, "/Span <</ActualText <FEFF");
            for (size_t q = i; q < m; q++)
                put_utf16_hex(c->b, g[q].t->s, g[q].t->len);
            pt_buf_puts(c->b, ">>> BDC\n");
        }
        for (size_t q = i; q < m; q++)
            pt_pdfc_glyph(c, out_cid(pf, g[q].gid), it->x + g[q].x, it->y + g[q].y, g[q].w);
        pt_pdfc_tj_end(c);
        if (spans)
            pt_buf_puts(c->b, "EMC\n");
        i = m;
    }
    return true;
}

/* ---- writing: font objects ---- */

/* "ABCDEF+Name": the tag is a hash of the name and the glyph set, so the same
 * document gives the same tag and different subsets different tags. */
static void make_base_name(pdf_font *pf)
{
    uint32_t h = 2166136261u;   /* FNV-1a */
    const char *ps = pt_font_psname(pf->font);
    for (const char *c = ps; *c; c++)
        h = (h ^ (unsigned char)*c) * 16777619u;
    for (uint32_t g = 0; g < pf->vars.n; g++)
        if (pf->vars.v[g])
            for (int k = 0; k < 4; k++)
                h = (h ^ ((g >> (8 * k)) & 0xFF)) * 16777619u;
    char tag[7];
    for (int i = 0; i < 6; i++) {
        tag[i] = (char)('A' + h % 26);
        h = h / 26 + (h % 7) * 1000003u;
    }
    tag[6] = 0;
    /* PDF names: keep the PostScript name's printable ASCII without delimiters. */
    char clean[128];
    size_t n = 0;
    for (const char *c = ps; *c && n + 1 < sizeof clean; c++)
        if (*c > 0x20 && *c < 0x7F && !strchr("()<>[]{}/%#", *c))
            clean[n++] = *c;
    clean[n] = 0;
    snprintf(pf->base_name, sizeof pf->base_name, "%s+%s", tag, clean);
}

/* Variant k's Type0 font dictionary, created on first use (only its fixed
 * entries; DescendantFonts and ToUnicode come in finish_font once all pages
 * are written). All variants share BaseFont and the one CIDFontType2. */
static HPDF_Dict font_dict(pdf_out *p, pt_ctx *ctx, pdf_font *pf, uint32_t k)
{
    while (pf->type0.n <= k)
        PT_PUSH(pf->type0, NULL);
    if (pf->type0.v[k])
        return pf->type0.v[k];
    if (!pf->base_name[0])
        make_base_name(pf);
    HPDF_Dict d = HPDF_Dict_New(p->pdf->mmgr);
    if (d && HPDF_Xref_Add(p->pdf->xref, d) == HPDF_OK) {
        HPDF_Dict_AddName(d, "Type", "Font");
        HPDF_Dict_AddName(d, "Subtype", "Type0");
        HPDF_Dict_AddName(d, "BaseFont", pf->base_name);
        HPDF_Dict_AddName(d, "Encoding", "Identity-H");
    } else {
        d = NULL;
    }
    if (!hpdf_check(p, ctx, d != NULL, "creating a font object"))
        return NULL;
    pf->type0.v[k] = d;
    return d;
}

/* The page's resource name for variant k of the face (the font is created
 * and added to the page's /Font resources on first use). */
static const char *variant_name(pdf_out *p, pt_ctx *ctx, HPDF_Page page, pdf_font *pf,
                                uint32_t k)
{
    HPDF_Dict d = font_dict(p, ctx, pf, k);
    const char *fname = d ? HPDF_Page_GetLocalFontName(page, (HPDF_Font)d) : NULL;
    if (!d || !hpdf_check(p, ctx, fname != NULL, "adding a font to a page"))
        return NULL;
    return fname;
}

/* Writes data[0..len) compressed by f as the content of stream object s
 * (pt_pdf_stream_put, through the document's scratch buffer). */
static bool put_flate(pdf_out *p, pt_flate *f, HPDF_Dict s, const void *data, size_t len)
{
    return pt_pdf_stream_put(s, f, data, len, &p->zbuf);
}

/* A new stream object holding data, compressed here (put_flate). */
static HPDF_Dict new_stream(pdf_out *p, pt_flate *f, const void *data, size_t len)
{
    HPDF_Dict s = HPDF_DictStream_New(p->pdf->mmgr, p->pdf->xref);
    return s && put_flate(p, f, s, data, len) ? s : NULL;
}


/* The /W array: runs of consecutive CIDs "c [w1 w2 ...]", glyphs of width
 * DEFAULT_WIDTH left out, inner arrays at most W_CHUNK long. CIDs ascend
 * with the ids (pdf_subset.h), so walking the ids walks the CIDs in order. */
static HPDF_Array widths_array(pdf_out *p, const pdf_font *pf)
{
    HPDF_MMgr mm = p->pdf->mmgr;
    HPDF_Array w = HPDF_Array_New(mm);
    if (!w)
        return NULL;
    HPDF_Array run = NULL;
    uint32_t next = 0;
    size_t in_run = 0;
    for (uint32_t g = 0; g < pf->vars.n; g++) {
        if (!pf->vars.v[g])
            continue;
        double wd = glyph_width(pf, g);
        if (wd == DEFAULT_WIDTH)
            continue;
        uint32_t cid = out_cid(pf, g);
        if (!run || cid != next || in_run >= W_CHUNK) {
            run = HPDF_Array_New(mm);
            if (!run || HPDF_Array_AddNumber(w, (HPDF_INT32)cid) != HPDF_OK ||
                HPDF_Array_Add(w, run) != HPDF_OK)
                return NULL;
            in_run = 0;
        }
        if (wd == floor(wd))
            HPDF_Array_AddNumber(run, (HPDF_INT32)wd);
        else
            HPDF_Array_AddReal(run, (HPDF_REAL)wd);
        in_run++;
        next = cid + 1;
    }
    return w;
}

/* One ToUnicode entry: a CID and its text in UTF-16 (hex, 4 digits a unit). */
typedef struct cmap_entry { uint32_t cid; const char *hex; size_t units; } cmap_entry;

/* The UTF-16 code unit written as 4 hex digits at h. */
static unsigned hex_unit(const char *h)
{
    char four[5] = {h[0], h[1], h[2], h[3], 0};
    return (unsigned)strtoul(four, NULL, 16);
}

/* The text variant k's ToUnicode maps glyph gid to: in variant 0 the most
 * common one of every glyph drawn, in the others only the texts drawn with
 * them. NULL: not mapped. */
static const text_var *variant_text(const pdf_font *pf, uint32_t gid, uint32_t k)
{
    if (k == 0)
        return best_text(pf, gid);
    const text_var *v = pf->vars.v[gid];
    while (v && v->variant != k)
        v = v->next;
    return v;
}

/* The ToUnicode CMap text of a variant: bfrange for runs of at least three
 * consecutive CIDs mapping to consecutive BMP characters within one 256
 * block, bfchar for the rest; blocks of at most CMAP_BLOCK entries. The
 * entries are made in the order of the ids, which is the CIDs' order. */
static void build_cmap(pt_buf *out, const pdf_font *pf, uint32_t variant)
{
    PT_VEC(cmap_entry) e = {0};
    pt_buf hex = {0};
    PT_VEC(size_t) offs = {0};
    for (uint32_t g = 0; g < pf->vars.n; g++) {
        const text_var *t = pf->vars.v[g] ? variant_text(pf, g, variant) : NULL;
        if (!t || t->len == 0)
            continue;
        size_t off = hex.n;
        size_t units = put_utf16_hex(&hex, t->s, t->len);
        cmap_entry ce = {out_cid(pf, g), NULL, units};
        PT_PUSH(e, ce);
        PT_PUSH(offs, off);
    }
    for (size_t i = 0; i < e.n; i++)
        e.v[i].hex = hex.s + offs.v[i];

    pt_buf_puts(out,
        "/CIDInit /ProcSet findresource begin\n"
        "12 dict begin\n"
        "begincmap\n"
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
        "/CMapName /Adobe-Identity-UCS def\n"
        "/CMapType 2 def\n"
        "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n");

    /* Split into ranges [i, j): a range when j - i >= 3, else single chars. */
    PT_VEC(size_t) range_at = {0};      /* pairs start, end */
    PT_VEC(size_t) single = {0};
    for (size_t i = 0; i < e.n;) {
        size_t j = i + 1;
        if (e.v[i].units == 1) {
            unsigned u0 = hex_unit(e.v[i].hex);
            while (j < e.n && e.v[j].units == 1 && e.v[j].cid == e.v[i].cid + (j - i) &&
                   (e.v[j].cid >> 8) == (e.v[i].cid >> 8)) {
                unsigned u = hex_unit(e.v[j].hex);
                if (u != u0 + (j - i) || (u >> 8) != (u0 >> 8))
                    break;
                j++;
            }
        }
        if (j - i >= 3) {
            PT_PUSH(range_at, i);
            PT_PUSH(range_at, j);
        } else {
            for (size_t k = i; k < j; k++)
                PT_PUSH(single, k);
        }
        i = j;
    }
    for (size_t k = 0; k < single.n; k += CMAP_BLOCK) {
        size_t cnt = single.n - k < CMAP_BLOCK ? single.n - k : CMAP_BLOCK;
        pt_buf_printf(out, "%zu beginbfchar\n", cnt);
        for (size_t m = k; m < k + cnt; m++) {
            const cmap_entry *ce = &e.v[single.v[m]];
            pt_buf_printf(out, "<%04X> <", (unsigned)ce->cid);
            pt_buf_add(out, ce->hex, ce->units * 4);
            pt_buf_puts(out, ">\n");
        }
        pt_buf_puts(out, "endbfchar\n");
    }
    size_t nranges = range_at.n / 2;
    for (size_t k = 0; k < nranges; k += CMAP_BLOCK) {
        size_t cnt = nranges - k < CMAP_BLOCK ? nranges - k : CMAP_BLOCK;
        pt_buf_printf(out, "%zu beginbfrange\n", cnt);
        for (size_t m = k; m < k + cnt; m++) {
            const cmap_entry *a = &e.v[range_at.v[2 * m]];
            const cmap_entry *z = &e.v[range_at.v[2 * m + 1] - 1];
            pt_buf_printf(out, "<%04X> <%04X> <", (unsigned)a->cid, (unsigned)z->cid);
            pt_buf_add(out, a->hex, 4);
            pt_buf_puts(out, ">\n");
        }
        pt_buf_puts(out, "endbfrange\n");
    }
    pt_buf_puts(out,
        "endcmap\n"
        "CMapName currentdict /CMap defineresource pop\n"
        "end\nend\n");
    free(e.v);
    free(offs.v);
    free(range_at.v);
    free(single.v);
    pt_buf_free(&hex);
}


/* Fills in the font once every page is written (its variants are known
 * then): the CIDFontType2 with /W, the descriptor, the ToUnicode CMap, and
 * the FontFile2 stream, which put_program fills once the program is made. */
static bool finish_font(pdf_out *p, pt_ctx *ctx, pdf_font *pf, const pt_subset_job *job)
{
    HPDF_MMgr mm = p->pdf->mmgr;
    HPDF_Xref xref = p->pdf->xref;
    int upem = pt_font_upem(pf->font);
    pt_font_metrics m;
    pt_font_metrics_get(pf->font, &m);
#define EM(v) ((HPDF_INT32)lround((v) * 1000.0 / upem))

    HPDF_Dict file = pf->file = HPDF_DictStream_New(mm, xref);
    if (!hpdf_check(p, ctx, file != NULL, "embedding the font program"))
        return false;

    HPDF_Dict desc = HPDF_Dict_New(mm);
    bool ok = desc && HPDF_Xref_Add(xref, desc) == HPDF_OK;
    if (ok) {
        HPDF_Dict_AddName(desc, "Type", "FontDescriptor");
        HPDF_Dict_AddName(desc, "FontName", pf->base_name);
        HPDF_Dict_AddNumber(desc, "Flags", 4 | (m.fixed_pitch ? 1 : 0) | (m.serif ? 2 : 0));
        HPDF_Array bbox = HPDF_Array_New(mm);
        ok = bbox != NULL;
        if (ok) {
            HPDF_Array_AddNumber(bbox, EM(m.x_min));
            HPDF_Array_AddNumber(bbox, EM(m.y_min));
            HPDF_Array_AddNumber(bbox, EM(m.x_max));
            HPDF_Array_AddNumber(bbox, EM(m.y_max));
            HPDF_Dict_Add(desc, "FontBBox", bbox);
        }
        HPDF_Dict_AddNumber(desc, "ItalicAngle", m.italic_angle);
        HPDF_Dict_AddNumber(desc, "Ascent", EM(m.ascent));
        HPDF_Dict_AddNumber(desc, "Descent", EM(m.descent));
        HPDF_Dict_AddNumber(desc, "CapHeight", EM(m.cap_height));
        HPDF_Dict_AddNumber(desc, "StemV", STEM_V);
        HPDF_Dict_Add(desc, "FontFile2", file);
        /* CIDSet: every glyph of the program (pdf_subset.h) */
        ok = pt_pdfa_cidset(p->pdf, desc, job->ngids + job->ntwins, p->flate[0]);
    }
#undef EM
    if (!hpdf_check(p, ctx, ok, "writing the font descriptor"))
        return false;

    HPDF_Dict cid = HPDF_Dict_New(mm);
    ok = cid && HPDF_Xref_Add(xref, cid) == HPDF_OK;
    if (ok) {
        HPDF_Dict_AddName(cid, "Type", "Font");
        HPDF_Dict_AddName(cid, "Subtype", "CIDFontType2");
        HPDF_Dict_AddName(cid, "BaseFont", pf->base_name);
        HPDF_Dict info = HPDF_Dict_New(mm);
        ok = info != NULL;
        if (ok) {
            HPDF_Dict_Add(info, "Registry", HPDF_String_New(mm, "Adobe", NULL));
            HPDF_Dict_Add(info, "Ordering", HPDF_String_New(mm, "Identity", NULL));
            HPDF_Dict_AddNumber(info, "Supplement", 0);
            HPDF_Dict_Add(cid, "CIDSystemInfo", info);
        }
        HPDF_Dict_Add(cid, "FontDescriptor", desc);
        HPDF_Dict_AddNumber(cid, "DW", DEFAULT_WIDTH);
        HPDF_Array w = widths_array(p, pf);
        ok = ok && w != NULL;
        if (w)
            HPDF_Dict_Add(cid, "W", w);
        HPDF_Dict_AddName(cid, "CIDToGIDMap", "Identity");
    }
    if (!hpdf_check(p, ctx, ok, "writing the CID font"))
        return false;

    /* Every variant: the same descendant, its own ToUnicode. */
    pt_buf cmap = {0};
    for (uint32_t k = 0; k < pf->type0.n; k++) {
        if (!pf->type0.v[k])
            continue;
        cmap.n = 0;
        build_cmap(&cmap, pf, k);
        HPDF_Dict tu = new_stream(p, p->flate[0], cmap.s, cmap.n);
        HPDF_Array desc_fonts = HPDF_Array_New(mm);
        ok = tu && desc_fonts;
        if (ok) {
            HPDF_Array_Add(desc_fonts, cid);
            HPDF_Dict_Add(pf->type0.v[k], "DescendantFonts", desc_fonts);
            HPDF_Dict_Add(pf->type0.v[k], "ToUnicode", tu);
        }
        if (!hpdf_check(p, ctx, ok, "writing the ToUnicode map")) {
            pt_buf_free(&cmap);
            return false;
        }
    }
    pt_buf_free(&cmap);
    return true;
}

/* The font program made by job (its task done) into pf's FontFile2. */
static bool put_program(pdf_out *p, pt_ctx *ctx, pdf_font *pf, const pt_subset_job *job)
{
    bool ok = pt_pdf_stream_lend_flated(pf->file, job->zt.z.s, job->zt.z.n) &&
              HPDF_Dict_AddNumber(pf->file, "Length1", (HPDF_INT32)job->length) == HPDF_OK;
    return hpdf_check(p, ctx, ok, "embedding the font program");
}

/* ---- writing: the document ---- */

/* [page /XYZ 0 top null]: the top of the page at the reader's current zoom,
 * a direct array (libharu's destinations are objects of their own, which
 * PDF/A validators do not follow). NULL on failure (the error is in
 * libharu's record). */
static HPDF_Array page_top(pdf_out *p, int page)
{
    HPDF_MMgr mm = p->pdf->mmgr;
    HPDF_Array d = HPDF_Array_New(mm);
    bool ok = d && HPDF_Array_Add(d, p->pages.v[page].page) == HPDF_OK &&
              HPDF_Array_AddName(d, "XYZ") == HPDF_OK && HPDF_Array_AddNumber(d, 0) == HPDF_OK &&
              HPDF_Array_AddReal(d, p->pages.v[page].h) == HPDF_OK &&
              HPDF_Array_Add(d, HPDF_Null_New(mm)) == HPDF_OK;
    return ok ? d : NULL;
}

/* True when item it of a tagged page is drawn in a marked-content sequence of
 * its own that carries its text as /ActualText (see mark_content). */
static bool own_sequence(const pdf_out *p, const item *it)
{
    return it->elem && needs_actualtext(p, it);
}

/* Tagged: before item k of page pi, opens a marked-content sequence when it
 * is the first of a group of consecutive items of one element (or artifact
 * kind), closing the group before. Content: "/P <</MCID 3>> BDC"; artifacts:
 * "/Artifact <</Type /Layout>> BDC" (rules, shading, leaders, connectors) or
 * with /Type /Pagination /Subtype /Footer (page numbers). A text object
 * never crosses the boundary of a sequence (it is ended first). A glyph run
 * with text only /ActualText gives (own_sequence) is a sequence of its own,
 * tagged Span (poppler reads /ActualText only there), whose properties carry
 * the run's whole text; pdftotext places the replacement with the font
 * current at its EMC, which is the run's. A Span nested in the element's
 * sequence instead would end poppler's structure text at its EMC. actual and
 * prev_actual: own_sequence of item k and of the item before. */
static bool mark_content(pdf_out *p, pt_ctx *ctx, pt_pdfc *c, size_t pi, const pdf_page *pg,
                         size_t k, bool actual, bool prev_actual)
{
    const item *it = &pg->items.v[k];
    const item *prev = k ? &pg->items.v[k - 1] : NULL;
    if (prev && !actual && !prev_actual && prev->elem == it->elem && prev->art == it->art)
        return true;
    pt_pdfc_text_end(c);
    if (prev)
        pt_buf_puts(c->b, "EMC\n");
    if (it->elem == 0) {
        pt_buf_puts(c->b, it->art == PT_ART_PAGINATION
                              ? "/Artifact <</Type /Pagination /Subtype /Footer>> BDC\n"
                              : "/Artifact <</Type /Layout>> BDC\n");
        return true;
    }
    int mcid = pt_pdfs_mcid(p->st, ctx, pi, it->elem);
    if (mcid < 0)
        return false;
    pt_buf_puts(c->b, "/");
    pt_buf_puts(c->b, actual ? "Span" : pt_pdfs_tag(p->st, it->elem));
    pt_buf_puts(c->b, " <</MCID ");
    pt_buf_uint(c->b, (uint64_t)mcid);
    if (actual) {
        pt_buf_puts(c->b, " /ActualText <FEFF");
        for (size_t i = 0; i < it->n; i++)
            put_utf16_hex(c->b, it->g[i].t->s, it->g[i].t->len);
        pt_buf_puts(c->b, ">");
    }
    pt_buf_puts(c->b, ">> BDC\n");
    return true;
}

/* Draws item it of a page through c; actual: it is a marked-content
 * sequence of its own (own_sequence). */
static bool write_item(pdf_out *p, pt_ctx *ctx, pt_pdfc *c, HPDF_Page page, const item *it,
                       bool actual)
{
    switch (it->kind) {
    case ITEM_RECT:
        pt_pdfc_rect(c, it->x, it->y, it->w, it->h, it->fill_on ? &it->color : NULL,
                     it->stroke_on ? &it->stroke : NULL, it->line_width);
        return true;
    case ITEM_LINE:
        pt_pdfc_line(c, it->x, it->y, it->x2, it->y2, it->color, it->line_width);
        return true;
    case ITEM_RUN:
        break;
    }
    return write_run(p, ctx, page, c, &p->fonts.v[it->font], it, !actual);
}

/* Writes every page's content and queues its compression as a task (on
 * whichever thread is free); lend_pages gives the results to libharu. */
static bool write_pages(pdf_out *p, pt_ctx *ctx)
{
    pt_flate_task *z = pt_xcalloc(p->pages.n, sizeof *z);
    p->zpages = z;                /* lent to libharu until the file is written */
    pt_buf b = {0};
    pt_pdfc c;
    bool ok = true;
    for (size_t pi = 0; pi < p->pages.n && ok; pi++) {
        pdf_page *pg = &p->pages.v[pi];
        if (HPDF_Page_GetGMode(pg->page) != HPDF_GMODE_PAGE_DESCRIPTION) {
            ok = pt_fail(ctx, _("internal error: page %zu is not in page-description mode"), pi + 1);
            break;
        }
        b.n = 0;
        pt_pdfc_begin(&c, &b);
        bool prev_actual = false;
        for (size_t k = 0; k < pg->items.n && ok; k++) {
            bool actual = own_sequence(p, &pg->items.v[k]);
            ok = (!p->st || mark_content(p, ctx, &c, pi, pg, k, actual, prev_actual)) &&
                 write_item(p, ctx, &c, pg->page, &pg->items.v[k], actual);
            prev_actual = actual;
        }
        if (!ok)
            break;
        pt_pdfc_end(&c);
        if (p->st && pg->items.n)
            pt_buf_puts(&b, "EMC\n");
        z[pi] = (pt_flate_task){.by = p->flate, .in = b};
        b = (pt_buf){0};
        pt_work_add(p->work, pt_flate_task_run, &z[pi]);
    }
    pt_buf_free(&b);
    return ok;
}

/* Each page's compressed content becomes its stream, once the tasks are done. */
static bool lend_pages(pdf_out *p, pt_ctx *ctx)
{
    bool ok = true;
    for (size_t pi = 0; pi < p->pages.n && ok; pi++) {
        const pt_flate_task *z = &p->zpages[pi];
        HPDF_Dict contents = ((HPDF_PageAttr)p->pages.v[pi].page->attr)->contents;
        ok = hpdf_check(p, ctx, z->ok && pt_pdf_stream_lend_flated(contents, z->z.s, z->z.n),
                        "writing a page");
    }
    return ok;
}

/* A link annotation with its destination as a direct array, printable
 * (/F 4, as PDF/A asks of every annotation), without a border, in the
 * page's /Annots. NULL on failure (the error is in libharu's record). */
static HPDF_Annotation add_link(pdf_out *p, HPDF_Page page, HPDF_Rect r, HPDF_Array dest)
{
    HPDF_Annotation a = HPDF_Annotation_New(p->pdf->mmgr, p->pdf->xref, HPDF_ANNOT_LINK, r);
    if (!a || HPDF_Dict_Add(a, "Dest", dest) != HPDF_OK ||
        HPDF_LinkAnnot_SetBorderStyle(a, 0, 0, 0) != HPDF_OK ||
        HPDF_Dict_AddNumber(a, "F", 4) != HPDF_OK || HPDF_Dict_Add(a, "P", page) != HPDF_OK)
        return NULL;
    HPDF_Array annots = HPDF_Dict_GetItem(page, "Annots", HPDF_OCLASS_ARRAY);
    if (!annots) {
        annots = HPDF_Array_New(p->pdf->mmgr);
        if (!annots || HPDF_Dict_Add(page, "Annots", annots) != HPDF_OK)
            return NULL;
    }
    return HPDF_Array_Add(annots, a) == HPDF_OK ? a : NULL;
}

static bool write_links(pdf_out *p, pt_ctx *ctx)
{
    for (size_t i = 0; i < p->links.n; i++) {
        const link_rec *l = &p->links.v[i];
        if ((size_t)l->target >= p->pages.n)
            return pt_fail(ctx, _("internal error: link on page %d to page %d of %zu"),
                           l->page + 1, l->target + 1, p->pages.n);
        HPDF_Array d = page_top(p, l->target);
        HPDF_Rect r = {l->x, l->y, l->x + l->w, l->y + l->h};
        HPDF_Annotation a = d ? add_link(p, p->pages.v[l->page].page, r, d) : NULL;
        if (!hpdf_check(p, ctx, a != NULL, "creating a link"))
            return false;
        if (p->st)
            pt_pdfs_annot(p->st, (size_t)l->page, l->elem, a);
    }
    return true;
}

static bool write_annots(pdf_out *p, pt_ctx *ctx)
{
    for (size_t i = 0; i < p->annots.n; i++) {
        const annot_rec *r = &p->annots.v[i];
        if (!hpdf_check(p, ctx, pt_pdf_annot_add(p->pdf, p->pages.v[r->page].page, &r->a),
                        "creating an annotation"))
            return false;
    }
    return true;
}

static bool write_outlines(pdf_out *p, pt_ctx *ctx)
{
    enum { MAX_DEPTH = 16 };
    HPDF_Outline parent[MAX_DEPTH + 1] = {0};   /* parent[l]: the parent of level l */
    int depth = 0;                              /* deepest level allowed next */
    for (size_t i = 0; i < p->outlines.n; i++) {
        const outline_rec *r = &p->outlines.v[i];
        if ((size_t)r->page >= p->pages.n)
            return pt_fail(ctx, _("internal error: outline \"%s\" to page %d of %zu"), r->title,
                           r->page + 1, p->pages.n);
        int level = r->level < depth ? r->level : depth;
        HPDF_Outline o = HPDF_CreateOutline(p->pdf, parent[level], "", NULL);
        void *title = o ? pt_pdf_text_string(p->pdf, r->title) : NULL;
        HPDF_Array d = title ? page_top(p, r->page) : NULL;
        bool ok = d && HPDF_Dict_Add(o, "Title", title) == HPDF_OK &&
                  HPDF_Dict_Add(o, "Dest", d) == HPDF_OK &&
                  HPDF_Outline_SetOpened(o, level == 0) == HPDF_OK;
        if (!hpdf_check(p, ctx, ok, "creating a bookmark"))
            return false;
        if (level < MAX_DEPTH) {
            parent[level + 1] = o;
            depth = level + 1;
        }
    }
    if (p->outlines.n)
        HPDF_SetPageMode(p->pdf, HPDF_PAGE_MODE_USE_OUTLINE);
    return hpdf_check(p, ctx, true, "showing the bookmarks");
}

static bool write_info(pdf_out *p, pt_ctx *ctx)
{
    static const struct { HPDF_InfoType type; const char *key; } keys[] = {
        {HPDF_INFO_TITLE, "Title"}, {HPDF_INFO_AUTHOR, "Author"},
        {HPDF_INFO_SUBJECT, "Subject"}, {HPDF_INFO_CREATOR, "Creator"},
    };
    const char *vals[] = {p->info.title, p->info.author, p->info.subject, p->info.creator};
    for (size_t i = 0; i < 4; i++) {
        if (!vals[i] || !*vals[i])
            continue;
        /* libharu makes the info dictionary; the value is then replaced by
         * a string that keeps non-ASCII text. */
        bool ok = HPDF_SetInfoAttr(p->pdf, keys[i].type, "-") == HPDF_OK;
        void *s = ok ? pt_pdf_text_string(p->pdf, vals[i]) : NULL;
        ok = s && HPDF_Dict_Add(p->pdf->info, keys[i].key, s) == HPDF_OK;
        if (!hpdf_check(p, ctx, ok, "writing the document information"))
            return false;
    }
    time_t t = (time_t)p->info.created;
    struct tm tm;
    if (!gmtime_r(&t, &tm))
        return pt_fail(ctx, _("internal error: creation time %lld out of range"), p->info.created);
    HPDF_Date date = {tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min,
                      tm.tm_sec > 59 ? 59 : tm.tm_sec, '+', 0, 0};   /* +00'00': UTC, as the XMP */
    bool ok = HPDF_SetInfoDateAttr(p->pdf, HPDF_INFO_CREATION_DATE, date) == HPDF_OK &&
              HPDF_SetInfoDateAttr(p->pdf, HPDF_INFO_MOD_DATE, date) == HPDF_OK;
    return hpdf_check(p, ctx, ok, "writing the document dates");
}

/* What the catalog says for accessibility: the language, the title shown
 * in the window, and when tagged the structure tree (pdf_struct.h). */
static bool write_access(pdf_out *p, pt_ctx *ctx)
{
    HPDF_Dict cat = p->pdf->catalog;
    bool ok = true;
    if (p->info.lang && *p->info.lang) {
        void *lang = pt_pdf_text_string(p->pdf, p->info.lang);
        ok = lang && HPDF_Dict_Add(cat, "Lang", lang) == HPDF_OK;
    }
    if (ok && p->info.title && *p->info.title) {
        HPDF_Dict vp = HPDF_Dict_New(p->pdf->mmgr);
        ok = vp && HPDF_Dict_AddBoolean(vp, "DisplayDocTitle", HPDF_TRUE) == HPDF_OK
             && HPDF_Dict_Add(cat, "ViewerPreferences", vp) == HPDF_OK;
    }
    if (!hpdf_check(p, ctx, ok, "writing the language and viewer preferences"))
        return false;
    if (!p->st)
        return true;
    HPDF_Page *pages = pt_xcalloc(p->pages.n, sizeof *pages);
    for (size_t i = 0; i < p->pages.n; i++)
        pages[i] = p->pages.v[i].page;
    ok = pt_pdfs_write(p->st, ctx, p->pdf, pages, p->pages.n);
    free(pages);
    if (!ok) {
        p->err = p->detail = 0;       /* ctx->err says what failed */
        HPDF_ResetError(p->pdf);
        return false;
    }
    return hpdf_check(p, ctx, true, "writing the structure tree");
}

/* Numbers the glyphs of pf's program (pdf_subset.h) and sets pf->cid: the
 * glyphs drawn, the twins' originals, .notdef and the components of
 * composite glyphs in ascending order of glyph id, then the twins. Returns
 * the job that makes the program (font and numbers; the caller adds the
 * compressors). */
static pt_subset_job number_glyphs(pdf_font *pf)
{
    bool *keep = pt_xcalloc(pf->nglyphs ? pf->nglyphs : 1, sizeof *keep);
    for (uint32_t g = 0; g < pf->nglyphs; g++)
        keep[g] = pf->vars.v[g] != NULL;
    for (size_t i = 0; i < pf->twins.n; i++)
        keep[pf->twins.v[i].gid] = true;
    size_t n;
    uint32_t *gids = pt_subset_glyphs(pt_font_face(pf->font), keep, pf->nglyphs, &n);
    free(keep);
    pf->cid = pt_xcalloc(pf->vars.n, sizeof *pf->cid);
    for (size_t i = 0; i < n; i++)
        pf->cid[gids[i]] = (uint32_t)i;
    pt_twin *twins = pt_xcalloc(pf->twins.n + 1, sizeof *twins);
    for (size_t i = 0; i < pf->twins.n; i++) {
        pf->cid[pf->nglyphs + i] = (uint32_t)(n + i);
        twins[i] = (pt_twin){out_cid(pf, pf->twins.v[i].gid), pf->twins.v[i].extra};
    }
    return (pt_subset_job){.font = pf->font, .gids = gids, .ngids = n,
                           .twins = twins, .ntwins = pf->twins.n};
}

/* Starts making the font programs on a thread of their own (pdf_subset.h):
 * the glyph set of every font, twins included, is final once recording is
 * over, and so are the CIDs; writing the pages only chooses the fonts'
 * variants. */
static void start_programs(pdf_out *p)
{
    pt_work_finish(p->work);      /* the programs cut ahead are done */
    p->programs = pt_xcalloc(p->fonts.n, sizeof *p->programs);
    for (size_t i = 0; i < p->fonts.n; i++) {
        pdf_font *pf = &p->fonts.v[i];
        pt_subset_job *job = &p->programs[i];
        *job = number_glyphs(pf);
        job->by = p->flate;
        job->work = p->work;
        /* A program cut ahead serves if it has exactly these glyphs. */
        for (size_t k = 0; k < p->ahead.n; k++) {
            pt_subset_cut *c = p->ahead.v[k];
            if (c->font == pf->font && c->program && c->ngids == job->ngids &&
                !memcmp(c->gids, job->gids, job->ngids * sizeof *job->gids)) {
                job->cut = c->program;
                c->program = NULL;
            }
        }
    }
    /* A task per program, the one with the most glyphs first: its
     * compression, the longest task of all, is queued ahead of the rest as
     * soon as it is cut (pdf_subset.h), so the thread that cut it compresses
     * it next while the other cuts the next face. (Cutting from the program
     * face reads only the glyphs kept, so two faces cut at once cost little
     * memory.) */
    bool *queued = pt_xcalloc(p->fonts.n + 1, sizeof *queued);
    for (size_t k = 0; k < p->fonts.n; k++) {
        size_t next = SIZE_MAX;
        for (size_t i = 0; i < p->fonts.n; i++)
            if (!queued[i] && (next == SIZE_MAX || p->programs[i].ngids > p->programs[next].ngids))
                next = i;
        queued[next] = true;
        pt_work_add(p->work, pt_subset_run, &p->programs[next]);
    }
    free(queued);
}

/* Turns everything recorded into libharu objects and the file's bytes. */
static bool build(pdf_out *p, pt_ctx *ctx)
{
    if (p->in_page)
        return pt_fail(ctx, _("internal error: saving the PDF inside a page"));
    if (p->pages.n == 0)
        return pt_fail(ctx, _("internal error: a PDF needs at least one page"));
    double t = pt_now();
    /* The worker cuts the font programs and compresses; meanwhile the main
     * thread writes the pages' content, then the objects that need nothing
     * of the tasks (the fonts but for their programs, links, comments,
     * outline, Info, the structure tree), then it lends a hand with the
     * tasks left. */
    start_programs(p);
    if (!write_pages(p, ctx))
        return false;
    for (size_t i = 0; i < p->fonts.n; i++)
        if (p->fonts.v[i].type0.n && !finish_font(p, ctx, &p->fonts.v[i], &p->programs[i]))
            return false;
    if (!write_links(p, ctx) || !write_annots(p, ctx) || !write_outlines(p, ctx) ||
        !write_info(p, ctx) || !write_access(p, ctx))
        return false;
    pt_work_finish(p->work);
    if (!lend_pages(p, ctx))
        return false;
    for (size_t i = 0; i < p->fonts.n; i++) {
        const pt_subset_job *job = &p->programs[i];
        if (job->ok && job->program && !job->zt.ok)
            return pt_fail(ctx, _("out of memory while subsetting %s"),
                           pt_font_display_name(job->font));
        if (!job->ok)
            return pt_ctx_take_error(ctx, &job->ctx);
        if (p->fonts.v[i].type0.n && !put_program(p, ctx, &p->fonts.v[i], job))
            return false;
    }
    pt_phase("  pdf: page content, fonts, structure tree; font programs, compression (two threads)",
             &t);
    PT_VEC(pt_font *) used = {0};
    for (size_t i = 0; i < p->fonts.n; i++)
        if (p->fonts.v[i].type0.n)
            PT_PUSH(used, p->fonts.v[i].font);
    bool zok = true;
    for (size_t i = 0; i < p->info.nsources; i++)
        zok = zok && p->sources[i].z.ok;
    bool archived = zok ? pt_pdfa_document(ctx, p->pdf, &p->info, p->st != NULL, used.v, used.n,
                                           p->flate[0], p->sources)
                        : pt_fail(ctx, _("PDF writer: out of memory for the compressor"));
    free(used.v);
    if (!archived)
        return false;
    pt_phase("  pdf: PDF/A metadata, output intent, sources", &t);

    unsigned char md5[16];
    if (!pt_pdf_file_write(ctx, p->pdf, p->work, p->flate, &p->bytes, md5))
        return false;
    pt_phase("  pdf: serialisation (object streams; the file's MD5)", &t);
    return hpdf_check(p, ctx, true, "writing the PDF") &&
           pt_pdfa_set_id(ctx, p->bytes.s, p->bytes.n, md5);
}

/* ---- public ---- */

/* A new document recording into our arena; info's strings are copied (info
 * may be NULL). Free with pt_pdf_free. NULL only when libharu has no memory. */
pt_out *pt_pdf_new(pt_ctx *ctx, const pt_doc_info *info)
{
    pdf_out *p = pt_xcalloc(1, sizeof *p);
    p->base.ops = &pdf_ops;
    p->arena = pt_arena_new();
    p->pdf = HPDF_New(on_hpdf_error, p);
    if (!p->pdf) {
        pt_arena_free(p->arena);
        free(p);
        pt_fail(ctx, _("PDF writer (libharu): out of memory"));
        return NULL;
    }
    /* Marked content with /ActualText is PDF 1.5; libharu would say 1.3. */
    if (p->pdf->pdf_version < HPDF_VER_15)
        p->pdf->pdf_version = HPDF_VER_15;
    for (int i = 0; i < PT_WORK_HANDS; i++)
        p->flate[i] = pt_flate_new(PT_FLATE_LEVEL);
    if (!p->flate[0] || !p->flate[1]) {
        pt_pdf_free(&p->base);
        pt_fail(ctx, _("PDF writer: out of memory for the compressor"));
        return NULL;
    }
    if (info) {
        p->info.title = info->title ? pt_strdup(p->arena, info->title) : NULL;
        p->info.author = info->author ? pt_strdup(p->arena, info->author) : NULL;
        p->info.subject = info->subject ? pt_strdup(p->arena, info->subject) : NULL;
        p->info.creator = info->creator ? pt_strdup(p->arena, info->creator) : NULL;
        p->info.created = info->created;
        p->info.lang = info->lang ? pt_strdup(p->arena, info->lang) : NULL;
        pt_source *src = pt_alloc(p->arena, (info->nsources + 1) * sizeof *src);
        for (size_t i = 0; i < info->nsources; i++) {
            const pt_source *s = &info->sources[i];
            src[i] = (pt_source){ pt_strdup(p->arena, s->name), pt_strdup(p->arena, s->desc),
                                  pt_strndup(p->arena, s->data, s->len), s->len };
        }
        p->info.sources = src;
        p->info.nsources = info->nsources;
    }
    /* The worker starts now, while the caller lays out the pages: the
     * sources are known already, so they are made ready first. */
    p->work = pt_work_new();
    p->sources = pt_xcalloc(p->info.nsources + 1, sizeof *p->sources);
    for (size_t i = 0; i < p->info.nsources; i++) {
        p->sources[i].z = (pt_flate_task){.by = p->flate, .data = p->info.sources[i].data,
                                          .len = p->info.sources[i].len};
        pt_work_add(p->work, pt_source_task_run, &p->sources[i]);
    }
    return &p->base;
}

void pt_pdf_expect(pt_out *o, pt_font *font, const bool *drawn, uint32_t n)
{
    pdf_out *p = pdf_of(o);
    if (p->built || p->pages.n || n != hb_face_get_glyph_count(pt_font_face(font)))
        return;
    for (size_t k = 0; k < p->ahead.n; k++)
        if (p->ahead.v[k]->font == font)
            return;
    /* The glyphs as number_glyphs will find them: those drawn (a twin's
     * original is drawn too), .notdef and the composites' components. */
    bool *keep = pt_xcalloc(n ? n : 1, sizeof *keep);
    memcpy(keep, drawn, n * sizeof *keep);
    pt_subset_cut *c = pt_xcalloc(1, sizeof *c);
    c->font = font;
    c->gids = pt_subset_glyphs(pt_font_face(font), keep, n, &c->ngids);
    free(keep);
    PT_PUSH(p->ahead, c);
    pt_work_add(p->work, pt_subset_cut_run, c);
}

/* What the recording took, all but the file's bytes and the worker:
 * libharu's document (3,000 objects for r6), the pages, fonts, structure
 * tree, compressors, buffers and the arena. Once the bytes are made this
 * runs as a task while the caller writes the file (r6: 0.45 ms of
 * libharu's frees and 0.3 ms of ours); otherwise pt_pdf_free runs it. */
static void free_recording(void *arg, int who)
{
    (void)who;
    pdf_out *p = arg;
    HPDF_Free(p->pdf);
    p->pdf = NULL;
    for (size_t k = 0; k < p->ahead.n; k++)
        pt_subset_cut_free(p->ahead.v[k]);
    free(p->ahead.v);
    for (size_t i = 0; i < p->fonts.n; i++) {
        free(p->fonts.v[i].vars.v);
        free(p->fonts.v[i].twins.v);
        free(p->fonts.v[i].twin_of);
        free(p->fonts.v[i].cid);
        free(p->fonts.v[i].type0.v);
    }
    free(p->fonts.v);
    for (size_t i = 0; i < p->pages.n; i++)
        free(p->pages.v[i].items.v);
    free(p->pages.v);
    free(p->links.v);
    free(p->annots.v);
    free(p->outlines.v);
    pt_pdfs_free(p->st);
    pt_buf_free(&p->zbuf);
    free(p->spaced.v);
    for (int i = 0; i < PT_WORK_HANDS; i++)
        pt_flate_free(p->flate[i]);
    for (size_t i = 0; p->programs && i < p->fonts.n; i++)
        pt_subset_job_free(&p->programs[i]);
    free(p->programs);
    for (size_t i = 0; p->zpages && i < p->pages.n; i++) {
        pt_buf_free(&p->zpages[i].in);
        pt_buf_free(&p->zpages[i].z);
    }
    free(p->zpages);
    for (size_t i = 0; p->sources && i < p->info.nsources; i++)
        pt_buf_free(&p->sources[i].z.z);
    free(p->sources);
    pt_arena_free(p->arena);
    p->arena = NULL;
}

/* Builds the file's bytes once (pt_pdf_save and pt_pdf_bytes). */
static bool built(pdf_out *p, pt_ctx *ctx)
{
    if (p->broken)
        return pt_fail(ctx, _("the PDF could not be built"));
    if (!p->built) {
        p->built = true;
        if (!build(p, ctx)) {
            p->broken = true;
            return false;
        }
        /* The file is in p->bytes: the rest is freed by the worker while
         * the caller writes the file (0.7 ms of frees beside the write and
         * its fsync). */
        pt_work_add(p->work, free_recording, p);
    }
    return true;
}

bool pt_pdf_bytes(pt_out *o, pt_ctx *ctx, const char **data, size_t *len)
{
    pdf_out *p = pdf_of(o);
    if (!built(p, ctx))
        return false;
    *data = p->bytes.s;
    *len = p->bytes.n;
    return true;
}

/* The first call turns the recording into the file's bytes (kept, so that a
 * save that failed for the file system can be retried with another path);
 * every call writes them atomically to path. */
bool pt_pdf_save(pt_out *o, pt_ctx *ctx, const char *path)
{
    pdf_out *p = pdf_of(o);
    if (p->broken)
        return pt_fail(ctx, _("%s: not written: the PDF could not be built"), path);
    if (!built(p, ctx))
        return false;
    double t = pt_now();
    bool ok = pt_write_atomic(ctx, path, p->bytes.s, p->bytes.n);
    pt_phase("  pdf: write the file", &t);
    return ok;
}

/* Frees libharu's document and everything recorded; the fonts stay the caller's. */
void pt_pdf_free(pt_out *o)
{
    if (!o)
        return;
    pdf_out *p = pdf_of(o);
    pt_work_free(p->work);          /* first: its tasks borrow what follows */
    if (p->arena)                   /* not yet freed by a task (built) */
        free_recording(p, 0);
    pt_buf_free(&p->bytes);
    free(p);
}
