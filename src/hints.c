/* hints.c - plain words for the commonest mistakes in an XML file.
 *
 * libxml2 names what its parser met ("xmlParseEntityRef: no name",
 * "Opening and ending tag mismatch: p line 35 and overview"); the person
 * editing an edition needs to know what to write instead. The common cases
 * get messages of our own; every other error keeps libxml2's words.
 *  - A bare & or < in text (they start markup in XML): write &amp; or &lt;.
 *  - An element not closed: libxml2 notices only at a later end tag or at the
 *    end of the file; the message is placed where the element opened.
 *  - Full-width digits in a number attribute (num="８６"): the schema only
 *    says the attribute is invalid; the message shows the half-width value.
 *  - A file that is not UTF-8: the bytes are converted in memory with
 *    iconv(3) from UTF-16 (with a byte-order mark), EUC-JP, Shift_JIS and
 *    Windows' Shift_JIS (CP932), in that order; the first that converts the
 *    whole file without error is named with the iconv command that converts
 *    it, so the command given is known to work. EUC-JP goes before Shift_JIS
 *    because EUC-JP bytes often also read as (wrong) Shift_JIS, not the
 *    other way round. A file with valid multi-byte UTF-8 before its first
 *    bad byte is damaged UTF-8, not another encoding, and gets no guess. */
#include "hints.h"

#include <errno.h>
#include <iconv.h>
#include <libxml/tree.h>
#include <string.h>

/* ---- libxml2's errors ---- */

/* True when libxml2's message starts with prefix. */
static bool says(const xmlError *e, const char *prefix)
{
    return e->message && strncmp(e->message, prefix, strlen(prefix)) == 0;
}

/* s with full-width digits, point, comma and minus (U+FF10-FF19, FF0E,
 * FF0C, FF0D) written half-width into out; false when s has none. */
static bool halfwidth_digits(const char *s, char *out, size_t size)
{
    bool found = false;
    size_t k = 0;
    for (size_t i = 0, n = strlen(s); i < n && k + 4 < size;) {
        const unsigned char *u = (const unsigned char *)s + i;
        if (i + 2 < n && u[0] == 0xEF && u[1] == 0xBC && u[2] >= 0x8C && u[2] <= 0x99 &&
            u[2] != 0x8F) {
            out[k++] = (char)(u[2] >= 0x90 ? '0' + (u[2] - 0x90) : ",-."[u[2] - 0x8C]);
            found |= u[2] >= 0x90;
            i += 3;
        } else {
            out[k++] = s[i++];
        }
    }
    out[k] = '\0';
    return found;
}

/* A schema error on an element with a full-width digit in an attribute. */
static bool fullwidth_attr(pt_ctx *ctx, const char *name, const xmlNode *n)
{
    if (!n || n->type != XML_ELEMENT_NODE)
        return false;
    for (const xmlAttr *a = n->properties; a; a = a->next) {
        xmlChar *v = xmlNodeGetContent((const xmlNode *)a);
        char half[256];
        bool found = v && strlen((const char *)v) < sizeof half / 2 &&
                     halfwidth_digits((const char *)v, half, sizeof half);
        if (found) {
            pt_invalid(ctx, _("%s:%d: <%s>: %s=\"%s\": full-width digits: write %s as %s"), name,
                       (int)xmlGetLineNo(n), (const char *)n->name, (const char *)a->name,
                       (const char *)v, (const char *)v, half);
        }
        xmlFree(v);
        if (found)
            return true;
    }
    return false;
}

