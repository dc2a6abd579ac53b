/* era.c - the table of Japanese eras, read from input/eras.xml.
 *
 * The table is data: when an era changes, the city adds a line to the file.
 * Rows are looked up by fiscal year (to date the next edition) and by name
 * (--check's era rules); the table is a handful of rows, so lookups scan it. */
#include "era.h"
#include "xml.h"

#include <stdlib.h>
#include <string.h>

bool pt_eras_load(pt_ctx *ctx, pt_arena *arena, pt_eras *out)
{
    const char *path = pt_sprintf(arena, "%s/input/eras.xml", pt_datadir(ctx));
    const char *schema = pt_sprintf(arena, "%s/input/eras.rng", pt_datadir(ctx));
    xmlDoc *doc = pt_xml_load(ctx, path, "table of eras", PT_MAX_LAYOUT, schema);
    if (!doc)
        return false;
    const xmlNode *root = xmlDocGetRootElement(doc);
    int n = pt_xml_count(root, "era");
    pt_era *v = pt_alloc(arena, sizeof *v * (size_t)n);
    int k = 0;
    bool ok = true;
    for (const xmlNode *c = root->children; c && ok; c = c->next) {
        if (!pt_xml_is(c, "era"))
            continue;
        pt_era *e = &v[k++];
        e->name = pt_xml_attr(arena, c, "name");
        e->abbr = pt_xml_attr(arena, c, "abbr");
        e->first_fiscal_year = atoi(pt_xml_attr(arena, c, "first-fiscal-year"));
        if (!*e->name || !*e->abbr)
            ok = pt_xml_bad(ctx, path, c, _("name and abbr must not be empty"));
        for (int j = 0; ok && j < k - 1; j++)
            if (v[j].first_fiscal_year == e->first_fiscal_year || !strcmp(v[j].name, e->name))
                ok = pt_xml_bad(ctx, path, c, _("era %s repeats the name or first year of %s"),
                                e->name, v[j].name);
    }
    xmlFreeDoc(doc);
    /* An era ends the year the next one begins (平成31年 = 令和元年 = 2019). */
    for (int i = 0; i < k; i++) {
        const pt_era *next = NULL;
        for (int j = 0; j < k; j++)
            if (v[j].first_fiscal_year > v[i].first_fiscal_year
                && (!next || v[j].first_fiscal_year < next->first_fiscal_year))
                next = &v[j];
        v[i].last = next ? next->first_fiscal_year - v[i].first_fiscal_year + 1 : 0;
    }
    out->v = v;
    out->n = k;
    return ok;
}

const pt_era *pt_era_of(const pt_eras *t, int fiscal_year)
{
    const pt_era *best = NULL;
    for (int i = 0; i < t->n; i++)
        if (t->v[i].first_fiscal_year <= fiscal_year
            && (!best || t->v[i].first_fiscal_year > best->first_fiscal_year))
            best = &t->v[i];
    return best;
}

int pt_era_find(const pt_eras *t, const char *s)
{
    for (int i = 0; s && i < t->n; i++)
        if (!strcmp(s, t->v[i].name) || !strcmp(s, t->v[i].abbr))
            return i;
    return -1;
}

const char *pt_era_name(const pt_eras *t, int era) { return t->v[era].name; }
const char *pt_era_abbr(const pt_eras *t, int era) { return t->v[era].abbr; }
int pt_era_gregorian(const pt_eras *t, int era, int y) { return t->v[era].first_fiscal_year + y - 1; }
int pt_era_last_year(const pt_eras *t, int era) { return t->v[era].last; }
