/* seed_test.c - the edition keeps every text of the source, cell by cell.
 *
 * tests/fixtures/seed.txt is the source text layer (one line a table row, TAB
 * between cells). This test walks it and, for every content cell, regenerates
 * the same cell from the loaded model and requires byte equality. The only
 * permitted differences: the seed's <p>…</p> markup (paragraph elements in the
 * model), and a space the seed uses for a line break of the original (a '\n'
 * in the model). Cells the typesetter derives rather than stores are checked
 * against their derivation (labels with the edition year) or left to the
 * layout tests (contents page numbers, the overview summary sentences).
 *
 * Then it proves the test has teeth: every text node and every status mark of
 * the edition file is altered, one at a time, and the comparison must fail.
 *
 * usage: seed_test [EDITION.xml [SEED.txt]] */
#include "model.h"
#include "test.h"

#include <stdlib.h>

typedef struct row { char *cells[16]; int n; int line; } row;

typedef struct seed {
    char *data;
    row *rows;
    int nrows;
} seed;

/* Splits the seed into rows of cells; trailing empty cells are dropped. */
static void seed_load(seed *s, const char *path)
{
    pt_ctx ctx;
    pt_ctx_init(&ctx);
    size_t len;
    s->data = pt_read_file(&ctx, path, &len);
    if (!s->data) {
        printf("FAIL cannot read %s\n", path);
        exit(1);
    }
    int cap = 1024;
    s->rows = calloc((size_t)cap, sizeof *s->rows);
    char *p = s->data;
    int lineno = 0;
    while (*p) {
        char *eol = strchr(p, '\n');
        if (eol)
            *eol = 0;
        lineno++;
        if (s->nrows == cap) {
            cap *= 2;
            s->rows = realloc(s->rows, sizeof *s->rows * (size_t)cap);
        }
        row *r = &s->rows[s->nrows++];
        memset(r, 0, sizeof *r);
        r->line = lineno;
        char *c = p;
        for (;;) {
            char *tab = strchr(c, '\t');
            if (tab)
                *tab = 0;
            if (r->n < 16)
                r->cells[r->n++] = c;
            if (!tab)
                break;
            c = tab + 1;
        }
        while (r->n > 0 && r->cells[r->n - 1][0] == 0)
            r->n--;
        if (!eol)
            break;
        p = eol + 1;
    }
}

/* A cell with all white space removed (labels are compared this way). */
static void squeeze(const char *s, char *out, size_t size)
{
    size_t k = 0;
    for (; *s && k + 1 < size; s++)
        if (*s != ' ' && *s != '\t')
            out[k++] = *s;
    out[k] = 0;
}

/* The cell text the model gives for a rich text: "<p>A</p> <p>B</p>" when the
 * seed cell uses markup, else the single paragraph; '\n' back to a space. */
static void render_rich(const pt_rich *t, bool markup, pt_buf *b)
{
    for (int i = 0; i < t->n; i++) {
        if (markup)
            pt_buf_puts(b, i ? " <p>" : "<p>");
        else if (i)
            pt_buf_puts(b, "\n\n");   /* two paragraphs cannot be one plain cell */
        for (const char *c = t->paras[i].text; *c; c++)
            pt_buf_add(b, *c == '\n' ? " " : c, 1);
        if (markup)
            pt_buf_puts(b, "</p>");
    }
}

typedef struct cmp { int cells, diffs; bool quiet; } cmp;

static void same(cmp *c, int line, const char *what, const char *got, const char *want)
{
    c->cells++;
    if (got && want && !strcmp(got, want))
        return;
    c->diffs++;
    if (!c->quiet)
        printf("  seed line %d, %s:\n    model \"%s\"\n    seed  \"%s\"\n", line, what,
               got ? got : "(none)", want ? want : "(none)");
}

static void same_rich(cmp *c, int line, const char *what, const pt_rich *t, const char *cell)
{
    pt_buf b = {0};
    render_rich(t, !strncmp(cell, "<p>", 3), &b);
    same(c, line, what, b.s ? b.s : "", cell);
    pt_buf_free(&b);
}

