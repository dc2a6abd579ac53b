/* year_test.c - the yearly cycle against the FY2024 edition.
 *
 * 1. Reading number, unit and period from a printed value (what --import does
 *    with a new text) must give what the edition's transcriber typed by hand
 *    for every value of input/r6.xml: its 169 hand-typed num attributes, their
 *    units and its periods are the outside data.
 * 2. --new-year on input/r6.xml: the FY2025 edition, compared cell by cell
 *    with the FY2024 one it came from. The expected figures are worked out
 *    by hand: 令和7年度 is fiscal 2025 (令和元年度 = 2019); the edition has 5
 *    goals (3 cells each to fill: status, target, actual) and 42 complete
 *    cards (6 each: status, actual, next, evaluation, synergy, direction),
 *    so 5 * 3 + 42 * 6 = 267 cells to fill.
 *
 * usage: year_test [EDITION.xml] */
#include "cycle.h"
#include "model.h"
#include "test.h"

#include <stdlib.h>
#include <unistd.h>

static bool same(const char *a, const char *b)
{
    return (!a && !b) || (a && b && !strcmp(a, b));
}

static int derived, values;

static void check_derive(pt_arena *a, const pt_value *v, const char *where)
{
    if (!v->text || !*v->text)
        return;
    values++;
    const char *num, *unit, *period;
    pt_value_derive(a, v->text, &num, &unit, &period);
    bool ok = same(num, v->num_text) && same(num ? unit : NULL, v->num_text ? v->unit : NULL)
              && same(period, v->period);
    derived += ok;
    CHECK(ok, "%s \"%s\": derived num=%s unit=%s period=%s, the edition has %s %s %s", where,
          v->text, num ? num : "-", unit ? unit : "-", period ? period : "-",
          v->num_text ? v->num_text : "-", v->unit ? v->unit : "-", v->period ? v->period : "-");
}

static void test_derive(const pt_report *r, pt_arena *a)
{
    for (int p = 0; p < r->nprojects; p++)
        for (int g = 0; g < r->projects[p].ngoals; g++) {
            const pt_goal *gl = &r->projects[p].goals[g];
            check_derive(a, &gl->baseline, "goal baseline");
            check_derive(a, &gl->target, "goal target");
            check_derive(a, &gl->actual, "goal actual");
        }
    for (int i = 0; i < r->ncards; i++) {
        const pt_card *c = r->cards[i];
        check_derive(a, &c->baseline, c->no);
        check_derive(a, &c->target, c->no);
        check_derive(a, &c->actual, c->no);
        check_derive(a, &c->next, c->no);
    }
    printf("derivation: %d of %d printed values give the edition's num, unit and period\n",
           derived, values);
    /* 42 complete cards with 4 values, 5 goals with 3 */
    CHECK_INT(values, 42 * 4 + 5 * 3, "printed values");
    /* By hand: the examples of the README and the issue. */
    const char *num, *unit, *period;
    pt_value_derive(a, "401,689千円(R6年度)", &num, &unit, &period);
    CHECK_STR(num, "401689", "401,689千円(R6年度) num");
    CHECK_STR(unit, "千円", "401,689千円(R6年度) unit");
    CHECK_STR(period, "R6年度", "401,689千円(R6年度) period");
    CHECK(!pt_value_derive(a, "実績なし", &num, &unit, &period) && !num && !period,
          "実績なし has no number");
}

static bool value_is(const pt_value *v, const pt_value *w)
{
    return same(v->text, w->text) && same(v->num_text, w->num_text) && same(v->unit, w->unit)
           && same(v->period, w->period) && v->todo == w->todo;
}

static bool rich_is(const pt_rich *a, const pt_rich *b)
{
    if (a->n != b->n || a->todo != b->todo)
        return false;
    for (int i = 0; i < a->n; i++)
        if (strcmp(a->paras[i].text, b->paras[i].text))
            return false;
    return true;
}

