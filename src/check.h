/* check.h - proofreading checks of a loaded edition, each a rule with an id
 * and a level, reporting into a findings list (findings.h).
 *
 * check.c holds the data rules (status marks against the values, units,
 * periods, era and year, numbering, contents labels, incomplete cards) and the
 * walk over every text of the edition; check_text.c the text rules (notation
 * variants, doubled particles, brackets, placeholders, era-year words, mixed
 * sentence styles, character forms). The rules read the model only; the
 * source locator turns a place in a text into a line and column. */
#ifndef PT_CHECK_H
#define PT_CHECK_H

#include "era.h"
#include "findings.h"
#include "model.h"

/* A rule: its id (as printed in brackets), its level, and what it finds. */
typedef struct pt_rule {
    const char *id;
    pt_level level;
    const char *what;
} pt_rule;

/* Every rule, ending with an entry whose id is NULL. */
const pt_rule *pt_check_rules(void);

/* What a check run reads and where it reports. */
typedef struct pt_check {
    pt_arena *arena;
    const pt_report *r;
    const pt_src *src;         /* the edition file, for columns */
    pt_findings *out;
    bool final;                /* --final: incomplete cards are errors */
    const pt_eras *eras;       /* the table of eras (input/eras.xml) */
} pt_check;

/* One text of the edition and where it is printed. */
typedef struct pt_text_ref {
    const char *text;
    int line;                  /* the line the text begins at or after */
    const pt_card *card;       /* the card it is printed on, or NULL */
    const char *cell;          /* the element: "evaluation", "title", "actual", … */
    const pt_value *value;     /* a value cell, or NULL */
    bool narrative;            /* a paragraph of a card's evaluation/synergy/direction */
} pt_text_ref;

/* Every text of the edition in file order, each once (a card's own title or
 * overview, not its initiative's again). The array is in c->arena. */
const pt_text_ref *pt_check_texts(pt_check *c, int *n);

/* Adds a finding at byte off of t's text (its line and column located in the
 * source), with t's card and cell. */
pt_finding *pt_check_at(pt_check *c, const pt_text_ref *t, size_t off, const char *rule,
                        const char *fmt, ...) __attribute__((format(printf, 5, 6)));

/* The data rules (check.c) and the text rules (check_text.c). */
void pt_check_data(pt_check *c);
void pt_check_text(pt_check *c);

/* An era-year word at s, e.g. 令和6年度, R5年度, H6年, 令和元年, R6年2月末:
 * era (full name or abbreviation), year (元 = 1), whether it is a fiscal year
 * (年度), the month (0 when none) and its length in bytes. False when s does
 * not begin with one. */
typedef struct pt_era_year {
    int era;                   /* index into the table of eras (era.h) */
    int year, month;
    bool fiscal;
    size_t len;
} pt_era_year;
bool pt_era_year_parse(const pt_eras *t, const char *s, pt_era_year *out);

#endif