static void same_label(cmp *c, int line, const char *cell, const char *want)
{
    char sq[512];
    squeeze(cell, sq, sizeof sq);
    same(c, line, "label", sq, want);
}

static const char *cell(const row *r, int i) { return i < r->n ? r->cells[i] : ""; }

static char *fmt(const char *f, ...) __attribute__((format(printf, 1, 2)));
static char *fmt(const char *f, ...)
{
    static char bufs[4][1024];
    static int k;
    char *b = bufs[k++ % 4];
    va_list ap;
    va_start(ap, f);
    vsnprintf(b, 1024, f, ap);
    va_end(ap);
    return b;
}

static const pt_card *find_card(const pt_report *r, const char *no)
{
    for (int i = 0; i < r->ncards; i++)
        if (!strcmp(r->cards[i]->no, no))
            return r->cards[i];
    return NULL;
}

static const char *depts_joined(const pt_initiative *ini)
{
    static char b[512];
    b[0] = 0;
    for (int i = 0; i < ini->ndepts; i++)
        snprintf(b + strlen(b), sizeof b - strlen(b), "%s%s", i ? " " : "", ini->depts[i]);
    return b;
}

/* One card block starting at rows[i] (the "No." row). Returns the next row. */
static int compare_card(cmp *c, const pt_report *r, const seed *s, int i, int *ncards)
{
    const row *h = &s->rows[i + 1];
    const pt_card *card = find_card(r, cell(h, 0));
    if (!card) {
        same(c, h->line, "card number", NULL, cell(h, 0));
        return i + 1;
    }
    (*ncards)++;
    const pt_initiative *ini = card->initiative;
    const pt_goal *g = ini->goal;
    int y = r->year;
    same_label(c, s->rows[i].line, fmt("%s|%s|%s|%s", cell(&s->rows[i], 0),
               cell(&s->rows[i], 1), cell(&s->rows[i], 2), cell(&s->rows[i], 3)),
               "No.|プロジェクト|目標|施策");
    same(c, h->line, "project", g->project->name, cell(h, 1));
    same(c, h->line, "goal", fmt("%s%s", g->no, g->name), cell(h, 2));
    same(c, h->line, "policy", ini->policy ? fmt("%s%s", ini->policy->no, ini->policy->name)
                                           : NULL, cell(h, 3));
    const row *t = &s->rows[i + 3];
    same_label(c, s->rows[i + 2].line, fmt("%s|%s|%s", cell(&s->rows[i + 2], 0),
               cell(&s->rows[i + 2], 2), cell(&s->rows[i + 2], 3)), "取組|担当部課|達成状況");
    same(c, t->line, "title", card->title, cell(t, 0));
    same(c, t->line, "department", depts_joined(ini), cell(t, 2));
    same(c, t->line, "status", pt_status_mark(card->status), cell(t, 3));
    same_label(c, s->rows[i + 4].line, cell(&s->rows[i + 4], 0), "取組概要");
    same_rich(c, s->rows[i + 4].line, "overview", &card->overview, cell(&s->rows[i + 4], 1));
    same_label(c, s->rows[i + 5].line, cell(&s->rows[i + 5], 0), "取組指標");
    same(c, s->rows[i + 5].line, "indicator", card->indicator, cell(&s->rows[i + 5], 1));
    const row *vl = &s->rows[i + 6], *v = &s->rows[i + 7];
    same_label(c, vl->line, fmt("%s|%s|%s|%s", cell(vl, 0), cell(vl, 1), cell(vl, 2), cell(vl, 3)),
               fmt("現状値(策定時)|目標値(%s%d年度)|実績値(%s%d年度)|目標値(%s%d年度)",
                   r->era_abbr, y, r->era_abbr, y, r->era_abbr, y + 1));
    same(c, v->line, "baseline", card->baseline.text, cell(v, 0));
    same(c, v->line, "target", card->target.text, cell(v, 1));
    same(c, v->line, "actual", card->actual.text, cell(v, 2));
    same(c, v->line, "next", card->next.text, cell(v, 3));
    const char *labels[3] = { fmt("%s%d年度取組の評価", r->era, y),
                              fmt("%s%d年度三側面における相乗効果", r->era, y),
                              fmt("%s%d年度取組の方向性", r->era, y + 1) };
    const pt_rich *texts[3] = { &card->evaluation, &card->synergy, &card->direction };
    for (int k = 0; k < 3; k++) {
        const row *n = &s->rows[i + 8 + k];
        same_label(c, n->line, cell(n, 0), labels[k]);
        same_rich(c, n->line, k == 0 ? "evaluation" : k == 1 ? "synergy" : "direction",
                  texts[k], cell(n, 1));
    }
    return i + 11;
}

