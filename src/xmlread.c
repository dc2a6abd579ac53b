/* xmlread.c - edition file -> document model. The only user of libxml2.
 *
 * Approach: four gates, each with its own message, before any struct is filled.
 *  1. bytes: the file must be UTF-8 and must not contain a DOCTYPE. Refusing
 *     every DTD up front rules out external entities and entity-expansion bombs
 *     without relying on parser limits; the edition format needs none.
 *  2. well-formedness: libxml2 with XML_PARSE_NONET, no entity substitution, no
 *     DTD loading; its first error is reported with file and line.
 *  3. structure: the RELAX NG schema input/plantype.rng.
 *  4. values: what the schema cannot say clearly (status marks, card numbers,
 *     their order and uniqueness, empty texts, numbers that disagree with their
 *     printed text) is checked while the model is filled.
 * Every message has the form  file:line: <element no="…">: what is wrong. */
#include "model.h"

#include <libxml/parser.h>
#include <libxml/relaxng.h>
#include <libxml/tree.h>
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

/* ---- messages ---- */

static int line_of(const xmlNode *n) { return n ? (int)xmlGetLineNo(n) : 0; }

/* "<card no="5-1">" or "<overview>" for messages. */
static void describe(const xmlNode *n, char *out, size_t size)
{
    if (!n || n->type != XML_ELEMENT_NODE) {
        snprintf(out, size, "document");
        return;
    }
    xmlChar *no = xmlGetProp(n, (const xmlChar *)"no");
    if (no)
        snprintf(out, size, "<%s no=\"%s\">", (const char *)n->name, (const char *)no);
    else
        snprintf(out, size, "<%s>", (const char *)n->name);
    xmlFree(no);
}

/* Records "file:line: <elem>: message" as invalid input; returns false. */
static bool bad(loader *L, const xmlNode *n, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static bool bad(loader *L, const xmlNode *n, const char *fmt, ...)
{
    char what[512], elem[256];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(what, sizeof what, fmt, ap);
    va_end(ap);
    describe(n, elem, sizeof elem);
    return pt_invalid(L->ctx, "%s:%d: %s: %s", L->name, line_of(n), elem, what);
}

/* ---- gate 1: bytes ---- */

static int line_at(const char *data, size_t off)
{
    int line = 1;
    for (size_t i = 0; i < off; i++)
        line += data[i] == '\n';
    return line;
}

/* First occurrence of the NUL-terminated needle in data[0..len), or NULL. */
static const char *find(const char *data, size_t len, const char *needle)
{
    size_t n = strlen(needle);
    for (size_t i = 0; i + n <= len; i++)
        if (data[i] == needle[0] && memcmp(data + i, needle, n) == 0)
            return data + i;
    return NULL;
}

static bool check_bytes(loader *L, const char *data, size_t len)
{
    long badat = pt_utf8_check(data, len);
    if (badat >= 0)
        return pt_invalid(L->ctx, "%s:%d: the file is not UTF-8 (invalid byte 0x%02X at offset %ld)",
                          L->name, line_at(data, (size_t)badat),
                          (unsigned char)data[badat], badat);
    const char *forbidden[] = { "<!DOCTYPE", "<!ENTITY" };
    for (size_t k = 0; k < 2; k++) {
        const char *p = find(data, len, forbidden[k]);
        if (p)
            return pt_invalid(L->ctx, "%s:%d: %s is not allowed: an edition has no DTD and no "
                              "entities (external or internal)", L->name,
                              line_at(data, (size_t)(p - data)), forbidden[k]);
    }
    return true;
}

/* ---- gate 2 and 3: libxml2 ---- */

typedef struct rng_errors { loader *L; bool seen; } rng_errors;

static void on_rng_error(void *user, xmlErrorPtr e)
{
    rng_errors *r = user;
    if (r->seen || !e)
        return;
    r->seen = true;
    char msg[512];
    snprintf(msg, sizeof msg, "%s", e->message ? e->message : "schema error");
    size_t n = strlen(msg);
    while (n && (msg[n - 1] == '\n' || msg[n - 1] == ' '))
        msg[--n] = 0;
    const xmlNode *node = e->node;
    if (node && node->type == XML_ELEMENT_NODE)
        bad(r->L, node, "does not fit the schema: %s", msg);
    else
        pt_invalid(r->L->ctx, "%s:%d: does not fit the schema: %s", r->L->name, e->line, msg);
}

static bool validate(loader *L, xmlDoc *doc)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/input/plantype.rng", pt_datadir());
    size_t slen;
    char *schema = pt_read_file(L->ctx, path, &slen);
    if (!schema)
        return false;
    bool ok = false;
    xmlRelaxNGParserCtxtPtr pc = xmlRelaxNGNewMemParserCtxt(schema, (int)slen);
    xmlRelaxNGPtr rng = pc ? xmlRelaxNGParse(pc) : NULL;
    if (!rng) {
        pt_fail(L->ctx, "%s: the schema does not compile", path);
    } else {
        xmlRelaxNGValidCtxtPtr vc = xmlRelaxNGNewValidCtxt(rng);
        rng_errors errs = { L, false };
        xmlRelaxNGSetValidStructuredErrors(vc, on_rng_error, &errs);
        int rc = xmlRelaxNGValidateDoc(vc, doc);
        ok = rc == 0;
        if (!ok && !errs.seen)
            pt_invalid(L->ctx, "%s: does not fit the schema", L->name);
        xmlRelaxNGFreeValidCtxt(vc);
        xmlRelaxNGFree(rng);
    }
    if (pc)
        xmlRelaxNGFreeParserCtxt(pc);
    free(schema);
    return ok;
}

