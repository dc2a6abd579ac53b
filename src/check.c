/* check.c - the data rules of the proofreading checks, the rule table, the
 * walk over every text of an edition and the era-year words; see check.h.
 *
 * The data rules compare what the edition says with itself: the status mark
 * with the target and actual (and better="lower"), the units and periods of a
 * card's four values, the era and fiscal year, the year words of the title,
 * the numbering of initiatives and the contents labels. Each finding names
 * the cell it is about and says what was expected. */
#include "check.h"
#include "cycle.h"

#include <stdlib.h>
#include <string.h>

static const pt_rule rules[] = {
    { "load", PT_ERROR, "the edition cannot be read: not UTF-8 or well-formed, outside the "
                        "schema, or a value the loader refuses" },
    { "status-mark", PT_ERROR, "a status mark that disagrees with the target, the actual and "
                               "better=\"lower\" (cards and project goals)" },
    { "unit-mismatch", PT_ERROR, "baseline, target, actual and next in different units" },
    { "period", PT_ERROR, "a value's period in the wrong year or era (baseline before the "
                          "target, actual in the target's year, next after it)" },
    { "era", PT_ERROR, "an unknown era, or fiscal-year not the Gregorian year of era + year" },
    { "title-year", PT_ERROR, "a title line naming another year than the edition's" },
    { "numbering", PT_ERROR, "initiatives not numbered 1, 2, 3 … without gaps" },
    { "contents-label", PT_ERROR, "a contents label (①…) missing on a card of an initiative "
                                  "with several cards, present on an only card, or numbered "
                                  "unlike its card" },
    { "incomplete-card", PT_WARNING, "a card the source lacks (an error with --final)" },
    { "to-fill", PT_WARNING, "a cell of a new year's edition still to be filled (todo=\"true\", "
                             "status=\"todo\"; an error with --final)" },
    { "font-coverage", PT_ERROR, "a character the layout's fonts lack" },
    { "fit", PT_WARNING, "what the layout did to fit a card or page (tighter line spacing, a "
                         "smaller size, continuation pages)" },
    { "layout", PT_ERROR, "the edition cannot be laid out with the layout" },
    { "notation-variant", PT_WARNING, "表記ゆれ: one term written in several ways (equal after "
                                      "NFKC, case folding and without spaces, hyphens, middle "
                                      "dots)" },
    { "repeated-particle", PT_WARNING, "a particle written twice (のの, がが, をを …)" },
    { "brackets", PT_WARNING, "an opening bracket or quote without its closing one, or the "
                              "reverse" },
    { "placeholder", PT_WARNING, "placeholder text: 未記入, 未定, TODO, XXX, ○○, ＊＊" },
    { "era-year", PT_WARNING, "an era-year word of another era, of an impossible year, or "
                              "after the edition's next year" },
    { "mixed-style", PT_WARNING, "です・ます and である/だ sentence endings in one card's "
                                 "narrative" },
    { "halfwidth-kana", PT_WARNING, "half-width katakana (ｱｲｳ)" },
    { "nfd", PT_WARNING, "a decomposed (NFD) sequence such as カ + ゛ where the text is "
                         "otherwise composed" },
    { "fullwidth-value", PT_WARNING, "full-width digits or Latin letters in a value, where "
                                     "the edition's values are half-width" },
    { "changed", PT_NOTE, "--diff OLD: a cell, status mark or card changed, added, removed or "
                          "renumbered since the previous draft" },
    { NULL, PT_ERROR, NULL },
};

const pt_rule *pt_check_rules(void) { return rules; }

static const pt_rule *rule(const char *id)
{
    for (const pt_rule *r = rules; r->id; r++)
        if (!strcmp(r->id, id))
            return r;
    return NULL;
}

/* ---- the walk over every text ---- */

typedef PT_VEC(pt_text_ref) text_vec;

static void add_text(text_vec *v, const char *text, int line, const pt_card *card,
                     const char *cell, const pt_value *value, bool narrative)
{
    if (!text)
        return;
    pt_text_ref t = { text, line, card, cell, value, narrative };
    PT_PUSH(*v, t);
}

