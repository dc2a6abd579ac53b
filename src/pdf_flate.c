/* pdf_flate.c - Flate compression of PDF streams with libdeflate.
 *
 * Approach. libdeflate compresses a whole buffer in one call and is several
 * times faster than zlib's streaming deflate at the same ratio, so the PDF
 * backend compresses each stream itself, in memory, before libharu writes it
 * (libharu's own pass would run zlib at its default level). One compressor
 * serves the document; the output buffer is sized by libdeflate's bound, so
 * compression cannot run out of room. */
#include "pdf_flate.h"

#include <stdlib.h>
#include <sys/mman.h>

#include <libdeflate.h>

struct pt_flate {
    struct libdeflate_compressor *c;
};

/* libdeflate 1.14's compressor is 1.3 MB at every level, of which level 6
 * touches about a fifth: mapped apart from the heap, its untouched pages never
 * become memory, even where the heap is in huge pages (memory.c). The size
 * is kept in front of the block for munmap. */
static void *map_alloc(size_t n)
{
    size_t len = n + sizeof(max_align_t);
    void *p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED)
        return NULL;
    *(size_t *)p = len;
    return (char *)p + sizeof(max_align_t);
}

static void map_free(void *p)
{
    if (!p)
        return;
    char *base = (char *)p - sizeof(max_align_t);
    munmap(base, *(size_t *)base);
}

void pt_flate_setup(void)
{
    libdeflate_set_memory_allocator(map_alloc, map_free);
}

pt_flate *pt_flate_new(int level)
{
    struct libdeflate_compressor *c = libdeflate_alloc_compressor(level);
    if (!c)
        return NULL;
    pt_flate *f = pt_xcalloc(1, sizeof *f);
    f->c = c;
    return f;
}

void pt_flate_free(pt_flate *f)
{
    if (!f)
        return;
    libdeflate_free_compressor(f->c);
    free(f);
}

bool pt_flate_compress(pt_flate *f, const void *data, size_t len, pt_buf *out)
{
    size_t bound = libdeflate_zlib_compress_bound(f->c, len);
    if (out->cap < bound) {
        out->s = pt_xrealloc(out->s, bound);
        out->cap = bound;
    }
    out->n = libdeflate_zlib_compress(f->c, data, len, out->s, out->cap);
    if (out->n > 0 && out->cap - out->n > 4096) {   /* the bound's unused end back to the heap */
        out->s = pt_xrealloc(out->s, out->n + 1);
        out->cap = out->n + 1;
    }
    return out->n > 0;
}

void pt_flate_task_run(void *task, int who)
{
    pt_flate_task *t = task;
    t->ok = t->data ? pt_flate_compress(t->by[who], t->data, t->len, &t->z)
                    : pt_flate_compress(t->by[who], t->in.s, t->in.n, &t->z);
    pt_buf_free(&t->in);
}
