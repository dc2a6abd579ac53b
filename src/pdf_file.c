/* pdf_file.c - the PDF file's bytes, with object streams (see pdf_file.h).
 *
 * Approach. libharu 2.3.0 writes each object on its own ("12 0 obj ...
 * endobj") and a classic cross-reference table of 20 bytes an object, all
 * uncompressed. A tagged report is thousands of small dictionaries
 * (structure elements, outline items, annotations): in r6, 2,905 of its
 * 2,968 objects, 233 KB, with a 60 KB table. PDF 1.5 lets every object that
 * is not a stream travel inside a compressed object stream, and the table
 * become a compressed cross-reference stream. So this file walks libharu's
 * table itself and writes:
 *   the header, as libharu does (version line and a binary comment line);
 *   every stream object as "N 0 obj ... endobj", in table order;
 *   every other object in object streams of at most OBJSTM_MAX objects,
 *     compressed as tasks by both threads (work.h);
 *   the cross-reference stream, whose dictionary carries the trailer's
 *     entries (/Root /Info /ID), rows predicted with PNG "Up" and compressed;
 *   startxref and %%EOF.
 * Streams come first because libharu keeps a stream's /Length in an object
 * of its own whose value is set while the stream is written; those objects
 * sit in the object streams written afterwards. Each object's value is
 * written by libharu (HPDF_Obj_WriteValue: its escaping, its hooks) into a
 * callback stream that appends to our buffer.
 *
 * What stays outside object streams, as ISO 32000-1 7.5.7 asks: streams,
 * the object streams' own /Length (written direct), and the cross-reference
 * stream. All objects have generation 0; there is no encryption. */
#include "pdf_file.h"

#include <nettle/md5.h>

#include <string.h>

enum {
    /* Objects per object stream: a reader decompresses a whole object
     * stream to reach one of its objects, so they are kept moderate; r6's
     * file size changes by under 1% between 100 and all-in-one (README
     * "Speed"). */
    OBJSTM_MAX = 200,
    PNG_UP = 2,           /* PNG filter type byte of a row predicted from the row above */
    XREF_PREDICTOR = 12,  /* /Predictor: PNG, the filter type given per row */
};

/* How each object number is reached: offset in the file (kind 1), or its
 * object stream's number and its index there (kind 2). */
typedef struct xref_row { unsigned char kind; uint32_t a, b; } xref_row;

static HPDF_STATUS append(HPDF_Stream s, const HPDF_BYTE *p, HPDF_UINT n)
{
    pt_buf_add(s->attr, p, n);
    return HPDF_OK;
}

static bool is_stream(void *obj)
{
    const HPDF_Obj_Header *h = obj;
    return (h->obj_class & HPDF_OCLASS_ANY) == HPDF_OCLASS_DICT && ((HPDF_Dict)obj)->stream;
}

/* Bytes needed to write v big-endian (at least 1). */
static int width_of(uint32_t v)
{
    int w = 1;
    while (v >>= 8)
        w++;
    return w;
}

static void put_be(pt_buf *b, uint32_t v, int w)
{
    for (int i = w - 1; i >= 0; i--) {
        unsigned char c = (unsigned char)(v >> (8 * i));
        pt_buf_add(b, &c, 1);
    }
}

static void obj_start(pt_buf *out, uint32_t num)
{
    pt_buf_uint(out, num);
    pt_buf_puts(out, " 0 obj\n");
}

/* One object stream: its objects written out (the offsets, then the
 * values), to be compressed as a task. */
typedef struct objstm { pt_flate_task t; size_t n, first; } objstm;

/* Writes the objects ids[0..n) as the content of object stream number num
 * into *os, and records where each of them is. */
static bool fill_objstm(HPDF_Stream to, HPDF_Xref xref, const uint32_t *ids, size_t n,
                        uint32_t num, xref_row *rows, objstm *os, pt_buf *body)
{
    pt_buf *head = &os->t.in;
    body->n = 0;
    to->attr = body;
    bool ok = true;
    for (size_t i = 0; i < n && ok; i++) {
        pt_buf_uint(head, ids[i]);
        pt_buf_add(head, " ", 1);
        pt_buf_uint(head, body->n);
        pt_buf_add(head, " ", 1);
        HPDF_XrefEntry e = HPDF_Xref_GetEntry(xref, ids[i]);
        ok = HPDF_Obj_WriteValue(e->obj, to, NULL) == HPDF_OK;
        pt_buf_add(body, "\n", 1);
        rows[ids[i]] = (xref_row){ 2, num, (uint32_t)i };
    }
    os->n = n;
    os->first = head->n;
    pt_buf_add(head, body->s, body->n);
    return ok;
}