static void add_rich(text_vec *v, const pt_rich *rich, const pt_card *card, const char *cell,
                     bool narrative)
{
    for (int i = 0; i < rich->n; i++)
        add_text(v, rich->paras[i].text, rich->paras[i].line, card, cell, NULL, narrative);
}

static void add_value(text_vec *v, const pt_value *x, const pt_card *card, const char *cell)
{
    add_text(v, x->text, x->line, card, cell, x, false);
}

static void add_card(text_vec *v, const pt_card *c)
{
    const pt_initiative *ini = c->initiative;
    if (c->incomplete)
        return;
    add_text(v, c->label, c->line, c, "label", NULL, false);
    if (c->title != ini->title)
        add_text(v, c->title, c->line, c, "title", NULL, false);
    if (c->overview.paras != ini->overview.paras)
        add_rich(v, &c->overview, c, "overview", false);
    add_text(v, c->indicator, c->line, c, "indicator", NULL, false);
    add_value(v, &c->baseline, c, "baseline");
    add_value(v, &c->target, c, "target");
    add_value(v, &c->actual, c, "actual");
    add_value(v, &c->next, c, "next");
    add_rich(v, &c->evaluation, c, "evaluation", true);
    add_rich(v, &c->synergy, c, "synergy", true);
    add_rich(v, &c->direction, c, "direction", true);
}

static void add_initiative(text_vec *v, const pt_initiative *ini)
{
    /* The initiative's title and overview are printed on its first card. */
    const pt_card *first = ini->ncards ? &ini->cards[0] : NULL;
    add_text(v, ini->title, ini->line, first, "title", NULL, false);
    for (int d = 0; d < ini->ndepts; d++)
        add_text(v, ini->depts[d], ini->line, first, "dept", NULL, false);
    add_rich(v, &ini->overview, first, "overview", false);
    for (int k = 0; k < ini->ncards; k++)
        add_card(v, &ini->cards[k]);
}

const pt_text_ref *pt_check_texts(pt_check *c, int *n)
{
    const pt_report *r = c->r;
    text_vec v = {0};
    for (int i = 0; i < r->ntitle_lines; i++)
        add_text(&v, r->title_lines[i], 1, NULL, "title", NULL, false);
    add_text(&v, r->publisher, 1, NULL, "publisher", NULL, false);
    int from = 1;   /* projects have no line of their own: after the previous one */
    for (int p = 0; p < r->nprojects; p++) {
        const pt_project *pr = &r->projects[p];
        add_text(&v, pr->name, from, NULL, "name", NULL, false);
        add_text(&v, pr->leader, from, NULL, "leader", NULL, false);
        for (int g = 0; g < pr->ngoals; g++) {
            const pt_goal *goal = &pr->goals[g];
            add_text(&v, goal->name, goal->line, NULL, "name", NULL, false);
            add_text(&v, goal->indicator, goal->line, NULL, "indicator", NULL, false);
            add_value(&v, &goal->baseline, NULL, "baseline");
            add_value(&v, &goal->target, NULL, "target");
            add_value(&v, &goal->actual, NULL, "actual");
            for (int k = 0; k < goal->npolicies; k++)
                add_text(&v, goal->policies[k].name, goal->line, NULL, "name", NULL, false);
            for (int k = 0; k < goal->ninitiatives; k++) {
                add_initiative(&v, goal->initiatives[k]);
                from = goal->initiatives[k]->line;
            }
        }
    }
    pt_text_ref *out = pt_alloc(c->arena, sizeof *out * (v.n + 1));
    if (v.n)
        memcpy(out, v.v, sizeof *out * v.n);
    *n = (int)v.n;
    free(v.v);
    return out;
}

/* ---- adding findings ---- */

static pt_finding *vadd(pt_check *c, const char *id, int line, int col, const pt_card *card,
                        const char *cell, const char *fmt, va_list ap)
{
    char msg[2048];
    vsnprintf(msg, sizeof msg, fmt, ap);
    const pt_rule *ru = rule(id);
    pt_level lv = ru ? ru->level : PT_ERROR;
    if ((!strcmp(id, "incomplete-card") || !strcmp(id, "to-fill")) && c->final)
        lv = PT_ERROR;
    pt_finding *f = pt_finding_add(c->out, lv, id, c->r->file, line, col, "%s", msg);
    f->card = card ? card->no : NULL;
    f->cell = cell;
    return f;
}

