/* model.h - the report as plain structs (the document model).
 *
 * Filled by xmlread.c from an edition file, owned by one arena, read-only for
 * every later stage. It holds what the printed report shows; what the
 * typesetter computes (page numbers, contents, summary sentences, labels) is
 * not here. Texts are UTF-8 exactly as printed. */
#ifndef PT_MODEL_H
#define PT_MODEL_H

#include "base.h"

/* Limits of an edition (README: Limits); the loader refuses what exceeds them. */
#define PT_MAX_CARDS    5000     /* cards in one edition (memory: about 0.2 MB a page) */
#define PT_MAX_NUMBER   100000   /* project, initiative and card numbers */
#define PT_MAX_ERA_YEAR 999      /* year="…" of the era; fiscal-year is at most 9999 */

/* 達成状況 of a card or a project goal. */
typedef enum pt_status {
    PT_STATUS_UNKNOWN = 0,   /* an incomplete card: the source does not say */
    PT_STATUS_ACHIEVED,      /* ○ */
    PT_STATUS_NOT_ACHIEVED,  /* × */
    PT_STATUS_NONE,          /* - : no indicator, or not measurable */
    PT_STATUS_TODO,          /* status="todo": to be filled (a new year's edition) */
} pt_status;

/* The mark as printed: "○", "×", "-" ("" for unknown and to be filled). */
const char *pt_status_mark(pt_status s);

/* A value cell: the printed text, and where it has one, the number in it.
 * A cell to be filled (todo="true" in the file) has text "" and no number. */
typedef struct pt_value {
    const char *text;      /* "618,213千円 (R5年度)" */
    bool todo;             /* to be filled */
    bool has_num;
    double num;            /* 618213 */
    const char *num_text;  /* "618213" as in the file (keeps "1185.00"); NULL without num */
    const char *unit;      /* "千円"; NULL without num */
    const char *period;    /* "R5年度"; NULL when the value has none */
    int line;              /* in the edition file */
} pt_value;

/* A paragraph: its text with '\n' where the original has a line break. */
typedef struct pt_para { const char *text; int line; } pt_para;

/* Rich text: zero or more paragraphs; none when it is to be filled
 * (todo="true" in the file). line: of the element, 0 when absent. */
typedef struct pt_rich { const pt_para *paras; int n; bool todo; int line; } pt_rich;

struct pt_initiative;

/* A card: one page for one indicator of an initiative. */
typedef struct pt_card {
    const char *no;            /* "5-1" or "6" */
    int major, minor;          /* 5, 1 ; 6, 0 */
    int line;                  /* line in the edition file */
    bool incomplete;           /* the source lacks its content: only no is known */
    pt_status status;
    bool lower_is_better;      /* better="lower" */
    const char *label;         /* short indicator label for the contents, or NULL */
    const char *title;         /* as printed on the card (own or the initiative's) */
    pt_rich overview;          /* as printed on the card (own or the initiative's) */
    const char *indicator;
    pt_value baseline, target, actual, next;
    pt_rich evaluation, synergy, direction;
    struct pt_initiative *initiative;
} pt_card;

struct pt_policy;
struct pt_goal;

typedef struct pt_initiative {
    int no;
    int line;
    bool incomplete;
    const char *title;             /* as the contents prints it */
    const char *const *depts;      /* departments (担当部課), ndepts of them */
    int ndepts;
    pt_rich overview;
    pt_card *cards;                /* ncards, in order */
    int ncards;
    struct pt_policy *policy;      /* NULL when the source does not give it */
    struct pt_goal *goal;
} pt_initiative;

typedef struct pt_policy {
    const char *no;                /* "①" */
    const char *name;
    pt_initiative **initiatives;
    int ninitiatives;
    struct pt_goal *goal;
} pt_policy;

typedef struct pt_goal {
    const char *no;                /* "(1)" */
    const char *name;
    int line;
    pt_status status;
    const char *indicator;
    pt_value baseline, target, actual;
    pt_policy *policies;
    int npolicies;
    pt_initiative **initiatives;   /* all of the goal's initiatives, in order */
    int ninitiatives;
    struct pt_project *project;
} pt_goal;

typedef struct pt_project {
    int no;
    const char *aspect;            /* 経済 / 環境 / 社会 */
    const char *name;
    const char *leader;
    int line;                      /* of <project> */
    pt_goal *goals;
    int ngoals;
} pt_project;

typedef struct pt_report {
    const char *file;              /* the edition's path, for messages */
    const char *era;               /* 令和 */
    const char *era_abbr;          /* R */
    int year;                      /* 6 */
    int fiscal_year;               /* 2024 */
    const char *const *title_lines; /* with {era} {abbr} {year} {next} filled in */
    int ntitle_lines;
    int title_line;                /* of <title> */
    const char *publisher;
    int publisher_line;            /* of <publisher> */
    pt_project *projects;
    int nprojects;
    pt_initiative **initiatives;   /* every initiative in number order */
    int ninitiatives;
    pt_card **cards;               /* every card in order (one per page) */
    int ncards;
} pt_report;

/* Reads, validates (against input/plantype.rng under pt_datadir(ctx)) and loads
 * an edition.
 * Returns NULL on failure with ctx->err = "file:line: <element>: what is wrong"
 * and ctx->status = PT_EXIT_INVALID (bad input) or PT_EXIT_IO. Everything is
 * allocated in arena. */
pt_report *pt_report_load(pt_ctx *ctx, pt_arena *arena, const char *path);

/* NULL when a value's num/unit/period agree with its printed text (the text,
 * grouping commas removed, contains num immediately followed by unit, and
 * contains period); else why not, in arena. */
const char *pt_value_disagrees(pt_arena *a, const char *text, const char *num, const char *unit,
                               const char *period);

/* The same from bytes in memory; name is used in messages. */
pt_report *pt_report_parse(pt_ctx *ctx, pt_arena *arena, const char *name,
                           const char *data, size_t len);

#endif
