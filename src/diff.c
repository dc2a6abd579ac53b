/* diff.c - what changed since a previous draft, as findings of level note
 * (rule "changed"); see diff.h.
 *
 * Cards of the two editions are matched as an editor would: within one
 * fiscal year by number (a draft and its correction), across years by the
 * initiative's title and the indicator (last year's report and this year's,
 * where numbers may move). A matched card's cells are compared text by text;
 * each changed cell is a note on the new cell with the old text, so a proof
 * shows it where it is. Cards only in one edition, renumbered cards and
 * changed status marks are notes too, and so appear in the findings list. */
#include "diff.h"

#include <string.h>

/* The cells of a card compared, with the texts as one string each. */
enum { NCELLS = 11 };
static const char *const cell_names[NCELLS] = {
    "title", "overview", "indicator", "baseline", "target", "actual", "next",
    "evaluation", "synergy", "direction", "label",
};

/* A rich text as one string: paragraphs joined by a line break. */
static const char *joined(pt_arena *a, const pt_rich *r)
{
    pt_buf b = {0};
    for (int i = 0; i < r->n; i++)
        pt_buf_printf(&b, "%s%s", i ? "\n" : "", r->paras[i].text);
    const char *s = pt_strdup(a, b.s ? b.s : "");
    pt_buf_free(&b);
    return s;
}

/* Cell k of card c: its text for comparing, and the text and line where a
 * note goes (the first paragraph of a rich text). */
static void cell(pt_arena *a, const pt_card *c, int k, const char **cmp, const char **at,
                 int *line)
{
    const pt_rich *rich[] = { NULL, &c->overview, NULL, NULL, NULL, NULL, NULL,
                              &c->evaluation, &c->synergy, &c->direction, NULL };
    const pt_value *vals[] = { NULL, NULL, NULL, &c->baseline, &c->target, &c->actual,
                               &c->next, NULL, NULL, NULL, NULL };
    *line = c->line;
    if (rich[k]) {
        *cmp = joined(a, rich[k]);
        *at = rich[k]->n ? rich[k]->paras[0].text : NULL;
        if (rich[k]->n)
            *line = rich[k]->paras[0].line;
    } else if (vals[k]) {
        *cmp = *at = vals[k]->text;
        *line = vals[k]->line;
    } else {
        *cmp = *at = k == 0 ? c->title : k == 2 ? c->indicator : c->label;
    }
}

static bool same(const char *a, const char *b)
{
    return (!a && !b) || (a && b && !strcmp(a, b));
}

/* The old card matching new card c, or NULL. */
static const pt_card *match(const pt_report *old, const pt_report *cur, const pt_card *c)
{
    bool same_year = old->fiscal_year == cur->fiscal_year;
    for (int i = 0; i < old->ncards; i++) {
        const pt_card *o = old->cards[i];
        if (same_year ? !strcmp(o->no, c->no)
                      : same(o->initiative->title, c->initiative->title)
                            && same(o->indicator, c->indicator) && !o->incomplete)
            return o;
    }
    return NULL;
}

/* A note on a line of the new edition (a card as a whole). */
static pt_finding *note_at(pt_check *c, int line, const pt_card *card, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static pt_finding *note_at(pt_check *c, int line, const pt_card *card, const char *fmt, ...)
{
    char msg[2048];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    pt_finding *f = pt_finding_add(c->out, PT_NOTE, "changed", c->r->file, line, 0, "%s", msg);
    f->card = card ? card->no : NULL;
    return f;
}

/* At most 120 characters of s, "…" after a cut. */
static const char *excerpt(pt_arena *a, const char *s)
{
    size_t len = strlen(s), i = 0;
    for (int n = 0; i < len && n < 120; n++)
        pt_utf8_decode(s, len, &i);
    return i < len ? pt_sprintf(a, "%.*s…", (int)i, s) : s;
}

void pt_diff(pt_check *c, const pt_report *old, const char *old_name)
{
    const pt_report *cur = c->r;
    bool *used = pt_alloc(c->arena, sizeof(bool) * (size_t)(old->ncards + 1));
    for (int i = 0; i < cur->ncards; i++) {
        const pt_card *card = cur->cards[i];
        const pt_card *o = match(old, cur, card);
        if (!o) {
            note_at(c, card->line, card, _("card %s is new: it is not in %s"), card->no, old_name);
            continue;
        }
        for (int k = 0; k < old->ncards; k++)
            if (old->cards[k] == o)
                used[k] = true;
        if (strcmp(o->no, card->no))
            note_at(c, card->line, card, _("card %s was card %s in %s"), card->no, o->no, old_name);
        if (card->incomplete || o->incomplete) {
            if (card->incomplete != o->incomplete)
                note_at(c, card->line, card, _("card %s was %s in %s"), card->no,
                        o->incomplete ? _("incomplete") : _("complete"), old_name);
            continue;
        }
        if (card->status != o->status) {
            pt_finding *f = note_at(c, card->line, card, _("card %s's status changed: %s → %s"),
                                    card->no, pt_status_mark(o->status),
                                    pt_status_mark(card->status));
            f->text = card->actual.text;
            f->cell = "status";
        }
        for (int k = 0; k < NCELLS; k++) {
            const char *a, *b, *at, *oat;
            int line, oline;
            cell(c->arena, o, k, &a, &oat, &oline);
            cell(c->arena, card, k, &b, &at, &line);
            if (same(a, b))
                continue;
            pt_text_ref t = { at ? at : "", line, card, cell_names[k], NULL, false };
            if (at)
                pt_check_at(c, &t, 0, "changed", _("%s of card %s changed; was 「%s」"),
                            cell_names[k], card->no, a ? excerpt(c->arena, a) : "");
            else
                note_at(c, line, card, _("%s of card %s removed; was 「%s」"), cell_names[k],
                        card->no, a ? excerpt(c->arena, a) : "");
        }
    }
    int top = pt_src_line_of(c->src, "<report ");
    for (int k = 0; k < old->ncards; k++)
        if (!used[k])
            note_at(c, top ? top : 1, NULL, _("card %s 「%s」 of %s is not in this edition"), old->cards[k]->no,
                    old->cards[k]->initiative->title, old_name);
}
