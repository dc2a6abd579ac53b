/* pdf_annot.c - comments as PDF annotations; see pdf_annot.h.
 *
 * libharu creates the annotation dictionary (Highlight or Square, /Rect, the
 * page's /Annots and /P); its /Contents takes only PDFDocEncoding or a font
 * encoding, so the note and the author (/T) are replaced by Unicode text
 * strings (pt_pdf_text_string), the form every reader decodes. A highlight
 * gets /QuadPoints (the one area, upper-left, upper-right, lower-left,
 * lower-right, as readers expect). /F 4 (print) lets the comment be printed
 * with the page when a reader prints comments. */
#include "pdf_annot.h"
#include "pdf_obj.h"
#include "pdf_struct.h"

#include <string.h>

static bool add_real(HPDF_Array arr, float v)
{
    return HPDF_Array_AddReal(arr, v) == HPDF_OK;
}

bool pt_pdf_annot_add(HPDF_Doc pdf, HPDF_Page page, const pt_annot *a)
{
    HPDF_Rect r = { a->x, a->y, a->x + a->w, a->y + a->h };
    HPDF_Annotation an = a->box ? HPDF_Page_CreateSquareAnnot(page, r, "", NULL)
                                : HPDF_Page_CreateHighlightAnnot(page, r, "", NULL);
    if (!an)
        return false;
    HPDF_RGBColor c = { a->color.r, a->color.g, a->color.b };
    void *note = pt_pdf_text_string(pdf, a->note);
    void *author = a->author ? pt_pdf_text_string(pdf, a->author) : NULL;
    bool ok = note && (!a->author || author)
              && HPDF_Dict_Add(an, "Contents", note) == HPDF_OK
              && (!author || HPDF_Dict_Add(an, "T", author) == HPDF_OK)
              && HPDF_Annot_SetRGBColor(an, c) == HPDF_OK
              && HPDF_Dict_AddNumber(an, "F", 4) == HPDF_OK;
    if (ok && !a->box) {
        HPDF_Array q = HPDF_Array_New(pdf->mmgr);
        ok = q && HPDF_Dict_Add(an, "QuadPoints", q) == HPDF_OK
             && add_real(q, r.left) && add_real(q, r.top) && add_real(q, r.right)
             && add_real(q, r.top) && add_real(q, r.left) && add_real(q, r.bottom)
             && add_real(q, r.right) && add_real(q, r.bottom);
    }
    return ok;
}
