/* cycle.h - the yearly cycle: next year's edition (newyear.c), the
 * indicator table out to a spreadsheet (export.c) and back in (import.c).
 * See README "The yearly cycle". */
#ifndef PT_CYCLE_H
#define PT_CYCLE_H

#include "base.h"
#include "model.h"

/* Writes next year's edition of the edition at in to out ("-": stdout):
 * fiscal year + 1 and the era year from the table of eras; each card's
 * target becomes its old next-year target; the next-year target, actual,
 * status and the three narratives of every card, and every goal's target,
 * actual and status, are emptied and marked todo. Everything else is kept
 * byte for byte. Sets *ntodo to the cells to fill. false with ctx->err. */
bool pt_new_year(pt_ctx *ctx, const char *in, const char *out, int *ntodo);

/* A cell still to be filled. */
typedef struct pt_todo {
    int line;              /* of its element in the edition */
    const char *card;      /* "5-1", or NULL for a goal's cell */
    const char *goal;      /* "1(1)" (project and goal) for a goal's cell, else NULL */
    const char *cell;      /* "status", "actual", "evaluation", … */
} pt_todo;

/* Every cell of r marked todo, in file order; the array lives in arena. */
int pt_todo_cells(const pt_report *r, pt_arena *arena, const pt_todo **out);

/* The indicator table (README "Export"): one row per goal, then its cards.
 * Columns, in order; each value has its text, num, unit and period. */
enum {
    PT_COL_CARD, PT_COL_PROJECT, PT_COL_GOAL, PT_COL_POLICY, PT_COL_INITIATIVE, PT_COL_DEPT,
    PT_COL_INDICATOR,
    PT_COL_BASELINE, PT_COL_TARGET = PT_COL_BASELINE + 4, PT_COL_ACTUAL = PT_COL_TARGET + 4,
    PT_COL_NEXT = PT_COL_ACTUAL + 4,
    PT_COL_STATUS = PT_COL_NEXT + 4, PT_COL_EVALUATION, PT_COL_SYNERGY, PT_COL_DIRECTION,
    PT_NCOLS,
    PT_NIDENT = PT_COL_INDICATOR + 1   /* card … indicator say which row it is */
};

typedef struct pt_row {
    const pt_card *card;       /* a card's row, or NULL */
    const pt_goal *goal;       /* the goal (of the card, or the goal's own row) */
    const char *cells[PT_NCOLS];
} pt_row;

/* The stable ASCII key of a column ("card", "baseline_num", …). */
const char *pt_col_key(int col);
/* The Japanese header of a column for edition r (目標値（R6年度）), in arena. */
const char *pt_col_header(const pt_report *r, pt_arena *arena, int col);
/* The rows of r's table, each cell as exported; in arena. A rich text is its
 * paragraphs joined by a blank line, with '\n' for a <br/>. */
int pt_table_rows(const pt_report *r, pt_arena *arena, const pt_row **out);

typedef enum pt_export_format { PT_EXPORT_CSV, PT_EXPORT_JSON } pt_export_format;

/* Writes r's indicator table (README "Export") to out: CSV (RFC 4180, UTF-8,
 * CRLF, with a byte-order mark when bom) or JSON. */
void pt_export(const pt_report *r, pt_arena *arena, pt_export_format f, bool bom, pt_buf *out);

/* Reads number, unit and period from a value's printed text, as the
 * edition writes them: "14,895千円(R5年度)" -> "14895", "千円", "R5年度";
 * a leading number (grouping commas dropped), the unit up to white space or
 * a bracket, the period from a closing bracket whose content begins with an
 * era letter and a figure (R5年度, R6年2月末).
 * NULL where the text has none. Returns whether anything was found. */
bool pt_value_derive(pt_arena *a, const char *text, const char **num, const char **unit,
                     const char **period);

/* One changed cell of an import, as reported: card 5-1: actual: "" → "…". */
typedef struct pt_change {
    const char *where;     /* "card 5-1" or "goal 1(1)" */
    const char *cell;      /* the column's key: "actual", "actual_num", "status", … */
    const char *before, *after;
} pt_change;

/* Reads the table at csv_path (as pt_export writes it, edited in a
 * spreadsheet), applies it to the edition at in and writes the result to out
 * ("-": stdout). Every changed cell is appended to *changes (in arena).
 * false with ctx->err (nothing written) when the table does not fit. */
bool pt_import(pt_ctx *ctx, pt_arena *arena, const char *csv_path, const char *in,
               const char *out, const pt_change **changes, int *nchanges);

#endif
