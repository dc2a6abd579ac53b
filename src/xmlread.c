/* xmlread.c - edition file -> document model.
 *
 * xml.c takes the file through three gates (bytes, well-formedness, the schema
 * input/plantype.rng); this file is the fourth: what the schema cannot say
 * clearly (status marks, card numbers, their order and uniqueness, empty
 * texts, numbers that disagree with their printed text) is checked while the
 * model is filled. Every message has the form
 *   file:line: <element no="…">: what is wrong. */
#include "model.h"
#include "xml.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

const char *pt_status_mark(pt_status s)
{
    switch (s) {
    case PT_STATUS_ACHIEVED: return "○";
    case PT_STATUS_NOT_ACHIEVED: return "×";
    case PT_STATUS_NONE: return "-";
    default: return "";
    }
}

/* Loader state for one file. */
typedef struct loader {
    pt_ctx *ctx;
    pt_arena *arena;
    const char *name;        /* file name for messages */
    PT_VEC(pt_card *) cards;
    PT_VEC(pt_initiative *) inis;
} loader;

/* ---- gate 4: filling the model ---- */

/* Records "file:line: <elem>: message" as invalid input; returns false. */
#define bad(L, n, ...) pt_xml_bad((L)->ctx, (L)->name, (n), __VA_ARGS__)

static bool has_space_edge(const char *s)
{
    size_t n = strlen(s);
    return n && (strchr(" \t\r\n", s[0]) || strchr(" \t\r\n", s[n - 1]));
}

/* Text of a leaf element, copied into the arena. Empty text, or text that
 * begins or ends with white space (which would be typeset), is an error. */
static const char *text_of(loader *L, const xmlNode *n)
{
    xmlChar *t = xmlNodeGetContent(n);
    const char *s = t ? (const char *)t : "";
    const char *res = NULL;
    if (!*s)
        bad(L, n, _("is empty"));
    else if (has_space_edge(s) || strpbrk(s, "\t\r\n"))
        bad(L, n, _("text must not begin or end with white space nor contain line breaks or tabs "
                  "(a line break of the original is <br/> inside <p>)"));
    else
        res = pt_strdup(L->arena, s);
    xmlFree(t);
    return res;
}

static const char *child_text(loader *L, const xmlNode *parent, const char *name)
{
    const xmlNode *c = pt_xml_child(parent, name);
    if (!c) {
        bad(L, parent, _("<%s> is missing"), name);
        return NULL;
    }
    return text_of(L, c);
}

static const char *attr(loader *L, const xmlNode *n, const char *name)
{
    return pt_xml_attr(L->arena, n, name);
}

/* An integer attribute in [lo, hi] (README: Limits). The schema has made it
 * a positiveInteger; this keeps it in range so that no arithmetic on it can
 * overflow and no year prints as a negative number. */
static bool int_attr(loader *L, const xmlNode *n, const char *name, long lo, long hi, int *out)
{
    const char *s = attr(L, n, name);
    char *end;
    errno = 0;
    long v = s ? strtol(s, &end, 10) : 0;
    if (!s || *end || errno == ERANGE || v < lo || v > hi)
        return bad(L, n, _("%s must be a whole number from %ld to %ld, found \"%s\""), name, lo, hi,
                   s ? s : "");
    *out = (int)v;
    return true;
}

static bool parse_status(loader *L, const xmlNode *n, pt_status *out)
{
    const char *s = attr(L, n, "status");
    if (!s)
        return bad(L, n, _("status is missing"));
    if (!strcmp(s, "○")) *out = PT_STATUS_ACHIEVED;
    else if (!strcmp(s, "×")) *out = PT_STATUS_NOT_ACHIEVED;
    else if (!strcmp(s, "-")) *out = PT_STATUS_NONE;
    else if (!strcmp(s, "todo")) *out = PT_STATUS_TODO;
    else return bad(L, n, _("status must be ○, × or -, found \"%s\""), s);
    return true;
}

/* Removes the grouping commas of a printed number: "618,213千円" -> "618213千円". */
static void strip_commas(const char *s, char *out, size_t size)
{
    size_t k = 0;
    for (; *s && k + 1 < size; s++)
        if (*s != ',')
            out[k++] = *s;
    out[k] = 0;
}

/* True when s has a full-width digit ０-９ (U+FF10-FF19: EF BC 90-99). */
static bool has_fullwidth_digit(const char *s)
{
    for (; *s; s++)
        if ((unsigned char)s[0] == 0xEF && (unsigned char)s[1] == 0xBC
            && (unsigned char)s[2] >= 0x90 && (unsigned char)s[2] <= 0x99)
            return true;
    return false;
}

