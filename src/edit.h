/* edit.h - changing an edition's XML tree in place (the yearly cycle:
 * --new-year and --import).
 *
 * The edition is parsed with libxml2 keeping every blank, comment and
 * attribute in order; only the elements that change are touched, and the
 * tree is written back with libxml2's serialiser, which reproduces the
 * untouched parts of an edition like input/r6.xml byte for byte (tested).
 * What is written is loaded again with the full checks (pt_report_parse)
 * before it replaces anything, so an edit can never leave an invalid edition. */
#ifndef PT_EDIT_H
#define PT_EDIT_H

#include "base.h"
#include "model.h"

#include <libxml/tree.h>

/* An edition open for editing: its bytes, its tree and its model (loaded with
 * every check, in arena). */
typedef struct pt_edition {
    const char *path;
    char *data;              /* the file's bytes (heap) */
    size_t len;
    xmlDoc *doc;
    pt_report *r;
    int reformat_line;       /* first line libxml2 would write differently, 0: none */
} pt_edition;

/* Opens and checks the edition at path. false with ctx->err on failure.
 * Notes in reformat_line where libxml2 would not write the untouched file
 * back byte for byte (single quotes, character references, CRLF …). */
bool pt_edition_open(pt_ctx *ctx, pt_arena *arena, const char *path, pt_edition *e);
void pt_edition_close(pt_edition *e);

/* The <card no="no"> element, or NULL. */
xmlNode *pt_edition_card(const pt_edition *e, const char *no);
/* The <goal no="goal_no"> element of project project_no, or NULL. */
xmlNode *pt_edition_goal(const pt_edition *e, int project_no, const char *goal_no);

/* The first child element called name, or NULL. */
xmlNode *pt_edit_child(xmlNode *parent, const char *name);

/* Empties a value or rich-text element and marks it todo="true". */
void pt_edit_todo(xmlNode *n);
/* Sets a value element: its text, and num/unit/period attributes where not
 * NULL (a num without a unit gets unit=""). text must not be empty. */
void pt_edit_value(xmlNode *n, const char *text, const char *num, const char *unit,
                   const char *period);
/* Sets a rich-text element from paragraphs: p[0..np) with '\n' for <br/>,
 * each <p> on a line of its own, indented one step (two spaces) deeper than
 * the element. */
void pt_edit_paras(xmlNode *n, const char *const *p, int np);

/* Serialises the edited tree, loads the result with every check (messages
 * name out_name), and writes it to out_path atomically ("-": standard
 * output). false with ctx->err when the edited edition is invalid or cannot
 * be written; nothing is written then. Warns when reformat_line is set. */
bool pt_edition_save(pt_ctx *ctx, const pt_edition *e, const char *out_name, const char *out_path);

#endif
