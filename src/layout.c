/* layout.c - reads a layout file into pt_layout (see layout.h). The schema
 * checks the shape; this file checks what it cannot: positive sizes, column
 * widths that add up to the text width, known style names, loadable fonts. */
#include "layout.h"
#include "xml.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

typedef struct reader { pt_ctx *ctx; pt_arena *arena; const char *name; } reader;

static bool num(reader *R, const xmlNode *n, const char *attr, double *out)
{
    const char *s = pt_xml_attr(R->arena, n, attr);
    char *end;
    *out = s ? strtod(s, &end) : 0;
    if (!s || *end || !isfinite(*out) || *out < 0)
        return pt_xml_bad(R->ctx, R->name, n, "%s must be a number >= 0, found \"%s\"", attr,
                          s ? s : "");
    return true;
}

static bool color(reader *R, const xmlNode *n, const char *attr, pt_rgb *out)
{
    const char *s = pt_xml_attr(R->arena, n, attr);
    unsigned v = (unsigned)strtoul(s + 1, NULL, 16);
    out->r = (float)((v >> 16) & 255) / 255.0f;
    out->g = (float)((v >> 8) & 255) / 255.0f;
    out->b = (float)(v & 255) / 255.0f;
    return true;
}

/* "98 142 140 131.28" into out[0..n); the widths must add up to total. */
static bool columns(reader *R, const xmlNode *n, const char *attr, double *out, int count,
                    double total)
{
    const char *s = pt_xml_attr(R->arena, n, attr);
    double sum = 0;
    for (int i = 0; i < count; i++) {
        char *end;
        out[i] = strtod(s, &end);
        if (end == s || out[i] <= 0)
            return pt_xml_bad(R->ctx, R->name, n, "%s must be %d positive widths, found \"%s\"",
                              attr, count, pt_xml_attr(R->arena, n, attr));
        sum += out[i];
        s = end;
    }
    while (*s == ' ')
        s++;
    if (*s)
        return pt_xml_bad(R->ctx, R->name, n, "%s has more than %d widths", attr, count);
    if (total > 0 && fabs(sum - total) > 0.01)
        return pt_xml_bad(R->ctx, R->name, n, "%s add up to %.2f pt, the text width is %.2f pt",
                          attr, sum, total);
    return true;
}

static pt_font *font(reader *R, const xmlNode *n, const char *attr)
{
    const char *rel = pt_xml_attr(R->arena, n, attr);
    const char *path = rel[0] == '/' ? rel : pt_sprintf(R->arena, "%s/%s", pt_datadir(), rel);
    pt_font *f = pt_font_load(R->ctx, path);
    if (!f)
        pt_err_prefix(R->ctx, "%s:%d: <fonts>: ", R->name, pt_xml_line(n));
    return f;
}

static bool labels(reader *R, const xmlNode *n, pt_label **out, int *count)
{
    *count = pt_xml_count(n, "label");
    *out = pt_alloc(R->arena, sizeof **out * (size_t)(*count + 1));
    int k = 0;
    for (const xmlNode *c = n->children; c; c = c->next) {
        if (!pt_xml_is(c, "label"))
            continue;
        xmlChar *t = xmlNodeGetContent(c);
        (*out)[k].key = pt_xml_attr(R->arena, c, "key");
        (*out)[k].text = pt_strdup(R->arena, t ? (const char *)t : "");
        xmlFree(t);
        k++;
    }
    return true;
}

