/* pdf_file.h - the PDF file's bytes: libharu's objects written with object
 * streams and a cross-reference stream (PDF 1.5 and later; PDF/A-2 and -3
 * allow both).
 *
 * Uses libharu's exported internals (<hpdf.h> without HPDF_SHARED); only the
 * PDF writers include this file. */
#ifndef PT_PDF_FILE_H
#define PT_PDF_FILE_H

#include "base.h"
#include "pdf_flate.h"
#include "work.h"

#include <hpdf.h>

/* Writes every object of pdf's cross-reference table, and the trailer's
 * entries (/Root and /Info are added here, /ID is taken as it is), as a whole
 * PDF file into *out (replacing its contents): stream objects as they are,
 * all other objects in object streams, compressed as tasks of w (by[who],
 * work.h), and a compressed cross-reference stream. The document's version must be 1.5 or later.
 * md5 gets the MD5 of the bytes written (the streams' part hashed as a task
 * while the object streams are made). Deterministic: the same objects give
 * the same bytes. False on failure (ctx says why). */
bool pt_pdf_file_write(pt_ctx *ctx, HPDF_Doc pdf, pt_work *w, pt_flate *const *by, pt_buf *out,
                       unsigned char md5[16]);

#endif
