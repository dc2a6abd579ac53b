/* font.h - font faces from fonts/ (FreeType for metrics, HarfBuzz for shaping and subsetting).
 * The only file that opens font files. A face is loaded once per run and shared;
 * it records which glyphs were used so that the PDF backend can subset it. */
#ifndef PT_FONT_H
#define PT_FONT_H

#include "base.h"
#include <hb.h>

typedef struct pt_font pt_font;

/* Loads a TrueType/OpenType face. NULL with ctx->err ("path: ...") on failure. */
pt_font *pt_font_load(pt_ctx *ctx, const char *path);
void pt_font_free(pt_font *f);

hb_font_t *pt_font_hb(pt_font *f);      /* borrowed; scale = upem (font units) */
hb_face_t *pt_font_face(pt_font *f);    /* borrowed */
int pt_font_upem(const pt_font *f);
const char *pt_font_path(const pt_font *f);
const char *pt_font_psname(const pt_font *f);   /* PostScript name, e.g. BIZUDGothic-Regular */
/* Family + style for messages, e.g. "BIZ UDGothic Bold". */
const char *pt_font_display_name(const pt_font *f);
bool pt_font_has_char(pt_font *f, uint32_t cp);
/* SHA-256 of the font file, 64 lower-case hex digits and a NUL, into hex
 * (the PDF records which font files it was set with). It is computed on a
 * thread started by pt_font_load; this waits for it. False with ctx->err
 * when the file could not be read. */
bool pt_font_sha256(pt_ctx *ctx, pt_font *f, char hex[65]);
/* A face over the font's file that holds only the tables a PDF's TrueType
 * font program takes (glyf, loca, head, hhea, hmtx, maxp, the hinting
 * tables, OS/2, name, post, gasp), for hb-subset: with no cmap and no layout
 * tables it neither reads the whole cmap nor adds the glyphs GSUB could
 * substitute (HarfBuzz 6.0 does both even for tables it is told to drop),
 * so it cuts the program 2-4 times as fast and to the glyphs asked for. A
 * mapping of its own; hb_face_destroy unmaps it. A font collection's face
 * comes whole (the caller drops the tables it does not want). Any thread
 * may call it. NULL with ctx->err set. */
hb_face_t *pt_font_program_face(pt_ctx *ctx, const pt_font *f);
/* Hands the pages of the font file that have been read back to the system
 * (the PDF backend calls it once the face is subset: a CJK face is 4-5 MB;
 * layout has read its cmap, GSUB and hmtx pages by then). The face stays usable: a
 * page read again comes from the file. Only works on faces HarfBuzz mapped
 * from the file; otherwise does nothing. */
void pt_font_drop_pages(pt_font *f);
/* Advance of a glyph in font units. */
int pt_font_advance(pt_font *f, uint32_t gid);

/* Metrics for the PDF font descriptor, in font units. */
typedef struct pt_font_metrics {
    int ascent, descent, cap_height, x_min, y_min, x_max, y_max, italic_angle;
    bool fixed_pitch, serif;
} pt_font_metrics;
void pt_font_metrics_get(pt_font *f, pt_font_metrics *m);

#endif
