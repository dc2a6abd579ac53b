/* base.h - the context (error message + warnings), the arena, growable arrays, UTF-8.
 *
 * Every stage takes a pt_ctx first. A failing call formats one message into
 * ctx->err with pt_fail() and returns false/NULL; the caller passes the failure up
 * without adding text. Nothing below main() prints an error or exits.
 * Document-lifetime memory comes from one pt_arena and is freed all at once. */
#ifndef PT_BASE_H
#define PT_BASE_H

#include <libintl.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

/* Messages in the user's language (gettext, domain "plantype"; catalog
 * po/ja.po, built into DATADIR/locale): _("text") is the translation of a
 * user-facing message, N_("text") marks a string in a table for translation
 * where it is used with _(). English, the source text, is the default. */
#define _(s) gettext(s)
#define N_(s) s

/* Exit statuses of the command line (also used by tests). */
enum { PT_EXIT_OK = 0, PT_EXIT_IO = 1, PT_EXIT_INVALID = 2 };

typedef struct pt_ctx {
    char err[2048];   /* the one error message, "file:line: what is wrong" */
    int status;       /* PT_EXIT_INVALID for bad input, PT_EXIT_IO otherwise */
    FILE *warn;       /* where warnings go (stderr by default; NULL: silent) */
    int nwarn;        /* warnings issued so far */
    char datadir[4096]; /* the data folder, found on the first pt_datadir call */
} pt_ctx;

void pt_ctx_init(pt_ctx *ctx);

