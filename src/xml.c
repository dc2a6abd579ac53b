/* xml.c - safe reading and schema validation of XML input; see xml.h. */
#include "xml.h"
#include "hints.h"

#include <libxml/parser.h>
#include <libxml/relaxng.h>
#include <libxml/xmlerror.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

int pt_xml_line(const xmlNode *n) { return n ? (int)xmlGetLineNo(n) : 0; }

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

bool pt_xml_bad(pt_ctx *ctx, const char *name, const xmlNode *n, const char *fmt, ...)
{
    char what[1024], elem[256];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(what, sizeof what, fmt, ap);
    va_end(ap);
    describe(n, elem, sizeof elem);
    return pt_invalid(ctx, "%s:%d: %s: %s", name, pt_xml_line(n), elem, what);
}

bool pt_xml_is(const xmlNode *n, const char *name)
{
    return n && n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0;
}

const xmlNode *pt_xml_child(const xmlNode *parent, const char *name)
{
    for (const xmlNode *c = parent->children; c; c = c->next)
        if (pt_xml_is(c, name))
            return c;
    return NULL;
}

int pt_xml_count(const xmlNode *parent, const char *name)
{
    int n = 0;
    for (const xmlNode *c = parent->children; c; c = c->next)
        n += pt_xml_is(c, name);
    return n;
}

const char *pt_xml_attr(pt_arena *a, const xmlNode *n, const char *name)
{
    xmlChar *v = xmlGetProp(n, (const xmlChar *)name);
    if (!v)
        return NULL;
    const char *s = pt_strdup(a, (const char *)v);
    xmlFree(v);
    return s;
}

/* ---- gate 1: bytes ---- */

static int line_at(const char *data, size_t off)
{
    int line = 1;
    for (size_t i = 0; i < off; i++)
        line += data[i] == '\n';
    return line;
}

/* First occurrence of the NUL-terminated needle in data[0..len), or NULL.
 * memchr finds the candidates for its first byte (an edition has a `<`
 * every few bytes, but this keeps the scan in the C library's word-wide loop). */
static const char *find(const char *data, size_t len, const char *needle)
{
    size_t n = strlen(needle);
    for (const char *p = data, *end = data + len;
         (size_t)(end - p) >= n && (p = memchr(p, needle[0], (size_t)(end - p) - n + 1)); p++)
        if (memcmp(p, needle, n) == 0)
            return p;
    return NULL;
}

static bool check_bytes(pt_ctx *ctx, const char *name, const char *kind, const char *data,
                        size_t len)
{
    long badat = pt_utf8_check(data, len);
    if (badat >= 0)
        return pt_not_utf8(ctx, name, data, len, (size_t)badat, line_at(data, (size_t)badat));
    const char *forbidden[] = { "<!DOCTYPE", "<!ENTITY" };
    for (size_t k = 0; k < 2; k++) {
        const char *p = find(data, len, forbidden[k]);
        if (p)
            return pt_invalid(ctx, _("%s:%d: %s is not allowed: %s %s has no DTD and no "
                              "entities (external or internal)"), name,
                              line_at(data, (size_t)(p - data)), forbidden[k],
                              strchr("aeiou", kind[0]) ? "an" : "a", kind);
    }
    if (len > INT_MAX)
        return pt_invalid(ctx, _("%s: larger than %d bytes"), name, INT_MAX);
    return true;
}

/* ---- libxml2's messages ---- */

/* libxml2 reports through a structured handler set for the parse and the
 * validation (and restored after): it never prints by itself, and the first
 * error (the cause; later ones are consequences) is the one reported. */
typedef struct xml_errors {
    pt_ctx *ctx;
    const char *name;
    bool seen;                   /* the first error has been recorded */
    const char *what;            /* "not well-formed XML" or "does not fit the schema" */
} xml_errors;

static void trim_message(char *msg)
{
    size_t n = strlen(msg);
    while (n && (msg[n - 1] == '\n' || msg[n - 1] == ' '))
        msg[--n] = 0;
}

