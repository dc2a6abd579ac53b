/* findings.h - the proofreading findings list: every problem of an edition,
 * each with its place, level, rule and message.
 *
 * Any stage may add findings (the edition checks in check*.c, the layout's
 * fitting, a cell that is still to be filled); the list is sorted by place and
 * printed in the form compilers use, which editors and CI already parse:
 *   FILE:LINE:COL: error|warning: message [rule-id]
 * followed by "N errors, M warnings". A finding may also name the card and the
 * cell it is on, so that a proof PDF can put it where it belongs.
 *
 * The source locator (pt_src) turns "this text of the model, byte k" into the
 * line and column of the edition file, so that a finding points at the very
 * character. Columns count characters (code points) from 1. */
#ifndef PT_FINDINGS_H
#define PT_FINDINGS_H

#include "base.h"

typedef enum pt_level { PT_WARNING = 0, PT_ERROR = 1, PT_NOTE = 2 } pt_level;   /* note: --diff */

typedef struct pt_finding {
    const char *file;
    int line, col;             /* 1-based; col 0 when only the line is known */
    pt_level level;
    const char *rule;          /* "status-mark", see the README's table */
    const char *msg;           /* what is wrong, for a reader of the report */
    const char *card;          /* the card it is on ("5-1"), or NULL */
    const char *cell;          /* the cell on that card ("actual", "evaluation"), or NULL */
    const char *text;          /* the model text it is in (a pointer the layout draws), or NULL */
    size_t off;                /* the byte of text it is at */
    int seq;                   /* order of addition (keeps the sort stable) */
} pt_finding;

typedef struct pt_findings {
    pt_arena *arena;           /* messages live here (the caller's arena) */
    PT_VEC(pt_finding) v;
    int nerrors, nwarnings, nnotes;
} pt_findings;

void pt_findings_init(pt_findings *f, pt_arena *arena);
/* Frees the list's vector; the strings are the arena's. */
void pt_findings_free(pt_findings *f);

/* Adds a finding; the message is formatted into the arena. Returns it, so that
 * the caller may set card and cell. */
pt_finding *pt_finding_add(pt_findings *f, pt_level level, const char *rule, const char *file,
                           int line, int col, const char *fmt, ...)
    __attribute__((format(printf, 7, 8)));

/* Sorts by file, line, column, then order of addition. */
void pt_findings_sort(pt_findings *f);

/* Prints every finding, one a line, then "N errors, M warnings" (and ", K
 * notes" when there are notes). */
void pt_findings_print(const pt_findings *f, FILE *out);

/* ---- where a text of the model is in the edition file ---- */

typedef struct pt_src {
    const char *data;          /* the file's bytes (borrowed) */
    size_t len;
    size_t *line_start;        /* byte offset of each line; line n at [n-1] */
    int nlines;
} pt_src;

/* Indexes data[0..len) (which must outlive the pt_src). */
void pt_src_init(pt_src *s, const char *data, size_t len);
void pt_src_free(pt_src *s);

/* The place of byte off of text, a text of the model that begins at or after
 * line `from` of the file. The text is matched as the file writes it: '\n' as
 * <br/>, & < > " ' as character or entity references. Returns false (and
 * *line = from, *col = 0) when the text is not found there. */
bool pt_src_find(const pt_src *s, int from, const char *text, size_t off, int *line, int *col);

/* The first line that contains needle, 0 when none does. */
int pt_src_line_of(const pt_src *s, const char *needle);

#endif
