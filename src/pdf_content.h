/* pdf_content.h - the operators of one page's content stream, written lean:
 * the graphics and text state the stream has set is tracked, so colour,
 * line width, font, size and character spacing are written only when they
 * change, a line of text is placed relative to the line before where that
 * is exact, and a glyph gets a TJ adjustment only where the pen would be
 * more than PT_PDFC_TOLERANCE from its place.
 *
 * The PDF backend (out_pdf.c) decides what is drawn (which font variant,
 * which marked-content sequence); this writer only turns it into operators.
 * Marked-content operators are the caller's: it ends the text object
 * (pt_pdfc_text_end) before writing BDC or EMC between items. */
#ifndef PT_PDF_CONTENT_H
#define PT_PDF_CONTENT_H

#include "out.h"

#include <math.h>

/* How far (points) a glyph may sit from the place it was given (rounded to
 * the 1/1000 pt every position is written with) before a TJ adjustment puts
 * it back: one unit of that rounding. A justified line whose spacing is
 * given once as Tc then needs no adjustment between its glyphs, although
 * the rounded positions alternate (116, 117, 116 ... thousandths of a point
 * apart); and no glyph moves by more than this from where it was placed. */
#define PT_PDFC_TOLERANCE 0.001
/* True when a pen off points from its glyph is beyond the tolerance (1e-9:
 * the noise of the double arithmetic, so that a glyph one rounding unit
 * away is within it whatever the last bits say). */
static inline bool pt_pdfc_beyond(double off)
{
    return fabs(off) > PT_PDFC_TOLERANCE + 1e-9;
}
/* Tc is kept and written in 1/PT_PDFC_TC_UNIT pt: 1/100000 pt, so that a
 * line's 60 glyphs drift by at most 0.0003 pt from where it puts them. */
#define PT_PDFC_TC_UNIT 100000

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
    long long spacing;             /* Tc, 1/PT_PDFC_TC_UNIT pt */
    /* the open text object */
    bool in_text;                  /* between BT and ET */
    bool have_line;                /* a line origin was set in it */
    long long ox, oy;              /* the line origin */
    double pen;                    /* the pen from the origin, points */
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
/* Shows glyph (CID) gid with its pen at (x, y) on the page, or within
 * PT_PDFC_TOLERANCE of x; width is its advance as the font's /W gives it
 * (1/1000 em); the pen advances by it and the character spacing. */
void pt_pdfc_glyph(pt_pdfc *c, uint32_t gid, double x, double y, double width);
/* Sets the character spacing (Tc: points added after every glyph, kept to
 * 1/100000 pt) for the glyphs that follow; written only when it changes.
 * Like the font it lasts across text objects; a page starts with 0. */
void pt_pdfc_spacing(pt_pdfc *c, double tc);
/* Ends the TJ array in progress, so that the caller may write an operator
 * of its own inside the text object (a marked-content span). */
void pt_pdfc_tj_end(pt_pdfc *c);
/* Ends the text object in progress (ET), if any. */
void pt_pdfc_text_end(pt_pdfc *c);

#endif
