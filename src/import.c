/* import.c - a returned indicator table back into the edition.
 *
 * The table is what export.c writes, edited in a spreadsheet: the same
 * columns under the same headers (so a table of another year or with moved
 * columns is refused), rows in any order, rows left out meaning "no change".
 * A row is found by its card number (a goal's row: project number and goal);
 * its identifying columns (card … indicator) must be as exported. For every
 * other cell that differs from the edition, the element is rewritten in the
 * XML tree (edit.c) and the change recorded; nothing else in the file moves.
 *
 * Cells are compared after the spreadsheet's noise is removed: CRLF becomes
 * LF, a cell's edges are trimmed, a number that equals the old one (85 for
 * 85.0) is the old one. A narrative's paragraphs are separated by a blank
 * line and a single line break is a <br/>. When a value's text changed but
 * its number did not, number, unit and period are read from the new text
 * (pt_value_derive). CSV is parsed with libcsv in strict mode. */
#include "cycle.h"
#include "edit.h"
#include "hints.h"

#include <csv.h>
#include <stdlib.h>
#include <string.h>

/* ---- reading the CSV ---- */

typedef struct record {
    char **f;                /* fields, heap */
    int n;
    int row;                 /* 1-based record number, as a spreadsheet shows it */
} record;

typedef struct csv_state {
    PT_VEC(char *) fields;   /* of the record being read */
    PT_VEC(record) recs;
} csv_state;

static void on_field(void *s, size_t len, void *data)
{
    csv_state *st = data;
    char *f = pt_xrealloc(NULL, len + 1);
    memcpy(f, s ? s : "", len);
    f[len] = 0;
    PT_PUSH(st->fields, f);
}

static void on_record(int term, void *data)
{
    (void)term;
    csv_state *st = data;
    record r = { st->fields.v, (int)st->fields.n, (int)st->recs.n + 1 };
    PT_PUSH(st->recs, r);
    st->fields.v = NULL;
    st->fields.n = st->fields.cap = 0;
}

static void records_free(csv_state *st)
{
    for (size_t i = 0; i < st->recs.n; i++) {
        for (int k = 0; k < st->recs.v[i].n; k++)
            free(st->recs.v[i].f[k]);
        free(st->recs.v[i].f);
    }
    for (size_t k = 0; k < st->fields.n; k++)
        free(st->fields.v[k]);
    free(st->fields.v);
    free(st->recs.v);
}

