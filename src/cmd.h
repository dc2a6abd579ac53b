/* cmd.h - the program's actions ("modes") as main.c calls them.
 *
 * main.c parses the command line (getopt_long) into a pt_cmd and calls the
 * one entry function of the chosen mode; each mode lives in a file of its own
 * (cmd_typeset.c, cmd_check.c, ...). An entry function returns the exit status
 * (PT_EXIT_OK, PT_EXIT_IO or PT_EXIT_INVALID); on failure the message is in
 * ctx->err and main prints it. Warnings go through pt_warn as everywhere.
 *
 * Adding a mode: write `int pt_cmd_NAME(pt_ctx *, const pt_cmd *)` in
 * src/cmd_NAME.c, declare it here, and add one row to the mode table in
 * main.c (its option, operands and help line); options of its own go into
 * pt_cmd and main.c's option table. */
#ifndef PT_CMD_H
#define PT_CMD_H

#include "base.h"

/* The program's version: the one place it is written. */
#define PT_VERSION "0.9.0"

/* What the command line asked for. Strings point into argv. */
typedef struct pt_cmd {
    char **operands;     /* the operands after the options, e.g. the edition */
    int noperands;
    const char *output;  /* -o FILE; "-" is standard output; NULL: the mode's default */
    const char *layout;  /* --layout FILE; NULL: layouts/a4-report.xml of the data folder */
    bool quiet;          /* -q: no summary line on success */
    const char *diff;    /* --diff OLD: the previous draft to compare with */
    bool final;          /* --final: the official print (incomplete cards are errors) */
    bool bom;            /* --bom: a CSV export begins with a byte-order mark */
    bool no_sources;     /* --no-sources: the PDF without its edition and layout */
    bool force;          /* --force: --extract replaces files that exist */
} pt_cmd;

/* Typesets the edition operands[0] into a PDF (default out/<name>.pdf,
 * folders created as needed; "-" writes it to standard output) and prints
 * "plantype: wrote FILE: N pages, N warnings" to stderr. */
int pt_cmd_typeset(pt_ctx *ctx, const pt_cmd *cmd);

/* Typesets the edition operands[0] as a proof (default out/<name>-draft.pdf):
 * the findings of --check as comments where they are, the findings list in
 * front, a band on every page (draft.h); prints the findings to stdout. */
int pt_cmd_draft(pt_ctx *ctx, const pt_cmd *cmd);

/* "input/r6.xml" -> "out/r6<suffix>.pdf" (in the arena). */
char *pt_default_output(pt_arena *a, const char *in, const char *suffix);
/* Creates every missing folder on the way to the file at path (mkdir -p of
 * its folder). False with ctx->err when one cannot be made. */
bool pt_make_parent_dirs(pt_ctx *ctx, pt_arena *a, const char *path);

/* Checks the edition operands[0] (check_run.h) and prints every finding,
 * then "N errors, M warnings", to stdout; writes nothing. Status 2 when there
 * are errors. */
int pt_cmd_check(pt_ctx *ctx, const pt_cmd *cmd);

/* The yearly cycle (cycle.h, README "The yearly cycle"). */
/* --new-year EDITION.xml -o NEW.xml: next year's edition. */
int pt_cmd_newyear(pt_ctx *ctx, const pt_cmd *cmd);
/* --export csv|json EDITION.xml [-o FILE]: the indicator table (stdout by default). */
int pt_cmd_export(pt_ctx *ctx, const pt_cmd *cmd);
/* --import TABLE.csv EDITION.xml -o NEW.xml: the table's cells into the edition. */
int pt_cmd_import(pt_ctx *ctx, const pt_cmd *cmd);

/* Typesets the sources inside the PDF operands[0] again (its edition and
 * layout, dated as it is) and compares the bytes: prints "FILE: reproduced
 * exactly from its sources", or fails saying what differs (status 1); a PDF
 * without sources is status 2. */
int pt_cmd_verify(pt_ctx *ctx, const pt_cmd *cmd);

/* Writes the sources inside the PDF operands[0] into the folder operands[1]
 * (default "."), replacing no file unless --force. */
int pt_cmd_extract(pt_ctx *ctx, const pt_cmd *cmd);

#endif
