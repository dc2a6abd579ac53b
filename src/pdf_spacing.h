/* pdf_spacing.h - the character spacing (Tc) a glyph run is written with.
 *
 * Justification spreads a line's slack evenly between its characters, so a
 * justified line's glyphs all sit the same small distance further apart
 * than their widths. Given once as Tc, that distance needs no TJ adjustment
 * between the glyphs (pdf_content.h writes one only where the pen is more
 * than PT_PDFC_TOLERANCE off). This chooses a run's spacing from the run's
 * own glyph positions; the content writer then writes it. */
#ifndef PT_PDF_SPACING_H
#define PT_PDF_SPACING_H

#include <stddef.h>

/* One glyph of a run as it goes to pt_pdfc_glyph: its pen position on the
 * page (points) and its /W width (1/1000 em). */
typedef struct pt_spaced {
    double x, y;
    double w;
} pt_spaced;

/* The spacing (points) to write the n glyphs g at size (points) with, when
 * current is the spacing in effect: whichever of current, the run's
 * dominant gap and 0 makes the fewest TJ adjustments, counting a change of
 * spacing as one more (current wins a tie, then the gap). Cannot fail. */
double pt_spacing_choose(const pt_spaced *g, size_t n, double size, double current);

/* How many TJ adjustments the content writer makes for the n glyphs g at
 * size with spacing tc: its rule, on the positions rounded as it rounds
 * them, with the pen taken as back on its glyph after an adjustment (the
 * writer leaves it within half the tolerance). Exposed for the tests. */
size_t pt_spacing_numbers(const pt_spaced *g, size_t n, double size, double tc);

#endif
