/* base.c - context, arena, buffers, UTF-8. See base.h for the contracts. */
#include "base.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>
#include <stdlib.h>
#include <string.h>

#include <nettle/md5.h>

void pt_ctx_init(pt_ctx *ctx)
{
    memset(ctx, 0, sizeof *ctx);
    ctx->warn = stderr;
}

static bool vfail(pt_ctx *ctx, int status, const char *fmt, va_list ap)
{
    vsnprintf(ctx->err, sizeof ctx->err, fmt, ap);
    ctx->status = status;
    return false;
}

bool pt_fail(pt_ctx *ctx, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vfail(ctx, PT_EXIT_IO, fmt, ap);
    va_end(ap);
    return false;
}

bool pt_invalid(pt_ctx *ctx, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vfail(ctx, PT_EXIT_INVALID, fmt, ap);
    va_end(ap);
    return false;
}

bool pt_ctx_take_error(pt_ctx *ctx, const pt_ctx *from)
{
    memcpy(ctx->err, from->err, sizeof ctx->err);
    ctx->status = from->status;
    return false;
}

void pt_warn(pt_ctx *ctx, const char *fmt, ...)
{
    ctx->nwarn++;
    if (!ctx->warn)
        return;
    va_list ap;
    va_start(ap, fmt);
    fputs("plantype: ", ctx->warn);
    vfprintf(ctx->warn, fmt, ap);
    fputc('\n', ctx->warn);
    va_end(ap);
}

void *pt_xrealloc(void *p, size_t size)
{
    void *q = realloc(p, size ? size : 1);
    if (!q) {
        fputs("plantype: out of memory\n", stderr);
        abort();
    }
    return q;
}

void *pt_xcalloc(size_t n, size_t size)
{
    void *p = calloc(n ? n : 1, size ? size : 1);
    if (!p) {
        fputs("plantype: out of memory\n", stderr);
        abort();
    }
    return p;
}

/* ---- arena ---- */

/* Blocks of 128 KB: a block's untouched end costs nothing (its pages are
 * never faulted in) unless the heap is in huge pages (memory.c), where every
 * hole within a touched 2 MB counts; a larger block per arena made r6's heap
 * 1.3 MB larger for the same contents. An allocation of more than a quarter
 * block gets a block of its own, put behind the head so that the head's
 * free room stays in use. */
enum { ARENA_BLOCK = 128 << 10 };

typedef struct block { struct block *next; size_t used, size; max_align_t data[]; } block;
struct pt_arena { block *head; };

pt_arena *pt_arena_new(void)
{
    pt_arena *a = pt_xcalloc(1, sizeof *a);
    return a;
}

void pt_arena_free(pt_arena *a)
{
    if (!a)
        return;
    for (block *b = a->head, *next; b; b = next) {
        next = b->next;
        free(b);
    }
    free(a);
}

static block *new_block(size_t size)
{
    block *b = pt_xrealloc(NULL, sizeof *b + size);
    b->size = size;
    b->used = 0;
    b->next = NULL;
    return b;
}

void *pt_alloc(pt_arena *a, size_t size)
{
    size = (size + sizeof(max_align_t) - 1) & ~(sizeof(max_align_t) - 1);
    block *b = a->head;
    if (!b || b->size - b->used < size) {
        if (b && size > ARENA_BLOCK / 4) {
            block *own = new_block(size);
            own->next = b->next;
            b->next = own;
            b = own;
        } else {
            b = new_block(size > ARENA_BLOCK ? size : ARENA_BLOCK);
            b->next = a->head;
            a->head = b;
        }
    }
    void *p = (char *)b->data + b->used;
    b->used += size;
    memset(p, 0, size);
    return p;
}

char *pt_strndup(pt_arena *a, const char *s, size_t n)
{
    char *d = pt_alloc(a, n + 1);
    memcpy(d, s, n);
    d[n] = 0;
    return d;
}

char *pt_strdup(pt_arena *a, const char *s) { return pt_strndup(a, s, strlen(s)); }

char *pt_sprintf(pt_arena *a, const char *fmt, ...)
{
    va_list ap, ap2;
    va_start(ap, fmt);
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    char *s = pt_alloc(a, (size_t)n + 1);
    vsnprintf(s, (size_t)n + 1, fmt, ap2);
    va_end(ap2);
    return s;
}

/* ---- buffers ---- */