/* Record an error (I/O or internal: status 1). Always returns false. */
bool pt_fail(pt_ctx *ctx, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Record an error in the input (status 2). Always returns false. */
bool pt_invalid(pt_ctx *ctx, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Makes from's error (message and status) ctx's. Always returns false. */
bool pt_ctx_take_error(pt_ctx *ctx, const pt_ctx *from);
/* Print "plantype: ..." to ctx->warn and count it. */
void pt_warn(pt_ctx *ctx, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Arena: bump allocator in large blocks. Memory is zeroed. Allocation failure
 * aborts the process (the only place that does): a typesetter that ran out of
 * memory has nothing sensible left to report. */
typedef struct pt_arena pt_arena;
pt_arena *pt_arena_new(void);
void pt_arena_free(pt_arena *a);
void *pt_alloc(pt_arena *a, size_t size);
char *pt_strdup(pt_arena *a, const char *s);
char *pt_strndup(pt_arena *a, const char *s, size_t n);
char *pt_sprintf(pt_arena *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Heap helpers for buffers that outlive no document (tests, scratch). Abort on OOM. */
void *pt_xrealloc(void *p, size_t size);
/* n zeroed elements of size bytes (at least one byte is allocated). */
void *pt_xcalloc(size_t n, size_t size);

/* Growable array of any element type, on the heap:
 *   PT_VEC(int) v = {0}; PT_PUSH(v, 3); ... free(v.v);  */
#define PT_VEC(T) struct { T *v; size_t n, cap; }
#define PT_PUSH(vec, x) do { \
        if ((vec).n == (vec).cap) { \
            (vec).cap = (vec).cap ? (vec).cap * 2 : 16; \
            (vec).v = pt_xrealloc((vec).v, (vec).cap * sizeof *(vec).v); \
        } \
        (vec).v[(vec).n++] = (x); \
    } while (0)

/* Growable byte string on the heap. */
typedef struct pt_buf { char *s; size_t n, cap; } pt_buf;
/* Makes room for n more bytes and the terminating zero (out of line: rare). */
void pt_buf_grow(pt_buf *b, size_t n);
/* Appends data[0..n) and keeps s zero-terminated. Inline: the page content
 * and the object streams append a few bytes at a time, 90,000 times for r6. */
static inline void pt_buf_add(pt_buf *b, const void *data, size_t n)
{
    if (b->cap - b->n <= n)         /* no room for n bytes and the zero */
        pt_buf_grow(b, n);
    memcpy(b->s + b->n, data, n);
    b->n += n;
    b->s[b->n] = 0;
}
static inline void pt_buf_puts(pt_buf *b, const char *s) { pt_buf_add(b, s, strlen(s)); }
/* Appends v in decimal (a fast path for the many object numbers of a PDF). */
void pt_buf_uint(pt_buf *b, uint64_t v);
void pt_buf_printf(pt_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void pt_buf_free(pt_buf *b);

/* The MD5 of data[0..len) into d (nettle): the PDF's /CheckSum of each
 * source, and --verify's check of it. */
void pt_md5(const void *data, size_t len, unsigned char d[16]);

/* v rounded to the nearest integer, halves away from zero: what llround
 * gives, for finite |v| < 2^52, without a call into libm (the PDF's content
 * rounds every glyph's position: 170,000 calls for r6). v - trunc(v) is
 * exact in that range, so the comparison with one half is too. */
static inline long long pt_round(double v)
{
    long long i = (long long)v;
    double frac = v - (double)i;
    return frac >= 0.5 ? i + 1 : frac <= -0.5 ? i - 1 : i;
}

/* UTF-8. pt_utf8_decode reads one code point at s[*i] (len bytes in all) and
 * advances *i; returns -1 (and advances by one byte) on an invalid sequence,
 * overlong form, surrogate or value above U+10FFFF. Inline: the line engine,
 * the break filter and the input checks call it for every character. */
static inline __attribute__((always_inline)) int32_t pt_utf8_decode(const char *str, size_t len,
                                                                    size_t *i)
{
    const unsigned char *s = (const unsigned char *)str;
    size_t p = *i;
    unsigned c = s[p];
    int n;
    uint32_t cp, min;
    if (c < 0x80) { *i = p + 1; return (int32_t)c; }
    /* The common case of this program's text (kana, kanji, full-width
     * forms): three bytes, checked as the general path below checks them. */
    if ((c & 0xF0) == 0xE0 && p + 2 < len && (s[p + 1] & 0xC0) == 0x80
        && (s[p + 2] & 0xC0) == 0x80) {
        cp = (c & 0x0Fu) << 12 | (s[p + 1] & 0x3Fu) << 6 | (s[p + 2] & 0x3Fu);
        if (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF)) { *i = p + 1; return -1; }
        *i = p + 3;
        return (int32_t)cp;
    }
    if ((c & 0xE0) == 0xC0)      { n = 1; cp = c & 0x1F; min = 0x80; }
    else if ((c & 0xF0) == 0xE0) { n = 2; cp = c & 0x0F; min = 0x800; }
    else if ((c & 0xF8) == 0xF0) { n = 3; cp = c & 0x07; min = 0x10000; }
    else { *i = p + 1; return -1; }
    for (int k = 1; k <= n; k++) {
        if (p + (size_t)k >= len || (s[p + k] & 0xC0) != 0x80) { *i = p + 1; return -1; }
        cp = (cp << 6) | (s[p + k] & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) { *i = p + 1; return -1; }
    *i = p + (size_t)n + 1;
    return (int32_t)cp;
}

/* Writes cp as UTF-8 into out (4 bytes room); returns the byte count. */
int pt_utf8_encode(uint32_t cp, char *out);
/* The first n characters of s in the arena, with "…" when s is longer (for
 * messages that quote a long text). */
char *pt_utf8_prefix(pt_arena *a, const char *s, size_t n);
/* Byte offset of the first invalid sequence, or -1 when s is valid UTF-8. */
long pt_utf8_check(const char *s, size_t len);

/* Limits on what is read (README: Limits). */
#define PT_MAX_FILE    ((size_t)64 << 20)   /* any file read whole: 64 MiB */
#define PT_MAX_EDITION ((size_t)16 << 20)   /* an edition: 16 MiB */
#define PT_MAX_LAYOUT  ((size_t)1 << 20)    /* a layout or a schema: 1 MiB */

/* Reads a whole regular file into a NUL-terminated heap buffer (caller frees).
 * A file that is not a regular one (device, FIFO, directory) is refused
 * (status 1) without waiting on it; one longer than max bytes is refused
 * (status 2) after reading at most max + 1 bytes. pt_read_file: max is
 * PT_MAX_FILE. */
char *pt_read_file(pt_ctx *ctx, const char *path, size_t *len);
char *pt_read_file_max(pt_ctx *ctx, const char *path, size_t max, size_t *len);



/* tmpl with every {name} placeholder replaced by its value from vars
 * ("era", "令和", "year", "6", …, NULL); unknown {…} are kept as they are.
 * The result lives in a. */
char *pt_expand(pt_arena *a, const char *tmpl, const char *const *vars);

/* Put a location in front of the recorded message, e.g. after a lower stage
 * failed: pt_err_prefix(ctx, "%s:%d: <card no=\"%s\">: ", file, line, no). */
void pt_err_prefix(pt_ctx *ctx, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* The folder holding fonts/, color/, input/plantype.rng and layouts/ (kept in ctx):
 * $PLANTYPE_DATA when set; else, found from the running program's own
 * location, PREFIX/share/plantype for an installed PREFIX/bin/plantype, or
 * the checkout for a program in its build/ folder (up to three levels down:
 * build/asan/tests/). When neither holds the data, PREFIX/share/plantype,
 * so that the failure to open a file there says where it was looked for. */
const char *pt_datadir(pt_ctx *ctx);

/* Seconds on a monotonic clock, for the phase times that $PLANTYPE_TIMES asks
 * for (see pt_phase). */
double pt_now(void);
/* When $PLANTYPE_TIMES is set, prints "plantype: time NAME: X ms" (the time
 * since *since) to stderr; sets *since to now either way. */
void pt_phase(const char *name, double *since);

#endif