/* A value cell. num/unit/period, when given, must be what the text says: the
 * text (grouping commas removed) contains num immediately followed by unit,
 * and contains the period. */
static bool parse_value(loader *L, const xmlNode *parent, const char *name, pt_value *v)
{
    const xmlNode *n = pt_xml_child(parent, name);
    if (!n)
        return bad(L, parent, _("<%s> is missing"), name);
    v->line = pt_xml_line(n);
    if (pt_xml_attr(L->arena, n, "todo")) {   /* the schema keeps the element empty */
        v->todo = true;
        v->text = "";
        return true;
    }
    if (!(v->text = text_of(L, n)))
        return false;
    v->num_text = attr(L, n, "num");
    v->unit = attr(L, n, "unit");
    v->period = attr(L, n, "period");
    if (v->num_text) {
        v->num = strtod(v->num_text, NULL);
        v->has_num = true;
    }
    const char *why = pt_value_disagrees(L->arena, v->text, v->num_text, v->unit, v->period);
    return why ? bad(L, n, "%s", why) : true;
}

const char *pt_value_disagrees(pt_arena *a, const char *text, const char *num, const char *unit,
                               const char *period)
{
    if (num) {
        size_t tn = strlen(text) + 1;
        char *plain = pt_alloc(a, tn);
        strip_commas(text, plain, tn);
        const char *want = pt_sprintf(a, "%s%s", num, unit ? unit : "");
        if (!strstr(plain, want))
            return pt_sprintf(a, "num=\"%s\" unit=\"%s\" do not match the printed text \"%s\"%s",
                              num, unit ? unit : "", text,
                              has_fullwidth_digit(text) ? " (its digits are full-width: write them "
                                                          "half-width, 0-9)" : "");
    }
    if (period && !strstr(text, period))
        return pt_sprintf(a, "period=\"%s\" is not in the printed text \"%s\"", period, text);
    return NULL;
}

/* Paragraphs of a rich-text element: each <p> with '\n' for <br/>. */
static bool parse_rich(loader *L, const xmlNode *parent, const char *name, pt_rich *out)
{
    const xmlNode *n = pt_xml_child(parent, name);
    if (!n)
        return bad(L, parent, _("<%s> is missing"), name);
    out->line = pt_xml_line(n);
    if (pt_xml_attr(L->arena, n, "todo")) {   /* the schema keeps the element empty */
        out->todo = true;
        return true;
    }
    int np = pt_xml_count(n, "p");
    pt_para *paras = pt_alloc(L->arena, sizeof *paras * (size_t)(np ? np : 1));
    int k = 0;
    for (const xmlNode *p = n->children; p; p = p->next) {
        if (!pt_xml_is(p, "p"))
            continue;
        pt_buf b = {0};
        for (const xmlNode *c = p->children; c; c = c->next) {
            if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE)
                pt_buf_puts(&b, (const char *)c->content);
            else if (pt_xml_is(c, "br"))
                pt_buf_add(&b, "\n", 1);
        }
        const char *s = b.s ? b.s : "";
        bool ok = true;
        if (!*s)
            ok = bad(L, p, _("paragraph in <%s> is empty"), name);
        else if (strpbrk(s, "\t\r") || s[0] == ' ' || s[strlen(s) - 1] == ' ' || s[0] == '\n'
                 || s[strlen(s) - 1] == '\n' || strstr(s, "\n ") || strstr(s, " \n"))
            ok = bad(L, p, _("paragraph in <%s> has white space at an edge or a line break in its "
                           "text (write <br/> for a line break of the original)"), name);
        else {
            /* A newline in a text node is XML formatting, not content. */
            for (const xmlNode *c = p->children; c && ok; c = c->next)
                if (c->type == XML_TEXT_NODE && strchr((const char *)c->content, '\n'))
                    ok = bad(L, p, _("paragraph in <%s> contains a line break; write <br/>"), name);
        }
        if (ok) {
            paras[k].line = pt_xml_line(p);
            paras[k++].text = pt_strdup(L->arena, s);
        }
        pt_buf_free(&b);
        if (!ok)
            return false;
    }
    out->paras = paras;
    out->n = k;
    return true;
}

