/* pdf_archive.h - what makes plantype's PDF an archival PDF/A file, for the
 * PDF backend (out_pdf.c): CIDSet of the subset fonts, the XMP metadata, the
 * sRGB output intent, the sources as PDF/A-3 associated files, the /ID.
 *
 * Part and conformance: with sources the file is PDF/A-3 (only part 3 allows
 * embedded files of any kind), without them PDF/A-2 (the same rules, based on
 * PDF 1.7, without embedded files); conformance level A (accessible: tagged,
 * with Unicode text and a language) when the document carries its structure
 * tree, and then PDF/UA-1 too; level B (the appearance is fixed) when not.
 * Uses libharu's exported internals (see out_pdf.c); only the PDF writers
 * include this. */
#ifndef PT_PDF_ARCHIVE_H
#define PT_PDF_ARCHIVE_H

#include "out.h"
#include "pdf_flate.h"

#include <hpdf.h>

/* The XMP namespace of plantype's own entries (the font manifest); a URI
 * in the reserved .invalid domain, as plantype owns no domain name. */
#define PT_XMP_NS "http://ns.plantype.invalid/archive/1.0/"

/* Adds /CIDSet to the descriptor of a subset CIDFont whose CIDs are the
 * glyphs of its program, 0 to n - 1 (n >= 1, .notdef included): a stream
 * with one bit per CID, high bit first, the first n set, compressed by f.
 * False when libharu failed (its error record says why). */
bool pt_pdfa_cidset(HPDF_Doc pdf, HPDF_Dict descriptor, size_t n, pt_flate *f);

/* One source made ready ahead of the file, as a task (work.h): its bytes
 * compressed (zlib format) and their MD5, the embedded file's /CheckSum.
 * The backend queues it as soon as it is given the sources, so that it runs
 * beside the layout. z.data/z.len are the source's bytes (borrowed). */
typedef struct pt_source_task {
    pt_flate_task z;               /* the compression; z.z the result */
    unsigned char md5[16];         /* the MD5 of the uncompressed bytes */
} pt_source_task;

/* A pt_task_fn: compresses and digests one source. */
void pt_source_task_run(void *task, int who);

/* Adds the document-wide parts, once every page, font and the Info
 * dictionary are written: the XMP metadata (title, author, subject, creator
 * tool, producer and dates equal to the Info entries; the PDF/A part and
 * conformance, A and PDF/UA-1 when tagged; the names and SHA-256 of
 * fonts[0..nfonts)); the sRGB output
 * intent; each of info->sources as an associated file of the catalog
 * (/AF, /Names /EmbeddedFiles); an /ID placeholder that pt_pdfa_set_id fills
 * in; PDF version 1.7. The profile is compressed by f (the backend's
 * compressor: one made per stream would cost more than the compressing);
 * made[i] is info->sources[i] made ready (pt_source_task, run); its bytes
 * are lent to the file (pt_pdf_stream_lend_flated), so keep them until the
 * file is written.
 * False with ctx->err set. */
bool pt_pdfa_document(pt_ctx *ctx, HPDF_Doc pdf, const pt_doc_info *info, bool tagged,
                      pt_font *const *fonts, size_t nfonts, pt_flate *f,
                      const pt_source_task *made);

/* Fills in the /ID placeholder of the finished file bytes[0..len): both
 * halves become md5, the MD5 of the file as written with the placeholder
 * (pt_pdf_file_write computes it), so the identifier follows from the content
 * alone. False with ctx->err set when the placeholder is not found. */
bool pt_pdfa_set_id(pt_ctx *ctx, char *bytes, size_t len, const unsigned char md5[16]);

#endif
