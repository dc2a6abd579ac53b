/* font.c - font faces: HarfBuzz maps the file, shapes and subsets; FreeType
 * gives the metrics.
 *
 * Approach. One pt_font holds its own FT_Library and FT_Face (no process-wide
 * state) and one hb_face over the file as HarfBuzz maps it. That one mapping
 * serves all: FreeType opens it as a memory face (for the metrics), the
 * hb_font that shapes reads hmtx, cmap and GSUB straight from it (HarfBuzz's
 * own OpenType functions), and hb-subset cuts the PDF's font program from
 * it. An hb_font made through hb-ft would copy every table it reads out of
 * FreeType (cmap alone is 200 KB in a CJK face), and FreeType's own mapping
 * would be a second copy of the pages read; the advances are the same hmtx
 * values either way (input/r6.xml gives a byte-identical PDF).
 *
 * Units. Everything this file and shape.c report is in font units (1/upem
 * em): the hb_font's scale is upem. FreeType's face is used only for the
 * PDF font descriptor's metrics (hhea ascender/descender, head bbox, the
 * OS/2 and post tables), which need no scale.
 *
 * Memory. Subsetting reads the font file through a mapping of its own
 * (pt_font_program_face), unmapped when the program is cut; the pages of
 * the shared mapping read while laying out (cmap, GSUB, hmtx; glyf for a
 * face with composite glyphs or a collection) go back to the system once
 * the face is subset (pt_font_drop_pages). One mapping serves both
 * libraries (r6: peak memory 29.1 -> 25.0 MB when introduced). */
#include "font.h"
#include "fontcache.h"
#include "sfnt.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <ft2build.h>
#include FT_FREETYPE_H
#include FT_TRUETYPE_TABLES_H
#include <hb-ot.h>
#include <nettle/sha2.h>

struct pt_font {
    char *path;          /* as given to pt_font_load (heap) */
    char *psname;        /* heap */
    char *display;       /* "Family Style" (heap) */
    FT_Library ft;
    FT_Face face;
    hb_font_t *hb;       /* references face */
    hb_face_t *hb_face;  /* from the file blob, for subsetting */
    int upem;
    /* The advance of every glyph, font units, read once at load (the PDF
     * writer asks for one per glyph drawn: 63,000 HarfBuzz calls for r6).
     * Not changed after pt_font_load, so any thread may read it. */
    int32_t *adv;
    unsigned nglyphs;
    /* SHA-256 of the file: remembered from an earlier run (fontcache.h), or
     * computed on a thread of its own from pt_font_load on, while layout runs
     * (hashing two 4.6 MB faces costs 5-10 ms, a tenth of a run, when done in
     * line); pt_font_sha256 waits for it. */
    pthread_t hasher;
    enum { HASH_NOT_STARTED, HASH_RUNNING, HASH_DONE } hash_state;
    int hash_err;        /* errno of a failed read, 0 when sha256 is good */
    char sha256[65];
};

enum { HASH_BLOCK = 1 << 16 };   /* bytes read at a time for the hash */

static void *hash_file(void *arg);

static char *xstrdup(const char *s)
{
    size_t n = strlen(s) + 1;
    char *d = pt_xrealloc(NULL, n);
    memcpy(d, s, n);
    return d;
}

