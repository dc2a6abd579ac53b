/* pdf_archive.c - the PDF/A parts of the PDF (see pdf_archive.h).
 *
 * Approach. out_pdf.c writes pages, fonts, outlines and the Info dictionary
 * through libharu; this file adds, with the same internals, what PDF/A
 * (ISO 19005-2/-3) asks of such a file, after everything else is written:
 *  - XMP metadata, an unfiltered stream in the catalog. Every Info entry has
 *    its XMP twin with the same value (Title = dc:title, Author = dc:creator,
 *    Subject = dc:description, Creator = xmp:CreatorTool, Producer =
 *    pdf:Producer, the dates = xmp:CreateDate / ModifyDate), the part and
 *    conformance (pdfaid; pdfuaid when tagged), and plantype's font
 *    manifest (file names and SHA-256 of the fonts, so that --verify can
 *    tell "other fonts" from "other output"). pdfuaid and plantype are
 *    described by PDF/A extension schemas, as PDF/A asks for every
 *    namespace outside the standard ones.
 *  - An output intent with the sRGB profile (color/sRGB.icc of the data
 *    folder): the pages paint in DeviceRGB, which PDF/A allows only with it.
 *  - The sources: each an /EmbeddedFile stream (subtype application/xml,
 *    /Params with /Size, /ModDate = the document's date, /CheckSum = MD5)
 *    in a /Filespec with /AFRelationship /Source, listed in the catalog's /AF
 *    and in the /EmbeddedFiles name tree (sorted by name), where readers
 *    and pdfdetach find them.
 *  - /ID: libharu writes none without encryption. It must not depend on the
 *    clock, so a placeholder of zeros goes into the trailer and, once the
 *    file is serialised, both halves become the MD5 of the whole file as
 *    written with the placeholder: two runs over the same input give the
 *    same bytes, and any change of content gives another /ID.
 * Dates are UTC: Info "D:YYYYMMDDhhmmss+00'00'" (out_pdf.c) and XMP
 * "YYYY-MM-DDThh:mm:ssZ" name the same instant, which is what PDF/A checks. */
#include "pdf_archive.h"
#include "pdf_obj.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>


enum {
    PDFA_WITH_SOURCES = 3,      /* the part allowing embedded files of any kind */
    PDFA_WITHOUT_SOURCES = 2,   /* the same rules, no embedded files */
};
/* The output condition of the profile, as the ICC registry names it. */
#define SRGB_NAME "sRGB IEC61966-2.1"

/* ---- CIDSet ---- */

bool pt_pdfa_cidset(HPDF_Doc pdf, HPDF_Dict descriptor, size_t n, pt_flate *f)
{
    if (n == 0)
        n = 1;                  /* .notdef is always in the program */
    size_t nbytes = (n + 7) / 8;
    uint8_t *bits = pt_xcalloc(nbytes, 1);
    for (size_t i = 0; i < n; i++)
        bits[i / 8] |= (uint8_t)(0x80 >> (i % 8));
    HPDF_Dict s = pt_pdf_stream(pdf, bits, nbytes, f);
    free(bits);
    return s && HPDF_Dict_Add(descriptor, "CIDSet", s) == HPDF_OK;
}

/* ---- XMP ---- */

/* Appends s with XML's five special characters escaped. */
static void xml_text(pt_buf *b, const char *s)
{
    for (; *s; s++) {
        switch (*s) {
        case '&': pt_buf_puts(b, "&amp;"); break;
        case '<': pt_buf_puts(b, "&lt;"); break;
        case '>': pt_buf_puts(b, "&gt;"); break;
        case '"': pt_buf_puts(b, "&quot;"); break;
        case '\'': pt_buf_puts(b, "&apos;"); break;
        default: pt_buf_add(b, s, 1);
        }
    }
}

/* A language alternative (dc:title, dc:description): the default entry and
 * the same text tagged with the document's language. */
static void xmp_alt(pt_buf *b, const char *prop, const char *text, const char *lang)
{
    pt_buf_printf(b, "  <%s><rdf:Alt><rdf:li xml:lang=\"x-default\">", prop);
    xml_text(b, text);
    pt_buf_puts(b, "</rdf:li>");
    if (lang && *lang) {
        pt_buf_puts(b, "<rdf:li xml:lang=\"");
        xml_text(b, lang);
        pt_buf_puts(b, "\">");
        xml_text(b, text);
        pt_buf_puts(b, "</rdf:li>");
    }
    pt_buf_printf(b, "</rdf:Alt></%s>\n", prop);
}