/* "5-1" -> 5, 1; "6" -> 6, 0. */
static bool parse_card_no(const char *s, int *major, int *minor)
{
    char *end;
    if (!s || !(*s >= '1' && *s <= '9'))
        return false;
    long a = strtol(s, &end, 10), b = 0;
    if (*end == '-') {
        const char *m = end + 1;
        if (!(*m >= '1' && *m <= '9'))
            return false;
        b = strtol(m, &end, 10);
    }
    if (*end || a > PT_MAX_NUMBER || b > 1000)
        return false;
    *major = (int)a;
    *minor = (int)b;
    return true;
}

static bool parse_card(loader *L, const xmlNode *n, pt_initiative *ini, pt_card *c)
{
    c->line = pt_xml_line(n);
    c->initiative = ini;
    c->no = attr(L, n, "no");
    if (!parse_card_no(c->no, &c->major, &c->minor))
        return bad(L, n, _("card number must be like \"6\" or \"5-1\", found \"%s\""),
                   c->no ? c->no : "");
    if (c->major != ini->no)
        return bad(L, n, _("card %s is inside initiative %d"), c->no, ini->no);
    /* Uniqueness and order over the whole edition. The cards so far are in
     * order, so a card after the last one is after all of them and equal to
     * none (its number differs from each): only a card out of order is
     * compared with every one, to name a duplicate rather than the order. */
    const pt_card *prev = L->cards.n ? L->cards.v[L->cards.n - 1] : NULL;
    bool after = !prev || prev->major < c->major
              || (prev->major == c->major && prev->minor < c->minor);
    for (size_t i = 0; !after && i < L->cards.n; i++)
        if (!strcmp(L->cards.v[i]->no, c->no))
            return bad(L, n, _("card number %s is used twice (first at line %d)"), c->no,
                       L->cards.v[i]->line);
    if (!after)
        return bad(L, n, _("cards out of order: %s comes after %s (line %d)"), c->no, prev->no,
                   prev->line);
    const char *inc = attr(L, n, "incomplete");
    c->incomplete = inc && !strcmp(inc, "true");
    c->title = ini->title;
    c->overview = ini->overview;
    if (c->incomplete)
        return true;
    if (!parse_status(L, n, &c->status))
        return false;
    const char *better = attr(L, n, "better");
    c->lower_is_better = better && !strcmp(better, "lower");
    if (pt_xml_child(n, "label") && !(c->label = child_text(L, n, "label")))
        return false;
    if (pt_xml_child(n, "title") && !(c->title = child_text(L, n, "title")))
        return false;
    if (pt_xml_child(n, "overview") && !parse_rich(L, n, "overview", &c->overview))
        return false;
    if (!c->overview.n)
        return bad(L, n, _("no <overview>: neither the card nor its initiative has one"));
    return (c->indicator = child_text(L, n, "indicator"))
        && parse_value(L, n, "baseline", &c->baseline)
        && parse_value(L, n, "target", &c->target)
        && parse_value(L, n, "actual", &c->actual)
        && parse_value(L, n, "next", &c->next)
        && parse_rich(L, n, "evaluation", &c->evaluation)
        && parse_rich(L, n, "synergy", &c->synergy)
        && parse_rich(L, n, "direction", &c->direction);
}

static pt_initiative *parse_initiative(loader *L, const xmlNode *n, pt_goal *goal,
                                       pt_policy *policy)
{
    pt_initiative *ini = pt_alloc(L->arena, sizeof *ini);
    ini->line = pt_xml_line(n);
    ini->goal = goal;
    ini->policy = policy;
    if (!int_attr(L, n, "no", 1, PT_MAX_NUMBER, &ini->no))
        return NULL;
    const char *inc = attr(L, n, "incomplete");
    ini->incomplete = inc && !strcmp(inc, "true");
    if (L->inis.n && L->inis.v[L->inis.n - 1]->no >= ini->no) {
        const pt_initiative *prev = L->inis.v[L->inis.n - 1];
        bad(L, n, _("initiatives out of order: %d comes after %d (line %d)"), ini->no, prev->no,
            prev->line);
        return NULL;
    }
    if (!(ini->title = child_text(L, n, "title")))
        return NULL;
    ini->ndepts = pt_xml_count(n, "dept");
    const char **depts = pt_alloc(L->arena, sizeof *depts * (size_t)(ini->ndepts + 1));
    int k = 0;
    for (const xmlNode *c = n->children; c; c = c->next)
        if (pt_xml_is(c, "dept") && !(depts[k++] = text_of(L, c)))
            return NULL;
    ini->depts = depts;
    if (pt_xml_child(n, "overview") && !parse_rich(L, n, "overview", &ini->overview))
        return NULL;
    ini->ncards = pt_xml_count(n, "card");
    ini->cards = pt_alloc(L->arena, sizeof *ini->cards * (size_t)ini->ncards);
    k = 0;
    for (const xmlNode *c = n->children; c; c = c->next) {
        if (!pt_xml_is(c, "card"))
            continue;
        pt_card *card = &ini->cards[k++];
        if (!parse_card(L, c, ini, card))
            return NULL;
        if (ini->ncards > 1 && card->minor != k)
            return bad(L, c, _("initiative %d has %d cards: they are numbered %d-1, %d-2, …"),
                       ini->no, ini->ncards, ini->no, ini->no), NULL;
        if (ini->ncards == 1 && card->minor != 0)
            return bad(L, c, _("initiative %d has one card: it is numbered %d"), ini->no,
                       ini->no), NULL;
        if (!ini->incomplete && card->incomplete)
            return bad(L, c, _("an incomplete card needs an initiative marked incomplete")), NULL;
        if (L->cards.n >= PT_MAX_CARDS)
            return bad(L, c, _("more than %d cards in the edition (the limit)"), PT_MAX_CARDS), NULL;
        PT_PUSH(L->cards, card);
    }
    if (ini->ndepts == 0 && !ini->incomplete)
        return bad(L, n, _("<dept> is missing")), NULL;
    PT_PUSH(L->inis, ini);
    return ini;
}