pt_font *pt_font_load(pt_ctx *ctx, const char *path)
{
    /* FreeType's open error says little; ask the system first for a better one.
     * Only a regular file of at most PT_MAX_FILE bytes is read (a FIFO or a
     * device would block or never end). */
    struct stat st;
    if (stat(path, &st) != 0) {
        pt_fail(ctx, _("%s: cannot open font: %s"), path, strerror(errno));
        return NULL;
    }
    if (!S_ISREG(st.st_mode) || (uint64_t)st.st_size > PT_MAX_FILE) {
        pt_fail(ctx, _("%s: cannot open font: not a regular file of at most %zu bytes"), path,
                PT_MAX_FILE);
        return NULL;
    }

    pt_font *f = pt_xcalloc(1, sizeof *f);
    f->path = xstrdup(path);
    if (FT_Init_FreeType(&f->ft)) {
        pt_fail(ctx, _("%s: cannot initialise FreeType"), path);
        goto fail;
    }
    /* One mapping of the file, made by HarfBuzz, serves both libraries. */
    hb_blob_t *blob = hb_blob_create_from_file_or_fail(path);
    if (!blob) {
        pt_fail(ctx, _("%s: cannot read the font file"), path);
        goto fail;
    }
    f->hb_face = hb_face_create(blob, 0);
    unsigned len = 0;
    const char *data = hb_blob_get_data(blob, &len);
    hb_blob_destroy(blob);       /* the face keeps it */
    FT_Error e = FT_New_Memory_Face(f->ft, (const FT_Byte *)data, (FT_Long)len, 0, &f->face);
    if (e) {
        pt_fail(ctx, _("%s: not a usable font file (FreeType error 0x%02X)"), path, (unsigned)e);
        goto fail;
    }
    if (!FT_IS_SFNT(f->face) || !FT_IS_SCALABLE(f->face) || f->face->units_per_EM == 0) {
        pt_fail(ctx, _("%s: not a TrueType/OpenType font"), path);
        goto fail;
    }
    f->upem = f->face->units_per_EM;
    if (hb_face_get_glyph_count(f->hb_face) == 0) {
        pt_fail(ctx, _("%s: HarfBuzz finds no glyphs in the font"), path);
        goto fail;
    }
    f->hb = hb_font_create(f->hb_face);     /* HarfBuzz's OpenType functions */
    hb_font_set_scale(f->hb, f->upem, f->upem);
    f->nglyphs = hb_face_get_glyph_count(f->hb_face);
    f->adv = pt_xrealloc(NULL, sizeof *f->adv * (f->nglyphs ? f->nglyphs : 1));
    hb_codepoint_t *gids = pt_xrealloc(NULL, sizeof *gids * (f->nglyphs ? f->nglyphs : 1));
    for (unsigned g = 0; g < f->nglyphs; g++)
        gids[g] = g;
    hb_font_get_glyph_h_advances(f->hb, f->nglyphs, gids, sizeof *gids, f->adv, sizeof *f->adv);
    free(gids);

    const char *ps = FT_Get_Postscript_Name(f->face);
    f->psname = xstrdup(ps && *ps ? ps : "Unnamed");
    const char *fam = f->face->family_name ? f->face->family_name : f->psname;
    const char *sty = f->face->style_name ? f->face->style_name : "";
    size_t n = strlen(fam) + strlen(sty) + 2;
    f->display = pt_xrealloc(NULL, n);
    snprintf(f->display, n, *sty ? "%s %s" : "%s%s", fam, sty);
    if (pt_fontcache_get(&st, f->sha256))
        f->hash_state = HASH_DONE;
    else if (pthread_create(&f->hasher, NULL, hash_file, f) == 0)
        f->hash_state = HASH_RUNNING;
    return f;

fail:
    pt_font_free(f);
    return NULL;
}

void pt_font_free(pt_font *f)
{
    if (!f)
        return;
    if (f->hash_state == HASH_RUNNING)
        pthread_join(f->hasher, NULL);
    if (f->face)
        FT_Done_Face(f->face);      /* first: it reads the hb_face's mapping */
    if (f->ft)
        FT_Done_FreeType(f->ft);
    if (f->hb)
        hb_font_destroy(f->hb);
    if (f->hb_face)
        hb_face_destroy(f->hb_face);
    free(f->path);
    free(f->psname);
    free(f->display);
    free(f->adv);
    free(f);
}

hb_font_t *pt_font_hb(pt_font *f) { return f->hb; }
hb_face_t *pt_font_face(pt_font *f) { return f->hb_face; }
int pt_font_upem(const pt_font *f) { return f->upem; }
const char *pt_font_path(const pt_font *f) { return f->path; }
const char *pt_font_psname(const pt_font *f) { return f->psname; }
const char *pt_font_display_name(const pt_font *f) { return f->display; }

/* The hashing thread: SHA-256 of the file at f->path into f->sha256 (hex),
 * read in blocks with read() (the file is the same one FreeType and
 * HarfBuzz read; hashing their mapping instead would page all of it in on
 * the main thread). Touches nothing of f but path, sha256 and hash_err. */