static void xmp_simple(pt_buf *b, const char *prop, const char *text)
{
    pt_buf_printf(b, "  <%s>", prop);
    xml_text(b, text);
    pt_buf_printf(b, "</%s>\n", prop);
}

/* An XMP property holding a one-item list: kind is "Seq" (ordered) or
 * "Bag" (unordered). */
static void xmp_list(pt_buf *b, const char *prop, const char *kind, const char *text)
{
    pt_buf_printf(b, "  <%s><rdf:%s><rdf:li>", prop, kind);
    xml_text(b, text);
    pt_buf_printf(b, "</rdf:li></rdf:%s></%s>\n", kind, prop);
}

/* One property of an extension schema. */
static void xmp_schema_property(pt_buf *b, const char *name, const char *type, const char *desc)
{
    pt_buf_printf(b,
        "      <rdf:li rdf:parseType=\"Resource\">\n"
        "       <pdfaProperty:name>%s</pdfaProperty:name>\n"
        "       <pdfaProperty:valueType>%s</pdfaProperty:valueType>\n"
        "       <pdfaProperty:category>internal</pdfaProperty:category>\n"
        "       <pdfaProperty:description>%s</pdfaProperty:description>\n"
        "      </rdf:li>\n", name, type, desc);
}

/* "BIZUDGothic-Regular.ttf 1e19...; BIZUDGothic-Bold.ttf d4ac..." */
static bool font_manifest(pt_ctx *ctx, pt_buf *b, pt_font *const *fonts, size_t nfonts)
{
    for (size_t i = 0; i < nfonts; i++) {
        const char *path = pt_font_path(fonts[i]);
        const char *base = strrchr(path, '/');
        char hex[65];
        if (!pt_font_sha256(ctx, fonts[i], hex))
            return false;
        pt_buf_printf(b, "%s%s %s", i ? "; " : "", base ? base + 1 : path, hex);
    }
    return true;
}

/* The XMP packet (UTF-8; the byte-order mark in "begin" is required). */
static void build_xmp(pt_buf *b, const pt_doc_info *info, const char *producer, int part,
                      bool tagged, const char *date, const char *manifest)
{
    pt_buf_puts(b,
        "<?xpacket begin=\"\xEF\xBB\xBF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
        "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n"
        " <rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n"
        " <rdf:Description rdf:about=\"\"\n"
        "   xmlns:dc=\"http://purl.org/dc/elements/1.1/\"\n"
        "   xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\"\n"
        "   xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\"\n"
        "   xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\"\n"
        "   xmlns:pdfuaid=\"http://www.aiim.org/pdfua/ns/id/\"\n"
        "   xmlns:plantype=\"" PT_XMP_NS "\">\n"
        "  <dc:format>application/pdf</dc:format>\n");
    if (info->title && *info->title)
        xmp_alt(b, "dc:title", info->title, info->lang);
    if (info->author && *info->author)
        xmp_list(b, "dc:creator", "Seq", info->author);
    if (info->subject && *info->subject)
        xmp_alt(b, "dc:description", info->subject, info->lang);
    if (info->lang && *info->lang)
        xmp_list(b, "dc:language", "Bag", info->lang);
    if (info->creator && *info->creator)
        xmp_simple(b, "xmp:CreatorTool", info->creator);
    xmp_simple(b, "xmp:CreateDate", date);
    xmp_simple(b, "xmp:ModifyDate", date);
    xmp_simple(b, "xmp:MetadataDate", date);
    if (producer && *producer)
        xmp_simple(b, "pdf:Producer", producer);
    pt_buf_printf(b, "  <pdfaid:part>%d</pdfaid:part>\n"
                     "  <pdfaid:conformance>%s</pdfaid:conformance>\n", part, tagged ? "A" : "B");
    if (tagged)
        pt_buf_puts(b, "  <pdfuaid:part>1</pdfuaid:part>\n");
    if (*manifest)
        xmp_simple(b, "plantype:fonts", manifest);
    pt_buf_puts(b,
        " </rdf:Description>\n"
        " <rdf:Description rdf:about=\"\"\n"
        "   xmlns:pdfaExtension=\"http://www.aiim.org/pdfa/ns/extension/\"\n"
        "   xmlns:pdfaSchema=\"http://www.aiim.org/pdfa/ns/schema#\"\n"
        "   xmlns:pdfaProperty=\"http://www.aiim.org/pdfa/ns/property#\">\n"
        "  <pdfaExtension:schemas><rdf:Bag>\n"
        "   <rdf:li rdf:parseType=\"Resource\">\n"
        "    <pdfaSchema:schema>PDF/UA Universal Accessibility Schema</pdfaSchema:schema>\n"
        "    <pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>\n"
        "    <pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>\n"
        "    <pdfaSchema:property><rdf:Seq>\n");
    xmp_schema_property(b, "part", "Integer",
                        "Indicates, which part of ISO 14289 standard is followed");
    pt_buf_puts(b,
        "    </rdf:Seq></pdfaSchema:property>\n"
        "   </rdf:li>\n"
        "   <rdf:li rdf:parseType=\"Resource\">\n"
        "    <pdfaSchema:schema>plantype archive</pdfaSchema:schema>\n"
        "    <pdfaSchema:namespaceURI>" PT_XMP_NS "</pdfaSchema:namespaceURI>\n"
        "    <pdfaSchema:prefix>plantype</pdfaSchema:prefix>\n"
        "    <pdfaSchema:property><rdf:Seq>\n");
    xmp_schema_property(b, "fonts", "Text",
                        "The font files the document was typeset with: for each, its file "
                        "name and SHA-256 in hex, separated by semicolons");
    pt_buf_puts(b,
        "    </rdf:Seq></pdfaSchema:property>\n"
        "   </rdf:li>\n"
        "  </rdf:Bag></pdfaExtension:schemas>\n"
        " </rdf:Description>\n"
        " </rdf:RDF>\n"
        "</x:xmpmeta>\n"
        "<?xpacket end=\"w\"?>");
}

