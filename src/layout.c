/* layout.c - reads a layout file into pt_layout (see layout.h). The schema
 * checks the shape; this file checks what it cannot: positive sizes, column
 * widths that add up to the text width, known style names, loadable fonts,
 * every label and style the pages use, numbers in their ranges (README: Limits). */
#include "layout.h"
#include "xml.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* What the pages use: every one must be in a layout (README: Layouts). */
static const char *const STYLES[] = {
    "body", "cell", "label", "value", "status", "cover-title", "cover-year", "cover-org",
    "toc-project", "toc-entry", "toc-label", "heading", "subheading", "summary", "figure",
    "figure-head", "footer", "card-no", "card-title", NULL };
static const char *const CARD_LABELS[] = {
    "no", "project", "goal", "policy", "initiative", "dept", "status", "overview", "indicator",
    "baseline", "target", "actual", "next", "evaluation", "synergy", "direction", "continued",
    "status-achieved", "status-not-achieved", "status-none", "placeholder", NULL };
static const char *const OVERVIEW_LABELS[] = {
    "aspect", "project", "leader", "system", "year", "goal", "status", "indicator", "baseline",
    "target", "actual", "goal-summary", "card-summary", NULL };

typedef struct reader { pt_ctx *ctx; pt_arena *arena; const char *name; } reader;

/* A length or factor attribute: a finite number in [lo, hi] (README: Limits). */
static bool num(reader *R, const xmlNode *n, const char *attr, double lo, double hi, double *out)
{
    const char *s = pt_xml_attr(R->arena, n, attr);
    char *end = NULL;
    *out = s ? strtod(s, &end) : 0;
    if (!s || end == s || *end || !isfinite(*out) || *out < lo || *out > hi)
        return pt_xml_bad(R->ctx, R->name, n, _("%s must be a number from %g to %g, found \"%s\""),
                          attr, lo, hi, s ? s : "");
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
        if (end == s || !isfinite(out[i]) || out[i] <= 0 || out[i] > PT_MAX_PAGE)
            return pt_xml_bad(R->ctx, R->name, n, _("%s must be %d positive widths, found \"%s\""),
                              attr, count, pt_xml_attr(R->arena, n, attr));
        sum += out[i];
        s = end;
    }
    while (*s == ' ')
        s++;
    if (*s)
        return pt_xml_bad(R->ctx, R->name, n, _("%s has more than %d widths"), attr, count);
    if (total > 0 && fabs(sum - total) > 0.01)
        return pt_xml_bad(R->ctx, R->name, n, _("%s add up to %.2f pt, the text width is %.2f pt"),
                          attr, sum, total);
    return true;
}

static pt_font *font(reader *R, const xmlNode *n, const char *attr)
{
    const char *rel = pt_xml_attr(R->arena, n, attr);
    const char *path = rel[0] == '/' ? rel : pt_sprintf(R->arena, "%s/%s", pt_datadir(R->ctx), rel);
    pt_font *f = pt_font_load(R->ctx, path);
    if (!f)
        pt_err_prefix(R->ctx, "%s:%d: <fonts>: ", R->name, pt_xml_line(n));
    return f;
}

/* The labels of n: each key of want[] exactly once, none other, none empty. */
static bool labels(reader *R, const xmlNode *n, const char *const *want, pt_label **out,
                   int *count)
{
    *count = pt_xml_count(n, "label");
    *out = pt_alloc(R->arena, sizeof **out * (size_t)(*count + 1));
    int k = 0;
    for (const xmlNode *c = n->children; c; c = c->next) {
        if (!pt_xml_is(c, "label"))
            continue;
        xmlChar *t = xmlNodeGetContent(c);
        pt_label *lb = &(*out)[k];
        lb->key = pt_xml_attr(R->arena, c, "key");
        lb->text = pt_strdup(R->arena, t ? (const char *)t : "");
        xmlFree(t);
        bool known = false;
        for (const char *const *w = want; *w && !known; w++)
            known = !strcmp(*w, lb->key);
        if (!known)
            return pt_xml_bad(R->ctx, R->name, c, _("unknown label key \"%s\""), lb->key);
        if (!*lb->text)
            return pt_xml_bad(R->ctx, R->name, c, _("label \"%s\" is empty"), lb->key);
        for (int j = 0; j < k; j++)
            if (!strcmp((*out)[j].key, lb->key))
                return pt_xml_bad(R->ctx, R->name, c, _("label \"%s\" is given twice"), lb->key);
        k++;
    }
    for (const char *const *w = want; *w; w++) {
        bool found = false;
        for (int j = 0; j < k && !found; j++)
            found = !strcmp((*out)[j].key, *w);
        if (!found)
            return pt_xml_bad(R->ctx, R->name, n, _("label \"%s\" is missing"), *w);
    }
    return true;
}

