/* export.c - the indicator table of an edition, as CSV or JSON.
 *
 * One row per goal, followed by the rows of the goal's cards, in the order of
 * the edition. Every cell is a plain string built here once (pt_table_rows),
 * so that the CSV, the JSON and the import's comparison all see the same
 * text. CSV follows RFC 4180: UTF-8, CRLF between records, every field in
 * double quotes (quotes doubled), line breaks inside a cell kept as LF, which
 * is what spreadsheets write back. JSON has the same rows under stable ASCII
 * keys; a value is {"text", "num", "unit", "period"}. */
#include "cycle.h"

#include <stdlib.h>
#include <string.h>

static const char *const KEYS[PT_NCOLS] = {
    "card", "project", "goal", "policy", "initiative", "department", "indicator",
    "baseline", "baseline_num", "baseline_unit", "baseline_period",
    "target", "target_num", "target_unit", "target_period",
    "actual", "actual_num", "actual_unit", "actual_period",
    "next", "next_num", "next_unit", "next_period",
    "status", "evaluation", "synergy", "direction",
};

/* Headers: {era} {abbr} {year} {next} are the edition's. A value's number,
 * unit and period columns are its header followed by 数値, 単位, 時点. */
static const char *const HEADERS[PT_NCOLS] = {
    "カード番号", "プロジェクト番号", "プロジェクト目標", "施策", "取組", "担当部課", "指標",
    "現状値（策定時）", NULL, NULL, NULL,
    "目標値（{abbr}{year}年度）", NULL, NULL, NULL,
    "実績値（{abbr}{year}年度）", NULL, NULL, NULL,
    "目標値（{abbr}{next}年度）", NULL, NULL, NULL,
    "達成状況", "{era}{year}年度取組の評価", "{era}{year}年度三側面における相乗効果",
    "{era}{next}年度取組の方向性",
};

const char *pt_col_key(int col) { return KEYS[col]; }

const char *pt_col_header(const pt_report *r, pt_arena *arena, int col)
{
    static const char *const PARTS[3] = { "数値", "単位", "時点" };
    int base = col;
    while (!HEADERS[base])
        base--;
    char year[16], next[16];
    snprintf(year, sizeof year, "%d", r->year);
    snprintf(next, sizeof next, "%d", r->year + 1);
    const char *vars[] = { "era", r->era, "abbr", r->era_abbr, "year", year, "next", next, NULL };
    const char *h = pt_expand(arena, HEADERS[base], vars);
    return base == col ? h : pt_sprintf(arena, "%s%s", h, PARTS[col - base - 1]);
}

static const char *or_empty(const char *s) { return s ? s : ""; }

static void put_value(const char **cells, int col, const pt_value *v)
{
    cells[col] = or_empty(v->text);
    cells[col + 1] = or_empty(v->num_text);
    cells[col + 2] = v->num_text ? or_empty(v->unit) : "";
    cells[col + 3] = or_empty(v->period);
}

static const char *rich_text(pt_arena *a, const pt_rich *t)
{
    pt_buf b = {0};
    for (int i = 0; i < t->n; i++) {
        if (i)
            pt_buf_puts(&b, "\n\n");
        pt_buf_puts(&b, t->paras[i].text);
    }
    const char *s = pt_strdup(a, b.s ? b.s : "");
    pt_buf_free(&b);
    return s;
}

static void goal_cells(pt_arena *a, const pt_goal *g, const char **cells)
{
    for (int k = 0; k < PT_NCOLS; k++)
        cells[k] = "";
    cells[PT_COL_PROJECT] = pt_sprintf(a, "%d", g->project->no);
    cells[PT_COL_GOAL] = pt_sprintf(a, "%s%s", g->no, g->name);
    cells[PT_COL_INDICATOR] = g->indicator;
    put_value(cells, PT_COL_BASELINE, &g->baseline);
    put_value(cells, PT_COL_TARGET, &g->target);
    put_value(cells, PT_COL_ACTUAL, &g->actual);
    cells[PT_COL_STATUS] = pt_status_mark(g->status);
}