static void *hash_file(void *arg)
{
    pt_font *f = arg;
    int fd = open(f->path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        f->hash_err = errno;
        return NULL;
    }
    struct stat before, after;
    bool known = fstat(fd, &before) == 0;
    struct sha256_ctx sha;
    sha256_init(&sha);
    uint8_t *buf = pt_xrealloc(NULL, HASH_BLOCK);
    for (;;) {
        ssize_t n = read(fd, buf, HASH_BLOCK);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            f->hash_err = errno;
        if (n <= 0)
            break;
        sha256_update(&sha, (size_t)n, buf);
    }
    free(buf);
    known = known && fstat(fd, &after) == 0;
    close(fd);
    uint8_t d[SHA256_DIGEST_SIZE];
    sha256_digest(&sha, sizeof d, d);
    for (int i = 0; i < SHA256_DIGEST_SIZE; i++)
        snprintf(f->sha256 + 2 * i, 3, "%02x", d[i]);
    /* Remembered only when the file did not change while it was read. */
    if (!f->hash_err && known && before.st_size == after.st_size &&
        before.st_mtim.tv_sec == after.st_mtim.tv_sec &&
        before.st_mtim.tv_nsec == after.st_mtim.tv_nsec &&
        before.st_ctim.tv_sec == after.st_ctim.tv_sec &&
        before.st_ctim.tv_nsec == after.st_ctim.tv_nsec)
        pt_fontcache_put(&before, f->sha256);
    return NULL;
}

/* Waits for the hashing thread (or hashes now, when it could not start). */
static void hash_wait(pt_font *f)
{
    if (f->hash_state == HASH_RUNNING)
        pthread_join(f->hasher, NULL);
    else if (f->hash_state == HASH_NOT_STARTED)
        hash_file(f);
    f->hash_state = HASH_DONE;
}

bool pt_font_sha256(pt_ctx *ctx, pt_font *f, char hex[65])
{
    hash_wait(f);
    if (f->hash_err)
        return pt_fail(ctx, _("%s: cannot read the font file: %s"), f->path, strerror(f->hash_err));
    memcpy(hex, f->sha256, 65);
    return true;
}

/* ---- the font program's face ---- */

/* The tables a PDF's TrueType program takes (ISO 32000-1 9.9 names glyf,
 * loca, head, hhea, hmtx, maxp, cvt, fpgm and prep; OS/2, name, post and
 * gasp come along), in the tag order of a table directory. */
static const char program_tables[][5] = {
    "OS/2", "cvt ", "fpgm", "gasp", "glyf", "head", "hhea", "hmtx", "loca", "maxp", "name",
    "post", "prep",
};

typedef struct mapping { void *p; size_t n; } mapping;

static void unmap(void *arg)
{
    mapping *m = arg;
    munmap(m->p, m->n);
    free(m);
}

/* Rewrites the table directory of an sfnt file at data (len bytes) in place
 * to list only program_tables; the tables stay where they are. False when
 * it is not a single-face sfnt whose directory fits. */
static bool keep_program_tables(unsigned char *data, size_t len)
{
    if (len < 12 || !memcmp(data, "ttcf", 4))
        return false;
    unsigned n = pt_sfnt_get16(data + 4), kept = 0;
    if (len < 12 + 16 * (size_t)n)
        return false;
    for (unsigned i = 0; i < n; i++) {
        const unsigned char *rec = data + 12 + 16 * i;
        for (size_t k = 0; k < sizeof program_tables / sizeof program_tables[0]; k++)
            if (!memcmp(rec, program_tables[k], 4)) {
                memmove(data + 12 + 16 * kept++, rec, 16);
                break;
            }
    }
    unsigned range = 1, selector = 0;       /* the binary-search fields */
    while (range * 2 <= kept) {
        range *= 2;
        selector++;
    }
    pt_sfnt_set16(data + 4, kept);
    pt_sfnt_set16(data + 6, range * 16);
    pt_sfnt_set16(data + 8, selector);
    pt_sfnt_set16(data + 10, kept * 16 - range * 16);
    return true;
}