/* The cross-reference stream as object number num (the last), at out->n. */
static bool write_xref_stream(HPDF_Doc pdf, HPDF_Stream to, pt_buf *out, pt_flate *f,
                              xref_row *rows, uint32_t num, pt_buf *z)
{
    uint32_t at = (uint32_t)out->n;
    rows[num] = (xref_row){ 1, at, 0 };
    uint32_t max_a = 0, max_b = 0;
    for (uint32_t i = 0; i <= num; i++) {
        if (rows[i].a > max_a)
            max_a = rows[i].a;
        if (rows[i].b > max_b)
            max_b = rows[i].b;
    }
    int w1 = 1, w2 = width_of(max_a), w3 = width_of(max_b);
    size_t cols = (size_t)(w1 + w2 + w3);
    pt_buf raw = {0}, data = {0};     /* the rows as they are; then predicted */
    for (uint32_t i = 0; i <= num; i++) {
        put_be(&raw, rows[i].kind, w1);
        put_be(&raw, rows[i].a, w2);
        put_be(&raw, rows[i].b, w3);
    }
    const unsigned char *r = (const unsigned char *)raw.s;
    for (size_t i = 0; i <= num; i++) {
        unsigned char row[1 + 12] = {PNG_UP};   /* cols is at most 1 + 4 + 4 */
        for (size_t k = 0; k < cols; k++)
            row[1 + k] = (unsigned char)(r[i * cols + k] - (i ? r[(i - 1) * cols + k] : 0));
        pt_buf_add(&data, row, 1 + cols);
    }
    pt_buf_free(&raw);
    bool ok = pt_flate_compress(f, data.s, data.n, z);
    pt_buf_free(&data);
    if (!ok)
        return false;

    /* The trailer's entries, written by libharu, then ours. */
    HPDF_Dict t = pdf->trailer;
    HPDF_Array w = HPDF_Array_New(pdf->mmgr);
    HPDF_Dict dp = HPDF_Dict_New(pdf->mmgr);
    ok = w && dp && HPDF_Dict_Add(t, "Root", pdf->catalog) == HPDF_OK &&
         (!pdf->info || HPDF_Dict_Add(t, "Info", pdf->info) == HPDF_OK) &&
         HPDF_Dict_AddName(t, "Type", "XRef") == HPDF_OK &&
         HPDF_Dict_AddNumber(t, "Size", (HPDF_INT32)(num + 1)) == HPDF_OK &&
         HPDF_Array_AddNumber(w, w1) == HPDF_OK && HPDF_Array_AddNumber(w, w2) == HPDF_OK &&
         HPDF_Array_AddNumber(w, w3) == HPDF_OK && HPDF_Dict_Add(t, "W", w) == HPDF_OK &&
         HPDF_Dict_AddName(t, "Filter", "FlateDecode") == HPDF_OK &&
         HPDF_Dict_AddNumber(dp, "Predictor", XREF_PREDICTOR) == HPDF_OK &&
         HPDF_Dict_AddNumber(dp, "Columns", (HPDF_INT32)cols) == HPDF_OK &&
         HPDF_Dict_Add(t, "DecodeParms", dp) == HPDF_OK &&
         HPDF_Dict_AddNumber(t, "Length", (HPDF_INT32)z->n) == HPDF_OK;
    if (!ok)
        return false;
    obj_start(out, num);
    to->attr = out;
    if (HPDF_Obj_WriteValue(t, to, NULL) != HPDF_OK)
        return false;
    pt_buf_puts(out, "\nstream\r\n");
    pt_buf_add(out, z->s, z->n);
    pt_buf_printf(out, "\nendstream\nendobj\nstartxref\n%u\n%%%%EOF\n", (unsigned)at);
    return true;
}

/* The file's MD5 so far, extended by a task over bytes that stay put. */
typedef struct md5_task { struct md5_ctx c; const char *data; size_t len; } md5_task;

static void md5_run(void *arg, int who)
{
    (void)who;
    md5_task *m = arg;
    md5_update(&m->c, m->len, (const uint8_t *)m->data);
}

