/* pdf_flate.h - Flate compression of PDF streams (zlib format) with libdeflate. */
#ifndef PT_PDF_FLATE_H
#define PT_PDF_FLATE_H

#include "base.h"
#include "work.h"

/* libdeflate's level for every stream (pages, object streams, font programs,
 * ToUnicode, the sources), chosen by measurement on input/r6.xml (README
 * "Speed"): the whole file is 385,299 bytes at level 4, 374,994 at 5,
 * 371,727 at 6 and 370,521 at 7; level 5 saved 0.4 ms of a 24.5 ms run
 * (31 interleaved runs), level 12 takes four times the whole run. */
enum { PT_FLATE_LEVEL = 6 };

typedef struct pt_flate pt_flate;

/* Once per process, before the first compressor: libdeflate's tables are
 * mapped apart from the heap (see pdf_flate.c). */
void pt_flate_setup(void);

/* A compressor at the given libdeflate level (1..12), kept for the whole
 * document (its tables are allocated once). NULL when out of memory. */
pt_flate *pt_flate_new(int level);
void pt_flate_free(pt_flate *f);

/* Compresses data[0..len) in zlib format (what /FlateDecode reads) into
 * *out, replacing its contents. False only when out of memory. */
bool pt_flate_compress(pt_flate *f, const void *data, size_t len, pt_buf *out);

/* A compression to run as a task (work.h), by whichever thread takes it. */
typedef struct pt_flate_task {
    pt_flate *const *by;  /* one compressor per hand (work.h's `who`) */
    pt_buf in;            /* the data; freed once compressed */
    const void *data;     /* or, when set, data[0..len) borrowed instead of in */
    size_t len;
    pt_buf z;             /* the result, zlib format (the task's owner frees it) */
    bool ok;              /* false: out of memory */
} pt_flate_task;

/* A pt_task_fn: compresses task->data (when set) or task->in into task->z
 * with task->by[who], then frees task->in. */
void pt_flate_task_run(void *task, int who);

#endif
