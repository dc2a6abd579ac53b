/* typo_test.c - the typography of the whole report, measured from the laid-out
 * pages (the display list: every line is one glyph run with its text, its
 * style and its glyph positions), not from the engine's own bookkeeping:
 *
 * - short text (styles that break by phrase: names, titles, labels, values,
 *   contents entries, figure boxes): no line break inside a word, as ICU's
 *   Japanese word iterator sees words; no one-character last line;
 * - justified lines: the largest extra gap of each line beyond its natural
 *   spacing, measured between neighbouring glyphs from their positions and
 *   advances (pairs with a yakumono or a real space are left out: their aki
 *   is not a justification gap; wa-o counts as 1/4 em natural); at most
 *   MAX_HOLES lines with a gap of more than 0.4 em;
 * - kinsoku: no line starts with a closer, stop, comma, small kana, ー, 々,
 *   ・：；！？ or ％, none ends with an opener.
 *
 * Prints the distribution of the largest extra gaps (the README's table). */
#include "model.h"
#include "report.h"
#include "test.h"

#include <math.h>
#include <stdlib.h>

#include <unicode/ubrk.h>
#include <unicode/utext.h>

enum { MAX_HOLES = 5 };
#define HOLE_EM 0.4

static pt_ctx ctx;

static uint32_t cp_at(const char *s, size_t len, size_t at)
{
    int32_t c = pt_utf8_decode(s, len, &at);
    return c < 0 ? 0 : (uint32_t)c;
}

static bool in_set(uint32_t c, const char *set)
{
    char u[5] = {0};
    pt_utf8_encode(c, u);
    return c && strstr(set, u) != NULL;
}

/* Yakumono (their aki is not a justification gap) and spaces. */
static bool yakumono_or_space(uint32_t c)
{
    return in_set(c, "「『（〔［｛〈《【〘〖“‘」』）〕］｝〉》】〙〗”’、。，．・：；　 ");
}

static bool no_start(uint32_t c)
{
    return in_set(c, "」』）〕］｝〉》】〙〗”’、。，．・：；！？ーぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ々ゝゞヽヾ〜％®)]},.:;!?%");
}

static bool no_end(uint32_t c) { return in_set(c, "「『（〔［｛〈《【〘〖“‘([{"); }

/* A half-width character that takes wa-o glue next to Japanese: ASCII letters,
 * figures and punctuation but the brackets and the hyphen. */
static bool wao_char(uint32_t c) { return c > 0x20 && c < 0x7F && !strchr("()[]{}<>-", (int)c); }

/* One line: the glyph run of an item, its source range, and what it belongs to. */
typedef struct line {
    const pt_item *it;
    uint32_t start, end;
} line;

typedef struct stats {
    int short_lines, splits, one_char;
    int justified, holes, kinsoku;
    int hist[6];                 /* largest extra gap: <=0.05 .1 .2 .3 .4 >.4 em */
    double worst;
    UBreakIterator *words;
} stats;

static line line_of(const pt_item *it)
{
    line l = { it, UINT32_MAX, 0 };
    for (size_t i = 0; i < it->nglyphs; i++) {
        const pt_draw_glyph *g = &it->glyphs[i];
        if (g->text_end <= g->text_start)
            continue;
        if (g->text_start < l.start)
            l.start = g->text_start;
        if (g->text_end > l.end)
            l.end = g->text_end;
    }
    if (l.start > l.end)
        l.start = l.end;
    return l;
}

/* Whether the line ends its paragraph or a hard line break. */
static bool ends_segment(const line *l)
{
    const char *t = l->it->text;
    return t[l->end] == '\0' || t[l->end] == '\n';
}

/* Characters of text[a..b) that count for a one-character line (not
 * closers, commas, stops, spaces). */
static int chars_in(const char *t, uint32_t a, uint32_t b)
{
    int n = 0;
    for (size_t i = a; i < b; ) {
        int32_t c = pt_utf8_decode(t, b, &i);
        n += !in_set((uint32_t)c, "」』）〕］｝〉》】、。，．　 )");
    }
    return n;
}