pt_finding *pt_check_at(pt_check *c, const pt_text_ref *t, size_t off, const char *id,
                        const char *fmt, ...)
{
    int line, col;
    pt_src_find(c->src, t->line, t->text, off, &line, &col);
    va_list ap;
    va_start(ap, fmt);
    pt_finding *f = vadd(c, id, line, col, t->card, t->cell, fmt, ap);
    va_end(ap);
    f->text = t->text;
    f->off = off;
    return f;
}

/* A finding on a value cell, at the start of its text. */
static pt_finding *at_value(pt_check *c, const pt_card *card, const char *cell,
                            const pt_value *v, const char *id, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));
static pt_finding *at_value(pt_check *c, const pt_card *card, const char *cell,
                            const pt_value *v, const char *id, const char *fmt, ...)
{
    int line, col;
    pt_src_find(c->src, v->line, v->text, 0, &line, &col);
    va_list ap;
    va_start(ap, fmt);
    pt_finding *f = vadd(c, id, line, col, card, cell, fmt, ap);
    va_end(ap);
    f->text = v->text;
    return f;
}

/* A finding on a line (an element's start tag). */
static pt_finding *at_line(pt_check *c, int line, const pt_card *card, const char *id,
                           const char *fmt, ...) __attribute__((format(printf, 5, 6)));
static pt_finding *at_line(pt_check *c, int line, const pt_card *card, const char *id,
                           const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    pt_finding *f = vadd(c, id, line, 0, card, NULL, fmt, ap);
    va_end(ap);
    return f;
}

/* ---- eras ---- */

/* Digits, ASCII or full-width, at s[*i]: their value (-1 when none). */
static int digits(const char *s, size_t *i)
{
    int v = -1;
    for (;;) {
        unsigned char a = (unsigned char)s[*i];
        if (a >= '0' && a <= '9') {
            v = (v < 0 ? 0 : v) * 10 + (a - '0');
            *i += 1;
        } else if (a == 0xEF && (unsigned char)s[*i + 1] == 0xBC
                   && (unsigned char)s[*i + 2] >= 0x90 && (unsigned char)s[*i + 2] <= 0x99) {
            v = (v < 0 ? 0 : v) * 10 + ((unsigned char)s[*i + 2] - 0x90);   /* ０-９ */
            *i += 3;
        } else {
            return v;
        }
        if (v > 100000)
            return -1;
    }
}

static bool starts(const char *s, size_t i, const char *w)
{
    return !strncmp(s + i, w, strlen(w));
}

bool pt_era_year_parse(const pt_eras *t, const char *s, pt_era_year *out)
{
    memset(out, 0, sizeof *out);
    size_t i = 0;
    out->era = -1;
    for (int e = 0; e < t->n && out->era < 0; e++) {
        if (starts(s, 0, t->v[e].name)) {
            out->era = e;
            i = strlen(t->v[e].name);
        } else if (s[0] == t->v[e].abbr[0]) {
            out->era = e;
            i = 1;
        }
    }
    if (out->era < 0)
        return false;
    if (starts(s, i, "元")) {
        out->year = 1;
        i += strlen("元");
    } else if ((out->year = digits(s, &i)) < 0) {
        return false;
    }
    if (!starts(s, i, "年"))
        return false;
    i += strlen("年");
    if (starts(s, i, "度")) {
        out->fiscal = true;
        i += strlen("度");
    } else {
        size_t j = i;
        int m = digits(s, &j);
        if (m >= 1 && m <= 12 && starts(s, j, "月")) {
            out->month = m;
            i = j + strlen("月");
        }
    }
    if (starts(s, i, "末"))   /* R6年2月末, R5年度末: the end of it */
        i += strlen("末");
    out->len = i;
    return true;
}

/* The months an era-year word covers, counted from year 0: a fiscal year is
 * April to March, a calendar year January to December, a month itself. */