/* ---- gate 4: filling the model ---- */

static bool is_elem(const xmlNode *n, const char *name)
{
    return n && n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0;
}

static const xmlNode *child(const xmlNode *parent, const char *name)
{
    for (const xmlNode *c = parent->children; c; c = c->next)
        if (is_elem(c, name))
            return c;
    return NULL;
}

static int count_children(const xmlNode *parent, const char *name)
{
    int n = 0;
    for (const xmlNode *c = parent->children; c; c = c->next)
        n += is_elem(c, name);
    return n;
}

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
        bad(L, n, "is empty");
    else if (has_space_edge(s) || strpbrk(s, "\t\r\n"))
        bad(L, n, "text must not begin or end with white space nor contain line breaks or tabs "
                  "(a line break of the original is <br/> inside <p>)");
    else
        res = pt_strdup(L->arena, s);
    xmlFree(t);
    return res;
}

static const char *child_text(loader *L, const xmlNode *parent, const char *name)
{
    const xmlNode *c = child(parent, name);
    if (!c) {
        bad(L, parent, "<%s> is missing", name);
        return NULL;
    }
    return text_of(L, c);
}

/* Attribute copied into the arena, or NULL when absent. */
static const char *attr(loader *L, const xmlNode *n, const char *name)
{
    xmlChar *v = xmlGetProp(n, (const xmlChar *)name);
    if (!v)
        return NULL;
    const char *s = pt_strdup(L->arena, (const char *)v);
    xmlFree(v);
    return s;
}