static void card_cells(pt_arena *a, const pt_card *c, const char **cells)
{
    const pt_initiative *ini = c->initiative;
    goal_cells(a, ini->goal, cells);
    for (int k = PT_COL_INDICATOR; k < PT_NCOLS; k++)
        cells[k] = "";
    cells[PT_COL_CARD] = c->no;
    cells[PT_COL_POLICY] = ini->policy ? pt_sprintf(a, "%s%s", ini->policy->no, ini->policy->name)
                                       : "";
    cells[PT_COL_INITIATIVE] = c->title;
    pt_buf d = {0};
    for (int i = 0; i < ini->ndepts; i++) {
        if (i)
            pt_buf_puts(&d, "\n");
        pt_buf_puts(&d, ini->depts[i]);
    }
    cells[PT_COL_DEPT] = pt_strdup(a, d.s ? d.s : "");
    pt_buf_free(&d);
    if (c->incomplete)
        return;
    cells[PT_COL_INDICATOR] = c->indicator;
    put_value(cells, PT_COL_BASELINE, &c->baseline);
    put_value(cells, PT_COL_TARGET, &c->target);
    put_value(cells, PT_COL_ACTUAL, &c->actual);
    put_value(cells, PT_COL_NEXT, &c->next);
    cells[PT_COL_STATUS] = pt_status_mark(c->status);
    cells[PT_COL_EVALUATION] = rich_text(a, &c->evaluation);
    cells[PT_COL_SYNERGY] = rich_text(a, &c->synergy);
    cells[PT_COL_DIRECTION] = rich_text(a, &c->direction);
}

int pt_table_rows(const pt_report *r, pt_arena *arena, const pt_row **out)
{
    int goals = 0;
    for (int p = 0; p < r->nprojects; p++)
        goals += r->projects[p].ngoals;
    pt_row *rows = pt_alloc(arena, sizeof *rows * (size_t)(goals + r->ncards + 1));
    int n = 0;
    for (int p = 0; p < r->nprojects; p++)
        for (int g = 0; g < r->projects[p].ngoals; g++) {
            const pt_goal *gl = &r->projects[p].goals[g];
            rows[n].goal = gl;
            goal_cells(arena, gl, rows[n++].cells);
            for (int i = 0; i < gl->ninitiatives; i++)
                for (int k = 0; k < gl->initiatives[i]->ncards; k++) {
                    const pt_card *c = &gl->initiatives[i]->cards[k];
                    rows[n].goal = gl;
                    rows[n].card = c;
                    card_cells(arena, c, rows[n++].cells);
                }
        }
    *out = rows;
    return n;
}

/* ---- CSV ---- */

static void csv_field(pt_buf *out, const char *s)
{
    pt_buf_puts(out, "\"");
    for (const char *q; (q = strchr(s, '"')); s = q + 1) {
        pt_buf_add(out, s, (size_t)(q - s) + 1);
        pt_buf_puts(out, "\"");
    }
    pt_buf_puts(out, s);
    pt_buf_puts(out, "\"");
}

static void csv_record(pt_buf *out, const char *const *cells)
{
    for (int k = 0; k < PT_NCOLS; k++) {
        if (k)
            pt_buf_puts(out, ",");
        csv_field(out, cells[k]);
    }
    pt_buf_puts(out, "\r\n");
}

/* ---- JSON ---- */

static void json_string(pt_buf *out, const char *s)
{
    pt_buf_puts(out, "\"");
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\')
            pt_buf_printf(out, "\\%c", c);
        else if (c == '\n')
            pt_buf_puts(out, "\\n");
        else if (c < 0x20)
            pt_buf_printf(out, "\\u%04x", c);
        else
            pt_buf_add(out, s, 1);
    }
    pt_buf_puts(out, "\"");
}

/* A num as a JSON number: the file's digits where JSON allows them as they
 * are (xsd:decimal also allows "+5", ".5" and "5."), else the value. */
static void json_number(pt_buf *out, const char *text, double v)
{
    const char *s = text;
    bool ok = *s == '-' ? (s++, true) : true;
    ok = ok && *s >= '0' && *s <= '9' && !(s[0] == '0' && s[1] >= '0' && s[1] <= '9');
    while (ok && *s >= '0' && *s <= '9')
        s++;
    if (ok && *s == '.') {
        s++;
        ok = *s >= '0' && *s <= '9';
        while (*s >= '0' && *s <= '9')
            s++;
    }
    if (ok && !*s)
        pt_buf_puts(out, text);
    else
        pt_buf_printf(out, "%.17g", v);
}