/* The largest extra gap of a justified line, in em. */
static double max_extra_gap(const line *l)
{
    const pt_item *it = l->it;
    const char *t = it->text;
    double scale = it->size / pt_font_upem(it->font), worst = 0;
    /* clusters: a glyph with a non-empty source range starts one */
    size_t prev = SIZE_MAX;
    double prev_end = 0;
    uint32_t prev_cp = 0;
    double prev_adv = 0;
    for (size_t i = 0; i < it->nglyphs; i++) {
        const pt_draw_glyph *g = &it->glyphs[i];
        double adv = pt_font_advance(it->font, g->gid) * scale;
        if (g->text_end <= g->text_start) {   /* rest of a cluster */
            prev_end = g->x + adv;
            continue;
        }
        uint32_t c = cp_at(t, g->text_end, g->text_start);
        if (prev != SIZE_MAX && !yakumono_or_space(c) && !yakumono_or_space(prev_cp)) {
            double gap = (g->x - prev_end) / it->size;
            bool full_a = prev_adv >= 0.9 * it->size, full_b = adv >= 0.9 * it->size;
            bool wao = (full_a && !full_b && wao_char(c)) || (!full_a && full_b && wao_char(prev_cp));
            double extra = gap - (wao ? 0.25 : 0);
            if (extra > worst)
                worst = extra;
        }
        prev = i;
        prev_cp = c;
        prev_adv = adv;
        prev_end = g->x + adv;
    }
    return worst;
}

/* ICU word boundaries of text into is_word[0..len]. */
static void word_bounds(stats *S, const char *t, size_t len, uint8_t *is_word)
{
    memset(is_word, 0, len + 1);
    UErrorCode st = U_ZERO_ERROR;
    UText ut = UTEXT_INITIALIZER;
    utext_openUTF8(&ut, t, (int64_t)len, &st);
    ubrk_setUText(S->words, &ut, &st);
    if (U_SUCCESS(st))
        for (int32_t b = ubrk_first(S->words); b != UBRK_DONE; b = ubrk_next(S->words))
            is_word[b] = 1;
    utext_close(&ut);
}

/* Checks the lines of one paragraph (consecutive items with the same text). */
static void check_paragraph(stats *S, const line *ls, size_t n, int page)
{
    const pt_style *st = ls[0].it->style;
    const char *t = ls[0].it->text;
    size_t len = strlen(t);
    uint8_t *is_word = malloc(len + 1);
    word_bounds(S, t, len, is_word);
    for (size_t i = 0; i < n; i++) {
        const line *l = &ls[i];
        bool last = ends_segment(l);
        bool soft_start = l->start > 0 && t[l->start - 1] != '\n';
        if (soft_start && i > 0 && no_start(cp_at(t, len, l->start))) {
            S->kinsoku++;
            printf("p%d kinsoku: line starts with a forbidden character: %.*s\n", page,
                   (int)(l->end - l->start), t + l->start);
        }
        if (!last && l->end > l->start) {
            size_t z = l->end - 1;
            while (z > l->start && ((unsigned char)t[z] & 0xC0) == 0x80)
                z--;
            if (no_end(cp_at(t, len, z))) {
                S->kinsoku++;
                printf("p%d kinsoku: line ends with an opener: %.*s\n", page,
                       (int)(l->end - l->start), t + l->start);
            }
        }
        if (st && st->phrase) {
            S->short_lines++;
            if (!last && !is_word[l->end] && t[l->end - 1] != ' ') {
                S->splits++;
                printf("p%d word split: %.*s|%.*s\n", page, (int)(l->end - l->start),
                       t + l->start, i + 1 < n ? (int)(ls[i + 1].end - ls[i + 1].start) : 0,
                       i + 1 < n ? t + ls[i + 1].start : "");
            }
            if (last && soft_start && chars_in(t, l->start, l->end) == 1) {
                S->one_char++;
                printf("p%d one-character last line: %.*s\n", page, (int)(l->end - l->start),
                       t + l->start);
            }
        }
        if (st && st->align == PT_ALIGN_JUSTIFY && !last) {
            double g = max_extra_gap(l);
            S->justified++;
            S->hist[g <= 0.05 ? 0 : g <= 0.1 ? 1 : g <= 0.2 ? 2 : g <= 0.3 ? 3 : g <= HOLE_EM ? 4 : 5]++;
            if (g > S->worst)
                S->worst = g;
            if (g > HOLE_EM) {
                S->holes++;
                printf("p%d gap %.2f em: %.*s\n", page, g, (int)(l->end - l->start), t + l->start);
            }
        }
    }
    free(is_word);
}