/* The project block from its 【経済】 row up to the first card. */
static int compare_project(cmp *c, const pt_report *r, const seed *s, int i, int *nproj)
{
    const pt_project *p = *nproj < r->nprojects ? &r->projects[*nproj] : NULL;
    (*nproj)++;
    if (!p) {
        same(c, s->rows[i].line, "project", NULL, cell(&s->rows[i], 0));
        return i + 1;
    }
    same(c, s->rows[i].line, "aspect", fmt("【%s】", p->aspect), cell(&s->rows[i], 0));
    int goal = 0;
    for (i++; i < s->nrows && strcmp(cell(&s->rows[i], 0), "No."); i++) {
        const row *w = &s->rows[i];
        const char *c0 = cell(w, 0);
        if (!strcmp(c0, "プロジェクト")) {
            same_label(c, w->line, cell(w, 1), "プロジェクトリーダー");
            same(c, w[1].line, "project name", p->name, cell(&w[1], 0));
            same(c, w[1].line, "leader", p->leader, cell(&w[1], 1));
            i++;
        } else if (!strcmp(c0, "プロジェクト目標")) {
            const pt_goal *g = goal < p->ngoals ? &p->goals[goal] : NULL;
            goal++;
            if (!g) {
                same(c, w->line, "goal", NULL, cell(&w[1], 0));
                continue;
            }
            same_label(c, w->line, w->cells[w->n - 1], "達成状況");
            same(c, w[1].line, "goal", fmt("%s%s", g->no, g->name), cell(&w[1], 0));
            same(c, w[1].line, "goal status", pt_status_mark(g->status), w[1].cells[w[1].n - 1]);
            same_label(c, w[2].line, cell(&w[2], 0), "取組指標");
            same(c, w[2].line, "goal indicator", g->indicator, cell(&w[2], 1));
            same_label(c, w[3].line, fmt("%s|%s|%s", cell(&w[3], 0), cell(&w[3], 1), cell(&w[3], 2)),
                       fmt("現状値（策定時）|目標値（%s%d年度）|実績値（%s%d年度）", r->era_abbr,
                           r->year, r->era_abbr, r->year));
            same(c, w[4].line, "goal baseline", g->baseline.text, cell(&w[4], 0));
            same(c, w[4].line, "goal target", g->target.text, cell(&w[4], 1));
            same(c, w[4].line, "goal actual", g->actual.text, cell(&w[4], 2));
            i += 4;
        }
        /* 【施策体系】 (a figure the typesetter draws), 【令和6年度】 and the two
         * summary sentences are derived; the layout tests check them. */
    }
    same(c, s->rows[i - 1].line, "goals in project", fmt("%d", p->ngoals), fmt("%d", goal));
    return i;
}

/* The contents: left column (cells 0-1) then right column (cells 2-3). Each
 * entry is a project heading, a card line "no title", or a label "(label)". */