static bool parse_status(loader *L, const xmlNode *n, pt_status *out)
{
    const char *s = attr(L, n, "status");
    if (!s)
        return bad(L, n, "status is missing");
    if (!strcmp(s, "○")) *out = PT_STATUS_ACHIEVED;
    else if (!strcmp(s, "×")) *out = PT_STATUS_NOT_ACHIEVED;
    else if (!strcmp(s, "-")) *out = PT_STATUS_NONE;
    else return bad(L, n, "status must be ○, × or -, found \"%s\"", s);
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

/* A value cell. num/unit/period, when given, must be what the text says: the
 * text (grouping commas removed) contains num immediately followed by unit,
 * and contains the period. */
static bool parse_value(loader *L, const xmlNode *parent, const char *name, pt_value *v)
{
    const xmlNode *n = child(parent, name);
    if (!n)
        return bad(L, parent, "<%s> is missing", name);
    if (!(v->text = text_of(L, n)))
        return false;
    v->num_text = attr(L, n, "num");
    v->unit = attr(L, n, "unit");
    v->period = attr(L, n, "period");
    if (v->num_text) {
        char *end;
        v->num = strtod(v->num_text, &end);
        v->has_num = true;
        char plain[512], want[256];
        strip_commas(v->text, plain, sizeof plain);
        snprintf(want, sizeof want, "%s%s", v->num_text, v->unit ? v->unit : "");
        if (!strstr(plain, want))
            return bad(L, n, "num=\"%s\" unit=\"%s\" do not match the printed text \"%s\"",
                       v->num_text, v->unit ? v->unit : "", v->text);
    }
    if (v->period && !strstr(v->text, v->period))
        return bad(L, n, "period=\"%s\" is not in the printed text \"%s\"", v->period, v->text);
    return true;
}

/* Paragraphs of a rich-text element: each <p> with '\n' for <br/>. */
static bool parse_rich(loader *L, const xmlNode *parent, const char *name, pt_rich *out)
{
    const xmlNode *n = child(parent, name);
    if (!n)
        return bad(L, parent, "<%s> is missing", name);
    int np = count_children(n, "p");
    pt_para *paras = pt_alloc(L->arena, sizeof *paras * (size_t)(np ? np : 1));
    int k = 0;
    for (const xmlNode *p = n->children; p; p = p->next) {
        if (!is_elem(p, "p"))
            continue;
        pt_buf b = {0};
        for (const xmlNode *c = p->children; c; c = c->next) {
            if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE)
                pt_buf_puts(&b, (const char *)c->content);
            else if (is_elem(c, "br"))
                pt_buf_add(&b, "\n", 1);
        }
        const char *s = b.s ? b.s : "";
        bool ok = true;
        if (!*s)
            ok = bad(L, p, "paragraph in <%s> is empty", name);
        else if (strpbrk(s, "\t\r") || s[0] == ' ' || s[strlen(s) - 1] == ' ' || s[0] == '\n'
                 || s[strlen(s) - 1] == '\n' || strstr(s, "\n ") || strstr(s, " \n"))
            ok = bad(L, p, "paragraph in <%s> has white space at an edge or a line break in its "
                           "text (write <br/> for a line break of the original)", name);
        else {
            /* A newline in a text node is XML formatting, not content. */
            for (const xmlNode *c = p->children; c && ok; c = c->next)
                if (c->type == XML_TEXT_NODE && strchr((const char *)c->content, '\n'))
                    ok = bad(L, p, "paragraph in <%s> contains a line break; write <br/>", name);
        }
        if (ok)
            paras[k++].text = pt_strdup(L->arena, s);
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
    if (*end || a > 100000 || b > 1000)
        return false;
    *major = (int)a;
    *minor = (int)b;
    return true;
}

static bool parse_card(loader *L, const xmlNode *n, pt_initiative *ini, pt_card *c)
{
    c->line = line_of(n);
    c->initiative = ini;
    c->no = attr(L, n, "no");
    if (!parse_card_no(c->no, &c->major, &c->minor))
        return bad(L, n, "card number must be like \"6\" or \"5-1\", found \"%s\"",
                   c->no ? c->no : "");
    if (c->major != ini->no)
        return bad(L, n, "card %s is inside initiative %d", c->no, ini->no);
    /* Uniqueness and order over the whole edition. */
    for (size_t i = 0; i < L->cards.n; i++)
        if (!strcmp(L->cards.v[i]->no, c->no))
            return bad(L, n, "card number %s is used twice (first at line %d)", c->no,
                       L->cards.v[i]->line);
    if (L->cards.n) {
        const pt_card *prev = L->cards.v[L->cards.n - 1];
        if (prev->major > c->major || (prev->major == c->major && prev->minor >= c->minor))
            return bad(L, n, "cards out of order: %s comes after %s (line %d)", c->no, prev->no,
                       prev->line);
    }
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
    if (child(n, "label") && !(c->label = child_text(L, n, "label")))
        return false;
    if (child(n, "title") && !(c->title = child_text(L, n, "title")))
        return false;
    if (child(n, "overview") && !parse_rich(L, n, "overview", &c->overview))
        return false;
    if (!c->overview.n)
        return bad(L, n, "no <overview>: neither the card nor its initiative has one");
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
    ini->line = line_of(n);
    ini->goal = goal;
    ini->policy = policy;
    const char *no = attr(L, n, "no");
    ini->no = no ? atoi(no) : 0;
    const char *inc = attr(L, n, "incomplete");
    ini->incomplete = inc && !strcmp(inc, "true");
    if (L->inis.n && L->inis.v[L->inis.n - 1]->no >= ini->no) {
        const pt_initiative *prev = L->inis.v[L->inis.n - 1];
        bad(L, n, "initiatives out of order: %d comes after %d (line %d)", ini->no, prev->no,
            prev->line);
        return NULL;
    }
    if (!(ini->title = child_text(L, n, "title")))
        return NULL;
    ini->ndepts = count_children(n, "dept");
    const char **depts = pt_alloc(L->arena, sizeof *depts * (size_t)(ini->ndepts + 1));
    int k = 0;
    for (const xmlNode *c = n->children; c; c = c->next)
        if (is_elem(c, "dept") && !(depts[k++] = text_of(L, c)))
            return NULL;
    ini->depts = depts;
    if (child(n, "overview") && !parse_rich(L, n, "overview", &ini->overview))
        return NULL;
    ini->ncards = count_children(n, "card");
    ini->cards = pt_alloc(L->arena, sizeof *ini->cards * (size_t)ini->ncards);
    k = 0;
    for (const xmlNode *c = n->children; c; c = c->next) {
        if (!is_elem(c, "card"))
            continue;
        pt_card *card = &ini->cards[k++];
        if (!parse_card(L, c, ini, card))
            return NULL;
        if (ini->ncards > 1 && card->minor != k)
            return bad(L, c, "initiative %d has %d cards: they are numbered %d-1, %d-2, …",
                       ini->no, ini->ncards, ini->no, ini->no), NULL;
        if (ini->ncards == 1 && card->minor != 0)
            return bad(L, c, "initiative %d has one card: it is numbered %d", ini->no,
                       ini->no), NULL;
        if (!ini->incomplete && card->incomplete)
            return bad(L, c, "an incomplete card needs an initiative marked incomplete"), NULL;
        PT_PUSH(L->cards, card);
    }
    if (ini->ndepts == 0 && !ini->incomplete)
        return bad(L, n, "<dept> is missing"), NULL;
    PT_PUSH(L->inis, ini);
    return ini;
}

static bool parse_goal(loader *L, const xmlNode *n, pt_project *proj, pt_goal *g)
{
    g->project = proj;
    g->line = line_of(n);
    g->no = attr(L, n, "no");
    if (!parse_status(L, n, &g->status)
        || !(g->name = child_text(L, n, "name"))
        || !(g->indicator = child_text(L, n, "indicator"))
        || !parse_value(L, n, "baseline", &g->baseline)
        || !parse_value(L, n, "target", &g->target)
        || !parse_value(L, n, "actual", &g->actual))
        return false;
    g->npolicies = count_children(n, "policy");
    g->policies = pt_alloc(L->arena, sizeof *g->policies * (size_t)(g->npolicies + 1));
    PT_VEC(pt_initiative *) all = {0};
    int k = 0;
    bool ok = true;
    for (const xmlNode *c = n->children; c && ok; c = c->next) {
        if (is_elem(c, "policy")) {
            pt_policy *pol = &g->policies[k++];
            pol->goal = g;
            pol->no = attr(L, c, "no");
            ok = (pol->name = child_text(L, c, "name")) != NULL;
            for (int j = 0; ok && j < k - 1; j++)
                if (!strcmp(g->policies[j].no, pol->no))
                    ok = bad(L, c, "policy %s appears twice in goal %s", pol->no, g->no);
            pol->ninitiatives = count_children(c, "initiative");
            pol->initiatives = pt_alloc(L->arena, sizeof(pt_initiative *) * (size_t)(pol->ninitiatives + 1));
            int j = 0;
            for (const xmlNode *i = c->children; i && ok; i = i->next) {
                if (!is_elem(i, "initiative"))
                    continue;
                pt_initiative *ini = parse_initiative(L, i, g, pol);
                ok = ini != NULL;
                if (ok) {
                    pol->initiatives[j++] = ini;
                    PT_PUSH(all, ini);
                }
            }
        } else if (is_elem(c, "initiative")) {
            pt_initiative *ini = parse_initiative(L, c, g, NULL);
            ok = ini != NULL;
            if (ok && !ini->incomplete)
                ok = bad(L, c, "an initiative outside a <policy> must be marked incomplete "
                               "(its policy is unknown)");
            if (ok)
                PT_PUSH(all, ini);
        }
    }
    g->ninitiatives = (int)all.n;
    g->initiatives = pt_alloc(L->arena, sizeof(pt_initiative *) * (all.n + 1));
    if (all.n)
        memcpy(g->initiatives, all.v, sizeof(pt_initiative *) * all.n);
    free(all.v);
    return ok;
}

static bool parse_project(loader *L, const xmlNode *n, pt_project *p)
{
    const char *no = attr(L, n, "no");
    p->no = no ? atoi(no) : 0;
    p->aspect = attr(L, n, "aspect");
    if (!(p->name = child_text(L, n, "name")) || !(p->leader = child_text(L, n, "leader")))
        return false;
    p->ngoals = count_children(n, "goal");
    p->goals = pt_alloc(L->arena, sizeof *p->goals * (size_t)p->ngoals);
    int k = 0;
    for (const xmlNode *c = n->children; c; c = c->next) {
        if (!is_elem(c, "goal"))
            continue;
        pt_goal *g = &p->goals[k++];
        if (!parse_goal(L, c, p, g))
            return false;
        for (int j = 0; j < k - 1; j++)
            if (!strcmp(p->goals[j].no, g->no))
                return bad(L, c, "goal %s appears twice in project %d", g->no, p->no);
    }
    return true;
}

static bool fill_report(loader *L, const xmlNode *root, pt_report *r)
{
    r->file = pt_strdup(L->arena, L->name);
    r->era = attr(L, root, "era");
    r->era_abbr = attr(L, root, "era-abbr");
    r->year = atoi(attr(L, root, "year"));
    r->fiscal_year = atoi(attr(L, root, "fiscal-year"));
    if (!*r->era || !*r->era_abbr)
        return bad(L, root, "era and era-abbr must not be empty");
    const xmlNode *title = child(root, "title");
    r->ntitle_lines = count_children(title, "line");
    const char **lines = pt_alloc(L->arena, sizeof *lines * (size_t)r->ntitle_lines);
    int k = 0;
    for (const xmlNode *c = title->children; c; c = c->next)
        if (is_elem(c, "line") && !(lines[k++] = text_of(L, c)))
            return false;
    r->title_lines = lines;
    if (!(r->publisher = child_text(L, root, "publisher")))
        return false;
    r->nprojects = count_children(root, "project");
    r->projects = pt_alloc(L->arena, sizeof *r->projects * (size_t)r->nprojects);
    k = 0;
    for (const xmlNode *c = root->children; c; c = c->next) {
        if (!is_elem(c, "project"))
            continue;
        pt_project *p = &r->projects[k++];
        if (!parse_project(L, c, p))
            return false;
        if (p->no != k)
            return bad(L, c, "projects are numbered 1, 2, … in order: expected %d, found %d", k,
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
    loader L = { .ctx = ctx, .arena = arena, .name = name };
    if (!check_bytes(&L, data, len))
        return NULL;
    if (len > (size_t)1 << 30) {
        pt_invalid(ctx, "%s: larger than 1 GiB", name);
        return NULL;
    }
    xmlParserCtxtPtr pc = xmlNewParserCtxt();
    if (!pc) {
        pt_fail(ctx, "%s: cannot create an XML parser", name);
        return NULL;
    }
    int opts = XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_BIG_LINES;
    xmlDoc *doc = xmlCtxtReadMemory(pc, data, (int)len, name, "UTF-8", opts);
    pt_report *r = NULL;
    if (!doc) {
        xmlErrorPtr e = xmlCtxtGetLastError(pc);
        char msg[512];
        snprintf(msg, sizeof msg, "%s", e && e->message ? e->message : "not well-formed XML");
        size_t n = strlen(msg);
        while (n && (msg[n - 1] == '\n' || msg[n - 1] == ' '))
            msg[--n] = 0;
        pt_invalid(ctx, "%s:%d: not well-formed XML: %s", name, e ? e->line : 0, msg);
    } else if (validate(&L, doc)) {
        r = pt_alloc(arena, sizeof *r);
        if (!fill_report(&L, xmlDocGetRootElement(doc), r))
            r = NULL;
    }
    free(L.cards.v);
    free(L.inis.v);
    if (doc)
        xmlFreeDoc(doc);
    xmlFreeParserCtxt(pc);
    return r;
}

pt_report *pt_report_load(pt_ctx *ctx, pt_arena *arena, const char *path)
{
    size_t len;
    char *data = pt_read_file(ctx, path, &len);
    if (!data)
        return NULL;
    pt_report *r = pt_report_parse(ctx, arena, path, data, len);
    free(data);
    return r;
}
