/* newyear.c - next year's edition, and the cells still to be filled.
 *
 * The new edition is the old file with a few elements changed in place
 * (edit.c): the dates on <report>, then per card the old next-year target
 * moved into the target, and the cells that belong to the new year emptied
 * and marked todo="true" (status="todo"). The era comes from the table of
 * eras, so an era change needs no code. Title lines written as templates
 * ({era}{year}年度) follow by themselves; a title with a typed year would be
 * refused when the result is loaded. */
#include "cycle.h"
#include "edit.h"
#include "era.h"

#include <stdlib.h>
#include <string.h>

/* The cells of a card that belong to the year and start empty. */
static const char *const CARD_TODO[] = { "actual", "next", "evaluation", "synergy", "direction" };
static const char *const GOAL_TODO[] = { "target", "actual" };

static void todo_children(xmlNode *n, const char *const *names, size_t k)
{
    for (size_t i = 0; i < k; i++)
        pt_edit_todo(pt_edit_child(n, names[i]));
}

static void set_attr_int(xmlNode *n, const char *name, int v)
{
    char s[16];
    snprintf(s, sizeof s, "%d", v);
    xmlSetProp(n, (const xmlChar *)name, (const xmlChar *)s);
}

bool pt_new_year(pt_ctx *ctx, const char *in, const char *out, int *ntodo)
{
    pt_arena *arena = pt_arena_new();
    pt_edition e;
    pt_eras eras;
    bool ok = pt_edition_open(ctx, arena, in, &e) && pt_eras_load(ctx, arena, &eras);
    const pt_report *r = e.r;
    const pt_era *era = ok ? pt_era_of(&eras, r->fiscal_year + 1) : NULL;
    if (ok && !era)
        ok = pt_invalid(ctx, _("%s: fiscal year %d is before every era in input/eras.xml"), in,
                        r->fiscal_year + 1);
    if (ok) {
        xmlNode *root = xmlDocGetRootElement(e.doc);
        xmlSetProp(root, (const xmlChar *)"era", (const xmlChar *)era->name);
        xmlSetProp(root, (const xmlChar *)"era-abbr", (const xmlChar *)era->abbr);
        set_attr_int(root, "year", r->fiscal_year + 1 - era->first_fiscal_year + 1);
        set_attr_int(root, "fiscal-year", r->fiscal_year + 1);
        for (int p = 0; p < r->nprojects; p++)
            for (int g = 0; g < r->projects[p].ngoals; g++) {
                xmlNode *gn = pt_edition_goal(&e, r->projects[p].no, r->projects[p].goals[g].no);
                xmlSetProp(gn, (const xmlChar *)"status", (const xmlChar *)"todo");
                todo_children(gn, GOAL_TODO, sizeof GOAL_TODO / sizeof *GOAL_TODO);
            }
        for (int i = 0; i < r->ncards; i++) {
            const pt_card *c = r->cards[i];
            if (c->incomplete)
                continue;
            xmlNode *cn = pt_edition_card(&e, c->no);
            xmlNode *target = pt_edit_child(cn, "target");
            if (c->next.todo)
                pt_edit_todo(target);
            else
                pt_edit_value(target, c->next.text, c->next.num_text, c->next.unit,
                              c->next.period);
            xmlSetProp(cn, (const xmlChar *)"status", (const xmlChar *)"todo");
            todo_children(cn, CARD_TODO, sizeof CARD_TODO / sizeof *CARD_TODO);
        }
        ok = pt_edition_save(ctx, &e, out, out);
    }
    if (ok && ntodo) {
        /* Count what the written edition leaves to fill. */
        pt_arena *a = pt_arena_new();
        const pt_todo *t;
        pt_report *nr = !strcmp(out, "-") ? NULL : pt_report_load(ctx, a, out);
        *ntodo = nr ? pt_todo_cells(nr, a, &t) : -1;
        pt_arena_free(a);
    }
    pt_edition_close(&e);
    pt_arena_free(arena);
    return ok;
}

/* ---- the cells to fill ---- */

typedef PT_VEC(pt_todo) todo_vec;

static void add(todo_vec *v, int line, const char *card, const char *goal, const char *cell)
{
    PT_PUSH(*v, ((pt_todo){ line, card, goal, cell }));
}

static void add_value(todo_vec *v, const pt_value *x, const char *card, const char *goal,
                      const char *cell)
{
    if (x->todo)
        add(v, x->line, card, goal, cell);
}

static void add_rich(todo_vec *v, const pt_rich *x, const char *card, const char *cell)
{
    if (x->todo)
        add(v, x->line, card, NULL, cell);
}

int pt_todo_cells(const pt_report *r, pt_arena *arena, const pt_todo **out)
{
    todo_vec v = {0};
    /* Goals and cards interleave in the file: walk it in order. */
    for (int p = 0; p < r->nprojects; p++)
        for (int g = 0; g < r->projects[p].ngoals; g++) {
            const pt_goal *gl = &r->projects[p].goals[g];
            const char *gname = pt_sprintf(arena, "%d%s", r->projects[p].no, gl->no);
            if (gl->status == PT_STATUS_TODO)
                add(&v, gl->line, NULL, gname, "status");
            add_value(&v, &gl->baseline, NULL, gname, "baseline");
            add_value(&v, &gl->target, NULL, gname, "target");
            add_value(&v, &gl->actual, NULL, gname, "actual");
            for (int i = 0; i < gl->ninitiatives; i++)
                for (int k = 0; k < gl->initiatives[i]->ncards; k++) {
                    const pt_card *c = &gl->initiatives[i]->cards[k];
                    if (c->status == PT_STATUS_TODO)
                        add(&v, c->line, c->no, NULL, "status");
                    add_value(&v, &c->baseline, c->no, NULL, "baseline");
                    add_value(&v, &c->target, c->no, NULL, "target");
                    add_value(&v, &c->actual, c->no, NULL, "actual");
                    add_value(&v, &c->next, c->no, NULL, "next");
                    add_rich(&v, &c->evaluation, c->no, "evaluation");
                    add_rich(&v, &c->synergy, c->no, "synergy");
                    add_rich(&v, &c->direction, c->no, "direction");
                }
        }
    pt_todo *res = pt_alloc(arena, sizeof *res * (v.n + 1));
    if (v.n)
        memcpy(res, v.v, sizeof *res * v.n);
    int n = (int)v.n;
    free(v.v);
    *out = res;
    return n;
}
