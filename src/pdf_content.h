/* pdf_content.h - the operators of one page's content stream, written lean:
 * the graphics and text state the stream has set is tracked, so colour,
 * line width, font and size are written only when they change, and a line
 * of text is placed relative to the line before where that is exact.
 *
 * The PDF backend (out_pdf.c) decides what is drawn (which font variant,
 * which marked-content sequence); this writer only turns it into operators.
 * Marked-content operators are the caller's: it ends the text object
 * (pt_pdfc_text_end) before writing BDC or EMC between items. */
#ifndef PT_PDF_CONTENT_H
#define PT_PDF_CONTENT_H

#include "out.h"

/* The writer of one page. Numbers are kept in 1/1000 (pt, em or colour
 * unit): the precision they are written with. */
typedef struct pt_pdfc {
    pt_buf *b;                     /* the stream; the caller's */
    /* graphics state as written */
    long long fill[3], stroke[3];  /* rg, RG */
    long long line_width;          /* w */
    /* text state as written (it lasts across text objects) */
    char font[16];                 /* resource name of the Tf font; "" before the first */
    long long size;                /* Tf size */
    long long leading;             /* TL, as set by TD */
    /* the open text object */
    bool in_text;                  /* between BT and ET */
    bool have_line;                /* a line origin was set in it */
    long long ox, oy;              /* the line origin */
    double pen;                    /* the pen from the origin, 1/1000 em */
    bool in_array, in_hex;         /* inside [ ... ] TJ, inside <...> */
    size_t in_chunk;               /* glyphs since the line origin */
} pt_pdfc;

/* Starts a page writing to b, from the initial graphics state of a page
 * (black, line width 1, no font). */
void pt_pdfc_begin(pt_pdfc *c, pt_buf *b);
/* Ends what is open (the text object); call before the stream is used. */
void pt_pdfc_end(pt_pdfc *c);

/* A filled and/or stroked rectangle (fill or stroke NULL: none). */
void pt_pdfc_rect(pt_pdfc *c, double x, double y, double w, double h, const pt_rgb *fill,
                  const pt_rgb *stroke, double line_width);
/* A stroked straight line. */
void pt_pdfc_line(pt_pdfc *c, double x1, double y1, double x2, double y2, pt_rgb color,
                  double line_width);

/* Text. A run: pt_pdfc_run, then for each glyph pt_pdfc_font (when the font
 * may change) and pt_pdfc_glyph. */
/* The glyphs that follow are a new run, in a text object of its own, filled
 * with color. */
void pt_pdfc_run(pt_pdfc *c, pt_rgb color);
/* Selects font resource `name` at size (points) for the glyphs that follow. */
void pt_pdfc_font(pt_pdfc *c, const char *name, double size);
/* Shows glyph (CID) gid with its pen at (x, y) on the page; width is its
 * advance as the font's /W gives it (1/1000 em). */
void pt_pdfc_glyph(pt_pdfc *c, uint32_t gid, double x, double y, double width);
/* Ends the TJ array in progress, so that the caller may write an operator
 * of its own inside the text object (a marked-content span). */
void pt_pdfc_tj_end(pt_pdfc *c);
/* Ends the text object in progress (ET), if any. */
void pt_pdfc_text_end(pt_pdfc *c);

#endif
