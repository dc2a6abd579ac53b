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
#include "work.h"

/* One font program to make (none when no glyph is drawn), as a task
 * (work.h). The job owns gids and its results (pt_subset_job_free); font and
 * twins are borrowed and must stay unchanged until the task has run. */
typedef struct pt_subset_job {
    pt_font *font;
    uint32_t *gids;           /* the glyphs drawn, ascending (heap) */
    size_t ngids;
    uint32_t nglyphs;         /* the face's glyph count: twin i becomes glyph nglyphs + i */
    const pt_twin *twins;
    size_t ntwins;
    pt_flate *const *by;      /* one compressor per hand (work.h's `who`) */
    pt_work *work;            /* where the program's compression is queued */
    /* Results, once pt_work_finish has returned. */
    bool ok;                  /* false: ctx says why */
    pt_ctx ctx;               /* the task's own error record */
    hb_blob_t *program;       /* the program (the job owns it) */
    size_t length;            /* its length uncompressed (the stream's /Length1) */
    pt_flate_task zt;         /* its compression, a task of its own: zt.z is the
                               * program compressed, zt.ok false when memory ran out */
} pt_subset_job;

/* A pt_task_fn: cuts job's program and queues its compression as a task of
 * its own, ahead of the tasks waiting (so another thread may compress it
 * while this one cuts the next face). */
void pt_subset_run(void *job, int who);

/* Frees a job's glyph list and results. */
void pt_subset_job_free(pt_subset_job *job);

#endif
