/* pdf_obj.h - PDF objects libharu 2.3.0 cannot make by itself, shared by the
 * PDF writers (out_pdf.c, pdf_archive.c): streams we compress ourselves,
 * text strings beyond ASCII, UTF-16 code units.
 *
 * These use libharu's exported internals (<hpdf.h> without HPDF_SHARED, see
 * the opening comment of out_pdf.c); only the PDF writers include this file. */
#ifndef PT_PDF_OBJ_H
#define PT_PDF_OBJ_H

#include "base.h"
#include "pdf_flate.h"

#include <hpdf.h>

typedef PT_VEC(uint16_t) pt_u16_vec;

/* Appends the UTF-16 code units of UTF-8 s[0..len) to *u (invalid sequences
 * become U+FFFD, non-BMP characters surrogate pairs). */
void pt_pdf_utf16(pt_u16_vec *u, const char *s, size_t len);

/* A PDF text string object for UTF-8 s: itself when printable ASCII, else
 * UTF-16BE with a byte-order mark, written as a hex string (HPDF_Binary, as
 * libharu's own strings stop at the first zero byte). Not in the xref: add it
 * to one container. NULL on failure (libharu's error record says why). */
void *pt_pdf_text_string(HPDF_Doc pdf, const char *s);

/* Writes data[0..len) as the content of stream object s, which libharu then
 * writes as it is: compressed by f (its bytes go through *scratch) and named
 * /FlateDecode, or stored as it is when f is NULL. False on failure (the
 * error is in libharu's record, or memory ran out). */
bool pt_pdf_stream_put(HPDF_Dict s, pt_flate *f, const void *data, size_t len, pt_buf *scratch);

/* Makes z[0..zlen), data already compressed in zlib format, the content of
 * stream object s, named /FlateDecode, without copying: z itself is read
 * when the file is written, so it must stay unchanged until then (the
 * large streams: pages, font programs, sources; libharu's own stream would
 * copy them twice, a byte at a time). False on failure. */
bool pt_pdf_stream_lend_flated(HPDF_Dict s, const void *z, size_t zlen);

/* A new stream object in the xref holding data compressed by f (the
 * caller's compressor, pdf_flate.h), or stored as it is when f is NULL. For
 * the few one-off streams; NULL on failure. */
HPDF_Dict pt_pdf_stream(HPDF_Doc pdf, const void *data, size_t len, pt_flate *f);

#endif
