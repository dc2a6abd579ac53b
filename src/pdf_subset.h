/* pdf_subset.h - the embedded font programs, made as tasks beside the pages.
 *
 * A font program is cut by hb-subset to the glyphs drawn (glyph ids
 * retained, hinting and layout tables dropped), grown by the twin glyphs
 * (pdf_twin.h) and Flate-compressed. That is a quarter of the PDF backend's
 * work and needs nothing but the glyph set, which is known once the last page
 * is recorded, so the backend hands it to its worker thread (work.h) then
 * and writes the page content meanwhile. */
#ifndef PT_PDF_SUBSET_H
#define PT_PDF_SUBSET_H

#include "base.h"
#include "font.h"
#include "pdf_flate.h"
#include "pdf_twin.h"

/* One font program to make (none when no glyph is drawn), as a task
 * (work.h). The job owns gids and z (pt_subset_job_free); font and twins
 * are borrowed and must stay unchanged until the task has run. */
typedef struct pt_subset_job {
    pt_font *font;
    uint32_t *gids;           /* the glyphs drawn, ascending (heap) */
    size_t ngids;
    uint32_t nglyphs;         /* the face's glyph count: twin i becomes glyph nglyphs + i */
    const pt_twin *twins;
    size_t ntwins;
    pt_flate *const *by;      /* one compressor per hand (work.h's `who`) */
    /* Results, once the task has run. */
    bool ok;                  /* false: ctx says why */
    pt_ctx ctx;               /* the task's own error record */
    pt_buf z;                 /* the program, Flate-compressed (zlib format) */
    size_t length;            /* its length uncompressed (the stream's /Length1) */
} pt_subset_job;

/* A pt_task_fn: makes job's program. */
void pt_subset_run(void *job, int who);

/* Frees a job's glyph list and results. */
void pt_subset_job_free(pt_subset_job *job);

#endif