static void months(const pt_eras *t, const pt_era_year *e, int *first, int *last)
{
    int g = pt_era_gregorian(t, e->era, e->year);
    if (e->fiscal) {
        *first = g * 12 + 3;
        *last = g * 12 + 14;
    } else if (e->month) {
        *first = *last = g * 12 + e->month - 1;
    } else {
        *first = g * 12;
        *last = g * 12 + 11;
    }
}

/* ---- the rules ---- */

/* The <report> start tag's line. */
static int report_line(const pt_check *c)
{
    int line = pt_src_line_of(c->src, "<report ");
    return line ? line : 1;
}

/* The report's era and fiscal year. Returns the era's index, -1 when unknown. */
static int check_era(pt_check *c)
{
    const pt_report *r = c->r;
    int line = report_line(c);
    const pt_eras *t = c->eras;
    int e = pt_era_find(t, r->era);
    if (e < 0) {
        pt_buf known = {0};
        for (int i = 0; i < t->n; i++)
            pt_buf_printf(&known, "%s%s", i ? ", " : "", t->v[i].name);
        at_line(c, line, NULL, "era", _("unknown era \"%s\" (known: %s)"), r->era,
                known.s ? known.s : "none");
        pt_buf_free(&known);
        return -1;
    }
    if (strcmp(r->era_abbr, pt_era_abbr(t, e)))
        at_line(c, line, NULL, "era", _("era-abbr=\"%s\" but the abbreviation of %s is %s"),
                r->era_abbr, r->era, pt_era_abbr(t, e));
    int last = pt_era_last_year(t, e);
    if (last && r->year > last)
        at_line(c, line, NULL, "era", _("%s has no year %d (it ended in its year %d)"), r->era,
                r->year, last);
    int fy = pt_era_gregorian(t, e, r->year);
    if (r->fiscal_year != fy)
        at_line(c, line, NULL, "era", _("fiscal-year=\"%d\" but %s%d年度 is fiscal year %d"),
                r->fiscal_year, r->era, r->year, fy);
    return e;
}

/* Year words of the title lines must be the edition's year. */
static void check_title_year(pt_check *c, int era, const pt_text_ref *texts, int n)
{
    const pt_report *r = c->r;
    for (int k = 0; k < n; k++) {
        const pt_text_ref *t = &texts[k];
        if (t->card || strcmp(t->cell, "title"))
            continue;
        for (size_t i = 0; t->text[i]; i++) {
            pt_era_year y;
            if (!pt_era_year_parse(c->eras, t->text + i, &y))
                continue;
            if (y.era != era || y.year != r->year)
                pt_check_at(c, t, i, "title-year", _("the title names %.*s, but the edition is "
                            "%s%d年度"), (int)y.len, t->text + i, r->era, r->year);
            i += y.len - 1;
        }
    }
}

/* A value's period, or the default when it has none; false when it has a
 * period that is no era-year word. */
static bool value_months(const pt_eras *t, const pt_value *v, int dfirst, int dlast, int *first,
                         int *last, pt_era_year *y)
{
    *first = dfirst;
    *last = dlast;
    if (!v->period)
        return true;
    if (!pt_era_year_parse(t, v->period, y) || y->len != strlen(v->period))
        return false;
    months(t, y, first, last);
    return true;
}

static const char *era_word(pt_check *c, int era, int year)
{
    return pt_sprintf(c->arena, "%s%d年度", pt_era_abbr(c->eras, era), year);
}

/* Periods: baseline before the target's, the target in the edition's year
 * (or the year before, where the figure lags a year), the actual in the
 * target's, next after the actual's; every period in the edition's era. */
