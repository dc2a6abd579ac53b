/* report_fit.c - the fitting search (report_fit.h).
 *
 * Grid values are reached by repeated subtraction from the start value, as a
 * search stepping down one step at a time would reach them, so that the
 * sizes and spacings printed and used are the same whichever search finds
 * them. */
#include "report_fit.h"

/* The k-th value of the grid from, from - step, from - 2 step, … */
static double grid(double from, double step, int k)
{
    double v = from;
    for (int i = 0; i < k; i++)
        v -= step;
    return v;
}

/* The number of grid steps from `from` down to floor_ (at least 0). */
static int grid_steps(double from, double step, double floor_)
{
    int k = 0;
    for (double v = from - step; v >= floor_ - 1e-9; v -= step)
        k++;
    return k;
}

/* The largest spacing on the 0.01 grid from `from` down to min_leading at
 * which the text fits; the text keeps it. 0 (the text at the floor) when none
 * does. */
static double fit_leading(const pt_fit_ops *ops, void *u, double from, double min_leading,
                          double avail)
{
    int hi = grid_steps(from, 0.01, min_leading);
    ops->set_leading(u, grid(from, 0.01, hi));
    if (ops->height(u) > avail)
        return 0;
    int lo = 0;                      /* invariant: step hi fits; steps < lo do not */
    while (lo < hi) {
        int mid = lo + (hi - lo) / 2;
        ops->set_leading(u, grid(from, 0.01, mid));
        if (ops->height(u) <= avail)
            hi = mid;
        else
            lo = mid + 1;
    }
    double l = grid(from, 0.01, hi);
    ops->set_leading(u, l);
    return l;
}

int pt_fit(const pt_fit_ops *ops, void *u, double size, double leading, double min_size,
           double min_leading, double avail, double *s, double *l)
{
    *s = size;
    *l = fit_leading(ops, u, leading, min_leading, avail);
    if (*l > 0)
        return 1;
    int lo = 1, hi = grid_steps(size, 0.25, min_size);   /* steps < lo do not fit */
    bool found = false;
    while (lo <= hi) {
        int mid = lo + (hi - lo) / 2;
        if (!ops->set_size(u, grid(size, 0.25, mid)))
            return -1;
        ops->set_leading(u, min_leading);
        if (ops->height(u) <= avail) {
            found = true;
            *s = grid(size, 0.25, mid);
            hi = mid - 1;
        } else {
            lo = mid + 1;
        }
    }
    if (found) {
        if (!ops->set_size(u, *s))
            return -1;
        ops->set_leading(u, leading);
        *l = fit_leading(ops, u, leading, min_leading, avail);
        return 1;
    }
    *s = size;
    if (!ops->set_size(u, size))
        return -1;
    ops->set_leading(u, leading);
    return 0;
}
