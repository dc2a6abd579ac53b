/* pdf_subset.h - the embedded font programs, made on a thread of their own.
 *
 * A font program is cut by hb-subset to the glyphs drawn (glyph ids
 * retained, hinting and layout tables dropped), grown by the twin glyphs
 * (pdf_twin.h) and Flate-compressed. That is a quarter of the PDF backend's
 * work and needs nothing but the glyph set, which is known once the last page
 * is recorded, so the backend starts it then and writes the page content
 * meanwhile. */
#ifndef PT_PDF_SUBSET_H
#define PT_PDF_SUBSET_H

#include "base.h"
#include "font.h"
#include "pdf_twin.h"

/* One font program to make (none when no glyph is drawn). The job owns gids
 * and z (pt_subset_job_free); font and twins are borrowed and must stay
 * unchanged until pt_subset_wait returns. */
typedef struct pt_subset_job {
    pt_font *font;
    uint32_t *gids;           /* the glyphs drawn, ascending (heap) */
    size_t ngids;
    uint32_t nglyphs;         /* the face's glyph count: twin i becomes glyph nglyphs + i */
    const pt_twin *twins;
    size_t ntwins;
    /* Results, valid after pt_subset_wait returned true; the job owns z. */
    pt_buf z;                 /* the program, Flate-compressed (zlib format) */
    size_t length;            /* its length uncompressed (the stream's /Length1) */
} pt_subset_job;

typedef struct pt_subsetter pt_subsetter;

/* Starts making the programs of jobs[0..n), compressed at libdeflate level
 * `level`, on a thread of its own, or in line when no thread can be
 * started. Never fails: a failure is reported by pt_subset_wait. */
pt_subsetter *pt_subset_start(pt_subset_job *jobs, size_t n, int level);

/* Waits until the programs are made and frees s. False with ctx's error set
 * when one could not be made. */
bool pt_subset_wait(pt_ctx *ctx, pt_subsetter *s);

/* Frees a job's glyph list and results. */
void pt_subset_job_free(pt_subset_job *job);

#endif