static void on_xml_error(void *user, xmlErrorPtr e)
{
    xml_errors *r = user;
    if (r->seen || !e || e->level < XML_ERR_ERROR)
        return;
    r->seen = true;
    if (pt_hint_xml_error(r->ctx, r->name, e))
        return;
    char msg[512];
    snprintf(msg, sizeof msg, "%s", e->message ? e->message : "error");
    trim_message(msg);
    /* a message cut inside a UTF-8 sequence loses the partial character */
    long bad = pt_utf8_check(msg, strlen(msg));
    if (bad >= 0)
        msg[bad] = 0;
    const xmlNode *node = e->node;
    if (node && node->type == XML_ELEMENT_NODE)
        pt_xml_bad(r->ctx, r->name, node, "%s: %s", _(r->what), msg);
    else
        pt_invalid(r->ctx, "%s:%d: %s: %s", r->name, e->line, _(r->what), msg);
}

/* ---- gate 3: schema ---- */

static bool validate(pt_ctx *ctx, xml_errors *errs, xmlDoc *doc, const char *schema_path)
{
    size_t slen;
    char *schema = pt_read_file_max(ctx, schema_path, PT_MAX_LAYOUT, &slen);
    if (!schema)
        return false;
    bool ok = false;
    xmlRelaxNGParserCtxtPtr pc = xmlRelaxNGNewMemParserCtxt(schema, (int)slen);
    xmlRelaxNGPtr rng = pc ? xmlRelaxNGParse(pc) : NULL;
    if (!rng) {
        pt_fail(ctx, _("%s: the schema does not compile"), schema_path);
    } else {
        xmlRelaxNGValidCtxtPtr vc = xmlRelaxNGNewValidCtxt(rng);
        errs->what = N_("does not fit the schema");
        xmlRelaxNGSetValidStructuredErrors(vc, on_xml_error, errs);
        ok = xmlRelaxNGValidateDoc(vc, doc) == 0;
        if (!ok && !errs->seen)
            pt_invalid(ctx, _("%s: does not fit the schema"), errs->name);
        xmlRelaxNGFreeValidCtxt(vc);
        xmlRelaxNGFree(rng);
    }
    if (pc)
        xmlRelaxNGFreeParserCtxt(pc);
    free(schema);
    return ok;
}

xmlDoc *pt_xml_parse(pt_ctx *ctx, const char *name, const char *kind, const char *data,
                     size_t len, const char *schema_path)
{
    if (!check_bytes(ctx, name, kind, data, len))
        return NULL;
    xmlParserCtxtPtr pc = xmlNewParserCtxt();
    if (!pc) {
        pt_fail(ctx, _("%s: cannot create an XML parser"), name);
        return NULL;
    }
    xml_errors errs = { ctx, name, false, N_("not well-formed XML") };
    xmlStructuredErrorFunc saved = xmlStructuredError;
    void *saved_ctx = xmlStructuredErrorContext;
    xmlSetStructuredErrorFunc(&errs, on_xml_error);
    int opts = XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_BIG_LINES;
    xmlDoc *doc = xmlCtxtReadMemory(pc, data, (int)len, name, "UTF-8", opts);
    if (!doc && !errs.seen) {
        errs.seen = true;
        pt_invalid(ctx, _("%s: not well-formed XML"), name);
    } else if (doc && errs.seen) {       /* recovered from an error: still refused */
        xmlFreeDoc(doc);
        doc = NULL;
    } else if (doc && !validate(ctx, &errs, doc, schema_path)) {
        xmlFreeDoc(doc);
        doc = NULL;
    }
    xmlSetStructuredErrorFunc(saved_ctx, saved);
    xmlFreeParserCtxt(pc);
    return doc;
}

xmlDoc *pt_xml_load(pt_ctx *ctx, const char *path, const char *kind, size_t max,
                    const char *schema_path)
{
    size_t len;
    char *data = pt_read_file_max(ctx, path, max, &len);
    if (!data)
        return NULL;
    xmlDoc *doc = pt_xml_parse(ctx, path, kind, data, len, schema_path);
    free(data);
    return doc;
}