static void check_periods(pt_check *c, int era, const pt_card *card, const pt_value *vals[4])
{
    static const char *const names[4] = { "baseline", "target", "actual", "next" };
    const pt_report *r = c->r;
    /* April of the edition's fiscal year, from era + year (a wrong
     * fiscal-year is the era rule's finding, not every value's) */
    int fy0 = pt_era_gregorian(c->eras, era, r->year) * 12 + 3;
    int first[4], last[4];
    const int dfirst[4] = { fy0 - 12, fy0, fy0, fy0 + 12 };
    for (int k = 0; k < 4; k++) {
        if (vals[k] && vals[k]->todo)
            vals[k] = NULL;   /* still to be filled: no period to compare */
        if (!vals[k])
            continue;
        pt_era_year y;
        if (!value_months(c->eras, vals[k], dfirst[k], dfirst[k] + 11, &first[k], &last[k], &y)) {
            at_value(c, card, names[k], vals[k], "period", _("period=\"%s\" is not an era-year "
                     "like %s"), vals[k]->period, era_word(c, era, r->year));
            vals[k] = NULL;
            continue;
        }
        if (vals[k]->period && y.era != era) {
            at_value(c, card, names[k], vals[k], "period", _("the %s's period %s is in the %s "
                     "era, but the edition's years are %s (%s)"), names[k], vals[k]->period,
                     pt_era_name(c->eras, y.era), pt_era_name(c->eras, era),
                     pt_era_abbr(c->eras, era));
            vals[k] = NULL;
        }
    }
    const pt_value *b = vals[0], *t = vals[1], *a = vals[2], *n = vals[3];
    if (b && t && last[0] >= first[1])
        at_value(c, card, "baseline", b, "period", _("the baseline's period %s is not before the "
                 "target's (%s)"), b->period ? b->period : "none",
                 t->period ? t->period : era_word(c, era, r->year));
    if (t && (first[1] > fy0 || first[1] < fy0 - 12))
        at_value(c, card, "target", t, "period", _("the target's period %s is neither the "
                 "edition's year %s nor the year before"), t->period,
                 era_word(c, era, r->year));
    if (t && a && (first[1] != first[2] || last[1] != last[2]))
        at_value(c, card, "actual", a, "period", _("the actual's period %s is not the target's "
                 "(%s)"), a->period ? a->period : era_word(c, era, r->year),
                 t->period ? t->period : era_word(c, era, r->year));
    if (a && n && first[3] <= last[2])
        at_value(c, card, "next", n, "period", _("next year's target %s is not after the "
                 "actual's period (%s)"), n->period ? n->period : "(none)",
                 a->period ? a->period : era_word(c, era, r->year));
}

/* Units: every value with a number is in the same unit. */
static void check_units(pt_check *c, const pt_card *card, const pt_value *vals[4])
{
    static const char *const names[4] = { "baseline", "target", "actual", "next" };
    int ref = -1;
    for (int k = 0; k < 4; k++) {
        if (!vals[k] || !vals[k]->has_num)
            continue;
        if (ref < 0)
            ref = k;
        else if (strcmp(vals[k]->unit, vals[ref]->unit))
            at_value(c, card, names[k], vals[k], "unit-mismatch", _("the %s is in %s but the %s "
                     "is in %s"), names[k], vals[k]->unit, names[ref], vals[ref]->unit);
    }
}

/* Status: ○ when the actual meets the target, × when not, - only when there
 * is nothing to compare. */
static void check_status(pt_check *c, const pt_card *card, int line, const char *what,
                         pt_status st, bool lower, const pt_value *t, const pt_value *a)
{
    if (st == PT_STATUS_TODO || t->todo || a->todo)
        return;   /* still to be filled: the to-fill finding says so */
    bool comparable = t->has_num && a->has_num;
    const char *mark = pt_status_mark(st);
    if (comparable && strcmp(t->unit, a->unit))
        return;   /* the unit-mismatch rule says what is wrong */
    if (!comparable) {
        if (st != PT_STATUS_NONE)
            at_line(c, line, card, "status-mark", _("%s is marked %s but has no target and actual "
                    "to compare; the mark is - then"), what, mark);
        return;
    }
    bool met = lower ? a->num <= t->num : a->num >= t->num;
    pt_status want = met ? PT_STATUS_ACHIEVED : PT_STATUS_NOT_ACHIEVED;
    if (st == want)
        return;
    pt_finding *f = at_line(c, line, card, "status-mark",
                            _("%s is marked %s but the actual %s %s the target %s%s: the mark is %s"),
                            what, mark, a->text, met ? _("meets") : _("misses"), t->text,
                            lower ? _(" (lower is better)") : "", pt_status_mark(want));
    f->cell = "actual";   /* placed on the actual's cell, the number that decides */
    f->text = a->text;
}

