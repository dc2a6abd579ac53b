/* pdf_read.c - reading back an archived PDF, and comparing two PDFs (see
 * pdf_read.h).
 *
 * Approach. qpdf parses the file (any PDF, also one another program has
 * rewritten: renumbered, uncompressed, with object streams); its C API hands
 * out object handles. Reading takes the catalog's /AF file specifications
 * (their /UF name, /EF /F stream decoded, /Params /Size and /CheckSum), the
 * Info /CreationDate and the plantype:fonts entry of the XMP packet.
 *
 * Comparing walks both documents in step from the same starting points, in
 * the order a reader cares about: page 1, 2, ..., then the catalog, then the
 * Info dictionary. Objects are compared by value, not by number: same type,
 * same scalar, same array items, same dictionary keys and values, the same
 * decoded stream data (a stream's /Length, /Filter and /DecodeParms describe
 * its encoding only). A reference to a page must lead to the page of the same
 * number; an object reached a second time is not compared again. The first
 * difference ends the walk; its path ("page 5: /Resources /Font /F1 (font
 * ABCDEF+BIZUDGothic-Regular) /DescendantFonts [0] /W [12]") says where. */
#include "pdf_read.h"

#include <dlfcn.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <qpdf/qpdf-c.h>

enum { MAX_DEPTH = 400 };   /* nesting followed before a comparison gives up */

/* ---- qpdf, loaded when needed ----
 *
 * libqpdf is opened with dlopen by the two entry points, not linked: linked,
 * its dynamic loading (a large C++ library and what it needs) cost every run
 * of plantype about 2-3 ms of CPU (measured), for a library only --verify
 * and --extract use. The calls go through a table of pointers, filled by
 * dlsym with the declarations of <qpdf/qpdf-c.h>. */
#ifndef PT_QPDF_LIB
#define PT_QPDF_LIB "libqpdf.so"      /* the Makefile passes the soname */
#endif

#define QPDF_CALLS(X) \
    X(qpdf_init) X(qpdf_cleanup) X(qpdf_silence_errors) X(qpdf_set_suppress_warnings) \
    X(qpdf_read_memory) X(qpdf_get_error) X(qpdf_get_error_full_text) \
    X(qpdf_get_root) X(qpdf_get_trailer) X(qpdf_get_num_pages) X(qpdf_get_page_n) \
    X(qpdf_oh_get_type_code) X(qpdf_oh_get_type_name) X(qpdf_oh_is_array) \
    X(qpdf_oh_is_dictionary) X(qpdf_oh_is_indirect) X(qpdf_oh_is_integer) X(qpdf_oh_is_name) \
    X(qpdf_oh_is_stream) X(qpdf_oh_is_string) X(qpdf_oh_get_key) X(qpdf_oh_get_dict) \
    X(qpdf_oh_begin_dict_key_iter) X(qpdf_oh_dict_more_keys) X(qpdf_oh_dict_next_key) \
    X(qpdf_oh_get_array_n_items) X(qpdf_oh_get_array_item) X(qpdf_oh_get_name) \
    X(qpdf_oh_get_int_value) X(qpdf_oh_get_utf8_value) X(qpdf_oh_get_binary_string_value) \
    X(qpdf_oh_get_object_id) X(qpdf_oh_unparse) X(qpdf_oh_get_stream_data)

typedef struct qpdf_api {
    void *lib;
#define QPDF_FIELD(name) __typeof__(name) *name;
    QPDF_CALLS(QPDF_FIELD)
#undef QPDF_FIELD
} qpdf_api;