/* Reads the table: UTF-8 with or without a byte-order mark. */
static bool read_csv(pt_ctx *ctx, const char *path, csv_state *st)
{
    size_t len;
    char *data = pt_read_file_max(ctx, path, PT_MAX_EDITION, &len);
    if (!data)
        return false;
    const char *p = data;
    if (len >= 3 && !memcmp(p, "\xEF\xBB\xBF", 3)) {
        p += 3;
        len -= 3;
    }
    /* A NUL byte is valid UTF-8 but no text (UTF-16 has them). */
    const char *nul = memchr(p, 0, len);
    long bad = pt_utf8_check(p, len);
    if (nul && (bad < 0 || nul < p + bad))
        bad = (long)(nul - p);
    if (bad >= 0) {
        int line = 1;
        for (long k = 0; k < bad; k++)
            line += p[k] == '\n';
        pt_not_utf8(ctx, path, p, len, (size_t)bad, line);
        free(data);
        return false;
    }
    struct csv_parser cp;
    if (csv_init(&cp, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0) {
        free(data);
        return pt_fail(ctx, _("%s: cannot start the CSV parser"), path);
    }
    bool ok = csv_parse(&cp, p, len, on_field, on_record, st) == len
              && csv_fini(&cp, on_field, on_record, st) == 0;
    if (!ok)
        pt_invalid(ctx, _("%s: row %zu: not valid CSV (%s): a quote inside a cell must be doubled "
                   "and the cell quoted"), path, st->recs.n + 1, csv_strerror(csv_error(&cp)));
    csv_free(&cp);
    free(data);
    return ok;
}

/* ---- cells ---- */

static bool is_space_at(const char *s)
{
    return *s == ' ' || *s == '\t' || *s == '\n' || !strncmp(s, "\u3000", 3);
}

/* s with CRLF and CR made LF and white space trimmed at both ends, in a. */
static char *clean(pt_arena *a, const char *s)
{
    char *t = pt_strdup(a, s), *w = t;
    for (const char *r = t; *r; r++) {
        if (*r == '\r') {
            *w++ = '\n';
            if (r[1] == '\n')
                r++;
        } else {
            *w++ = *r;
        }
    }
    *w = 0;
    char *b = t;
    while (*b && is_space_at(b))
        b += !strncmp(b, "\u3000", 3) ? 3 : 1;
    char *e = b + strlen(b);
    for (;;) {
        if (e > b && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\n'))
            e--;
        else if (e - b >= 3 && !strncmp(e - 3, "\u3000", 3))
            e -= 3;
        else
            break;
    }
    *e = 0;
    return b;
}

/* A narrative cell as paragraphs: split at blank lines, each paragraph and
 * each of its lines trimmed; empty ones dropped. */
static int split_paras(pt_arena *a, const char *cell, const char ***out)
{
    PT_VEC(const char *) v = {0};
    pt_buf para = {0};
    const char *s = cell;
    for (;;) {
        const char *nl = strchr(s, '\n');
        const char *line = clean(a, nl ? pt_strndup(a, s, (size_t)(nl - s)) : s);
        if (*line) {
            if (para.n)
                pt_buf_puts(&para, "\n");
            pt_buf_puts(&para, line);
        }
        if ((!*line || !nl) && para.n) {
            PT_PUSH(v, pt_strdup(a, para.s));
            para.n = 0;
        }
        if (!nl)
            break;
        s = nl + 1;
    }
    pt_buf_free(&para);
    const char **res = pt_alloc(a, sizeof *res * (v.n + 1));
    if (v.n)
        memcpy(res, v.v, sizeof *res * v.n);
    int n = (int)v.n;
    free(v.v);
    *out = res;
    return n;
}

static const char *join_paras(pt_arena *a, const char *const *p, int n)
{
    pt_buf b = {0};
    for (int i = 0; i < n; i++) {
        if (i)
            pt_buf_puts(&b, "\n\n");
        pt_buf_puts(&b, p[i]);
    }
    const char *s = pt_strdup(a, b.s ? b.s : "");
    pt_buf_free(&b);
    return s;
}

bool pt_value_derive(pt_arena *a, const char *text, const char **num, const char **unit,
                     const char **period)
{
    *num = *unit = *period = NULL;
    const char *s = text;
    const char *open = NULL;
    /* period: the content of the last bracket pair, when it closes the text
     * and begins with an era's letter and a year (R5年度, R4年, R6年2月末). */
    size_t len = strlen(text);
    const char *close_a = len >= 1 && text[len - 1] == ')' ? text + len - 1 : NULL;
    const char *close_f = len >= 3 && !strcmp(text + len - 3, "）") ? text + len - 3 : NULL;
    const char *close = close_a ? close_a : close_f;
    if (close) {
        for (const char *q = text; q < close; q++)
            if (*q == '(' || !strncmp(q, "（", 3))
                open = q;
        if (open) {
            const char *in = open + (*open == '(' ? 1 : 3);
            size_t n = (size_t)(close - in);
            if (n >= 2 && in[0] >= 'A' && in[0] <= 'Z' && in[1] >= '0' && in[1] <= '9')
                *period = pt_strndup(a, in, n);
        }
    }
    /* num: a leading number with grouping commas; unit: what follows it up
     * to white space or a bracket. */
    const char *b = s;
    if (*b == '-' && b[1] >= '0' && b[1] <= '9')
        b++;
    if (!(*b >= '0' && *b <= '9'))
        return *period != NULL;
    const char *e = b;
    while ((*e >= '0' && *e <= '9') || (*e == ',' && e[1] >= '0' && e[1] <= '9'))
        e++;
    if (*e == '.' && e[1] >= '0' && e[1] <= '9')
        for (e++; *e >= '0' && *e <= '9'; e++) {}
    pt_buf nb = {0};
    for (const char *q = s; q < e; q++)
        if (*q != ',')
            pt_buf_add(&nb, q, 1);
    *num = pt_strdup(a, nb.s);
    pt_buf_free(&nb);
    const char *u = e;
    while (*u && *u != ' ' && *u != '(' && strncmp(u, "（", 3) && strncmp(u, "\u3000", 3))
        u++;
    *unit = pt_strndup(a, e, (size_t)(u - e));
    return true;
}

/* ---- matching rows ---- */

typedef struct importer {
    pt_ctx *ctx;
    pt_arena *a;
    const char *csv;               /* path, for messages */
    pt_edition *e;
    const pt_row *rows;            /* the edition's table */
    int nrows;
    bool *seen;                    /* per table row: a record matched it */
    PT_VEC(pt_change) changes;
} importer;

static bool refuse(importer *I, const record *rec, const char *fmt, const char *a1,
                   const char *a2, const char *a3)
{
    char msg[1024];
    snprintf(msg, sizeof msg, fmt, a1, a2, a3);
    return pt_invalid(I->ctx, _("%s: row %d: %s"), I->csv, rec->row, msg);
}

/* The table row a record stands for, or -1. */
static int find_row(const importer *I, const record *rec)
{
    const char *card = clean(I->a, rec->f[PT_COL_CARD]);
    for (int i = 0; i < I->nrows; i++) {
        const pt_row *w = &I->rows[i];
        if (*card ? w->card && !strcmp(w->card->no, card)
                  : !w->card && !strcmp(w->cells[PT_COL_PROJECT], clean(I->a, rec->f[PT_COL_PROJECT]))
                        && !strcmp(w->cells[PT_COL_GOAL], clean(I->a, rec->f[PT_COL_GOAL])))
            return i;
    }
    return -1;
}

static const char *row_name(importer *I, const pt_row *w)
{
    return w->card ? pt_sprintf(I->a, "card %s", w->card->no)
                   : pt_sprintf(I->a, "goal %d%s", w->goal->project->no, w->goal->no);
}

static void change(importer *I, const char *where, const char *cell, const char *before,
                   const char *after)
{
    PT_PUSH(I->changes, ((pt_change){ where, cell, before, after }));
}

/* Same number? "85" and "85.0" are; text compare when either is not a number. */
static bool same_num(const char *x, const char *y)
{
    if (!strcmp(x, y))
        return true;
    char *ex, *ey;
    double a = strtod(x, &ex), b = strtod(y, &ey);
    return *x && *y && !*ex && !*ey && a == b;
}

/* A value's four cells (text, num, unit, period) at col. */
static bool import_value(importer *I, const record *rec, const pt_row *w, int col,
                         xmlNode *el, const char *where)
{
    const char *key = pt_col_key(col);
    const char *nw[4], *old[4];
    for (int k = 0; k < 4; k++) {
        nw[k] = clean(I->a, rec->f[col + k]);
        old[k] = w->cells[col + k];
    }
    if (same_num(nw[1], old[1]))
        nw[1] = old[1];
    if (!strcmp(nw[0], old[0]) && !strcmp(nw[1], old[1]) && !strcmp(nw[2], old[2])
        && !strcmp(nw[3], old[3]))
        return true;
    if (!*nw[0]) {
        if (*nw[1] || *nw[2] || *nw[3])
            return refuse(I, rec, _("%s: %s has a number, unit or period but no text"), where, key,
                          NULL);
        change(I, where, key, old[0], "");
        pt_edit_todo(el);
        return true;
    }
    /* A new text brings its own number, unit and period, unless the row
     * gives that cell a new value too (an emptied cell is read from the text). */
    const char *parts[4] = { NULL, *nw[1] ? nw[1] : NULL, *nw[2] ? nw[2] : NULL,
                             *nw[3] ? nw[3] : NULL };
    if (strcmp(nw[0], old[0])) {
        const char *derived[4] = { NULL };
        pt_value_derive(I->a, nw[0], &derived[1], &derived[2], &derived[3]);
        for (int k = 1; k < 4; k++)
            if (!strcmp(nw[k], old[k]) || !*nw[k])
                parts[k] = derived[k];
    }
    const char *num = parts[1], *unit = parts[2], *period = parts[3];
    const char *why = pt_value_disagrees(I->a, nw[0], num, unit, period);
    if (why)
        return refuse(I, rec, "%s: %s: %s", where, key, why);
    if (strchr(nw[0], '\n') || strchr(nw[0], '\t'))
        return refuse(I, rec, _("%s: %s: a value is one line of text"), where, key, NULL);
    const char *after[4] = { nw[0], num ? num : "", num && unit ? unit : "", period ? period : "" };
    for (int k = 0; k < 4; k++)
        if (strcmp(old[k], after[k]))
            change(I, where, pt_col_key(col + k), old[k], after[k]);
    pt_edit_value(el, nw[0], num, unit, period);
    return true;
}

static bool import_status(importer *I, const record *rec, const pt_row *w, xmlNode *el,
                          const char *where)
{
    const char *nw = clean(I->a, rec->f[PT_COL_STATUS]), *old = w->cells[PT_COL_STATUS];
    if (!strcmp(nw, old))
        return true;
    if (strcmp(nw, "○") && strcmp(nw, "×") && strcmp(nw, "-") && *nw)
        return refuse(I, rec, _("%s: status must be ○, × or - (or empty while to be filled), "
                      "found \"%s\""), where, nw, NULL);
    change(I, where, "status", old, nw);
    xmlSetProp(el, (const xmlChar *)"status", (const xmlChar *)(*nw ? nw : "todo"));
    return true;
}

static void import_rich(importer *I, const record *rec, const pt_row *w, int col, xmlNode *el,
                        const char *where)
{
    const char **p;
    int n = split_paras(I->a, clean(I->a, rec->f[col]), &p);
    const char *nw = join_paras(I->a, p, n);
    if (!strcmp(nw, w->cells[col]))
        return;
    change(I, where, pt_col_key(col), w->cells[col], nw);
    if (n)
        pt_edit_paras(el, p, n);
    else
        pt_edit_todo(el);
}

static bool import_record(importer *I, const record *rec)
{
    if (rec->n != PT_NCOLS)
        return refuse(I, rec, _("has %s cells; the table has %s columns"), pt_sprintf(I->a, "%d", rec->n),
                      pt_sprintf(I->a, "%d", PT_NCOLS), NULL);
    int i = find_row(I, rec);
    if (i < 0) {
        const char *card = clean(I->a, rec->f[PT_COL_CARD]);
        return *card ? refuse(I, rec, _("card \"%s\" is not in the edition %s"), card, I->e->path, NULL)
                     : refuse(I, rec, _("no card number, and project \"%s\" goal \"%s\" is not a goal "
                              "of the edition"), clean(I->a, rec->f[PT_COL_PROJECT]),
                              clean(I->a, rec->f[PT_COL_GOAL]), NULL);
    }
    const pt_row *w = &I->rows[i];
    const char *where = row_name(I, w);
    if (I->seen[i])
        return refuse(I, rec, _("%s appears twice in the table"), where, NULL, NULL);
    I->seen[i] = true;
    for (int k = 0; k < PT_NIDENT; k++) {
        const char *nw = clean(I->a, rec->f[k]);
        if (strcmp(nw, clean(I->a, w->cells[k])))
            return refuse(I, rec, _("%s: the column %s says \"%s\"; these columns say which row "
                          "it is and are not imported: change them in the edition"), where,
                          pt_col_key(k), nw);
    }
    bool card = w->card != NULL;
    if ((card && w->card->incomplete) || !card) {
        /* What such a row has no element for must stay empty. */
        int from = card ? PT_COL_BASELINE : PT_COL_NEXT;
        for (int k = from; k < PT_NCOLS; k++)
            if (k < PT_COL_STATUS || k > PT_COL_STATUS || card)
                if (strcmp(clean(I->a, rec->f[k]), w->cells[k]))
                    return refuse(I, rec, card ? "%s is incomplete in the edition: fill its "
                                  "<card> in the XML first (column %s)"
                                  : "%s: a goal has no %s", where, pt_col_key(k), NULL);
        if (card)
            return true;
    }
    xmlNode *el = card ? pt_edition_card(I->e, w->card->no)
                       : pt_edition_goal(I->e, w->goal->project->no, w->goal->no);
    const int vcols[4] = { PT_COL_BASELINE, PT_COL_TARGET, PT_COL_ACTUAL, PT_COL_NEXT };
    for (int k = 0; k < (card ? 4 : 3); k++)
        if (!import_value(I, rec, w, vcols[k], pt_edit_child(el, pt_col_key(vcols[k])), where))
            return false;
    if (!import_status(I, rec, w, el, where))
        return false;
    if (card)
        for (int col = PT_COL_EVALUATION; col <= PT_COL_DIRECTION; col++)
            import_rich(I, rec, w, col, pt_edit_child(el, pt_col_key(col)), where);
    return true;
}

/* The header row must be this edition's, column by column. */
static bool check_header(importer *I, const record *rec)
{
    for (int k = 0; k < PT_NCOLS; k++) {
        const char *want = pt_col_header(I->e->r, I->a, k);
        const char *got = k < rec->n ? clean(I->a, rec->f[k]) : "";
        if (strcmp(got, want))
            return refuse(I, rec, _("column %s is \"%s\", but the table of this edition has \"%s\" "
                          "there: export the table from this edition and keep its columns"),
                          pt_sprintf(I->a, "%d", k + 1), got, want);
    }
    if (rec->n > PT_NCOLS)
        return refuse(I, rec, _("has %s columns; the table has %s"), pt_sprintf(I->a, "%d", rec->n),
                      pt_sprintf(I->a, "%d", PT_NCOLS), NULL);
    return true;
}

static bool blank(const record *rec)
{
    for (int k = 0; k < rec->n; k++)
        if (rec->f[k][0])
            return false;
    return true;
}

bool pt_import(pt_ctx *ctx, pt_arena *arena, const char *csv_path, const char *in,
               const char *out, const pt_change **changes, int *nchanges)
{
    csv_state st = {0};
    pt_edition e;
    memset(&e, 0, sizeof e);
    importer I = { .ctx = ctx, .a = arena, .csv = csv_path, .e = &e };
    bool ok = read_csv(ctx, csv_path, &st) && pt_edition_open(ctx, arena, in, &e);
    if (ok && st.recs.n == 0)
        ok = pt_invalid(ctx, _("%s: the table is empty"), csv_path);
    if (ok) {
        I.nrows = pt_table_rows(e.r, arena, &I.rows);
        I.seen = pt_alloc(arena, sizeof *I.seen * (size_t)(I.nrows + 1));
        ok = check_header(&I, &st.recs.v[0]);
    }
    for (size_t i = 1; ok && i < st.recs.n; i++)
        if (!blank(&st.recs.v[i]))
            ok = import_record(&I, &st.recs.v[i]);
    if (ok && !(ok = pt_edition_save(ctx, &e, out, out)))
        pt_err_prefix(ctx, "%s: the edition with the table's cells is not valid: ", csv_path);
    *changes = pt_alloc(arena, sizeof **changes * (I.changes.n + 1));
    if (I.changes.n)
        memcpy((pt_change *)*changes, I.changes.v, sizeof **changes * I.changes.n);
    *nchanges = (int)I.changes.n;
    free(I.changes.v);
    pt_edition_close(&e);
    records_free(&st);
    return ok;
}
