/* era.h - the table of Japanese eras (input/eras.xml), so that next year's
 * edition is dated without naming an era in code. */
#ifndef PT_ERA_H
#define PT_ERA_H

#include "base.h"

typedef struct pt_era {
    const char *name;        /* 令和 */
    const char *abbr;        /* R */
    int first_fiscal_year;   /* 2019: the fiscal year that is 令和元年度 */
} pt_era;

typedef struct pt_eras {
    const pt_era *v;         /* in the file's order */
    int n;
} pt_eras;

/* Reads input/eras.xml under pt_datadir(ctx) into arena. false with ctx->err
 * (status 2 when the file is not a valid table: an empty name, or two eras
 * starting in the same year). */
bool pt_eras_load(pt_ctx *ctx, pt_arena *arena, pt_eras *out);

/* The era a fiscal year is dated in: the one with the latest first fiscal year
 * not after fy; NULL when fy is before every era in the table. */
const pt_era *pt_era_of(const pt_eras *t, int fiscal_year);

#endif
