/* report_fit.h - fitting text to a height: the search the cards and the
 * 【施策体系】 figure share (report_fit.c). */
#ifndef PT_REPORT_FIT_H
#define PT_REPORT_FIT_H

#include <stdbool.h>

/* What is fitted, through three calls on u: set the text at a size (false
 * with ctx->err on failure), set its line spacing (no re-setting: breaks do
 * not depend on it), and measure the height it takes. */
typedef struct pt_fit_ops {
    bool (*set_size)(void *u, double size);
    void (*set_leading)(void *u, double leading);
    double (*height)(void *u);
} pt_fit_ops;

/* The text is set at size and leading. Finds, when it is taller than avail,
 * first the largest line spacing on the grid leading, leading - 0.01, … down
 * to min_leading, then (only when none fits) the largest size on the grid
 * size, size - 0.25, … down to min_size, with the largest spacing that fits
 * at it. Both searches bisect (heights grow with size and spacing), so the
 * text is set O(log steps) times. Returns 1 and *s, *l with the text left set
 * at them when it fits; 0 when nothing fits, the text left at size and
 * leading; -1 when set_size failed. */
int pt_fit(const pt_fit_ops *ops, void *u, double size, double leading, double min_size,
           double min_leading, double avail, double *s, double *l);

#endif
