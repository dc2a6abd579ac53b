/* pdf_subset.h - the embedded font programs, made as tasks beside the pages.
 *
 * A font program is cut by hb-subset to the glyphs drawn (hinting and
 * layout tables dropped), grown by the twin glyphs (pdf_twin.h) and
 * Flate-compressed. That is a quarter of the PDF backend's work and needs
 * nothing but the glyph set, which is known once the last page is recorded,
 * so the backend hands it to its worker thread (work.h) then and writes the
 * page content meanwhile.
 *
 * Compact CIDs. The program holds only its glyphs: .notdef, those drawn and
 * the components of composite ones, numbered 0, 1, 2, ... in ascending order
 * of the face's glyph id, as hb-subset numbers them, then the twins. A CID is
 * the glyph's number in the program (CIDToGIDMap /Identity), so the page
 * content, written while the program is cut, needs the numbering first:
 * pt_subset_closure gives the glyph set, and the task checks that HarfBuzz
 * numbers it the same way before it cuts (a difference is an internal error,
 * never a PDF drawing wrong glyphs). Against glyph ids retained, r6's two
 * programs no longer carry loca and hmtx entries for all ~13,950 glyphs of
 * the faces. */
#ifndef PT_PDF_SUBSET_H
#define PT_PDF_SUBSET_H

#include "base.h"
#include "font.h"
#include "pdf_flate.h"
#include "pdf_twin.h"
#include "work.h"

/* Marks in keep[0..nglyphs) what a program of face must hold besides the
 * glyphs marked: .notdef and, transitively, every component of a marked
 * composite glyph (TrueType glyf; other outlines have no components). Reads
 * the face's head, loca and glyf; a glyph whose data is cut short adds
 * nothing. */
void pt_subset_closure(hb_face_t *face, bool *keep, uint32_t nglyphs);

/* The glyphs of a program of face, ascending, as the program numbers them:
 * those marked in keep[0..nglyphs) and what pt_subset_closure adds (it
 * marks them in keep). *n of them; the array is the caller's (heap). */
uint32_t *pt_subset_glyphs(hb_face_t *face, bool *keep, uint32_t nglyphs, size_t *n);

/* One font program to make (none when no glyph is drawn), as a task
 * (work.h). The job owns gids, twins and its results (pt_subset_job_free);
 * font is borrowed and must stay unchanged until the task has run. */
typedef struct pt_subset_job {
    pt_font *font;
    uint32_t *gids;           /* the program's glyphs, ascending (heap): the
                               * face's glyph gids[i] becomes the program's
                               * glyph i, its CID; gids[0] is 0 (.notdef) */
    size_t ngids;
    pt_twin *twins;           /* twin i becomes glyph ngids + i; its gid is the
                               * program's glyph it copies (heap) */
    size_t ntwins;
    pt_flate *const *by;      /* one compressor per hand (work.h's `who`) */
    pt_work *work;            /* where the program's compression is queued */
    hb_blob_t *cut;           /* the program cut ahead to exactly these gids
                               * (pt_subset_cut), without twins, or NULL: the
                               * task cuts it (the job owns it) */
    /* Results, once pt_work_finish has returned. */
    bool ok;                  /* false: ctx says why */
    pt_ctx ctx;               /* the task's own error record */
    hb_blob_t *program;       /* the program (the job owns it) */
    size_t length;            /* its length uncompressed (the stream's /Length1) */
    pt_flate_task zt;         /* its compression, a task of its own: zt.z is the
                               * program compressed, zt.ok false when memory ran out */
} pt_subset_job;

/* A program cut ahead, as a task (work.h), from the glyphs the pages are
 * about to draw: the backend starts it before it records the pages and
 * gives the result to the job when the final glyph set is the same. */
typedef struct pt_subset_cut {
    pt_font *font;            /* borrowed */
    uint32_t *gids;           /* as pt_subset_job's (heap, owned) */
    size_t ngids;
    hb_blob_t *program;       /* result: the program without twins; NULL: ctx says why */
    pt_ctx ctx;
} pt_subset_cut;

/* A pt_task_fn: cuts c's program. */
void pt_subset_cut_run(void *c, int who);

/* Frees a cut made with pt_xcalloc, its glyphs and its program (NULL is fine). */
void pt_subset_cut_free(pt_subset_cut *c);

/* A pt_task_fn: cuts job's program and queues its compression as a task of
 * its own, ahead of the tasks waiting (so another thread may compress it
 * while this one cuts the next face). */
void pt_subset_run(void *job, int who);

/* Frees a job's glyph and twin lists and results. */
void pt_subset_job_free(pt_subset_job *job);

#endif