static void check_card(pt_check *c, int era, const pt_card *card)
{
    const pt_initiative *ini = card->initiative;
    if (card->incomplete) {
        at_line(c, card->line, card, "incomplete-card", _("card %s is incomplete: the source lacks "
                "its content%s"), card->no,
                c->final ? _(" (an official print needs every card)") : "");
        return;
    }
    char what[64];
    snprintf(what, sizeof what, _("card %s"), card->no);
    check_status(c, card, card->line, what, card->status, card->lower_is_better, &card->target,
                 &card->actual);
    const pt_value *vals[4] = { &card->baseline, &card->target, &card->actual, &card->next };
    check_units(c, card, vals);
    if (era >= 0)
        check_periods(c, era, card, vals);
    /* contents labels */
    if (ini->ncards > 1 && !card->label) {
        at_line(c, card->line, card, "contents-label", _("card %s has no <label>: the contents "
                "name each card of an initiative with several cards"), card->no);
    } else if (ini->ncards == 1 && card->label) {
        at_line(c, card->line, card, "contents-label", _("card %s has a <label> but is the only "
                "card of initiative %d: the contents list it by the initiative's title"),
                card->no, ini->no);
    } else if (card->label && card->minor >= 1 && card->minor <= 20) {
        char circled[5] = {0};
        pt_utf8_encode(0x2460 + (uint32_t)card->minor - 1, circled);
        if (strncmp(card->label, circled, strlen(circled)))
            at_line(c, card->line, card, "contents-label", _("card %s's label \"%s\" does not "
                    "begin with %s"), card->no, card->label, circled);
    }
}

/* The cells a new year's edition still has to fill (cycle.h), one finding each. */
static void check_to_fill(pt_check *c)
{
    const pt_todo *t;
    int n = pt_todo_cells(c->r, c->arena, &t);
    for (int i = 0; i < n; i++) {
        const pt_card *card = NULL;
        for (int k = 0; t[i].card && k < c->r->ncards && !card; k++)
            if (!strcmp(c->r->cards[k]->no, t[i].card))
                card = c->r->cards[k];
        pt_finding *f = at_line(c, t[i].line, card, "to-fill", _("%s %s: %s is to be filled"),
                                card ? _("card") : _("goal"), card ? card->no : t[i].goal, t[i].cell);
        f->cell = t[i].cell;
    }
}

void pt_check_data(pt_check *c)
{
    const pt_report *r = c->r;
    int era = check_era(c);
    int n;
    const pt_text_ref *texts = pt_check_texts(c, &n);
    check_title_year(c, era, texts, n);
    for (int p = 0; p < r->nprojects; p++)
        for (int g = 0; g < r->projects[p].ngoals; g++) {
            const pt_goal *goal = &r->projects[p].goals[g];
            char what[128];
            snprintf(what, sizeof what, _("project %d's goal %s"), r->projects[p].no, goal->no);
            check_status(c, NULL, goal->line, what, goal->status, false, &goal->target,
                         &goal->actual);
            const pt_value *vals[4] = { &goal->baseline, &goal->target, &goal->actual, NULL };
            check_units(c, NULL, vals);
            if (era >= 0)
                check_periods(c, era, NULL, vals);
        }
    for (int i = 0; i < r->ninitiatives; i++) {
        const pt_initiative *ini = r->initiatives[i];
        int want = i ? r->initiatives[i - 1]->no + 1 : 1;
        const pt_card *first = ini->ncards ? &ini->cards[0] : NULL;
        const char *after = i ? pt_sprintf(c->arena, _("comes after %d"), want - 1)
                              : _("is the first");
        if (ini->no == want + 1)
            at_line(c, ini->line, first, "numbering", _("initiative %d is missing (initiative %d "
                    "%s)"), want, ini->no, after);
        else if (ini->no > want)
            at_line(c, ini->line, first, "numbering", _("initiatives %d to %d are missing "
                    "(initiative %d %s)"), want, ini->no - 1, ini->no, after);
    }
    for (int i = 0; i < r->ncards; i++)
        check_card(c, era, r->cards[i]);
    check_to_fill(c);
}