/* ---- the parts ---- */

static bool add_metadata(HPDF_Doc pdf, const pt_buf *xmp)
{
    HPDF_Dict m = pt_pdf_stream(pdf, xmp->s, xmp->n, NULL);     /* never filtered */
    return m && HPDF_Dict_AddName(m, "Type", "Metadata") == HPDF_OK &&
           HPDF_Dict_AddName(m, "Subtype", "XML") == HPDF_OK &&
           HPDF_Dict_Add(pdf->catalog, "Metadata", m) == HPDF_OK;
}

/* /OutputIntents [<< /Type /OutputIntent /S /GTS_PDFA1 ... >>] with the
 * profile (written here rather than by HPDF_PDFA_AppendOutputIntents, which
 * misspells the /DestOutputProfile key). */
static bool add_output_intent(HPDF_Doc pdf, const char *icc, size_t len, pt_flate *f)
{
    HPDF_MMgr mm = pdf->mmgr;
    HPDF_Dict prof = pt_pdf_stream(pdf, icc, len, f);
    HPDF_Dict oi = HPDF_Dict_New(mm);
    HPDF_Array list = HPDF_Array_New(mm);
    return prof && oi && list && HPDF_Dict_AddNumber(prof, "N", 3) == HPDF_OK &&
           HPDF_Dict_AddName(oi, "Type", "OutputIntent") == HPDF_OK &&
           HPDF_Dict_AddName(oi, "S", "GTS_PDFA1") == HPDF_OK &&
           HPDF_Dict_Add(oi, "OutputConditionIdentifier",
                         HPDF_String_New(mm, SRGB_NAME, NULL)) == HPDF_OK &&
           HPDF_Dict_Add(oi, "RegistryName",
                         HPDF_String_New(mm, "http://www.color.org", NULL)) == HPDF_OK &&
           HPDF_Dict_Add(oi, "Info", HPDF_String_New(mm, SRGB_NAME, NULL)) == HPDF_OK &&
           HPDF_Dict_Add(oi, "DestOutputProfile", prof) == HPDF_OK &&
           HPDF_Array_Add(list, oi) == HPDF_OK &&
           HPDF_Dict_Add(pdf->catalog, "OutputIntents", list) == HPDF_OK;
}

void pt_source_task_run(void *task, int who)
{
    pt_source_task *t = task;
    pt_flate_task_run(&t->z, who);
    pt_md5(t->z.data, t->z.len, t->md5);
}

/* /F is a byte string for old readers: the name's ASCII, other bytes as '_';
 * /UF (a text string) has the real name. */
static HPDF_String ascii_name(HPDF_Doc pdf, const char *name)
{
    size_t n = strlen(name);
    char *s = pt_xrealloc(NULL, n + 1);
    for (size_t i = 0; i <= n; i++)
        s[i] = (name[i] & 0x80) ? '_' : name[i];
    HPDF_String str = HPDF_String_New(pdf->mmgr, s, NULL);
    free(s);
    return str;
}