hb_face_t *pt_font_program_face(pt_ctx *ctx, const pt_font *f)
{
    /* A private (copy-on-write) mapping of the file: rewriting the directory
     * copies its first page only; the tables are read from the page cache. */
    int fd = open(f->path, O_RDONLY | O_CLOEXEC);
    struct stat st;
    if (fd < 0 || fstat(fd, &st) != 0) {
        pt_fail(ctx, _("%s: cannot read the font file: %s"), f->path, strerror(errno));
        if (fd >= 0)
            close(fd);
        return NULL;
    }
    size_t len = (size_t)st.st_size;
    void *p = len ? mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0) : MAP_FAILED;
    close(fd);
    /* The file must still be the one laid out with: same length and the
     * same table directory (offsets, lengths, checksums). */
    hb_blob_t *laid = hb_face_reference_blob(f->hb_face);
    unsigned laid_len = 0;
    const unsigned char *laid_data = (const unsigned char *)hb_blob_get_data(laid, &laid_len);
    bool same = p != MAP_FAILED && len == laid_len && len >= 12 &&
                len >= 12 + 16 * (size_t)pt_sfnt_get16(laid_data + 4) &&
                !memcmp(p, laid_data, 12 + 16 * (size_t)pt_sfnt_get16(laid_data + 4));
    hb_blob_destroy(laid);
    if (!same) {
        if (p != MAP_FAILED)
            munmap(p, len);
        pt_fail(ctx, _("%s: the font file changed while the report was typeset"), f->path);
        return NULL;
    }
    if (!keep_program_tables(p, len)) {     /* a collection: the whole face */
        munmap(p, len);
        return hb_face_reference(f->hb_face);
    }
    mapping *m = pt_xcalloc(1, sizeof *m);
    *m = (mapping){p, len};
    hb_blob_t *blob = hb_blob_create(p, (unsigned)len, HB_MEMORY_MODE_READONLY, m, unmap);
    hb_face_t *face = hb_face_create(blob, 0);
    hb_blob_destroy(blob);       /* the face keeps it */
    return face;
}

void pt_font_drop_pages(pt_font *f)
{
    hb_blob_t *blob = hb_face_reference_blob(f->hb_face);
    unsigned len = 0;
    const char *data = hb_blob_get_data(blob, &len);
    long page = sysconf(_SC_PAGESIZE);
    if (data && len && page > 0) {
        uintptr_t start = (uintptr_t)data & ~(uintptr_t)(page - 1);
        madvise((void *)start, len + ((uintptr_t)data - start), MADV_DONTNEED);
    }
    hb_blob_destroy(blob);
}

bool pt_font_has_char(pt_font *f, uint32_t cp)
{
    hb_codepoint_t gid = 0;
    return hb_font_get_nominal_glyph(f->hb, cp, &gid) && gid != 0;
}

int pt_font_advance(pt_font *f, uint32_t gid)
{
    return gid < f->nglyphs ? f->adv[gid] : (int)hb_font_get_glyph_h_advance(f->hb, gid);
}

void pt_font_metrics_get(pt_font *f, pt_font_metrics *m)
{
    FT_Face face = f->face;
    memset(m, 0, sizeof *m);
    m->ascent = face->ascender;
    m->descent = face->descender;
    m->x_min = (int)face->bbox.xMin;
    m->y_min = (int)face->bbox.yMin;
    m->x_max = (int)face->bbox.xMax;
    m->y_max = (int)face->bbox.yMax;
    m->fixed_pitch = FT_IS_FIXED_WIDTH(face);

    const TT_OS2 *os2 = FT_Get_Sfnt_Table(face, FT_SFNT_OS2);
    if (os2 && os2->version != 0xFFFF) {
        if (os2->version >= 2 && os2->sCapHeight > 0)
            m->cap_height = os2->sCapHeight;
        /* IBM family class 1-5 and 7 are serif designs (8 is sans, 10 script). */
        int cls = os2->sFamilyClass >> 8;
        m->serif = (cls >= 1 && cls <= 5) || cls == 7;
    }
    if (m->cap_height == 0)
        m->cap_height = m->ascent * 7 / 10;
    const TT_Postscript *post = FT_Get_Sfnt_Table(face, FT_SFNT_POST);
    if (post)
        m->italic_angle = (int)(post->italicAngle / 65536);   /* 16.16 degrees */
}