int main(void)
{
    pt_ctx_init(&ctx);
    pt_arena *arena = pt_arena_new();
    char path[4096];
    snprintf(path, sizeof path, "%s/input/r6.xml", pt_datadir(&ctx));
    pt_report *r = pt_report_load(&ctx, arena, path);
    CHECK(r != NULL, "load: %s", ctx.err);
    pt_doc doc;
    pt_layout *layout = NULL;
    snprintf(path, sizeof path, "%s/layouts/a4-report.xml", pt_datadir(&ctx));
    bool ok = r && pt_typeset_doc(&ctx, r, path, arena, &doc, &layout);
    CHECK(ok, "typeset: %s", ctx.err);
    UErrorCode st = U_ZERO_ERROR;
    stats S = { .words = ubrk_open(UBRK_WORD, "ja", NULL, 0, &st) };
    CHECK(U_SUCCESS(st), "ICU word iterator");
    if (!ok || U_FAILURE(st)) {
        pt_layout_free(layout);
        pt_arena_free(arena);
        return TEST_END();
    }
    PT_VEC(line) para = {0};
    for (size_t p = 0; p < doc.pages.n; p++) {
        const pt_page *pg = doc.pages.v[p];
        para.n = 0;
        for (size_t i = 0; i <= pg->items.n; i++) {
            const pt_item *it = i < pg->items.n ? &pg->items.v[i] : NULL;
            bool glyphs = it && it->kind == PT_ITEM_GLYPHS && it->style;
            if (para.n && (!glyphs || it->text != para.v[0].it->text)) {
                check_paragraph(&S, para.v, para.n, (int)p + 1);
                para.n = 0;
            }
            if (glyphs)
                PT_PUSH(para, line_of(it));
        }
    }
    free(para.v);
    printf("short text: %d lines, %d words split, %d one-character last lines\n", S.short_lines,
           S.splits, S.one_char);
    printf("justified lines: %d; largest extra gap <=0.05 em %d, <=0.1 %d, <=0.2 %d, <=0.3 %d, "
           "<=0.4 %d, >0.4 %d; worst %.2f em\n", S.justified, S.hist[0], S.hist[1], S.hist[2],
           S.hist[3], S.hist[4], S.hist[5], S.worst);
    printf("kinsoku breaches: %d\n", S.kinsoku);
    CHECK(S.short_lines > 500, "short text measured: %d lines", S.short_lines);
    CHECK(S.justified > 300, "justified lines measured: %d", S.justified);
    CHECK_INT(S.splits, 0, "words split across lines in short text");
    CHECK_INT(S.one_char, 0, "one-character last lines in short text");
    CHECK(S.holes <= MAX_HOLES, "justified lines with a gap over %.1f em: %d (at most %d)", HOLE_EM,
          S.holes, MAX_HOLES);
    CHECK_INT(S.kinsoku, 0, "kinsoku breaches");
    ubrk_close(S.words);
    pt_doc_free(&doc);
    pt_layout_free(layout);
    pt_arena_free(arena);
    return TEST_END();
}
