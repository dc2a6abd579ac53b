/* pdf_struct.h - the logical structure of a tagged PDF (PDF/UA-1): the
 * structure tree, marked-content ids, the parent tree, link annotations as
 * Link elements, and the catalog entries that say the file is tagged.
 *
 * The PDF backend (out_pdf.c) hands over the element tree (out.h), asks for
 * an MCID whenever it opens a marked-content sequence for an element on a
 * page, registers each link annotation with its element, and when every page
 * is written calls pt_pdfs_write, which creates all the objects at once. */
#ifndef PT_PDF_STRUCT_H
#define PT_PDF_STRUCT_H

#include "out.h"

#include <hpdf.h>

typedef struct pt_pdfs pt_pdfs;

/* A copy of the tree e[0..n) (e[0] the Document). NULL with ctx->err when
 * the tree is not one: an element other than the Document that is nobody's
 * child, or a child listed twice, or an index out of range. */
pt_pdfs *pt_pdfs_new(pt_ctx *ctx, const pt_struct_elem *e, size_t n);
void pt_pdfs_free(pt_pdfs *s);

/* The tag of element elem's marked content ("P", "TD" ...). */
const char *pt_pdfs_tag(const pt_pdfs *s, int elem);
/* The next MCID on page (0-based) for content of element elem, or -1 with
 * ctx->err when elem is no element or the page has too many (32,767). */
int pt_pdfs_mcid(pt_pdfs *s, pt_ctx *ctx, size_t page, int elem);
/* Registers link annotation a on page as part of element elem (a Link): it
 * gets /StructParent and /Contents (the element's alt), the element an OBJR. */
void pt_pdfs_annot(pt_pdfs *s, size_t page, int elem, HPDF_Dict a);

/* Writes the tree: StructTreeRoot, one StructElem per element (/K with MCIDs
 * on its own page, MCRs on others, OBJRs, child elements), the ParentTree,
 * each page's /StructParents and /Tabs /S, the annotations' keys and the
 * catalog's /MarkInfo. pages[i] is page i. False with ctx->err. */
bool pt_pdfs_write(pt_pdfs *s, pt_ctx *ctx, HPDF_Doc pdf, const HPDF_Page *pages, size_t npages);

#endif