bool pt_hint_xml_error(pt_ctx *ctx, const char *name, const xmlError *e)
{
    if (e->domain == XML_FROM_RELAXNGV)
        return fullwidth_attr(ctx, name, e->node);
    if (e->domain != XML_FROM_PARSER)
        return false;
    switch (e->code) {
    case XML_ERR_NAME_REQUIRED:          /* "& " */
    case XML_ERR_ENTITYREF_SEMICOL_MISSING: /* "&B" */
        if (!says(e, "xmlParseEntityRef") && !says(e, "EntityRef"))
            break;
        pt_invalid(ctx, _("%s:%d: not well-formed XML: a bare \"&\": write & as &amp;"), name,
                   e->line);
        return true;
    case XML_ERR_UNDECLARED_ENTITY:      /* "&nbsp;": no entities but XML's own five */
    case XML_WAR_UNDECLARED_ENTITY:
        pt_invalid(ctx, _("%s:%d: not well-formed XML: &%s; is not an XML entity: write & as "
                   "&amp;, or the character itself"), name, e->line, e->str1 ? e->str1 : "");
        return true;
    case XML_ERR_TAG_NAME_MISMATCH:      /* str1 opened at line int1, str2 closes */
        if (!e->str1 || !e->str2)
            return false;
        pt_invalid(ctx, _("%s:%d: <%s> is not closed: </%s> at line %d comes before its </%s>"),
                   name, e->int1, e->str1, e->str2, e->line, e->str1);
        return true;
    case XML_ERR_TAG_NOT_FINISHED:       /* str1 opened at line int1, file ends */
        if (!e->str1)
            return false;
        pt_invalid(ctx, _("%s:%d: <%s> is not closed: the file ends before its </%s>"), name,
                   e->int1, e->str1, e->str1);
        return true;
    default:
        break;
    }
    if (says(e, "StartTag: invalid element name")) {  /* "a < b" */
        pt_invalid(ctx, _("%s:%d: not well-formed XML: a bare \"<\": write < as &lt;"), name,
                   e->line);
        return true;
    }
    return false;
}

/* ---- not UTF-8 ---- */

/* True when the text holds a control character other than tab, line feed
 * and carriage return (C0 or C1): what a wrong guess decodes bytes into. */
static bool has_control(const char *s, size_t n)
{
    for (size_t i = 0; i < n;) {
        int32_t cp = pt_utf8_decode(s, n, &i);
        if (cp < 0 || (cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r') ||
            (cp >= 0x7F && cp <= 0x9F))
            return true;
    }
    return false;
}

/* True when iconv converts all of data from the encoding to UTF-8 text
 * without control characters. */
static bool converts(const char *encoding, const char *data, size_t len)
{
    iconv_t cd = iconv_open("UTF-8", encoding);
    if (cd == (iconv_t)-1)
        return false;
    char *in = (char *)data, out[16384];
    size_t left = len;
    bool ok = true;
    while (ok && left > 0) {
        char *o = out;
        size_t room = sizeof out;
        if (iconv(cd, &in, &left, &o, &room) == (size_t)-1)
            ok = errno == E2BIG;
        /* a character cut at the buffer's end is decoded as invalid: keep
         * the check to whole characters by backing up to the last lead byte */
        size_t n = (size_t)(o - out);
        while (n > 0 && ((unsigned char)out[n - 1] & 0xC0) == 0x80)
            n--;
        if (n > 0 && (unsigned char)out[n - 1] >= 0xC0)
            n--;
        ok = ok && !has_control(out, n);
    }
    iconv_close(cd);
    return ok;
}

/* True when data[0..n) holds a valid multi-byte UTF-8 sequence. */
static bool has_utf8_multibyte(const char *data, size_t n)
{
    for (size_t i = 0; i < n;) {
        size_t at = i;
        int32_t cp = pt_utf8_decode(data, n, &i);
        if (cp >= 0x80 && i - at > 1)
            return true;
    }
    return false;
}

bool pt_not_utf8(pt_ctx *ctx, const char *name, const char *data, size_t len, size_t bad,
                 int line)
{
    static const struct { const char *iconv, *shown; } encodings[] = {
        { "UTF-16", "UTF-16" },
        { "EUC-JP", "EUC-JP" },
        { "SHIFT_JIS", "Shift_JIS" },
        { "CP932", N_("Shift_JIS (Windows, CP932)") },
    };
    bool bom16 = len >= 2 && (((unsigned char)data[0] == 0xFF && (unsigned char)data[1] == 0xFE) ||
                              ((unsigned char)data[0] == 0xFE && (unsigned char)data[1] == 0xFF));
    if (!has_utf8_multibyte(data, bad))
        for (size_t k = bom16 ? 0 : 1; k < sizeof encodings / sizeof encodings[0]; k++) {
            if (!converts(encodings[k].iconv, data, len))
                continue;
            const char *dot = strrchr(name, '.');
            int stem = dot && !strchr(dot, '/') ? (int)(dot - name) : (int)strlen(name);
            return pt_invalid(ctx, _("%s:%d: the file is not UTF-8; it looks like %s. Convert it "
                              "with: iconv -f %s -t UTF-8 %s > %.*s-utf8%s"), name, line,
                              _(encodings[k].shown), encodings[k].iconv, name, stem, name,
                              name + stem);
        }
    return pt_invalid(ctx, _("%s:%d: the file is not UTF-8 (invalid byte 0x%02X at offset %zu)"),
                      name, line, (unsigned char)data[bad], bad);
}