static bool styles(reader *R, const xmlNode *root, pt_layout *l)
{
    l->nstyles = pt_xml_count(root, "style");
    l->styles = pt_alloc(R->arena, sizeof *l->styles * (size_t)l->nstyles);
    int k = 0;
    for (const xmlNode *c = root->children; c; c = c->next) {
        if (!pt_xml_is(c, "style"))
            continue;
        pt_style *s = &l->styles[k++];
        s->name = pt_xml_attr(R->arena, c, "name");
        s->font = !strcmp(pt_xml_attr(R->arena, c, "font"), "bold") ? l->bold : l->regular;
        const char *al = pt_xml_attr(R->arena, c, "align");
        s->align = !strcmp(al, "justify") ? PT_ALIGN_JUSTIFY : !strcmp(al, "left") ? PT_ALIGN_LEFT
                 : !strcmp(al, "center") ? PT_ALIGN_CENTER : PT_ALIGN_RIGHT;
        const char *hang = pt_xml_attr(R->arena, c, "hang");
        s->hang = hang && (!strcmp(hang, "true") || !strcmp(hang, "1"));
        const char *brk = pt_xml_attr(R->arena, c, "break");
        s->space_breaks = brk && !strcmp(brk, "spaces");
        s->phrase = brk && !strcmp(brk, "phrase");
        if (!num(R, c, "size", &s->size) || !num(R, c, "leading", &s->leading))
            return false;
        if (pt_xml_attr(R->arena, c, "indent") && !num(R, c, "indent", &s->indent))
            return false;
        if (s->size <= 0 || s->leading < 1)
            return pt_xml_bad(R->ctx, R->name, c, "size must be > 0 and leading >= 1");
        for (int j = 0; j < k - 1; j++)
            if (!strcmp(l->styles[j].name, s->name))
                return pt_xml_bad(R->ctx, R->name, c, "style %s is defined twice", s->name);
    }
    return true;
}

static bool read_layout(reader *R, const xmlNode *root, pt_layout *l)
{
    const xmlNode *n;
    const char *lb = pt_xml_attr(R->arena, root, "line-break");
    l->strictness = !lb || !strcmp(lb, "strict") ? PT_LB_STRICT
                  : !strcmp(lb, "normal") ? PT_LB_NORMAL : PT_LB_LOOSE;
    n = pt_xml_child(root, "page");
    if (!num(R, n, "width", &l->page_w) || !num(R, n, "height", &l->page_h)
        || !num(R, n, "top", &l->top) || !num(R, n, "bottom", &l->bottom)
        || !num(R, n, "left", &l->left) || !num(R, n, "right", &l->right))
        return false;
    if (pt_layout_text_width(l) <= 0 || l->page_h - l->top - l->bottom <= 0)
        return pt_xml_bad(R->ctx, R->name, n, "the margins leave no room on the page");
    n = pt_xml_child(root, "fonts");
    if (!(l->regular = font(R, n, "regular")) || !(l->bold = font(R, n, "bold")))
        return false;
    n = pt_xml_child(root, "colors");
    color(R, n, "text", &l->text);
    color(R, n, "rule", &l->rule);
    color(R, n, "shade", &l->shade);
    color(R, n, "heading", &l->heading);
    color(R, n, "figure-fill", &l->figure_fill);
    n = pt_xml_child(root, "rules");
    if (!num(R, n, "cell", &l->rule_cell) || !num(R, n, "frame", &l->rule_frame)
        || !num(R, n, "figure", &l->rule_figure))
        return false;
    if (!styles(R, root, l))
        return false;
    n = pt_xml_child(root, "cell");
    if (!num(R, n, "pad-x", &l->pad_x) || !num(R, n, "pad-y", &l->pad_y))
        return false;
    n = pt_xml_child(root, "footer");
    l->footer_format = pt_xml_attr(R->arena, n, "format");
    if (!num(R, n, "y", &l->footer_y))
        return false;
    n = pt_xml_child(root, "cover");
    if (!num(R, n, "title-top", &l->cover_title_top) || !num(R, n, "org-bottom", &l->cover_org_bottom))
        return false;
    n = pt_xml_child(root, "contents");
    if (!num(R, n, "gap", &l->toc_gap) || !num(R, n, "number-width", &l->toc_number_w)
        || !num(R, n, "label-indent", &l->toc_label_indent)
        || !num(R, n, "dot-pitch", &l->toc_dot_pitch) || !num(R, n, "dot-size", &l->toc_dot_size))
        return false;
    double tw = pt_layout_text_width(l);
    n = pt_xml_child(root, "card");
    if (!columns(R, n, "columns", l->card_cols, 4, tw)
        || !num(R, n, "status-min-height", &l->status_min_h)
        || !num(R, n, "min-leading", &l->min_leading) || !num(R, n, "min-size", &l->min_size)
        || !labels(R, n, &l->card_labels, &l->ncard_labels))
        return false;
    if (l->min_leading < 1 || l->min_size <= 0)
        return pt_xml_bad(R->ctx, R->name, n, "min-leading must be >= 1 and min-size > 0");
    n = pt_xml_child(root, "overview");
    if (!columns(R, n, "columns", l->ov_cols, 3, tw) || !labels(R, n, &l->ov_labels, &l->nov_labels))
        return false;
    n = pt_xml_child(n, "figure");
    if (!num(R, n, "gap", &l->fig_gap) || !num(R, n, "box-pad", &l->fig_pad)
        || !num(R, n, "row-gap", &l->fig_row_gap)
        || !columns(R, n, "columns", l->fig_cols, 4, tw - 3 * l->fig_gap))
        return false;
    return true;
}

