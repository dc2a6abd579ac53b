/* pdf_twin.h - twin glyphs: wider copies of glyphs, so that readers extract
 * no space where the layout leaves a gap between two characters.
 *
 * Readers guess word spaces from gaps: poppler and pdf.js insert one where a
 * glyph starts more than about 0.1 em after the previous glyph's /W width
 * ends, MuPDF up to 1.24 where it starts 0.15 em after the advance in the
 * embedded font program. The engine's wa-o glue (1/4 em), the aki after
 * half-width yakumono and large justification stretch are such gaps, and
 * none of them is a space of the text. A twin is a composite glyph that
 * draws the original glyph unchanged but advances by `extra` more, both in
 * the font program (hmtx) and in /W: drawn before a gap, it closes the gap
 * for every reader, and the page looks exactly the same. */
#ifndef PT_PDF_TWIN_H
#define PT_PDF_TWIN_H

#include "base.h"
#include <hb.h>

enum {
    /* Largest gap (1/1000 em) after a glyph that no reader takes for a space:
     * below poppler's 0.1 em and pdf.js's 0.102 em, with a margin. */
    PT_TWIN_GAP_MAX = 90,
    /* Twins widen by multiples of this (1/1000 em): a quarter em, exactly 512
     * units of a 2048-unit em, so hmtx and /W agree; the remainder a TJ
     * offset still moves lies in (-0.16, +0.09] em, which no reader splits. */
    PT_TWIN_STEP = 250,
};

/* A twin: glyph gid drawn with extra/1000 em more advance (gid is the face's
 * glyph id while the pages are recorded, the program's in pt_twin_program). */
typedef struct pt_twin { uint32_t gid; uint32_t extra; } pt_twin;

/* The extra advance (1/1000 em, a multiple of PT_TWIN_STEP) of the twin to
 * draw for a glyph followed by a gap of `gap` 1/1000 em; 0 when the gap needs
 * none. */
uint32_t pt_twin_extra(double gap);

/* True when the face's outlines are TrueType (glyf/loca), the only kind twins
 * can be added to; with other faces the gaps stay as they are. */
bool pt_twin_supported(hb_face_t *face);

/* The font program `program` of N glyphs grown by n: glyph N + i is the twin
 * twins[i], whose gid is a glyph of the program. loca is written in the long
 * format, hmtx with a full metric per glyph, post without glyph names; maxp
 * and hhea follow. Returns a new blob (caller destroys; program stays the
 * caller's) or NULL with ctx->err set. name is the font's, for messages. */
hb_blob_t *pt_twin_program(pt_ctx *ctx, hb_blob_t *program, const char *name,
                           const pt_twin *twins, size_t n);

#endif
