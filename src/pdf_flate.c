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

#include <libdeflate.h>

struct pt_flate {
    struct libdeflate_compressor *c;
};

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
    return out->n > 0;
}

void pt_flate_task_run(void *task, int who)
{
    pt_flate_task *t = task;
    t->ok = t->data ? pt_flate_compress(t->by[who], t->data, t->len, &t->z)
                    : pt_flate_compress(t->by[who], t->in.s, t->in.n, &t->z);
    pt_buf_free(&t->in);
}
