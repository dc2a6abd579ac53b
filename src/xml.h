/* xml.h - reading an XML file we trust nothing about, with libxml2, and the
 * small tree helpers the readers share (edition: xmlread.c, layout: layout.c).
 *
 * Gates, each with its own message, before a reader sees the tree:
 *  1. bytes: UTF-8, and no DOCTYPE or ENTITY declaration at all (this rules
 *     out external entities and entity-expansion bombs without relying on
 *     parser limits; our formats need no DTD);
 *  2. well-formedness: XML_PARSE_NONET, no entity substitution, no DTD loading;
 *  3. structure: a RELAX NG schema.
 * Messages have the form  file:line: <element no="…">: what is wrong. */
#ifndef PT_XML_H
#define PT_XML_H

#include "base.h"

#include <libxml/tree.h>

/* Parses data[0..len) (name is used in messages, kind, "edition" or
 * "layout", in their wording) and validates it against the schema file at
 * schema_path. libxml2 prints nothing: its first error becomes the message.
 * Returns the document (caller frees with xmlFreeDoc) or NULL with ctx->err
 * set (status 2 for bad input). */
xmlDoc *pt_xml_parse(pt_ctx *ctx, const char *name, const char *kind, const char *data,
                     size_t len, const char *schema_path);

/* pt_xml_parse of the file at path (named by its path in messages), read
 * with pt_read_file_max(max). */
xmlDoc *pt_xml_load(pt_ctx *ctx, const char *path, const char *kind, size_t max,
                    const char *schema_path);

/* Records "name:line: <elem>: message" as invalid input. Always returns false. */
bool pt_xml_bad(pt_ctx *ctx, const char *name, const xmlNode *n, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

int pt_xml_line(const xmlNode *n);
bool pt_xml_is(const xmlNode *n, const char *name);
/* First child element called name, or NULL. */
const xmlNode *pt_xml_child(const xmlNode *parent, const char *name);
int pt_xml_count(const xmlNode *parent, const char *name);
/* Attribute copied into the arena, or NULL when absent. */
const char *pt_xml_attr(pt_arena *a, const xmlNode *n, const char *name);

#endif