static const pt_style *find_style(const pt_layout *l, const char *name)
{
    for (int i = 0; i < l->nstyles; i++)
        if (!strcmp(l->styles[i].name, name))
            return &l->styles[i];
    return NULL;
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
        if (!num(R, c, "size", 1, PT_MAX_SIZE, &s->size)
            || !num(R, c, "leading", 1, PT_MAX_LEADING, &s->leading))
            return false;
        if (pt_xml_attr(R->arena, c, "indent") && !num(R, c, "indent", 0, 10, &s->indent))
            return false;
        if (pt_xml_attr(R->arena, c, "wa-o") && !num(R, c, "wa-o", 0.01, 1, &s->wao))
            return false;
        for (int j = 0; j < k - 1; j++)
            if (!strcmp(l->styles[j].name, s->name))
                return pt_xml_bad(R->ctx, R->name, c, _("style %s is defined twice"), s->name);
    }
    for (const char *const *w = STYLES; *w; w++)
        if (!find_style(l, *w))
            return pt_xml_bad(R->ctx, R->name, root, _("style \"%s\" is missing"), *w);
    return true;
}

/* Every column of a table must hold one character of the largest style set
 * in it after its padding: a narrower one cannot show a line of text. */
static bool columns_hold(reader *R, const xmlNode *n, const char *what, const double *cols,
                         int count, double pad, double size)
{
    for (int i = 0; i < count; i++)
        if (cols[i] - 2 * pad < size)
            return pt_xml_bad(R->ctx, R->name, n, _("%s column %d is %.2f pt wide: less than one "
                              "%.2f pt character after the padding of %.2f pt on each side"),
                              what, i + 1, cols[i], size, pad);
    return true;
}

/* The largest size among the named styles (all exist: styles() checked). */
static double largest(const pt_layout *l, const char *const *names)
{
    double m = 0;
    for (const char *const *w = names; *w; w++)
        if (find_style(l, *w)->size > m)
            m = find_style(l, *w)->size;
    return m;
}