/* Opens libqpdf and finds every call. False with ctx->err. */
static bool qpdf_load(pt_ctx *ctx, qpdf_api *A)
{
    A->lib = dlopen(PT_QPDF_LIB, RTLD_NOW | RTLD_LOCAL);
    if (!A->lib)
        return pt_fail(ctx, _("cannot load the qpdf library to read PDFs: %s"), dlerror());
#define QPDF_LOAD(name) \
    if (!(A->name = (__typeof__(name) *)dlsym(A->lib, #name))) { \
        pt_fail(ctx, _("%s: the qpdf library lacks %s"), PT_QPDF_LIB, #name); \
        dlclose(A->lib); \
        return false; \
    }
    QPDF_CALLS(QPDF_LOAD)
#undef QPDF_LOAD
    return true;
}

/* ---- opening ---- */

/* A qpdf reader over data, or NULL with ctx->err naming the file. */
static qpdf_data open_pdf(const qpdf_api *A, pt_ctx *ctx, const char *name, const char *data,
                          size_t len)
{
    qpdf_data q = A->qpdf_init();
    A->qpdf_silence_errors(q);
    A->qpdf_set_suppress_warnings(q, QPDF_TRUE);
    if (A->qpdf_read_memory(q, name, data, len, NULL) & QPDF_ERRORS) {
        qpdf_error e = A->qpdf_get_error(q);
        pt_invalid(ctx, _("%s: not a PDF that can be read: %s"), name,
                   e ? A->qpdf_get_error_full_text(q, e) : "unknown error");
        A->qpdf_cleanup(&q);
        return NULL;
    }
    return q;
}

/* The decoded data of stream s into the arena (NUL-terminated), or NULL. */
static char *stream_data(const qpdf_api *A, qpdf_data q, pt_arena *a, qpdf_oh s, size_t *len)
{
    unsigned char *buf = NULL;
    QPDF_BOOL filtered = QPDF_FALSE;
    *len = 0;
    if (!A->qpdf_oh_is_stream(q, s) ||
        (A->qpdf_oh_get_stream_data(q, s, qpdf_dl_generalized, &filtered, &buf, len) &
         QPDF_ERRORS) || !filtered) {
        free(buf);
        A->qpdf_get_error(q);   /* clears it */
        return NULL;
    }
    char *copy = pt_strndup(a, (const char *)buf, *len);
    free(buf);
    return copy;
}

/* ---- reading ---- */

/* "D:YYYYMMDDHHmmSS" (all fourteen digits, as plantype writes them) with an
 * optional "Z", "+HH'mm'" or "-HH'mm'". */
static bool parse_pdf_date(const char *s, size_t n, long long *t)
{
    static const int width[6] = {4, 2, 2, 2, 2, 2};
    int f[6] = {0};
    size_t i = n >= 2 && s[0] == 'D' && s[1] == ':' ? 2 : 0;
    for (int k = 0; k < 6; k++)
        for (int d = 0; d < width[k]; d++, i++) {
            if (i >= n || s[i] < '0' || s[i] > '9')
                return false;
            f[k] = f[k] * 10 + (s[i] - '0');
        }
    long offset = 0;
    if (i + 2 < n && (s[i] == '+' || s[i] == '-')) {
        int hh = (s[i + 1] - '0') * 10 + (s[i + 2] - '0');
        int mm = i + 5 < n ? (s[i + 4] - '0') * 10 + (s[i + 5] - '0') : 0;
        offset = (s[i] == '+' ? 1 : -1) * (hh * 3600L + mm * 60L);
    }
    struct tm tm = {.tm_year = f[0] - 1900, .tm_mon = f[1] - 1, .tm_mday = f[2],
                    .tm_hour = f[3], .tm_min = f[4], .tm_sec = f[5]};
    *t = (long long)timegm(&tm) - offset;
    return true;
}

/* The text between <tag> and </tag> of the XMP, the five XML entities
 * undone; NULL when absent. */
static const char *xmp_value(pt_arena *a, const char *xmp, const char *tag)
{
    char open[64], close[64];
    snprintf(open, sizeof open, "<%s>", tag);
    snprintf(close, sizeof close, "</%s>", tag);
    const char *s = strstr(xmp, open);
    const char *e = s ? strstr(s, close) : NULL;
    if (!e)
        return NULL;
    s += strlen(open);
    char *out = pt_alloc(a, (size_t)(e - s) + 1), *o = out;
    static const struct { const char *ent; char c; } ents[] = {
        {"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}, {"&quot;", '"'}, {"&apos;", '\''},
    };
    while (s < e) {
        size_t k = 0;
        while (k < 5 && strncmp(s, ents[k].ent, strlen(ents[k].ent)))
            k++;
        if (k < 5) {
            *o++ = ents[k].c;
            s += strlen(ents[k].ent);
        } else {
            *o++ = *s++;
        }
    }
    *o = 0;
    return out;
}

/* True when name can be written as a file of its own in a folder. */
static bool plain_file_name(const char *name)
{
    return *name && !strchr(name, '/') && strcmp(name, ".") && strcmp(name, "..") &&
           strlen(name) < 256;
}

/* One associated file: name, data, and whether /Size and /CheckSum agree. */
static bool read_source(const qpdf_api *A, pt_ctx *ctx, pt_arena *a, qpdf_data q,
                        const char *pdf, qpdf_oh fs, pt_source *src, bool *agrees)
{
    qpdf_oh uf = A->qpdf_oh_get_key(q, fs, "/UF");
    if (!A->qpdf_oh_is_string(q, uf))
        uf = A->qpdf_oh_get_key(q, fs, "/F");
    const char *name = A->qpdf_oh_is_string(q, uf) ? A->qpdf_oh_get_utf8_value(q, uf) : "";
    if (!plain_file_name(name))
        return pt_invalid(ctx, _("%s: an attached file's name \"%s\" is not a plain file name"),
                          pdf, name);
    src->name = pt_strdup(a, name);
    qpdf_oh ef = A->qpdf_oh_get_key(q, A->qpdf_oh_get_key(q, fs, "/EF"), "/F");
    size_t len = 0;
    char *data = stream_data(A, q, a, ef, &len);
    if (!data)
        return pt_invalid(ctx, _("%s: the attached file %s cannot be read"), pdf, src->name);
    src->data = data;
    src->len = len;
    src->desc = "";
    qpdf_oh params = A->qpdf_oh_get_key(q, A->qpdf_oh_get_dict(q, ef), "/Params");
    qpdf_oh size = A->qpdf_oh_get_key(q, params, "/Size");
    qpdf_oh sum = A->qpdf_oh_get_key(q, params, "/CheckSum");
    size_t sumlen = 0;
    const char *want = A->qpdf_oh_is_string(q, sum) ? A->qpdf_oh_get_binary_string_value(q, sum, &sumlen)
                                                  : NULL;
    unsigned char d[16];
    pt_md5(data, len, d);
    *agrees = A->qpdf_oh_is_integer(q, size) && A->qpdf_oh_get_int_value(q, size) == (long long)len &&
              want && sumlen == 16 && !memcmp(want, d, 16);
    return true;
}

bool pt_archived_read(pt_ctx *ctx, pt_arena *a, const char *name, const char *data, size_t len,
                      pt_archived *out)
{
    memset(out, 0, sizeof *out);
    qpdf_api api, *A = &api;
    if (!qpdf_load(ctx, A))
        return false;
    qpdf_data q = open_pdf(A, ctx, name, data, len);
    if (!q) {
        dlclose(A->lib);
        return false;
    }
    bool ok = true;
    qpdf_oh root = A->qpdf_get_root(q);
    qpdf_oh af = A->qpdf_oh_get_key(q, root, "/AF");
    int n = A->qpdf_oh_is_array(q, af) ? A->qpdf_oh_get_array_n_items(q, af) : 0;
    out->sources = pt_alloc(a, (size_t)(n + 1) * sizeof *out->sources);
    for (int i = 0; ok && i < n; i++) {
        bool agrees = false;
        ok = read_source(A, ctx, a, q, name, A->qpdf_oh_get_array_item(q, af, i),
                         &out->sources[out->nsources], &agrees);
        if (ok && !agrees && !out->bad_source)
            out->bad_source = out->sources[out->nsources].name;
        out->nsources += ok;
    }
    qpdf_oh created = A->qpdf_oh_get_key(q, A->qpdf_oh_get_key(q, A->qpdf_get_trailer(q), "/Info"),
                                      "/CreationDate");
    if (ok && A->qpdf_oh_is_string(q, created)) {
        size_t dlen = 0;
        const char *d = A->qpdf_oh_get_binary_string_value(q, created, &dlen);
        out->has_date = parse_pdf_date(d, dlen, &out->created);
    }
    size_t xlen = 0;
    char *xmp = ok ? stream_data(A, q, a, A->qpdf_oh_get_key(q, root, "/Metadata"), &xlen) : NULL;
    if (xmp)
        out->fonts = xmp_value(a, xmp, "plantype:fonts");
    A->qpdf_cleanup(&q);
    dlclose(A->lib);
    return ok;
}

bool pt_archived_load(pt_ctx *ctx, pt_arena *a, const char *path, char **data, size_t *len,
                      pt_archived *out)
{
    memset(out, 0, sizeof *out);
    *data = pt_read_file(ctx, path, len);
    if (!*data || !pt_archived_read(ctx, a, path, *data, *len, out))
        return false;
    if (out->nsources == 0)
        return pt_invalid(ctx, _("%s: no sources inside (written with --no-sources, or not by "
                                 "plantype)"), path);
    return true;
}

/* ---- comparing ---- */

typedef PT_VEC(int) int_vec;

typedef struct cmp {
    const qpdf_api *A;
    qpdf_data q[2];
    int_vec page_of[2];     /* object id -> page index + 1 (0: not a page) */
    int_vec seen;           /* object id in document 0 -> its partner's id + 1 */
    pt_buf path;            /* where the walk is */
    pt_buf *diff;           /* the first difference, once found */
    int depth;
} cmp;

static int at(const int_vec *v, int i) { return i >= 0 && (size_t)i < v->n ? v->v[i] : 0; }

static void set_at(int_vec *v, int i, int value)
{
    while (v->n <= (size_t)i)
        PT_PUSH(*v, 0);
    v->v[i] = value;
}

/* Records the first difference: the path, then what. Returns false. */
static bool differ(cmp *c, const char *what)
{
    if (c->diff->n == 0)
        pt_buf_printf(c->diff, "%s: %s", c->path.s, what);
    return false;
}

static bool same(cmp *c, qpdf_oh x, qpdf_oh y);

/* Compares the values under one key or index, with the path extended. */
static bool same_under(cmp *c, const char *step, qpdf_oh x, qpdf_oh y)
{
    size_t mark = c->path.n;
    pt_buf_puts(&c->path, step);
    bool ok = same(c, x, y);
    c->path.n = mark;
    c->path.s[mark] = 0;
    return ok;
}

/* The sorted keys of a dictionary (heap, strings on the heap). */
static char **dict_keys(const qpdf_api *A, qpdf_data q, qpdf_oh d, size_t *n)
{
    PT_VEC(char *) k = {0};
    A->qpdf_oh_begin_dict_key_iter(q, d);
    while (A->qpdf_oh_dict_more_keys(q)) {
        const char *key = A->qpdf_oh_dict_next_key(q);
        size_t len = strlen(key) + 1;
        char *copy = pt_xrealloc(NULL, len);
        memcpy(copy, key, len);
        PT_PUSH(k, copy);
    }
    for (size_t i = 1; i < k.n; i++)       /* insertion sort: dictionaries are small */
        for (size_t j = i; j > 0 && strcmp(k.v[j - 1], k.v[j]) > 0; j--) {
            char *t = k.v[j];
            k.v[j] = k.v[j - 1];
            k.v[j - 1] = t;
        }
    *n = k.n;
    return k.v;
}

static void free_keys(char **k, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(k[i]);
    free(k);
}

/* Keys that describe a stream's encoding, not its content. */
static bool encoding_key(const char *k)
{
    return !strcmp(k, "/Length") || !strcmp(k, "/Filter") || !strcmp(k, "/DecodeParms");
}

static bool same_dict(cmp *c, qpdf_oh x, qpdf_oh y, bool stream)
{
    const qpdf_api *A = c->A;
    size_t nx, ny;
    char **kx = dict_keys(A, c->q[0], x, &nx), **ky = dict_keys(A, c->q[1], y, &ny);
    bool ok = true;
    size_t i = 0, j = 0;
    while (ok && (i < nx || j < ny)) {
        if (i < nx && stream && encoding_key(kx[i])) {
            i++;
        } else if (j < ny && stream && encoding_key(ky[j])) {
            j++;
        } else if (j == ny || (i < nx && strcmp(kx[i], ky[j]) < 0)) {
            char what[300];
            snprintf(what, sizeof what, "%s is missing", kx[i]);
            ok = differ(c, what);
        } else if (i == nx || strcmp(kx[i], ky[j]) > 0) {
            char what[300];
            snprintf(what, sizeof what, "%s is there that should not be", ky[j]);
            ok = differ(c, what);
        } else {
            char step[300];
            snprintf(step, sizeof step, " %s", kx[i]);
            /* A font is named by its BaseFont, so the path says which. */
            qpdf_oh base = A->qpdf_oh_get_key(c->q[0], A->qpdf_oh_get_key(c->q[0], x, kx[i]),
                                           "/BaseFont");
            if (A->qpdf_oh_is_name(c->q[0], base))
                snprintf(step, sizeof step, " %s (font %s)", kx[i],
                         A->qpdf_oh_get_name(c->q[0], base) + 1);
            ok = same_under(c, step, A->qpdf_oh_get_key(c->q[0], x, kx[i]),
                            A->qpdf_oh_get_key(c->q[1], y, ky[j]));
            i++;
            j++;
        }
    }
    free_keys(kx, nx);
    free_keys(ky, ny);
    return ok;
}

static bool same_stream(cmp *c, qpdf_oh x, qpdf_oh y)
{
    const qpdf_api *A = c->A;
    if (!same_dict(c, A->qpdf_oh_get_dict(c->q[0], x), A->qpdf_oh_get_dict(c->q[1], y), true))
        return false;
    unsigned char *d[2] = {NULL, NULL};
    size_t n[2] = {0, 0};
    QPDF_BOOL filtered[2] = {QPDF_FALSE, QPDF_FALSE};
    qpdf_oh s[2] = {x, y};
    for (int k = 0; k < 2; k++)
        if (A->qpdf_oh_get_stream_data(c->q[k], s[k], qpdf_dl_generalized, &filtered[k], &d[k],
                                    &n[k]) & QPDF_ERRORS)
            A->qpdf_get_error(c->q[k]);
    bool ok = filtered[0] && filtered[1] && n[0] == n[1] && !memcmp(d[0], d[1], n[0]);
    free(d[0]);
    free(d[1]);
    return ok || differ(c, filtered[0] && filtered[1] ? "the stream's data differs"
                                                      : "a stream that cannot be decoded");
}

static bool same(cmp *c, qpdf_oh x, qpdf_oh y)
{
    const qpdf_api *A = c->A;
    qpdf_data qx = c->q[0], qy = c->q[1];
    enum qpdf_object_type_e tx = A->qpdf_oh_get_type_code(qx, x), ty = A->qpdf_oh_get_type_code(qy, y);
    if (tx != ty) {
        char what[200];
        snprintf(what, sizeof what, "a %s where a %s should be", A->qpdf_oh_get_type_name(qx, x),
                 A->qpdf_oh_get_type_name(qy, y));
        return differ(c, what);
    }
    int idx = A->qpdf_oh_is_indirect(qx, x) ? A->qpdf_oh_get_object_id(qx, x) : 0;
    int idy = A->qpdf_oh_is_indirect(qy, y) ? A->qpdf_oh_get_object_id(qy, y) : 0;
    if (idx > 0 && idy > 0) {
        int px = at(&c->page_of[0], idx), py = at(&c->page_of[1], idy);
        if (px || py) {
            if (px == py)
                return true;
            char what[100];
            snprintf(what, sizeof what, "leads to page %d instead of page %d", px, py);
            return differ(c, what);
        }
        if (at(&c->seen, idx))
            return true;
        set_at(&c->seen, idx, idy + 1);
    }
    if (c->depth >= MAX_DEPTH)
        return differ(c, "nested too deeply to compare");
    c->depth++;
    bool ok = true;
    switch (tx) {
    case ot_string: {
        size_t nx = 0, ny = 0;
        const char *sx = A->qpdf_oh_get_binary_string_value(qx, x, &nx);
        char *copy = pt_xrealloc(NULL, nx + 1);
        memcpy(copy, sx, nx);
        const char *sy = A->qpdf_oh_get_binary_string_value(qy, y, &ny);
        ok = (nx == ny && !memcmp(copy, sy, nx)) || differ(c, "the string differs");
        free(copy);
        break;
    }
    case ot_array: {
        int n = A->qpdf_oh_get_array_n_items(qx, x);
        if (n != A->qpdf_oh_get_array_n_items(qy, y)) {
            ok = differ(c, "the array's length differs");
            break;
        }
        for (int i = 0; ok && i < n; i++) {
            char step[32];
            snprintf(step, sizeof step, " [%d]", i);
            ok = same_under(c, step, A->qpdf_oh_get_array_item(qx, x, i),
                            A->qpdf_oh_get_array_item(qy, y, i));
        }
        break;
    }
    case ot_dictionary:
        ok = same_dict(c, x, y, false);
        break;
    case ot_stream:
        ok = same_stream(c, x, y);
        break;
    default: {   /* null, boolean, number, name: their written form */
        char *ux = pt_xrealloc(NULL, strlen(A->qpdf_oh_unparse(qx, x)) + 1);
        strcpy(ux, A->qpdf_oh_unparse(qx, x));
        const char *uy = A->qpdf_oh_unparse(qy, y);
        if (strcmp(ux, uy)) {
            char what[200];
            snprintf(what, sizeof what, "%.80s where %.80s should be", ux, uy);
            ok = differ(c, what);
        }
        free(ux);
    }
    }
    c->depth--;
    return ok;
}

/* Starts a walk at x and y under the name where. A page is compared by
 * its dictionary here (elsewhere a reference to it only has to lead to the
 * page of the same number). */
static bool same_from(cmp *c, const char *where, qpdf_oh x, qpdf_oh y, bool page)
{
    const qpdf_api *A = c->A;
    c->path.n = 0;
    pt_buf_puts(&c->path, where);
    if (page && A->qpdf_oh_is_dictionary(c->q[0], x) && A->qpdf_oh_is_dictionary(c->q[1], y))
        return same_dict(c, x, y, false);
    return same(c, x, y);
}

bool pt_pdf_compare(pt_ctx *ctx, const char *a, size_t alen, const char *b, size_t blen,
                    pt_buf *diff)
{
    qpdf_api api, *A = &api;
    cmp c = {.A = A, .diff = diff};
    diff->n = 0;
    pt_buf_puts(diff, "");
    if (!qpdf_load(ctx, A))
        return false;
    c.q[0] = open_pdf(A, ctx, "the PDF", a, alen);
    c.q[1] = c.q[0] ? open_pdf(A, ctx, "the PDF made again", b, blen) : NULL;
    if (!c.q[1]) {
        if (c.q[0])
            A->qpdf_cleanup(&c.q[0]);
        dlclose(A->lib);
        return false;
    }
    int np[2];
    for (int k = 0; k < 2; k++) {
        np[k] = A->qpdf_get_num_pages(c.q[k]);
        for (int i = 0; i < np[k]; i++)
            set_at(&c.page_of[k], A->qpdf_oh_get_object_id(c.q[k], A->qpdf_get_page_n(c.q[k], (size_t)i)),
                   i + 1);
    }
    pt_buf_puts(&c.path, "the document");
    bool ok = np[0] == np[1];
    if (!ok) {
        char what[80];
        snprintf(what, sizeof what, "%d pages where %d should be", np[0], np[1]);
        differ(&c, what);
    }
    for (int i = 0; ok && i < np[0]; i++) {
        char where[32];
        snprintf(where, sizeof where, "page %d", i + 1);
        ok = same_from(&c, where, A->qpdf_get_page_n(c.q[0], (size_t)i),
                       A->qpdf_get_page_n(c.q[1], (size_t)i), true);
    }
    ok = ok && same_from(&c, "the catalog", A->qpdf_get_root(c.q[0]), A->qpdf_get_root(c.q[1]), false);
    ok = ok && same_from(&c, "the document information (Info)",
                         A->qpdf_oh_get_key(c.q[0], A->qpdf_get_trailer(c.q[0]), "/Info"),
                         A->qpdf_oh_get_key(c.q[1], A->qpdf_get_trailer(c.q[1]), "/Info"), false);
    for (int k = 0; k < 2; k++) {
        free(c.page_of[k].v);
        A->qpdf_cleanup(&c.q[k]);
    }
    free(c.seen.v);
    pt_buf_free(&c.path);
    dlclose(A->lib);
    return true;
}