static void json_value(pt_buf *out, const pt_value *v)
{
    pt_buf_puts(out, "{\"text\": ");
    json_string(out, or_empty(v->text));
    pt_buf_puts(out, ", \"num\": ");
    if (v->num_text)
        json_number(out, v->num_text, v->num);
    else
        pt_buf_puts(out, "null");
    pt_buf_puts(out, ", \"unit\": ");
    if (v->num_text)
        json_string(out, or_empty(v->unit));
    else
        pt_buf_puts(out, "null");
    pt_buf_puts(out, ", \"period\": ");
    if (v->period)
        json_string(out, v->period);
    else
        pt_buf_puts(out, "null");
    pt_buf_puts(out, "}");
}

static void json_rich(pt_buf *out, const pt_rich *t)
{
    pt_buf_puts(out, "[");
    for (int i = 0; i < t->n; i++) {
        if (i)
            pt_buf_puts(out, ", ");
        json_string(out, t->paras[i].text);
    }
    pt_buf_puts(out, "]");
}

static void json_key(pt_buf *out, const char *key)
{
    pt_buf_printf(out, ",\n      \"%s\": ", key);
}

static void json_row(pt_buf *out, const pt_row *row)
{
    const pt_goal *g = row->goal;
    const pt_card *c = row->card;
    pt_buf_puts(out, "    {\n      \"card\": ");
    if (c)
        json_string(out, c->no);
    else
        pt_buf_puts(out, "null");
    json_key(out, "project");
    pt_buf_printf(out, "%d", g->project->no);
    const char *keys[] = { "goal", "policy", "initiative", "department", "indicator" };
    const int cols[] = { PT_COL_GOAL, PT_COL_POLICY, PT_COL_INITIATIVE, PT_COL_DEPT,
                         PT_COL_INDICATOR };
    for (int k = 0; k < 5; k++) {
        json_key(out, keys[k]);
        if (row->cells[cols[k]][0] || (k == 4 && c && !c->incomplete))
            json_string(out, row->cells[cols[k]]);
        else
            pt_buf_puts(out, "null");
    }
    bool values = !c || !c->incomplete;
    const pt_value *v[4] = { c ? &c->baseline : &g->baseline, c ? &c->target : &g->target,
                             c ? &c->actual : &g->actual, c ? &c->next : NULL };
    const char *vkeys[4] = { "baseline", "target", "actual", "next" };
    for (int k = 0; k < 4; k++) {
        json_key(out, vkeys[k]);
        if (values && v[k])
            json_value(out, v[k]);
        else
            pt_buf_puts(out, "null");
    }
    json_key(out, "status");
    if (values && row->cells[PT_COL_STATUS][0])
        json_string(out, row->cells[PT_COL_STATUS]);
    else
        pt_buf_puts(out, "null");
    const pt_rich *t[3] = { c ? &c->evaluation : NULL, c ? &c->synergy : NULL,
                            c ? &c->direction : NULL };
    const char *tkeys[3] = { "evaluation", "synergy", "direction" };
    for (int k = 0; k < 3; k++) {
        json_key(out, tkeys[k]);
        if (values && t[k])
            json_rich(out, t[k]);
        else
            pt_buf_puts(out, "null");
    }
    pt_buf_puts(out, "\n    }");
}

void pt_export(const pt_report *r, pt_arena *arena, pt_export_format f, bool bom, pt_buf *out)
{
    const pt_row *rows;
    int n = pt_table_rows(r, arena, &rows);
    if (f == PT_EXPORT_CSV) {
        if (bom)
            pt_buf_puts(out, "\xEF\xBB\xBF");
        const char *head[PT_NCOLS];
        for (int k = 0; k < PT_NCOLS; k++)
            head[k] = pt_col_header(r, arena, k);
        csv_record(out, head);
        for (int i = 0; i < n; i++)
            csv_record(out, rows[i].cells);
        return;
    }
    pt_buf_puts(out, "{\n  \"era\": ");
    json_string(out, r->era);
    pt_buf_puts(out, ",\n  \"era_abbr\": ");
    json_string(out, r->era_abbr);
    pt_buf_printf(out, ",\n  \"year\": %d,\n  \"fiscal_year\": %d,\n  \"rows\": [\n", r->year,
                  r->fiscal_year);
    for (int i = 0; i < n; i++) {
        if (i)
            pt_buf_puts(out, ",\n");
        json_row(out, &rows[i]);
    }
    pt_buf_puts(out, "\n  ]\n}\n");
}
