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
    SHORT_SORT = 64,    /* gaps sorted by insertion up to this many */
};

/* The step from one glyph of a run to the next, as the writer sees it. */
typedef struct step {
    double gap;         /* points: next x - (x + width x size / 1000) */
    bool new_line;      /* the next glyph is on another baseline: no gap */
} step;

/* v rounded to 1/1000: positions and sizes as the writer writes them. */
static double rounded(double v)
{
    return (double)pt_round(v * 1000.0) / 1000.0;
}

/* Fills st[0 .. n-1) with the steps between the n glyphs g at size (from
 * the rounded positions and size), returns n - 1 (0 for no glyph). */
static size_t steps_of(const pt_spaced *g, size_t n, double size, step *st)
{
    if (n == 0)
        return 0;
    size = rounded(size);
    double x = rounded(g[0].x), y = rounded(g[0].y);
    for (size_t i = 0; i + 1 < n; i++) {
        double nx = rounded(g[i + 1].x), ny = rounded(g[i + 1].y);
        st[i] = (step){nx - (x + g[i].w * size / 1000.0), ny != y};
        x = nx;
        y = ny;
    }
    return n - 1;
}

/* How many adjustments the m steps st need with spacing tc. */
static size_t numbers(const step *st, size_t m, double tc)
{
    tc = (double)pt_round(tc * PT_PDFC_TC_UNIT) / PT_PDFC_TC_UNIT;
    size_t count = 0;
    double off = 0;          /* the pen's distance from the glyph, points */
    for (size_t i = 0; i < m; i++) {
        if (st[i].new_line) {
            off = 0;         /* a new line origin, on the glyph */
            continue;
        }
        off += tc - st[i].gap;
        if (pt_pdfc_beyond(off)) {
            count++;
            off = 0;
        }
    }
    return count;
}

size_t pt_spacing_numbers(const pt_spaced *g, size_t n, double size, double tc)
{
    step *st = pt_xcalloc(n, sizeof *st);
    size_t count = numbers(st, steps_of(g, n, size, st), tc);
    free(st);
    return count;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* Sorts v[0..n) ascending: by insertion when short (a line's gaps: a few
 * dozen, most of them equal or nearly, which qsort's calls make three
 * times as costly), else qsort. */
static void sort_gaps(double *v, size_t n)
{
    if (n > SHORT_SORT) {
        qsort(v, n, sizeof *v, cmp_double);
        return;
    }
    for (size_t i = 1; i < n; i++) {
        double x = v[i];
        size_t j = i;
        for (; j > 0 && v[j - 1] > x; j--)
            v[j] = v[j - 1];
        v[j] = x;
    }
}

/* The mean of the largest group of the m steps' gaps within
 * 2 x PT_PDFC_TOLERANCE of each other (the first such group on a tie); 0
 * when there are none. */
static double dominant_gap(const step *st, size_t m)
{
    double *gaps = pt_xcalloc(m, sizeof *gaps);
    size_t k = 0;
    for (size_t i = 0; i < m; i++)
        if (!st[i].new_line)
            gaps[k++] = st[i].gap;
    sort_gaps(gaps, k);
    size_t best = 0, best_len = 0, end = 0;
    for (size_t start = 0; start < k; start++) {
        if (end < start)
            end = start;
        while (end < k && gaps[end] - gaps[start] <= 2 * PT_PDFC_TOLERANCE)
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
    step *st = pt_xcalloc(n, sizeof *st);
    size_t m = steps_of(g, n, size, st);
    double choice = current;
    size_t best = numbers(st, m, current);
    if (best == 0) {         /* nothing does better (most runs: no stretch) */
        free(st);
        return current;
    }
    double cand[3] = {current, 0, dominant_gap(st, m)};
    for (size_t i = 1; i < 3; i++) {
        size_t cost = numbers(st, m, cand[i]);
        if (pt_round(cand[i] * PT_PDFC_TC_UNIT) != pt_round(current * PT_PDFC_TC_UNIT))
            cost += CHANGE_COST;
        if (cost < best) {
            best = cost;
            choice = cand[i];
        }
    }
    free(st);
    return choice;
}