/* A buffer's first allocation, bytes: the many short buffers of a page
 * (operators, structure element bodies) are not grown from a few bytes by
 * repeated reallocation (64 saves most of it; 256 no more, with more memory). */
enum { PT_BUF_MIN = 64 };

void pt_buf_grow(pt_buf *b, size_t n)
{
    if (n > (SIZE_MAX / 2 - 1) - b->n) {
        fputs("plantype: out of memory\n", stderr);
        abort();
    }
    b->cap = (b->n + n + 1) * 2;
    if (b->cap < PT_BUF_MIN)
        b->cap = PT_BUF_MIN;
    b->s = pt_xrealloc(b->s, b->cap);
}

void pt_buf_uint(pt_buf *b, uint64_t v)
{
    char d[20];
    size_t n = 0;
    do
        d[sizeof d - ++n] = (char)('0' + v % 10);
    while ((v /= 10) != 0);
    pt_buf_add(b, d + sizeof d - n, n);
}

void pt_buf_printf(pt_buf *b, const char *fmt, ...)
{
    char small[256];
    va_list ap, ap2;
    va_start(ap, fmt);
    va_copy(ap2, ap);
    int n = vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    if ((size_t)n < sizeof small) {
        pt_buf_add(b, small, (size_t)n);
    } else {
        char *big = pt_xrealloc(NULL, (size_t)n + 1);
        vsnprintf(big, (size_t)n + 1, fmt, ap2);
        pt_buf_add(b, big, (size_t)n);
        free(big);
    }
    va_end(ap2);
}

void pt_buf_free(pt_buf *b)
{
    free(b->s);
    memset(b, 0, sizeof *b);
}

/* ---- UTF-8 ---- */

int pt_utf8_encode(uint32_t cp, char *o)
{
    if (cp < 0x80) { o[0] = (char)cp; return 1; }
    if (cp < 0x800) { o[0] = (char)(0xC0 | cp >> 6); o[1] = (char)(0x80 | (cp & 63)); return 2; }
    if (cp < 0x10000) {
        o[0] = (char)(0xE0 | cp >> 12); o[1] = (char)(0x80 | ((cp >> 6) & 63));
        o[2] = (char)(0x80 | (cp & 63));
        return 3;
    }
    o[0] = (char)(0xF0 | cp >> 18); o[1] = (char)(0x80 | ((cp >> 12) & 63));
    o[2] = (char)(0x80 | ((cp >> 6) & 63)); o[3] = (char)(0x80 | (cp & 63));
    return 4;
}

char *pt_utf8_prefix(pt_arena *a, const char *s, size_t n)
{
    size_t len = strlen(s), i = 0;
    for (size_t k = 0; k < n && i < len; k++)
        pt_utf8_decode(s, len, &i);
    return i < len ? pt_sprintf(a, "%.*s…", (int)i, s) : pt_strdup(a, s);
}

long pt_utf8_check(const char *s, size_t len)
{
    size_t i = 0;
    while (i < len) {
        /* ASCII (an edition's markup) eight bytes at a time */
        uint64_t w;
        while (i + 8 <= len && (memcpy(&w, s + i, 8), !(w & 0x8080808080808080ull)))
            i += 8;
        if (i >= len)
            break;
        size_t at = i;
        if (pt_utf8_decode(s, len, &i) < 0)
            return (long)at;
    }
    return -1;
}

char *pt_read_file(pt_ctx *ctx, const char *path, size_t *len)
{
    return pt_read_file_max(ctx, path, PT_MAX_FILE, len);
}

char *pt_read_file_max(pt_ctx *ctx, const char *path, size_t max, size_t *len)
{
    /* O_NONBLOCK: opening a FIFO must not wait for a writer; it is refused
     * below like every other file that is not a regular one. */
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) {
        pt_fail(ctx, _("%s: cannot open: %s"), path, strerror(errno));
        return NULL;
    }
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        close(fd);
        pt_fail(ctx, _("%s: not a regular file (plantype reads only regular files)"), path);
        return NULL;
    }
    /* Read at most max + 1 bytes: the cap holds while reading, whatever the
     * size said (a file may grow while it is read). */
    pt_buf b = {0};
    char chunk[65536];
    bool bad = false;
    while (b.n <= max) {
        size_t want = max + 1 - b.n < sizeof chunk ? max + 1 - b.n : sizeof chunk;
        ssize_t n = read(fd, chunk, want);
        if (n < 0 && (errno == EINTR || errno == EAGAIN))
            continue;
        if (n < 0)
            bad = true;
        if (n <= 0)
            break;
        pt_buf_add(&b, chunk, (size_t)n);
    }
    int err = errno;
    close(fd);
    if (bad) {
        pt_buf_free(&b);
        pt_fail(ctx, _("%s: read error: %s"), path, strerror(err));
        return NULL;
    }
    if (b.n > max) {
        pt_buf_free(&b);
        pt_invalid(ctx, _("%s: larger than %zu bytes, the limit for this file (see README: Limits)"),
                   path, max);
        return NULL;
    }
    if (!b.s)
        pt_buf_add(&b, "", 0);
    *len = b.n;
    return b.s;
}