bool pt_pdf_file_write(pt_ctx *ctx, HPDF_Doc pdf, pt_work *w, pt_flate *const *by, pt_buf *out,
                       unsigned char md5[16])
{
    HPDF_Xref xref = pdf->xref;
    if (xref->prev || xref->start_offset != 0 || pdf->encrypt_on || pdf->pdf_version < HPDF_VER_15)
        return pt_fail(ctx, _("internal error: this PDF cannot have object streams "
                              "(an incremental or encrypted table, or a version before 1.5)"));
    uint32_t count = xref->entries->count;   /* objects 0 .. count-1; 0 is the free head */
    PT_VEC(uint32_t) streams = {0}, small = {0};
    for (uint32_t i = 1; i < count; i++) {
        if (is_stream(HPDF_Xref_GetEntry(xref, i)->obj))
            PT_PUSH(streams, i);
        else
            PT_PUSH(small, i);
    }
    size_t nstm = (small.n + OBJSTM_MAX - 1) / OBJSTM_MAX;
    uint32_t total = count + (uint32_t)nstm + 1;   /* + object streams + the xref stream */
    xref_row *rows = pt_xcalloc(total, sizeof *rows);
    rows[0] = (xref_row){ 0, 0, 65535 };           /* the head of the free list */

    static const char *const version[] = { "1.2", "1.3", "1.4", "1.5", "1.6", "1.7" };
    out->n = 0;
    pt_buf_printf(out, "%%PDF-%s\n%%\267\276\255\252\n", version[pdf->pdf_version]);
    HPDF_Stream to = HPDF_CallbackWriter_New(pdf->mmgr, append, out);
    pt_buf body = {0}, z = {0};
    bool ok = to != NULL;
    for (size_t k = 0; k < streams.n && ok; k++) {
        uint32_t i = streams.v[k];
        rows[i] = (xref_row){ 1, (uint32_t)out->n, 0 };
        obj_start(out, i);
        ok = HPDF_Obj_WriteValue(HPDF_Xref_GetEntry(xref, i)->obj, to, NULL) == HPDF_OK;
        pt_buf_puts(out, "\nendobj\n");
    }
    /* The bytes so far (the streams, 86 % of r6) are final and out is not
     * touched until pt_work_finish: the worker hashes them meanwhile. */
    md5_task hash = { .data = out->s, .len = out->n };
    md5_init(&hash.c);
    if (ok)
        pt_work_add(w, md5_run, &hash);
    /* The object streams: filled here, compressed by both threads, then
     * written in order. */
    objstm *os = pt_xcalloc(nstm ? nstm : 1, sizeof *os);
    for (size_t k = 0; k < nstm && ok; k++) {
        size_t from = k * OBJSTM_MAX, n = small.n - from < OBJSTM_MAX ? small.n - from : OBJSTM_MAX;
        os[k].t.by = by;
        ok = fill_objstm(to, xref, small.v + from, n, count + (uint32_t)k, rows, &os[k], &body);
        if (ok)
            pt_work_add(w, pt_flate_task_run, &os[k].t);
    }
    to->attr = out;
    pt_work_finish(w);
    for (size_t k = 0; k < nstm && ok; k++) {
        if (!(ok = os[k].t.ok))
            break;
        uint32_t num = count + (uint32_t)k;
        rows[num] = (xref_row){ 1, (uint32_t)out->n, 0 };
        obj_start(out, num);
        pt_buf_printf(out, "<</Type/ObjStm/N %zu/First %zu/Filter/FlateDecode/Length %zu>>\nstream\r\n",
                      os[k].n, os[k].first, os[k].t.z.n);
        pt_buf_add(out, os[k].t.z.s, os[k].t.z.n);
        pt_buf_puts(out, "\nendstream\nendobj\n");
    }
    for (size_t k = 0; k < nstm; k++) {
        pt_buf_free(&os[k].t.in);
        pt_buf_free(&os[k].t.z);
    }
    free(os);
    bool too_big = ok && out->n > UINT32_MAX;
    ok = ok && !too_big && write_xref_stream(pdf, to, out, by[0], rows, total - 1, &z);
    if (ok) {
        md5_update(&hash.c, out->n - hash.len, (const uint8_t *)out->s + hash.len);
        md5_digest(&hash.c, MD5_DIGEST_SIZE, md5);
    }
    if (to)
        HPDF_Stream_Free(to);
    pt_buf_free(&body);
    pt_buf_free(&z);
    free(streams.v);
    free(small.v);
    free(rows);
    if (too_big)
        return pt_fail(ctx, _("the PDF would exceed 4 GB"));
    if (!ok)
        return pt_fail(ctx, _("PDF writer (libharu): %s failed"), "writing the PDF");
    return true;
}
