/* edit.c - changing an edition's XML tree in place; see edit.h.
 *
 * Approach: parse the edition once for the model (every check) and once for
 * a tree that keeps all blanks; the yearly-cycle commands change only the
 * elements they mean to, formatted like their neighbours (a <p> per line,
 * indented one step deeper than its parent), then serialise, check the result
 * by loading it again, and only then write it. */
#include "edit.h"
#include "outfile.h"
#include "xml.h"

#include <stdlib.h>
#include <string.h>

#include <libxml/xmlsave.h>

/* The tree as libxml2 writes it (UTF-8, no reformatting), or NULL. */
static xmlBuffer *serialise(xmlDoc *doc)
{
    xmlBuffer *buf = xmlBufferCreate();
    xmlSaveCtxt *sc = buf ? xmlSaveToBuffer(buf, "UTF-8", 0) : NULL;
    bool ok = sc && xmlSaveDoc(sc, doc) >= 0;
    if (sc)
        xmlSaveClose(sc);
    if (!ok && buf) {
        xmlBufferFree(buf);
        buf = NULL;
    }
    return buf;
}

bool pt_edition_open(pt_ctx *ctx, pt_arena *arena, const char *path, pt_edition *e)
{
    memset(e, 0, sizeof *e);
    e->path = path;
    if (!(e->data = pt_read_file_max(ctx, path, PT_MAX_EDITION, &e->len)))
        return false;
    if (!(e->r = pt_report_parse(ctx, arena, path, e->data, e->len)))
        return false;
    char schema[4096];
    snprintf(schema, sizeof schema, "%s/input/plantype.rng", pt_datadir(ctx));
    if (!(e->doc = pt_xml_parse(ctx, path, "edition", e->data, e->len, schema)))
        return false;
    xmlBuffer *buf = serialise(e->doc);
    if (!buf)
        return pt_fail(ctx, _("%s: cannot serialise the edition"), path);
    const char *b = (const char *)xmlBufferContent(buf);
    size_t n = (size_t)xmlBufferLength(buf), i = 0;
    while (i < n && i < e->len && b[i] == e->data[i])
        i++;
    if (i < n || i < e->len) {
        e->reformat_line = 1;
        for (size_t k = 0; k < i; k++)
            e->reformat_line += e->data[k] == '\n';
    }
    xmlBufferFree(buf);
    return true;
}

void pt_edition_close(pt_edition *e)
{
    if (e->doc)
        xmlFreeDoc(e->doc);
    free(e->data);
    memset(e, 0, sizeof *e);
}

xmlNode *pt_edit_child(xmlNode *parent, const char *name)
{
    for (xmlNode *c = parent ? parent->children : NULL; c; c = c->next)
        if (pt_xml_is(c, name))
            return c;
    return NULL;
}

/* Does element n have attribute name with value v? */
static bool attr_is(const xmlNode *n, const char *name, const char *v)
{
    xmlChar *a = xmlGetProp(n, (const xmlChar *)name);
    bool same = a && !strcmp((const char *)a, v);
    xmlFree(a);
    return same;
}

/* Depth-first search for the first element called name whose attribute no is
 * `no`, below n. */
static xmlNode *find_no(xmlNode *n, const char *name, const char *no)
{
    for (xmlNode *c = n->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE)
            continue;
        if (pt_xml_is(c, name) && attr_is(c, "no", no))
            return c;
        xmlNode *f = find_no(c, name, no);
        if (f)
            return f;
    }
    return NULL;
}

xmlNode *pt_edition_card(const pt_edition *e, const char *no)
{
    return find_no(xmlDocGetRootElement(e->doc), "card", no);
}

xmlNode *pt_edition_goal(const pt_edition *e, int project_no, const char *goal_no)
{
    char pno[16];
    snprintf(pno, sizeof pno, "%d", project_no);
    xmlNode *p = find_no(xmlDocGetRootElement(e->doc), "project", pno);
    for (xmlNode *c = p ? p->children : NULL; c; c = c->next)
        if (pt_xml_is(c, "goal") && attr_is(c, "no", goal_no))
            return c;
    return NULL;
}