static bool read_layout(reader *R, const xmlNode *root, pt_layout *l)
{
    const xmlNode *n;
    const char *lb = pt_xml_attr(R->arena, root, "line-break");
    l->strictness = !lb || !strcmp(lb, "strict") ? PT_LB_STRICT
                  : !strcmp(lb, "normal") ? PT_LB_NORMAL : PT_LB_LOOSE;
    n = pt_xml_child(root, "page");
    if (!num(R, n, "width", 72, PT_MAX_PAGE, &l->page_w)
        || !num(R, n, "height", 72, PT_MAX_PAGE, &l->page_h)
        || !num(R, n, "top", 0, l->page_h, &l->top) || !num(R, n, "bottom", 0, l->page_h, &l->bottom)
        || !num(R, n, "left", 0, l->page_w, &l->left) || !num(R, n, "right", 0, l->page_w, &l->right))
        return false;
    if (pt_layout_text_width(l) < PT_MIN_TEXT_AREA || l->page_h - l->top - l->bottom < PT_MIN_TEXT_AREA)
        return pt_xml_bad(R->ctx, R->name, n, _("the margins leave a text area of %.2f x %.2f pt; "
                          "it must be at least %d pt each way"), pt_layout_text_width(l),
                          l->page_h - l->top - l->bottom, PT_MIN_TEXT_AREA);
    n = pt_xml_child(root, "fonts");
    if (!(l->regular = font(R, n, "regular")) || !(l->bold = font(R, n, "bold")))
        return false;
    n = pt_xml_child(root, "colors");
    color(R, n, "text", &l->text);
    color(R, n, "rule", &l->rule);
    color(R, n, "shade", &l->shade);
    color(R, n, "heading", &l->heading);
    color(R, n, "figure-fill", &l->figure_fill);
    color(R, n, "to-fill", &l->to_fill);
    n = pt_xml_child(root, "rules");
    if (!num(R, n, "cell", 0, 20, &l->rule_cell) || !num(R, n, "frame", 0, 20, &l->rule_frame)
        || !num(R, n, "figure", 0, 20, &l->rule_figure))
        return false;
    if (!styles(R, root, l))
        return false;
    double tw = pt_layout_text_width(l), th = l->page_h - l->top - l->bottom;
    n = pt_xml_child(root, "cell");
    if (!num(R, n, "pad-x", 0, 100, &l->pad_x) || !num(R, n, "pad-y", 0, 100, &l->pad_y))
        return false;
    n = pt_xml_child(root, "footer");
    l->footer_format = pt_xml_attr(R->arena, n, "format");
    if (!*l->footer_format)
        return pt_xml_bad(R->ctx, R->name, n, _("format is empty"));
    double fs = find_style(l, "footer")->size;
    if (!num(R, n, "y", 0, l->page_h - fs, &l->footer_y))
        return false;
    n = pt_xml_child(root, "cover");
    if (!num(R, n, "title-top", 0, l->page_h, &l->cover_title_top)
        || !num(R, n, "org-bottom", 0, l->page_h, &l->cover_org_bottom))
        return false;
    n = pt_xml_child(root, "contents");
    static const char *const toc_styles[] = { "toc-project", "toc-entry", NULL };
    double ts = largest(l, toc_styles);
    if (!num(R, n, "gap", 0, tw / 2, &l->toc_gap) || !num(R, n, "number-width", 1, tw / 4, &l->toc_number_w)
        || !num(R, n, "label-indent", 0, 10, &l->toc_label_indent)
        || !num(R, n, "entry-number-width", 0, tw / 4, &l->toc_entry_number_w)
        || !num(R, n, "dot-pitch", 0.5, 100, &l->toc_dot_pitch)
        || !num(R, n, "dot-size", 0.1, 10, &l->toc_dot_size))
        return false;
    double tocw = (tw - l->toc_gap) / 2 - l->toc_number_w - l->toc_entry_number_w - 0.5 * ts;
    if (tocw < ts || tocw - l->toc_label_indent * ts < ts)
        return pt_xml_bad(R->ctx, R->name, n, _("a contents column leaves %.2f pt for a title "
                          "(after the number and the label indent): less than one %.2f pt "
                          "character"), tocw - l->toc_label_indent * ts, ts);
    static const char *const cell_styles[] = { "body", "cell", "label", "value", "status", NULL };
    double cs = largest(l, cell_styles);
    n = pt_xml_child(root, "card");
    if (!columns(R, n, "columns", l->card_cols, 4, tw)
        || !columns_hold(R, n, "card", l->card_cols, 4, l->pad_x, cs)
        || !num(R, n, "status-min-height", 0, th, &l->status_min_h)
        || !num(R, n, "min-leading", 1, PT_MAX_LEADING, &l->min_leading)
        || !num(R, n, "min-size", 1, PT_MAX_SIZE, &l->min_size)
        || !labels(R, n, CARD_LABELS, &l->card_labels, &l->ncard_labels))
        return false;
    n = pt_xml_child(root, "overview");
    if (!columns(R, n, "columns", l->ov_cols, 3, tw)
        || !columns_hold(R, n, "overview", l->ov_cols, 3, l->pad_x, cs)
        || !labels(R, n, OVERVIEW_LABELS, &l->ov_labels, &l->nov_labels))
        return false;
    n = pt_xml_child(n, "figure");
    static const char *const fig_styles[] = { "figure", "figure-head", NULL };
    if (!num(R, n, "gap", 0, tw / 8, &l->fig_gap) || !num(R, n, "box-pad", 0, 100, &l->fig_pad)
        || !num(R, n, "row-gap", 0, 100, &l->fig_row_gap)
        || (!(l->fig_auto = !strcmp(pt_xml_attr(R->arena, n, "columns"), "auto"))
            && (!columns(R, n, "columns", l->fig_cols, 4, tw - 3 * l->fig_gap)
                || !columns_hold(R, n, "figure", l->fig_cols, 4, l->fig_pad,
                                 largest(l, fig_styles)))))
        return false;
    /* fit floors of the figure: optional, by default its style's own (no reduction) */
    const pt_style *fs_ = find_style(l, "figure");
    l->fig_min_size = fs_->size;
    l->fig_min_leading = fs_->leading;
    if ((pt_xml_attr(R->arena, n, "min-size")
         && !num(R, n, "min-size", 1, fs_->size, &l->fig_min_size))
        || (pt_xml_attr(R->arena, n, "min-leading")
            && !num(R, n, "min-leading", 1, fs_->leading, &l->fig_min_leading)))
        return false;
    return true;
}

pt_layout *pt_layout_load(pt_ctx *ctx, pt_arena *arena, const char *path)
{
    char schema[4096];
    snprintf(schema, sizeof schema, "%s/layouts/layout.rng", pt_datadir(ctx));
    xmlDoc *doc = pt_xml_load(ctx, path, "layout", PT_MAX_LAYOUT, schema);
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
    const pt_style *s = find_style(l, name);
    if (s)
        return s;
    pt_invalid(ctx, _("%s: the layout has no style \"%s\""), l->file, name);
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
        pt_invalid(ctx, _("%s: the layout has no label \"%s\""), l->file, key);
        return NULL;
    }
    return pt_expand(a, tmpl, vars);
}

double pt_layout_text_width(const pt_layout *l) { return l->page_w - l->left - l->right; }