static void compare_toc(cmp *c, const pt_report *r, const seed *s, int from, int to)
{
    PT_VEC(const char *) want = {0};
    PT_VEC(int) lines = {0};
    for (int col = 0; col < 2; col++)
        for (int i = from; i < to; i++) {
            const char *e = cell(&s->rows[i], col * 2);
            if (*e) {
                PT_PUSH(want, e);
                PT_PUSH(lines, s->rows[i].line);
            }
        }
    size_t k = 0;
    for (int p = 0; p < r->nprojects; p++) {
        const pt_project *pr = &r->projects[p];
        same(c, k < lines.n ? lines.v[k] : 0, "contents heading",
             fmt("【%d. %s】", pr->no, pr->name), k < want.n ? want.v[k] : NULL);
        k++;
        for (int i = 0; i < r->ncards; i++) {
            const pt_card *cd = r->cards[i];
            if (cd->initiative->goal->project != pr)
                continue;
            same(c, k < lines.n ? lines.v[k] : 0, "contents entry",
                 fmt("%s %s", cd->no, cd->initiative->title), k < want.n ? want.v[k] : NULL);
            k++;
            if (cd->label) {
                same(c, k < lines.n ? lines.v[k] : 0, "contents label", fmt("(%s)", cd->label),
                     k < want.n ? want.v[k] : NULL);
                k++;
            }
        }
    }
    same(c, 0, "contents entries", fmt("%zu", k), fmt("%zu", want.n));
    free(want.v);
    free(lines.v);
}

/* The whole comparison; returns the number of differences. */
static int compare(cmp *c, const pt_report *r, const seed *s)
{
    /* Cover: lines 3-5 title, line 8 publisher (1-based). */
    for (int i = 0; i < 3; i++)
        same(c, s->rows[2 + i].line, "title line", i < r->ntitle_lines ? r->title_lines[i] : NULL,
             cell(&s->rows[2 + i], 0));
    same(c, s->rows[7].line, "publisher", r->publisher, cell(&s->rows[7], 0));
    int toc_from = 9, toc_to = toc_from;
    while (toc_to < s->nrows && strcmp(cell(&s->rows[toc_to], 0), "【経済】"))
        toc_to++;
    compare_toc(c, r, s, toc_from, toc_to);
    int ncards = 0, nproj = 0;
    for (int i = toc_to; i < s->nrows;) {
        const char *c0 = cell(&s->rows[i], 0);
        if (!strcmp(c0, "【経済】") || !strcmp(c0, "【環境】") || !strcmp(c0, "【社会】"))
            i = compare_project(c, r, s, i, &nproj);
        else if (!strcmp(c0, "No."))
            i = compare_card(c, r, s, i, &ncards);
        else {
            char sq[64];
            squeeze(c0, sq, sizeof sq);
            if (*sq || s->rows[i].n > 1)
                same(c, s->rows[i].line, "unexpected row", NULL, c0);
            i++;
        }
    }
    /* Every complete card of the model was met in the seed (card 37 is not
     * in it: the model marks it incomplete). */
    int complete = 0;
    for (int i = 0; i < r->ncards; i++)
        complete += !r->cards[i]->incomplete;
    same(c, 0, "cards compared", fmt("%d", ncards), fmt("%d", complete));
    same(c, 0, "projects compared", fmt("%d", nproj), fmt("%d", r->nprojects));
    return c->diffs;
}

/* Byte ranges of the edition's text nodes (content between '>' and '<' that is
 * not only white space) and of its status="…" values. */
typedef struct span { size_t at, len; } span;
typedef PT_VEC(span) spans;

static void find_mutable(const char *x, size_t n, spans *out)
{
    size_t i = 0;
    while (i < n) {
        if (!strncmp(x + i, "<!--", 4)) {            /* comment: not content */
            const char *e = strstr(x + i, "-->");
            i = e ? (size_t)(e - x) + 3 : n;
        } else if (x[i] == '<') {                    /* a tag: look for status="…" */
            const char *e = strchr(x + i, '>');
            size_t end = e ? (size_t)(e - x) : n;
            for (size_t k = i; k + 8 < end; k++)
                if (!strncmp(x + k, "status=\"", 8)) {
                    span sp = { k + 8, (size_t)(strchr(x + k + 8, '"') - (x + k + 8)) };
                    PT_PUSH(*out, sp);
                }
            i = end + 1;
        } else {                                     /* text up to the next tag */
            size_t j = i;
            bool blank = true;
            for (; j < n && x[j] != '<'; j++)
                blank &= x[j] == ' ' || x[j] == '\n';
            if (!blank) {
                span sp = { i, j - i };
                PT_PUSH(*out, sp);
            }
            i = j;
        }
    }
}