pt_layout *pt_layout_load(pt_ctx *ctx, pt_arena *arena, const char *path)
{
    size_t len;
    char *data = pt_read_file(ctx, path, &len);
    if (!data)
        return NULL;
    char schema[4096];
    snprintf(schema, sizeof schema, "%s/layouts/layout.rng", pt_datadir());
    xmlDoc *doc = pt_xml_parse(ctx, path, data, len, schema);
    free(data);
    if (!doc)
        return NULL;
    reader R = { ctx, arena, path };
    pt_layout *l = pt_alloc(arena, sizeof *l);
    l->file = pt_strdup(arena, path);
    bool ok = read_layout(&R, xmlDocGetRootElement(doc), l);
    xmlFreeDoc(doc);
    if (!ok) {
        pt_layout_free(l);
        return NULL;
    }
    return l;
}

void pt_layout_free(pt_layout *l)
{
    if (!l)
        return;
    pt_font_free(l->regular);
    pt_font_free(l->bold);
    l->regular = l->bold = NULL;
}

const pt_style *pt_layout_style(pt_ctx *ctx, const pt_layout *l, const char *name)
{
    for (int i = 0; i < l->nstyles; i++)
        if (!strcmp(l->styles[i].name, name))
            return &l->styles[i];
    pt_invalid(ctx, "%s: the layout has no style \"%s\"", l->file, name);
    return NULL;
}

const char *pt_label_text(pt_ctx *ctx, pt_arena *a, const pt_layout *l, const pt_label *labels,
                          int n, const char *key, const char *const *vars)
{
    const char *tmpl = NULL;
    for (int i = 0; i < n && !tmpl; i++)
        if (!strcmp(labels[i].key, key))
            tmpl = labels[i].text;
    if (!tmpl) {
        pt_invalid(ctx, "%s: the layout has no label \"%s\"", l->file, key);
        return NULL;
    }
    pt_buf b = {0};
    for (const char *p = tmpl; *p;) {
        const char *close = *p == '{' ? strchr(p, '}') : NULL;
        const char *val = NULL;
        if (close)
            for (const char *const *v = vars; v && *v; v += 2)
                if (strlen(*v) == (size_t)(close - p - 1) && !strncmp(*v, p + 1, (size_t)(close - p - 1)))
                    val = v[1];
        if (val) {
            pt_buf_puts(&b, val);
            p = close + 1;
        } else {
            pt_buf_add(&b, p, 1);
            p++;
        }
    }
    const char *s = pt_strdup(a, b.s ? b.s : "");
    pt_buf_free(&b);
    return s;
}

double pt_layout_text_width(const pt_layout *l) { return l->page_w - l->left - l->right; }