static void remove_children(xmlNode *n)
{
    xmlNode *c = n->children;
    while (c) {
        xmlNode *next = c->next;
        xmlUnlinkNode(c);
        xmlFreeNode(c);
        c = next;
    }
}

static void remove_attrs(xmlNode *n)
{
    const char *names[] = { "num", "unit", "period", "todo" };
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        xmlUnsetProp(n, (const xmlChar *)names[i]);
}

void pt_edit_todo(xmlNode *n)
{
    remove_children(n);
    remove_attrs(n);
    xmlSetProp(n, (const xmlChar *)"todo", (const xmlChar *)"true");
}

void pt_edit_value(xmlNode *n, const char *text, const char *num, const char *unit,
                   const char *period)
{
    remove_children(n);
    remove_attrs(n);
    if (num) {
        xmlSetProp(n, (const xmlChar *)"num", (const xmlChar *)num);
        xmlSetProp(n, (const xmlChar *)"unit", (const xmlChar *)(unit ? unit : ""));
    }
    if (period)
        xmlSetProp(n, (const xmlChar *)"period", (const xmlChar *)period);
    xmlAddChild(n, xmlNewText((const xmlChar *)text));
}

/* The white space that indents element n: what follows the last line break
 * of the text node before it ("" when there is none). */
static const char *indent_of(const xmlNode *n)
{
    const xmlNode *t = n->prev;
    if (!t || t->type != XML_TEXT_NODE || !t->content)
        return "";
    const char *nl = strrchr((const char *)t->content, '\n');
    return nl ? nl + 1 : "";
}

static void add_text(xmlNode *n, const char *s)
{
    xmlAddChild(n, xmlNewText((const xmlChar *)s));
}

void pt_edit_paras(xmlNode *n, const char *const *p, int np)
{
    remove_children(n);
    remove_attrs(n);
    pt_buf ind = {0};
    pt_buf_printf(&ind, "\n%s  ", indent_of(n));
    for (int i = 0; i < np; i++) {
        add_text(n, ind.s);
        xmlNode *para = xmlNewChild(n, NULL, (const xmlChar *)"p", NULL);
        for (const char *s = p[i]; *s;) {
            const char *nl = strchr(s, '\n');
            size_t len = nl ? (size_t)(nl - s) : strlen(s);
            xmlAddChild(para, xmlNewTextLen((const xmlChar *)s, (int)len));
            if (!nl)
                break;
            xmlNewChild(para, NULL, (const xmlChar *)"br", NULL);
            s = nl + 1;
        }
    }
    ind.s[ind.n - 2] = 0;  /* the closing tag one step back */
    add_text(n, ind.s);
    pt_buf_free(&ind);
}

bool pt_edition_save(pt_ctx *ctx, const pt_edition *e, const char *out_name, const char *out_path)
{
    xmlBuffer *buf = serialise(e->doc);
    if (!buf)
        return pt_fail(ctx, _("%s: cannot serialise the edited edition"), out_name);
    const char *bytes = (const char *)xmlBufferContent(buf);
    size_t n = (size_t)xmlBufferLength(buf);
    /* The result must load with every check before it replaces anything. */
    pt_arena *check = pt_arena_new();
    bool ok = pt_report_parse(ctx, check, out_name, bytes, n) != NULL;
    pt_arena_free(check);
    if (ok && e->reformat_line)
        pt_warn(ctx, _("%s:%d: from here on libxml2 writes the edition's unchanged parts in its "
                "own form (quotes, character references, line ends): compare the cells, not "
                "the files"), e->path, e->reformat_line);
    if (ok && !strcmp(out_path, "-")) {
        ok = fwrite(bytes, 1, n, stdout) == n && fflush(stdout) == 0;
        if (!ok)
            pt_fail(ctx, _("standard output: cannot write"));
    } else if (ok) {
        ok = pt_write_atomic(ctx, out_path, bytes, n);
    }
    xmlBufferFree(buf);
    return ok;
}