int main(int argc, char **argv)
{
    const char *xml = argc > 1 ? argv[1] : "input/r6.xml";
    const char *seedpath = argc > 2 ? argv[2] : "tests/fixtures/seed.txt";
    seed s = {0};
    seed_load(&s, seedpath);

    pt_ctx ctx;
    pt_ctx_init(&ctx);
    pt_arena *arena = pt_arena_new();
    pt_report *r = pt_report_load(&ctx, arena, xml);
    CHECK(r != NULL, "load %s: %s", xml, ctx.err);
    if (!r)
        return TEST_END();
    CHECK_INT(r->nprojects, 3, "projects");
    CHECK_INT(r->ninitiatives, 37, "initiatives");
    CHECK_INT(r->ncards, 43, "cards");
    cmp c = {0};
    int diffs = compare(&c, r, &s);
    printf("compared %d cells of the seed: %d differences\n", c.cells, diffs);
    CHECK(diffs == 0, "the edition differs from the seed in %d cells", diffs);
    CHECK_INT(c.cells, 1091, "cells compared (README: 1,091)");
    pt_arena_free(arena);

    /* Mutation: each text node / status altered alone must be caught. A status
     * becomes another valid mark; a text gets a character appended (the value
     * checks of the loader would refuse a changed number, which would also
     * count, but appending keeps the file loadable so the comparison is what
     * is tested). */
    size_t xlen;
    char *x = pt_read_file(&ctx, xml, &xlen);
    spans sp_all = {0};
    find_mutable(x, xlen, &sp_all);
    int caught = 0, loaded = 0, stride = getenv("SEED_TEST_STRIDE") ? atoi(getenv("SEED_TEST_STRIDE")) : 1;
    int tried = 0;
    for (size_t m = 0; m < sp_all.n; m += (size_t)(stride > 0 ? stride : 1)) {
        span sp = sp_all.v[m];
        pt_buf b = {0};
        pt_buf_add(&b, x, sp.at);
        bool status = sp.at > 8 && !strncmp(x + sp.at - 8, "status=\"", 8);
        if (status) {
            const char *old = x + sp.at;
            pt_buf_puts(&b, !strncmp(old, "○", strlen("○")) ? "×" : "○");
        } else {
            pt_buf_add(&b, x + sp.at, sp.len);
            pt_buf_puts(&b, "■");
        }
        pt_buf_add(&b, x + sp.at + sp.len, xlen - sp.at - sp.len);
        pt_arena *a = pt_arena_new();
        pt_ctx mctx;
        pt_ctx_init(&mctx);
        mctx.warn = NULL;
        pt_report *mr = pt_report_parse(&mctx, a, "mutant", b.s, b.n);
        cmp mc = { .quiet = true };
        tried++;
        if (!mr || compare(&mc, mr, &s) > 0)
            caught++;
        else
            printf("FAIL mutation not caught: \"%.*s\" (byte %zu)\n", (int)sp.len, x + sp.at, sp.at);
        loaded += mr != NULL;
        pt_arena_free(a);
        pt_buf_free(&b);
    }
    printf("mutations: %d tried, %d caught (%d of them still loaded)\n", tried, caught, loaded);
    if (stride == 1)
        CHECK_INT(tried, 614, "mutations tried (README: 614 text nodes and status marks)");
    CHECK_INT(caught, tried, "mutations caught");
    free(sp_all.v);
    free(x);
    free(s.rows);
    free(s.data);
    return TEST_END();
}