/* The file specification of one source: EmbeddedFile stream + Filespec. */
static HPDF_Dict source_filespec(HPDF_Doc pdf, const pt_source *src, const char *pdf_date,
                                 const pt_source_task *made)
{
    HPDF_MMgr mm = pdf->mmgr;
    HPDF_Dict ef = HPDF_DictStream_New(mm, pdf->xref);
    if (ef && !pt_pdf_stream_lend_flated(ef, made->z.z.s, made->z.z.n))
        ef = NULL;
    HPDF_Dict params = HPDF_Dict_New(mm);
    HPDF_Dict fs = HPDF_Dict_New(mm);
    HPDF_Dict efd = HPDF_Dict_New(mm);
    bool ok = ef && params && fs && efd && HPDF_Xref_Add(pdf->xref, fs) == HPDF_OK &&
              HPDF_Dict_AddName(ef, "Type", "EmbeddedFile") == HPDF_OK &&
              HPDF_Dict_AddName(ef, "Subtype", "application/xml") == HPDF_OK &&
              HPDF_Dict_AddNumber(params, "Size", (HPDF_INT32)src->len) == HPDF_OK &&
              HPDF_Dict_Add(params, "ModDate", HPDF_String_New(mm, pdf_date, NULL)) == HPDF_OK &&
              HPDF_Dict_Add(params, "CheckSum",
                           HPDF_Binary_New(mm, (HPDF_BYTE *)made->md5, sizeof made->md5)) == HPDF_OK &&
              HPDF_Dict_Add(ef, "Params", params) == HPDF_OK &&
              HPDF_Dict_AddName(fs, "Type", "Filespec") == HPDF_OK &&
              HPDF_Dict_Add(fs, "F", ascii_name(pdf, src->name)) == HPDF_OK &&
              HPDF_Dict_Add(fs, "UF", pt_pdf_text_string(pdf, src->name)) == HPDF_OK &&
              HPDF_Dict_Add(fs, "Desc", pt_pdf_text_string(pdf, src->desc)) == HPDF_OK &&
              HPDF_Dict_AddName(fs, "AFRelationship", "Source") == HPDF_OK &&
              HPDF_Dict_Add(efd, "F", ef) == HPDF_OK && HPDF_Dict_Add(efd, "UF", ef) == HPDF_OK &&
              HPDF_Dict_Add(fs, "EF", efd) == HPDF_OK;
    return ok ? fs : NULL;
}

static int by_name(const void *a, const void *b)
{
    return strcmp(((const pt_source *)a)->name, ((const pt_source *)b)->name);
}

/* /AF [fs ...] in the given order and /Names << /EmbeddedFiles << /Names
 * [(name) fs ...] >> >>, the name tree's keys in byte order. */
static bool add_sources(pt_ctx *ctx, HPDF_Doc pdf, const pt_doc_info *info, const char *pdf_date,
                        const pt_source_task *made)
{
    HPDF_MMgr mm = pdf->mmgr;
    pt_source *sorted = pt_xcalloc(info->nsources, sizeof *sorted);
    memcpy(sorted, info->sources, info->nsources * sizeof *sorted);
    qsort(sorted, info->nsources, sizeof *sorted, by_name);
    for (size_t i = 1; i < info->nsources; i++)
        if (!strcmp(sorted[i - 1].name, sorted[i].name)) {
            pt_fail(ctx, _("%s: two sources of the same name cannot both go into the PDF"),
                    sorted[i].name);
            free(sorted);
            return false;
        }
    HPDF_Dict *specs = pt_xcalloc(info->nsources, sizeof *specs);
    HPDF_Array af = HPDF_Array_New(mm);
    HPDF_Array keys = HPDF_Array_New(mm);
    HPDF_Dict tree = HPDF_Dict_New(mm), names = HPDF_Dict_New(mm);
    bool ok = af && keys && tree && names;
    for (size_t i = 0; ok && i < info->nsources; i++) {
        specs[i] = source_filespec(pdf, &info->sources[i], pdf_date, &made[i]);
        ok = specs[i] && HPDF_Array_Add(af, specs[i]) == HPDF_OK;
    }
    for (size_t i = 0; ok && i < info->nsources; i++) {
        size_t k = 0;
        while (strcmp(info->sources[k].name, sorted[i].name))
            k++;
        ok = HPDF_Array_Add(keys, pt_pdf_text_string(pdf, sorted[i].name)) == HPDF_OK &&
             HPDF_Array_Add(keys, specs[k]) == HPDF_OK;
    }
    ok = ok && HPDF_Dict_Add(tree, "Names", keys) == HPDF_OK &&
         HPDF_Dict_Add(names, "EmbeddedFiles", tree) == HPDF_OK &&
         HPDF_Dict_Add(pdf->catalog, "Names", names) == HPDF_OK &&
         HPDF_Dict_Add(pdf->catalog, "AF", af) == HPDF_OK;
    free(specs);
    free(sorted);
    if (!ok)
        pt_fail(ctx, _("PDF writer (libharu): embedding the sources failed (0x%04X)"),
                (unsigned)HPDF_GetError(pdf));
    return ok;
}