static bool parse_goal(loader *L, const xmlNode *n, pt_project *proj, pt_goal *g)
{
    g->project = proj;
    g->line = pt_xml_line(n);
    g->no = attr(L, n, "no");
    if (!parse_status(L, n, &g->status)
        || !(g->name = child_text(L, n, "name"))
        || !(g->indicator = child_text(L, n, "indicator"))
        || !parse_value(L, n, "baseline", &g->baseline)
        || !parse_value(L, n, "target", &g->target)
        || !parse_value(L, n, "actual", &g->actual))
        return false;
    g->npolicies = pt_xml_count(n, "policy");
    g->policies = pt_alloc(L->arena, sizeof *g->policies * (size_t)(g->npolicies + 1));
    PT_VEC(pt_initiative *) all = {0};
    int k = 0;
    bool ok = true;
    for (const xmlNode *c = n->children; c && ok; c = c->next) {
        if (pt_xml_is(c, "policy")) {
            pt_policy *pol = &g->policies[k++];
            pol->goal = g;
            pol->no = attr(L, c, "no");
            ok = (pol->name = child_text(L, c, "name")) != NULL;
            for (int j = 0; ok && j < k - 1; j++)
                if (!strcmp(g->policies[j].no, pol->no))
                    ok = bad(L, c, _("policy %s appears twice in goal %s"), pol->no, g->no);
            pol->ninitiatives = pt_xml_count(c, "initiative");
            pol->initiatives = pt_alloc(L->arena, sizeof(pt_initiative *) * (size_t)(pol->ninitiatives + 1));
            int j = 0;
            for (const xmlNode *i = c->children; i && ok; i = i->next) {
                if (!pt_xml_is(i, "initiative"))
                    continue;
                pt_initiative *ini = parse_initiative(L, i, g, pol);
                ok = ini != NULL;
                if (ok) {
                    pol->initiatives[j++] = ini;
                    PT_PUSH(all, ini);
                }
            }
        } else if (pt_xml_is(c, "initiative")) {
            pt_initiative *ini = parse_initiative(L, c, g, NULL);
            ok = ini != NULL;
            if (ok && !ini->incomplete)
                ok = bad(L, c, _("an initiative outside a <policy> must be marked incomplete "
                               "(its policy is unknown)"));
            if (ok)
                PT_PUSH(all, ini);
        }
    }
    if (ok && all.n == 0)
        ok = bad(L, n, _("goal %s has no initiatives"), g->no);
    g->ninitiatives = (int)all.n;
    g->initiatives = pt_alloc(L->arena, sizeof(pt_initiative *) * (all.n + 1));
    if (all.n)
        memcpy(g->initiatives, all.v, sizeof(pt_initiative *) * all.n);
    free(all.v);
    return ok;
}

static bool parse_project(loader *L, const xmlNode *n, pt_project *p)
{
    if (!int_attr(L, n, "no", 1, PT_MAX_NUMBER, &p->no))
        return false;
    p->line = pt_xml_line(n);
    p->aspect = attr(L, n, "aspect");
    if (!(p->name = child_text(L, n, "name")) || !(p->leader = child_text(L, n, "leader")))
        return false;
    p->ngoals = pt_xml_count(n, "goal");
    p->goals = pt_alloc(L->arena, sizeof *p->goals * (size_t)p->ngoals);
    int k = 0;
    for (const xmlNode *c = n->children; c; c = c->next) {
        if (!pt_xml_is(c, "goal"))
            continue;
        pt_goal *g = &p->goals[k++];
        if (!parse_goal(L, c, p, g))
            return false;
        for (int j = 0; j < k - 1; j++)
            if (!strcmp(p->goals[j].no, g->no))
                return bad(L, c, _("goal %s appears twice in project %d"), g->no, p->no);
    }
    return true;
}

