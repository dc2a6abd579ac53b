/* findings.c - the findings list and the source locator; see findings.h.
 *
 * The locator walks the file from the line where the model says a text
 * begins, trying each position until the whole text matches the way XML
 * writes it (a line break is <br/>, a character may be an entity or character
 * reference). The texts of an edition are short and the first byte rules out
 * almost every position, so a plain scan is fast enough for every finding. */
#include "findings.h"

#include <stdlib.h>
#include <string.h>

void pt_findings_init(pt_findings *f, pt_arena *arena)
{
    memset(f, 0, sizeof *f);
    f->arena = arena;
}

void pt_findings_free(pt_findings *f)
{
    free(f->v.v);
    f->v.v = NULL;
    f->v.n = f->v.cap = 0;
}

pt_finding *pt_finding_add(pt_findings *f, pt_level level, const char *rule, const char *file,
                           int line, int col, const char *fmt, ...)
{
    char msg[2048];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    pt_finding x = { .file = file, .line = line, .col = col, .level = level, .rule = rule,
                     .msg = pt_strdup(f->arena, msg), .seq = (int)f->v.n };
    PT_PUSH(f->v, x);
    if (level == PT_ERROR)
        f->nerrors++;
    else if (level == PT_NOTE)
        f->nnotes++;
    else
        f->nwarnings++;
    return &f->v.v[f->v.n - 1];
}

static int by_place(const void *a, const void *b)
{
    const pt_finding *x = a, *y = b;
    int c = strcmp(x->file ? x->file : "", y->file ? y->file : "");
    if (c)
        return c;
    if (x->line != y->line)
        return x->line < y->line ? -1 : 1;
    if (x->col != y->col)
        return x->col < y->col ? -1 : 1;
    return x->seq < y->seq ? -1 : x->seq > y->seq;
}

void pt_findings_sort(pt_findings *f)
{
    if (f->v.n > 1)
        qsort(f->v.v, f->v.n, sizeof *f->v.v, by_place);
}

void pt_findings_print(const pt_findings *f, FILE *out)
{
    for (size_t i = 0; i < f->v.n; i++) {
        const pt_finding *x = &f->v.v[i];
        fprintf(out, "%s:%d:", x->file ? x->file : "", x->line);
        if (x->col > 0)
            fprintf(out, "%d:", x->col);
        fprintf(out, " %s: %s [%s]\n", x->level == PT_ERROR ? "error" : x->level == PT_NOTE ? "note" : "warning", x->msg,
                x->rule);
    }
    if (f->nnotes)   /* --diff: the changes, before the count that ends the output */
        fprintf(out, ngettext("%d note\n", "%d notes\n", (unsigned long)f->nnotes), f->nnotes);
    /* "1 error, 2 warnings" in the user's language */
    char errors[64];
    snprintf(errors, sizeof errors, ngettext("%d error", "%d errors", (unsigned long)f->nerrors),
             f->nerrors);
    fprintf(out, ngettext("%s, %d warning\n", "%s, %d warnings\n", (unsigned long)f->nwarnings),
            errors, f->nwarnings);
}

/* ---- the source locator ---- */

void pt_src_init(pt_src *s, const char *data, size_t len)
{
    memset(s, 0, sizeof *s);
    s->data = data;
    s->len = len;
    PT_VEC(size_t) starts = {0};
    PT_PUSH(starts, 0);
    for (size_t i = 0; i < len; i++)
        if (data[i] == '\n')
            PT_PUSH(starts, i + 1);
    s->line_start = starts.v;
    s->nlines = (int)starts.n;
}

void pt_src_free(pt_src *s)
{
    free(s->line_start);
    s->line_start = NULL;
}

/* The character an entity or character reference at p stands for, as UTF-8 in
 * out (5 bytes room); returns the reference's length, 0 when p is none. */
static size_t reference(const char *p, const char *end, char *out)
{
    static const struct { const char *name; char c; } named[] = {
        { "&amp;", '&' }, { "&lt;", '<' }, { "&gt;", '>' }, { "&quot;", '"' }, { "&apos;", '\'' },
    };
    for (size_t k = 0; k < sizeof named / sizeof *named; k++) {
        size_t n = strlen(named[k].name);
        if ((size_t)(end - p) >= n && !memcmp(p, named[k].name, n)) {
            out[0] = named[k].c;
            out[1] = 0;
            return n;
        }
    }
    if (end - p < 4 || p[1] != '#')
        return 0;
    const char *q = p + 2;
    int base = 10;
    if (*q == 'x') {
        base = 16;
        q++;
    }
    char *stop;
    long cp = strtol(q, &stop, base);
    if (stop == q || stop >= end || *stop != ';' || cp <= 0 || cp > 0x10FFFF)
        return 0;
    out[pt_utf8_encode((uint32_t)cp, out)] = 0;
    return (size_t)(stop + 1 - p);
}

/* Matches text[0..n) at source position p; returns the source position of
 * text byte `off` (or NULL when the text does not match there). */
static const char *match_at(const char *p, const char *end, const char *text, size_t n,
                            size_t off)
{
    const char *at = NULL;
    size_t t = 0;
    while (t < n) {
        if (t == off)
            at = p;
        if (p >= end)
            return NULL;
        char ref[8];
        size_t rn;
        if (text[t] == '\n') {
            if ((size_t)(end - p) >= 5 && !memcmp(p, "<br/>", 5))
                p += 5;
            else if ((size_t)(end - p) >= 6 && !memcmp(p, "<br />", 6))
                p += 6;
            else
                return NULL;
            t++;
        } else if (*p == '&' && (rn = reference(p, end, ref))) {
            size_t k = strlen(ref);
            if (t + k > n || memcmp(text + t, ref, k))
                return NULL;
            p += rn;
            t += k;
        } else if (*p == text[t]) {
            p++;
            t++;
        } else {
            return NULL;
        }
    }
    return at ? at : p;
}

bool pt_src_find(const pt_src *s, int from, const char *text, size_t off, int *line, int *col)
{
    *line = from;
    *col = 0;
    if (from < 1 || from > s->nlines || !text || !*text)
        return false;
    size_t n = strlen(text);
    if (off > n)
        off = n;
    const char *end = s->data + s->len;
    /* An element's text begins right after the '>' of its start tag (this
     * also keeps the search out of comments and attribute values). */
    for (const char *p = s->data + s->line_start[from - 1]; p < end; p++) {
        if (p == s->data || p[-1] != '>' || (*p != text[0] && *p != '&' && *p != '<'))
            continue;
        const char *at = match_at(p, end, text, n, off);
        if (!at)
            continue;
        size_t pos = (size_t)(at - s->data);
        int lo = from - 1, hi = s->nlines - 1;   /* last line starting at or before pos */
        while (lo < hi) {
            int mid = (lo + hi + 1) / 2;
            if (s->line_start[mid] <= pos)
                lo = mid;
            else
                hi = mid - 1;
        }
        int c = 1;
        for (size_t i = s->line_start[lo]; i < pos; i++)
            c += ((unsigned char)s->data[i] & 0xC0) != 0x80;
        *line = lo + 1;
        *col = c;
        return true;
    }
    return false;
}

int pt_src_line_of(const pt_src *s, const char *needle)
{
    size_t n = strlen(needle);
    for (int i = 0; i < s->nlines; i++) {
        size_t a = s->line_start[i];
        size_t b = i + 1 < s->nlines ? s->line_start[i + 1] : s->len;
        for (size_t k = a; k + n <= b; k++)
            if (!memcmp(s->data + k, needle, n))
                return i + 1;
    }
    return 0;
}