void pt_err_prefix(pt_ctx *ctx, const char *fmt, ...)
{
    char pre[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(pre, sizeof pre, fmt, ap);
    va_end(ap);
    size_t np = strlen(pre), ne = strlen(ctx->err);
    if (np + ne + 1 > sizeof ctx->err)
        ne = sizeof ctx->err - np - 1;
    memmove(ctx->err + np, ctx->err, ne);
    memcpy(ctx->err, pre, np);
    ctx->err[np + ne] = 0;
}

char *pt_expand(pt_arena *a, const char *tmpl, const char *const *vars)
{
    pt_buf b = {0};
    for (const char *p = tmpl; *p;) {
        const char *close = *p == '{' ? strchr(p, '}') : NULL;
        const char *val = NULL;
        if (close)
            for (const char *const *v = vars; v && *v; v += 2)
                if (strlen(*v) == (size_t)(close - p - 1) && !strncmp(*v, p + 1, (size_t)(close - p - 1)))
                    val = v[1];
        if (val) {
            pt_buf_puts(&b, val);
            p = close + 1;
        } else {
            pt_buf_add(&b, p, 1);
            p++;
        }
    }
    char *s = pt_strdup(a, b.s ? b.s : "");
    pt_buf_free(&b);
    return s;
}

/* True when dir holds the data (its edition schema is readable). */
static bool holds_data(const char *dir)
{
    char path[4096 + 32];
    snprintf(path, sizeof path, "%s/input/plantype.rng", dir);
    return access(path, R_OK) == 0;
}

const char *pt_datadir(pt_ctx *ctx)
{
    char *d = ctx->datadir;
    size_t size = sizeof ctx->datadir;
    if (d[0])
        return d;
    const char *env = getenv("PLANTYPE_DATA");
    if (env && *env) {
        snprintf(d, size, "%s", env);
        return d;
    }
    char dir[sizeof ctx->datadir];   /* the program's folder, then its parents */
    ssize_t n = readlink("/proc/self/exe", dir, sizeof dir - 1);
    char *slash = n > 0 ? (dir[n] = '\0', strrchr(dir, '/')) : NULL;
    if (!slash) {
        snprintf(d, size, ".");
        return d;
    }
    *slash = '\0';
    slash = strrchr(dir, '/');     /* bin/plantype -> PREFIX/share/plantype */
    snprintf(d, size, "%.*s/share/plantype", slash ? (int)(slash - dir) : 0, dir);
    if (holds_data(d))
        return d;
    for (int up = 0; up < 4 && dir[0]; up++) {
        if (holds_data(dir)) {
            snprintf(d, size, "%s", dir);
            return d;
        }
        slash = strrchr(dir, '/');
        if (!slash)
            break;
        *slash = '\0';
    }
    return d;
}

double pt_now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

void pt_phase(const char *name, double *since)
{
    double now = pt_now();
    if (getenv("PLANTYPE_TIMES")) {
        struct rusage ru;
        getrusage(RUSAGE_SELF, &ru);
        fprintf(stderr, _("plantype: time %s: %.1f ms (page faults so far: %ld, peak memory %.1f MB)\n"),
                name, (now - *since) * 1000.0, ru.ru_minflt, ru.ru_maxrss / 1024.0);
    }
    *since = now;
}

void pt_md5(const void *data, size_t len, unsigned char d[16])
{
    struct md5_ctx c;
    md5_init(&c);
    md5_update(&c, len, (const uint8_t *)data);
    md5_digest(&c, MD5_DIGEST_SIZE, d);
}
