/* era.h - the table of Japanese eras (input/eras.xml): next year's edition
 * is dated from it and --check's era rules read it, so that no era is named
 * in code. An era is referred to by its index in the table. */
#ifndef PT_ERA_H
#define PT_ERA_H

#include "base.h"

typedef struct pt_era {
    const char *name;        /* 令和 */
    const char *abbr;        /* R */
    int first_fiscal_year;   /* 2019: the fiscal year that is 令和元年度 (and the
                                calendar year that is 令和元年) */
    int last;                /* its last year (平成: 31), 0 for the newest era */
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

/* The index of the era called name_or_abbr (令和 or R), -1 when none. */
int pt_era_find(const pt_eras *t, const char *name_or_abbr);
const char *pt_era_name(const pt_eras *t, int era);
const char *pt_era_abbr(const pt_eras *t, int era);
/* Gregorian year of year y of an era (令和1 = 2019). */
int pt_era_gregorian(const pt_eras *t, int era, int y);
/* The last year of an era, 0 for the newest (平成: 31). */
int pt_era_last_year(const pt_eras *t, int era);

#endif