/* A title line with {era} {abbr} {year} {next} filled in from the edition,
 * so that a line like ({era}{year}年度) follows the edition. (A year typed
 * out in full that disagrees is --check's title-year finding.) */
static const char *title_line(loader *L, const xmlNode *n, const pt_report *r)
{
    const char *tmpl = text_of(L, n);
    if (!tmpl)
        return NULL;
    char year[16], next[16];
    snprintf(year, sizeof year, "%d", r->year);
    snprintf(next, sizeof next, "%d", r->year + 1);
    const char *vars[] = { "era", r->era, "abbr", r->era_abbr, "year", year, "next", next, NULL };
    return pt_expand(L->arena, tmpl, vars);
}

static bool fill_report(loader *L, const xmlNode *root, pt_report *r)
{
    r->file = pt_strdup(L->arena, L->name);
    r->era = attr(L, root, "era");
    r->era_abbr = attr(L, root, "era-abbr");
    if (!int_attr(L, root, "year", 1, PT_MAX_ERA_YEAR, &r->year)
        || !int_attr(L, root, "fiscal-year", 1, 9999, &r->fiscal_year))
        return false;
    if (!*r->era || !*r->era_abbr)
        return bad(L, root, _("era and era-abbr must not be empty"));
    const xmlNode *title = pt_xml_child(root, "title");
    r->ntitle_lines = pt_xml_count(title, "line");
    r->title_line = pt_xml_line(title);
    const char **lines = pt_alloc(L->arena, sizeof *lines * (size_t)r->ntitle_lines);
    int k = 0;
    for (const xmlNode *c = title->children; c; c = c->next)
        if (pt_xml_is(c, "line") && !(lines[k++] = title_line(L, c, r)))
            return false;
    r->title_lines = lines;
    if (!(r->publisher = child_text(L, root, "publisher")))
        return false;
    r->publisher_line = pt_xml_line(pt_xml_child(root, "publisher"));
    r->nprojects = pt_xml_count(root, "project");
    r->projects = pt_alloc(L->arena, sizeof *r->projects * (size_t)r->nprojects);
    k = 0;
    for (const xmlNode *c = root->children; c; c = c->next) {
        if (!pt_xml_is(c, "project"))
            continue;
        pt_project *p = &r->projects[k++];
        if (!parse_project(L, c, p))
            return false;
        if (p->no != k)
            return bad(L, c, _("projects are numbered 1, 2, … in order: expected %d, found %d"), k,
                       p->no);
    }
    r->ncards = (int)L->cards.n;
    r->cards = pt_alloc(L->arena, sizeof *r->cards * (L->cards.n + 1));
    memcpy(r->cards, L->cards.v, sizeof *r->cards * L->cards.n);
    r->ninitiatives = (int)L->inis.n;
    r->initiatives = pt_alloc(L->arena, sizeof *r->initiatives * (L->inis.n + 1));
    memcpy(r->initiatives, L->inis.v, sizeof *r->initiatives * L->inis.n);
    return true;
}

pt_report *pt_report_parse(pt_ctx *ctx, pt_arena *arena, const char *name, const char *data,
                           size_t len)
{
    char schema[4096];
    snprintf(schema, sizeof schema, "%s/input/plantype.rng", pt_datadir(ctx));
    xmlDoc *doc = pt_xml_parse(ctx, name, "edition", data, len, schema);
    if (!doc)
        return NULL;
    loader L = { .ctx = ctx, .arena = arena, .name = name };
    pt_report *r = pt_alloc(arena, sizeof *r);
    if (!fill_report(&L, xmlDocGetRootElement(doc), r))
        r = NULL;
    free(L.cards.v);
    free(L.inis.v);
    xmlFreeDoc(doc);
    return r;
}

pt_report *pt_report_load(pt_ctx *ctx, pt_arena *arena, const char *path)
{
    size_t len;
    char *data = pt_read_file_max(ctx, path, PT_MAX_EDITION, &len);
    if (!data)
        return NULL;
    pt_report *r = pt_report_parse(ctx, arena, path, data, len);
    free(data);
    return r;
}
