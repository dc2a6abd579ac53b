/* xml.c - safe reading and schema validation of XML input; see xml.h. */
#include "xml.h"

#include <libxml/parser.h>
#include <libxml/relaxng.h>
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

/* First occurrence of the NUL-terminated needle in data[0..len), or NULL. */
static const char *find(const char *data, size_t len, const char *needle)
{
    size_t n = strlen(needle);
    for (size_t i = 0; i + n <= len; i++)
        if (data[i] == needle[0] && memcmp(data + i, needle, n) == 0)
            return data + i;
    return NULL;
}

static bool check_bytes(pt_ctx *ctx, const char *name, const char *data, size_t len)
{
    long badat = pt_utf8_check(data, len);
    if (badat >= 0)
        return pt_invalid(ctx, "%s:%d: the file is not UTF-8 (invalid byte 0x%02X at offset %ld)",
                          name, line_at(data, (size_t)badat), (unsigned char)data[badat], badat);
    const char *forbidden[] = { "<!DOCTYPE", "<!ENTITY" };
    for (size_t k = 0; k < 2; k++) {
        const char *p = find(data, len, forbidden[k]);
        if (p)
            return pt_invalid(ctx, "%s:%d: %s is not allowed: an edition has no DTD and no "
                              "entities (external or internal)", name,
                              line_at(data, (size_t)(p - data)), forbidden[k]);
    }
    if (len > (size_t)1 << 30)
        return pt_invalid(ctx, "%s: larger than 1 GiB", name);
    return true;
}

/* ---- gate 3: schema ---- */

typedef struct rng_errors { pt_ctx *ctx; const char *name; bool seen; } rng_errors;

static void trim_message(char *msg)
{
    size_t n = strlen(msg);
    while (n && (msg[n - 1] == '\n' || msg[n - 1] == ' '))
        msg[--n] = 0;
}

static void on_rng_error(void *user, xmlErrorPtr e)
{
    rng_errors *r = user;
    if (r->seen || !e)
        return;
    r->seen = true;
    char msg[512];
    snprintf(msg, sizeof msg, "%s", e->message ? e->message : "schema error");
    trim_message(msg);
    const xmlNode *node = e->node;
    if (node && node->type == XML_ELEMENT_NODE)
        pt_xml_bad(r->ctx, r->name, node, "does not fit the schema: %s", msg);
    else
        pt_invalid(r->ctx, "%s:%d: does not fit the schema: %s", r->name, e->line, msg);
}

static bool validate(pt_ctx *ctx, const char *name, xmlDoc *doc, const char *schema_path)
{
    size_t slen;
    char *schema = pt_read_file(ctx, schema_path, &slen);
    if (!schema)
        return false;
    bool ok = false;
    xmlRelaxNGParserCtxtPtr pc = xmlRelaxNGNewMemParserCtxt(schema, (int)slen);
    xmlRelaxNGPtr rng = pc ? xmlRelaxNGParse(pc) : NULL;
    if (!rng) {
        pt_fail(ctx, "%s: the schema does not compile", schema_path);
    } else {
        xmlRelaxNGValidCtxtPtr vc = xmlRelaxNGNewValidCtxt(rng);
        rng_errors errs = { ctx, name, false };
        xmlRelaxNGSetValidStructuredErrors(vc, on_rng_error, &errs);
        ok = xmlRelaxNGValidateDoc(vc, doc) == 0;
        if (!ok && !errs.seen)
            pt_invalid(ctx, "%s: does not fit the schema", name);
        xmlRelaxNGFreeValidCtxt(vc);
        xmlRelaxNGFree(rng);
    }
    if (pc)
        xmlRelaxNGFreeParserCtxt(pc);
    free(schema);
    return ok;
}

xmlDoc *pt_xml_parse(pt_ctx *ctx, const char *name, const char *data, size_t len,
                     const char *schema_path)
{
    if (!check_bytes(ctx, name, data, len))
        return NULL;
    xmlParserCtxtPtr pc = xmlNewParserCtxt();
    if (!pc) {
        pt_fail(ctx, "%s: cannot create an XML parser", name);
        return NULL;
    }
    int opts = XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_BIG_LINES;
    xmlDoc *doc = xmlCtxtReadMemory(pc, data, (int)len, name, "UTF-8", opts);
    if (!doc) {
        xmlErrorPtr e = xmlCtxtGetLastError(pc);
        char msg[512];
        snprintf(msg, sizeof msg, "%s", e && e->message ? e->message : "not well-formed XML");
        trim_message(msg);
        pt_invalid(ctx, "%s:%d: not well-formed XML: %s", name, e ? e->line : 0, msg);
    } else if (!validate(ctx, name, doc, schema_path)) {
        xmlFreeDoc(doc);
        doc = NULL;
    }
    xmlFreeParserCtxt(pc);
    return doc;
}