static void test_new_year(const pt_report *r6, const char *path)
{
    pt_ctx ctx;
    pt_ctx_init(&ctx);
    char out[] = "/tmp/year_test_XXXXXX";
    int fd = mkstemp(out);
    close(fd);
    int ntodo = 0;
    CHECK(pt_new_year(&ctx, path, out, &ntodo), "new year: %s", ctx.err);
    CHECK_INT(ntodo, 5 * 3 + 42 * 6, "cells to fill");
    pt_arena *a = pt_arena_new();
    pt_report *r7 = pt_report_load(&ctx, a, out);
    CHECK(r7 != NULL, "the new edition loads: %s", ctx.err);
    if (!r7) {
        unlink(out);
        pt_arena_free(a);
        return;
    }
    CHECK_STR(r7->era, "令和", "era");
    CHECK_STR(r7->era_abbr, "R", "era-abbr");
    CHECK_INT(r7->year, 7, "year");
    CHECK_INT(r7->fiscal_year, 2025, "fiscal year");
    CHECK_INT(r7->ntitle_lines, 3, "title lines");
    CHECK_STR(r7->title_lines[2], "(令和7年度)", "cover year line");
    CHECK_STR(r7->title_lines[0], r6->title_lines[0], "title line 1 kept");
    CHECK_STR(r7->publisher, r6->publisher, "publisher kept");
    CHECK_INT(r7->ncards, r6->ncards, "cards");
    int kept = 0, moved = 0, emptied = 0;
    for (int i = 0; i < r7->ncards && i < r6->ncards; i++) {
        const pt_card *o = r6->cards[i], *n = r7->cards[i];
        CHECK_STR(n->no, o->no, "card number");
        kept += same(n->title, o->title) && n->initiative->ndepts == o->initiative->ndepts
                && same(n->label, o->label) && same(n->indicator, o->indicator)
                && rich_is(&n->overview, &o->overview) && value_is(&n->baseline, &o->baseline)
                && n->lower_is_better == o->lower_is_better && n->incomplete == o->incomplete;
        if (o->incomplete)
            continue;
        moved += value_is(&n->target, &o->next);
        emptied += n->status == PT_STATUS_TODO && n->actual.todo && n->next.todo
                   && !*n->actual.text && n->evaluation.todo && !n->evaluation.n
                   && n->synergy.todo && n->direction.todo;
    }
    CHECK_INT(kept, 43, "cards keeping title, departments, label, indicator, overview, baseline");
    CHECK_INT(moved, 42, "cards whose target is last year's next-year target");
    CHECK_INT(emptied, 42, "cards whose status, actual, next and narratives are to fill");
    int goals = 0;
    for (int p = 0; p < r7->nprojects; p++)
        for (int g = 0; g < r7->projects[p].ngoals; g++) {
            const pt_goal *n = &r7->projects[p].goals[g], *o = &r6->projects[p].goals[g];
            goals += n->status == PT_STATUS_TODO && n->target.todo && n->actual.todo
                     && value_is(&n->baseline, &o->baseline) && same(n->name, o->name);
        }
    CHECK_INT(goals, 5, "goals with status, target, actual to fill and the baseline kept");
    const pt_todo *t;
    CHECK_INT(pt_todo_cells(r7, a, &t), 267, "cells listed to fill");
    CHECK(t[0].goal && !strcmp(t[0].goal, "1(1)") && !strcmp(t[0].cell, "status"),
          "the first cell to fill is goal 1(1)'s status");
    unlink(out);
    pt_arena_free(a);
}

int main(int argc, char **argv)
{
    const char *path = argc > 1 ? argv[1] : "input/r6.xml";
    pt_ctx ctx;
    pt_ctx_init(&ctx);
    ctx.warn = NULL;
    pt_arena *a = pt_arena_new();
    pt_report *r = pt_report_load(&ctx, a, path);
    CHECK(r != NULL, "load %s: %s", path, ctx.err);
    if (r) {
        test_derive(r, a);
        test_new_year(r, path);
    }
    pt_arena_free(a);
    return TEST_END();
}
