/* pdf_annot.h - a comment (pt_annot, out.h) as a PDF annotation on a page,
 * written through libharu: a Highlight over a line or a Square around a
 * cell, its note in /Contents as a Unicode text string, so that readers list
 * it in their comments pane. Used by out_pdf.c when the PDF is built. */
#ifndef PT_PDF_ANNOT_H
#define PT_PDF_ANNOT_H

#include "out.h"

#include <hpdf.h>

/* Adds the annotation to page. False when libharu failed (its error is in
 * the document's error record, which the caller turns into a message). */
bool pt_pdf_annot_add(HPDF_Doc pdf, HPDF_Page page, const pt_annot *a);

#endif
