/* pdf_read.h - reading back a PDF plantype wrote (with qpdf's C API): the
 * sources inside it, its date and font manifest, and where two PDFs differ
 * as documents. For --verify and --extract. */
#ifndef PT_PDF_READ_H
#define PT_PDF_READ_H

#include "out.h"

/* What an archived PDF carries (strings and data in the caller's arena). */
typedef struct pt_archived {
    bool has_date;
    long long created;        /* Info /CreationDate, seconds since the epoch */
    pt_source *sources;       /* the associated files of the catalog (/AF), in order */
    size_t nsources;
    const char *fonts;        /* XMP plantype:fonts ("NAME SHA256; ..."), NULL: none */
    /* The first source whose bytes disagree with its /Params /Size or
     * /CheckSum (changed after typesetting), NULL when all agree. */
    const char *bad_source;
} pt_archived;

/* Reads data[0..len), the PDF called name (for messages), into *out. False
 * with ctx->err (status 2) when it is not a PDF qpdf can read, or a source's
 * file name is not a plain file name. */
bool pt_archived_read(pt_ctx *ctx, pt_arena *a, const char *name, const char *data, size_t len,
                      pt_archived *out);

/* Reads the PDF file at path: its bytes into *data (heap, caller frees, also
 * on failure) and *len, what it carries into *out. False with ctx->err when
 * it cannot be read, and (status 2) when it carries no sources. */
bool pt_archived_load(pt_ctx *ctx, pt_arena *a, const char *path, char **data, size_t *len,
                      pt_archived *out);

/* Compares two PDFs as documents, object by object whatever their numbers
 * and compression: each page in turn, then the catalog, then the Info
 * dictionary (the trailer's /ID aside). Streams are compared decoded. Sets
 * *diff to a description of the first difference found ("page 5: /Contents:
 * the stream's data differs"), or leaves it empty when the documents are the
 * same. False with ctx->err when one cannot be read. */
bool pt_pdf_compare(pt_ctx *ctx, const char *a, size_t alen, const char *b, size_t blen,
                    pt_buf *diff);

#endif
