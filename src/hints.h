/* hints.h - plain words for the commonest mistakes in an XML file (see hints.c). */
#ifndef PT_HINTS_H
#define PT_HINTS_H

#include "base.h"

#include <libxml/xmlerror.h>

/* For libxml2's error e in the file name: when it is one of the common
 * mistakes (a bare & or <, an element left open, full-width digits in a
 * number attribute), records a message that says what to write instead with
 * pt_invalid and returns true; otherwise false, ctx untouched. */
bool pt_hint_xml_error(pt_ctx *ctx, const char *name, const xmlError *e);

/* Records the message for a file that is not UTF-8 (its first invalid byte
 * at offset bad, on line line): when the bytes read as Shift_JIS, EUC-JP or
 * UTF-16, it names the encoding and gives the iconv command that converts
 * the file (into NAME-utf8.EXT: r7.csv gives r7-utf8.csv). Always returns
 * false. */
bool pt_not_utf8(pt_ctx *ctx, const char *name, const char *data, size_t len, size_t bad,
                 int line);

#endif