/* Two 16-byte strings of zeros: the placeholder pt_pdfa_set_id replaces. */
static bool add_id_placeholder(HPDF_Doc pdf)
{
    static const HPDF_BYTE zero[16];
    HPDF_Array id = HPDF_Array_New(pdf->mmgr);
    return id && HPDF_Array_Add(id, HPDF_Binary_New(pdf->mmgr, (HPDF_BYTE *)zero, 16)) == HPDF_OK &&
           HPDF_Array_Add(id, HPDF_Binary_New(pdf->mmgr, (HPDF_BYTE *)zero, 16)) == HPDF_OK &&
           HPDF_Dict_Add(pdf->trailer, "ID", id) == HPDF_OK;
}

bool pt_pdfa_document(pt_ctx *ctx, HPDF_Doc pdf, const pt_doc_info *info, bool tagged,
                      pt_font *const *fonts, size_t nfonts, pt_flate *f,
                      const pt_source_task *made)
{
    time_t t = (time_t)info->created;
    struct tm tm;
    if (!gmtime_r(&t, &tm))
        return pt_fail(ctx, _("internal error: creation time %lld out of range"), info->created);
    char xmp_date[32], pdf_date[32];
    strftime(xmp_date, sizeof xmp_date, "%Y-%m-%dT%H:%M:%SZ", &tm);
    strftime(pdf_date, sizeof pdf_date, "D:%Y%m%d%H%M%S+00'00'", &tm);

    pt_buf icc_path = {0};
    pt_buf_printf(&icc_path, "%s/color/sRGB.icc", pt_datadir(ctx));
    size_t icc_len = 0;
    char *icc = pt_read_file(ctx, icc_path.s, &icc_len);
    pt_buf_free(&icc_path);
    if (!icc)
        return false;

    int part = info->nsources ? PDFA_WITH_SOURCES : PDFA_WITHOUT_SOURCES;
    pt_buf manifest = {0}, xmp = {0};
    pt_buf_puts(&manifest, "");
    if (!font_manifest(ctx, &manifest, fonts, nfonts)) {
        pt_buf_free(&manifest);
        free(icc);
        return false;
    }
    build_xmp(&xmp, info, HPDF_GetInfoAttr(pdf, HPDF_INFO_PRODUCER), part, tagged, xmp_date,
              manifest.s);
    bool ok = add_metadata(pdf, &xmp) && add_output_intent(pdf, icc, icc_len, f) &&
              add_id_placeholder(pdf);
    pt_buf_free(&xmp);
    pt_buf_free(&manifest);
    free(icc);
    if (!ok)
        return pt_fail(ctx, _("PDF writer (libharu): writing the PDF/A metadata failed (0x%04X)"),
                       (unsigned)HPDF_GetError(pdf));
    if (info->nsources && !add_sources(ctx, pdf, info, pdf_date, made))
        return false;
    pdf->pdf_version = HPDF_VER_17;    /* last: some libharu calls change it */
    return true;
}

/* ---- /ID ---- */

bool pt_pdfa_set_id(pt_ctx *ctx, char *bytes, size_t len, const unsigned char d[16])
{
    static const char zeros[] = "<00000000000000000000000000000000>";
    const size_t zlen = sizeof zeros - 1;
    /* The trailer is at the end: the last two placeholders. */
    char *at[2] = {NULL, NULL};
    int found = 0;
    for (size_t i = len >= zlen ? len - zlen + 1 : 0; i-- > 0 && found < 2;)
        if (bytes[i] == '<' && !memcmp(bytes + i, zeros, zlen))
            at[found++] = bytes + i;
    if (found < 2)
        return pt_fail(ctx, _("internal error: the PDF's /ID placeholder is missing"));
    static const char hex[] = "0123456789ABCDEF";
    for (int k = 0; k < 2; k++)
        for (int i = 0; i < 16; i++) {
            at[k][1 + 2 * i] = hex[d[i] >> 4];
            at[k][2 + 2 * i] = hex[d[i] & 15];
        }
    return true;
}
