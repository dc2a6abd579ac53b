/* pdf_obj.c - streams and text strings for the PDF writers (see pdf_obj.h).
 *
 * Streams. libharu would compress a stream with zlib's default level when the
 * document's compression mode asks for it; we compress every stream ourselves
 * with libdeflate (pdf_flate.h) at the level the caller chooses, and tell
 * libharu's writer to name the filter (it drops a /Filter entry from a stream
 * whose own filter flag is off). */
#include "pdf_obj.h"

#include <stdlib.h>
#include <string.h>

void pt_pdf_utf16(pt_u16_vec *u, const char *s, size_t len)
{
    for (size_t i = 0; i < len;) {
        int32_t cp = pt_utf8_decode(s, len, &i);
        uint32_t c = cp < 0 ? 0xFFFD : (uint32_t)cp;
        if (c >= 0x10000) {
            c -= 0x10000;
            PT_PUSH(*u, (uint16_t)(0xD800 + (c >> 10)));
            PT_PUSH(*u, (uint16_t)(0xDC00 + (c & 0x3FF)));
        } else {
            PT_PUSH(*u, (uint16_t)c);
        }
    }
}

void *pt_pdf_text_string(HPDF_Doc pdf, const char *s)
{
    bool ascii = true;
    for (const char *c = s; *c; c++)
        if ((unsigned char)*c < 0x20 || (unsigned char)*c > 0x7E)
            ascii = false;
    if (ascii)
        return HPDF_String_New(pdf->mmgr, s, NULL);
    pt_u16_vec u = {0};
    PT_PUSH(u, 0xFEFF);
    pt_pdf_utf16(&u, s, strlen(s));
    HPDF_BYTE *bytes = pt_xrealloc(NULL, 2 * u.n);
    for (size_t i = 0; i < u.n; i++) {
        bytes[2 * i] = (HPDF_BYTE)(u.v[i] >> 8);
        bytes[2 * i + 1] = (HPDF_BYTE)(u.v[i] & 0xFF);
    }
    HPDF_Binary bin = HPDF_Binary_New(pdf->mmgr, bytes, (HPDF_UINT)(2 * u.n));
    free(bytes);
    free(u.v);
    return bin;
}

/* libharu's dictionary writer calls this just before ">>". */
static HPDF_STATUS write_flate_name(HPDF_Dict d, HPDF_Stream out)
{
    (void)d;
    return HPDF_Stream_WriteStr(out, "/Filter /FlateDecode\012");
}

/* Writes z[0..zlen), already compressed, into s's own (copying) stream. */
static bool put_flated(HPDF_Dict s, const void *z, size_t zlen)
{
    s->filter = HPDF_STREAM_FILTER_NONE;
    s->write_fn = write_flate_name;
    return HPDF_Stream_Write(s->stream, z, (HPDF_UINT)zlen) == HPDF_OK;
}

/* A stream that reads the caller's bytes (pt_pdf_stream_lend_flated): a
 * libharu callback stream whose attr is a lent. */
typedef struct lent { const HPDF_BYTE *p; size_t n, at; } lent;

static HPDF_STATUS lent_read(HPDF_Stream st, HPDF_BYTE *to, HPDF_UINT *size)
{
    lent *l = st->attr;
    size_t k = l->n - l->at < *size ? l->n - l->at : *size;
    memcpy(to, l->p + l->at, k);
    l->at += k;
    *size = (HPDF_UINT)k;
    return l->at == l->n ? HPDF_STREAM_EOF : HPDF_OK;
}

static HPDF_STATUS lent_seek(HPDF_Stream st, HPDF_INT pos, HPDF_WhenceMode mode)
{
    lent *l = st->attr;
    long long at = mode == HPDF_SEEK_SET ? pos : mode == HPDF_SEEK_CUR ? (long long)l->at + pos
                                                                          : (long long)l->n + pos;
    if (at < 0 || at > (long long)l->n)
        return HPDF_SetError(st->error, HPDF_STREAM_EOF, 0);
    l->at = (size_t)at;
    return HPDF_OK;
}

static HPDF_INT32 lent_tell(HPDF_Stream st) { return (HPDF_INT32)((lent *)st->attr)->at; }
static HPDF_UINT32 lent_size(HPDF_Stream st) { return (HPDF_UINT32)((lent *)st->attr)->n; }
static void lent_free(HPDF_Stream st) { HPDF_FreeMem(st->mmgr, st->attr); }

bool pt_pdf_stream_lend_flated(HPDF_Dict s, const void *z, size_t zlen)
{
    if (zlen > 0x7FFFFFFF)
        return false;
    lent *l = HPDF_GetMem(s->mmgr, sizeof *l);
    HPDF_Stream st = l ? HPDF_CallbackReader_New(s->mmgr, lent_read, lent_seek, lent_tell,
                                                 lent_size, l)
                       : NULL;
    if (!st) {
        if (l)
            HPDF_FreeMem(s->mmgr, l);
        return false;
    }
    *l = (lent){z, zlen, 0};
    st->free_fn = lent_free;
    HPDF_Stream_Free(s->stream);        /* the empty one HPDF_DictStream_New made */
    s->stream = st;
    s->filter = HPDF_STREAM_FILTER_NONE;
    s->write_fn = write_flate_name;
    return true;
}

bool pt_pdf_stream_put(HPDF_Dict s, pt_flate *f, const void *data, size_t len, pt_buf *scratch)
{
    s->filter = HPDF_STREAM_FILTER_NONE;
    if (!f)
        return HPDF_Stream_Write(s->stream, data, (HPDF_UINT)len) == HPDF_OK;
    return pt_flate_compress(f, data, len, scratch) &&
           put_flated(s, scratch->s, scratch->n);
}

HPDF_Dict pt_pdf_stream(HPDF_Doc pdf, const void *data, size_t len, pt_flate *f)
{
    HPDF_Dict s = HPDF_DictStream_New(pdf->mmgr, pdf->xref);
    if (!s)
        return NULL;
    pt_buf scratch = {0};
    bool ok = pt_pdf_stream_put(s, f, data, len, &scratch);
    pt_buf_free(&scratch);
    return ok ? s : NULL;
}
