/* pdf_spacing.c - the character spacing a glyph run is written with
 * (pdf_spacing.h).
 *
 * Approach. The gaps of a run are measured as the content writer will see
 * them: between consecutive glyphs on the same baseline, from the positions
 * rounded to the 1/1000 pt the writer uses, gap = next x - (x + width x
 * size / 1000). In a justified line most gaps are the line's stretch, give
 * or take that rounding (r6: 0.116 and 0.117 pt alternating); the others
 * are wa-o spaces, yakumono aki, twins, a glyph without stretch before a
 * closing bracket. The dominant gap is found as the window of width
 * 2 x PT_PDFC_TOLERANCE (what the rounding can spread one true gap over)
 * holding the most gaps, and taken as their mean, which telescopes to the
 * distance between the first and last of them: the pen then drifts from
 * the rounded positions by no more than their rounding.
 *
 * Three spacings are tried: the one in effect (no Tc operator), 0 and the
 * dominant gap. Each is scored by the number of TJ adjustments the writer
 * would make with it (pt_spacing_numbers follows the writer's rule), a
 * change of spacing counting as one adjustment more (a "0.11632 Tc" costs
 * about the bytes of one adjustment, "-12.2" plus the hex string it
 * splits). The fewest wins; on a tie the spacing in effect, then 0, so a
 * run whose glyphs sit at their widths (headings, table cells, ragged
 * lines) never gets a spacing of its own: a non-zero Tc appears only where
 * it saves adjustments. Measured on r6 (SOURCE_DATE_EPOCH=1): see the
 * README's "File size". */
#include "pdf_spacing.h"

#include "base.h"
#include "pdf_content.h"

#include <math.h>
#include <stdlib.h>

enum {
    CHANGE_COST = 1,    /* a Tc operator, counted in adjustments */
};

/* v rounded to 1/1000: positions and sizes as the writer writes them. */
static double rounded(double v)
{
    return (double)llround(v * 1000.0) / 1000.0;
}

/* True when glyphs a and b are on the same baseline as written. */
static bool same_line(const pt_spaced *a, const pt_spaced *b)
{
    return llround(a->y * 1000.0) == llround(b->y * 1000.0);
}

/* The gap (points) after glyph g[i], the one before g[i + 1] on its line. */
static double gap_after(const pt_spaced *g, size_t i, double size)
{
    return rounded(g[i + 1].x) - (rounded(g[i].x) + g[i].w * size / 1000.0);
}

size_t pt_spacing_numbers(const pt_spaced *g, size_t n, double size, double tc)
{
    size = rounded(size);
    tc = (double)llround(tc * PT_PDFC_TC_UNIT) / PT_PDFC_TC_UNIT;
    size_t count = 0;
    double off = 0;          /* the pen's distance from the glyph, points */
    for (size_t i = 0; i + 1 < n; i++) {
        if (!same_line(&g[i], &g[i + 1])) {
            off = 0;         /* a new line origin, on the glyph */
            continue;
        }
        off += tc - gap_after(g, i, size);
        if (pt_pdfc_beyond(off)) {
            count++;
            off = 0;
        }
    }
    return count;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* The mean of the largest group of gaps within 2 x PT_PDFC_TOLERANCE of
 * each other (the first such group on a tie); 0 when there are none. */
static double dominant_gap(const pt_spaced *g, size_t n, double size)
{
    double *gaps = pt_xcalloc(n, sizeof *gaps);
    size_t m = 0;
    for (size_t i = 0; i + 1 < n; i++)
        if (same_line(&g[i], &g[i + 1]))
            gaps[m++] = gap_after(g, i, size);
    qsort(gaps, m, sizeof *gaps, cmp_double);
    size_t best = 0, best_len = 0, end = 0;
    for (size_t start = 0; start < m; start++) {
        if (end < start)
            end = start;
        while (end < m && gaps[end] - gaps[start] <= 2 * PT_PDFC_TOLERANCE)
            end++;
        if (end - start > best_len) {
            best = start;
            best_len = end - start;
        }
    }
    double sum = 0;
    for (size_t i = best; i < best + best_len; i++)
        sum += gaps[i];
    free(gaps);
    return best_len ? sum / (double)best_len : 0;
}

double pt_spacing_choose(const pt_spaced *g, size_t n, double size, double current)
{
    double cand[3] = {current, 0, dominant_gap(g, n, rounded(size))};
    double choice = current;
    size_t best = SIZE_MAX;
    for (size_t i = 0; i < 3; i++) {
        size_t cost = pt_spacing_numbers(g, n, size, cand[i]);
        if (llround(cand[i] * PT_PDFC_TC_UNIT) != llround(current * PT_PDFC_TC_UNIT))
            cost += CHANGE_COST;
        if (cost < best) {
            best = cost;
            choice = cand[i];
        }
    }
    return choice;
}
