/* sfnt.h - the big-endian numbers of TrueType/OpenType tables, read and
 * written in place, and a face's table as bytes (for the font program code:
 * pdf_subset.c, pdf_twin.c, and font.c's program face). Callers check
 * lengths before reading. */
#ifndef PT_SFNT_H
#define PT_SFNT_H

#include <stdbool.h>
#include <stdint.h>
#include <hb.h>

static inline unsigned pt_sfnt_get16(const unsigned char *p)
{
    return (unsigned)p[0] << 8 | p[1];
}

static inline uint32_t pt_sfnt_get32(const unsigned char *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static inline void pt_sfnt_set16(unsigned char *p, unsigned v)
{
    p[0] = (unsigned char)(v >> 8);
    p[1] = (unsigned char)v;
}

static inline void pt_sfnt_set32(unsigned char *p, uint32_t v)
{
    p[0] = (unsigned char)(v >> 24);
    p[1] = (unsigned char)(v >> 16);
    p[2] = (unsigned char)(v >> 8);
    p[3] = (unsigned char)v;
}

/* True when loca's offsets are 32-bit: head (len bytes) says
 * indexToLocFormat 1. */
static inline bool pt_sfnt_long_loca(const unsigned char *head, unsigned len)
{
    return len >= 54 && pt_sfnt_get16(head + 50) == 1;
}

/* Glyph g's offset into glyf, from loca in either format (entry g must be
 * there: the caller checks loca's length). */
static inline uint32_t pt_sfnt_loca(const unsigned char *loca, bool long_loca, uint32_t g)
{
    return long_loca ? pt_sfnt_get32(loca + 4 * g) : 2u * pt_sfnt_get16(loca + 2 * g);
}

/* Table tag of face as bytes, *len of them (0 when the face has none); *blob
 * holds them and is the caller's to destroy. */
static inline const unsigned char *pt_sfnt_table(hb_face_t *face, hb_tag_t tag,
                                                 hb_blob_t **blob, unsigned *len)
{
    *blob = hb_face_reference_table(face, tag);
    return (const unsigned char *)hb_blob_get_data(*blob, len);
}

#endif
