/* para_test.c - the line engine against the reference's spacing, justification
 * and paragraph cases (S1-S7, J1-J3, P1-P2 of jp-typesetting.md §7) and our
 * own cases (S8, S9 brackets in a row, J4-J6 last lines, openers and closers,
 * ……), worked out by hand in 1/1000 em for BIZ UDGothic (every kana/kanji 1000, every ASCII
 * character 500, yakumono converted to 500 bodies), plus a sweep of the
 * report's own paragraphs over many measures checking the rules that must
 * always hold: no forbidden line start or end, no split number or word, and
 * every line but a paragraph's last flush with the measure where it ends by
 * its glyphs' positions, unless it has no gap the README's rules let stretch. */
#include "model.h"
#include "para.h"
#include "test.h"

#include <math.h>
#include <stdlib.h>

static pt_ctx ctx;
static pt_font *font;
static pt_typesetter *ts;

static pt_lines lay(const char *text, double measure, double indent, bool hang, pt_align align)
{
    pt_para_style st = { font, measure, indent, hang, align };
    pt_lines l = {0};
    /* a failure is a verdict; a layout that works is not one on its own */
    if (!pt_para_layout(&ctx, ts, &st, text, strlen(text), &l))
        CHECK(false, "layout \"%s\": %s", text, ctx.err);
    return l;
}

/* x of the glyph standing for text starting at byte offset `at`. */
static double x_at(const pt_lines *l, const char *text, const char *needle, int nth)
{
    if (needle >= text && needle < text + strlen(text)) {   /* a position in text */
        uint32_t at = (uint32_t)(needle - text);
        for (size_t i = 0; i < l->glyphs.n; i++)
            if (l->glyphs.v[i].text_start == at && l->glyphs.v[i].text_end > at)
                return l->glyphs.v[i].x;
        return NAN;
    }
    const char *p = text;
    for (int i = 0; i <= nth; i++) {
        p = strstr(i ? p + 1 : p, needle);
        if (!p)
            return NAN;
    }
    uint32_t at = (uint32_t)(p - text);
    for (size_t i = 0; i < l->glyphs.n; i++)
        if (l->glyphs.v[i].text_start == at && l->glyphs.v[i].text_end > at)
            return l->glyphs.v[i].x;
    return NAN;
}

#define NEAR(got, want, what) CHECK(fabs((got) - (want)) < 0.01, "%s: got %.2f, want %.2f", what, (double)(got), (double)(want))

static double width(const pt_lines *l, size_t i) { return l->lines.v[i].right - l->lines.v[i].left; }

static void spacing_cases(void)
{
    pt_lines l;
    /* S1: 。 and 」 half-em bodies, one 1/2 em aki after the pair. */
    const char *s1 = "あ。」い";
    l = lay(s1, 20000, 0, false, PT_ALIGN_LEFT);
    NEAR(width(&l, 0), 3500, "S1 total");
    NEAR(x_at(&l, s1, "。", 0), 1000, "S1 。");
    NEAR(x_at(&l, s1, "」", 0), 1500, "S1 」 follows 。 solid");
    NEAR(x_at(&l, s1, "い", 0), 2500, "S1 い after 1/2 em aki");
    pt_lines_free(&l);
    /* S2: ）（ one 1/2 em between; the opener's glyph is drawn 1/2 em left of
     * its body (its ink is in the right half). */
    const char *s2 = "字）（字";
    l = lay(s2, 20000, 0, false, PT_ALIGN_LEFT);
    NEAR(width(&l, 0), 3500, "S2 total");
    NEAR(x_at(&l, s2, "（", 0), 2000, "S2 （ half-width glyph (hwid) at its body, 2000");
    NEAR(x_at(&l, s2, "字", 1), 2500, "S2 second 字");
    pt_lines_free(&l);
    /* S3: 、「 */
    const char *s3 = "字、「字";
    l = lay(s3, 20000, 0, false, PT_ALIGN_LEFT);
    NEAR(width(&l, 0), 3500, "S3 total");
    NEAR(x_at(&l, s3, "字", 1), 2500, "S3 second 字");
    pt_lines_free(&l);
    /* S4: an opener at the line head loses its leading aki. */
    const char *s4 = "「令和」";
    l = lay(s4, 20000, 0, false, PT_ALIGN_LEFT);
    NEAR(x_at(&l, s4, "令", 0), 500, "S4 令 right after the 1/2 em body of 「");
    NEAR(l.lines.v[0].left, 0, "S4 line starts at the head");
    pt_lines_free(&l);
    /* S5: 、 at the line end is flush (aki dropped); 。 keeps its 1/2 em. */
    const char *s5a = "あいうえ、かきくけこ";
    l = lay(s5a, 4500, 0, false, PT_ALIGN_JUSTIFY);
    CHECK(l.lines.n == 3, "S5 、: %zu lines", l.lines.n);
    CHECK(l.lines.v[0].byte_end == strlen("あいうえ、"), "S5 、 ends line 1");
    NEAR(l.lines.v[0].right, 4500, "S5 、 flush with the measure");
    NEAR(x_at(&l, s5a, "、", 0), 4000, "S5 、 body at 4000");
    pt_lines_free(&l);
    const char *s5b = "あいうえ。かきくけこ";
    l = lay(s5b, 5000, 0, false, PT_ALIGN_JUSTIFY);
    CHECK(l.lines.v[0].byte_end == strlen("あいうえ。"), "S5 。 ends line 1");
    NEAR(x_at(&l, s5b, "。", 0), 4000, "S5 。 body at 4000, no stretch before it");
    NEAR(l.lines.v[0].right, 5000, "S5 。 keeps 1/2 em at the line end");
    pt_lines_free(&l);
    /* S6: wa-o 1/4 em on both sides of a figure. */
    const char *s6 = "令和6年度";
    l = lay(s6, 20000, 0, false, PT_ALIGN_LEFT);
    NEAR(width(&l, 0), 5000, "S6 total");
    NEAR(x_at(&l, s6, "6", 0), 2250, "S6 6");
    NEAR(x_at(&l, s6, "年", 0), 3000, "S6 年");
    pt_lines_free(&l);
    /* S7: no glue next to brackets; none after a Latin run at the line end. */
    const char *s7 = "（R6年度）";
    l = lay(s7, 20000, 0, false, PT_ALIGN_LEFT);
    NEAR(x_at(&l, s7, "R", 0), 500, "S7 R right after （");
    NEAR(x_at(&l, s7, "年", 0), 1750, "S7 年 after 1/4 em");
    NEAR(x_at(&l, s7, "）", 0), 2750 + 1000, "S7 ） solid after 度");
    NEAR(width(&l, 0), 4250, "S7 total (closer's aki dropped at the end)");
    pt_lines_free(&l);
    const char *s7b = "削減CO2の推進";
    l = lay(s7b, 3750, 0, false, PT_ALIGN_JUSTIFY);
    CHECK(l.lines.v[0].byte_end == strlen("削減CO2"), "S7 line 1 is 削減CO2");
    NEAR(l.lines.v[0].right, 3750, "S7 CO2 flush: no wa-o glue at the line end");
    NEAR(x_at(&l, s7b, "C", 0), 2250, "S7 C after 1/4 em");
    pt_lines_free(&l);
    /* S9: brackets in a row share one aki (JLREQ 3.1.4): あ「（い）」う is あ
     * 1000, 「's aki 500, 「 and （ 500 each with nothing between them, い
     * 1000, ） and 」 500 each, solid, then 」's aki 500: い at 2500, う at
     * 5000, 6000 in all. */
    const char *s9 = "あ「（い）」う";
    l = lay(s9, 20000, 0, false, PT_ALIGN_LEFT);
    NEAR(x_at(&l, s9, "い", 0), 2500, "S9 い: no aki between 「 and （");
    NEAR(x_at(&l, s9, "う", 0), 5000, "S9 う: no aki between ） and 」");
    NEAR(width(&l, 0), 6000, "S9 total");
    pt_lines_free(&l);
    /* S8: a source space after a closer (card 14's indicator, 【累計】 ※有機)
     * keeps the closer's 1/2 em aki (JLREQ: 】 is a half-em body plus 1/2 em):
     * 字 1000, aki 500, 【 500, 累計 2000, 】 500, aki 500: ※ at 5000. Without the space
     * the same 1/2 em separates them; the space never takes it away. */
    const char *s8 = "字【累計】 ※字";
    l = lay(s8, 20000, 0, false, PT_ALIGN_LEFT);
    NEAR(x_at(&l, s8, "※", 0), 5000, "S8 ※ 1/2 em after 】 with a space between");
    pt_lines_free(&l);
    const char *s8b = "字【累計】※字";
    l = lay(s8b, 20000, 0, false, PT_ALIGN_LEFT);
    NEAR(x_at(&l, s8b, "※", 0), 5000, "S8 ※ 1/2 em after 】 without a space");
    pt_lines_free(&l);
}

static void justification_cases(void)
{
    pt_lines l;
    /* J1: all lines but the last exactly the measure; the last natural. */
    const char *j1 = "猛暑など天候不順による価格高騰や品薄により、地元産の食材確保が難しく、目標値は達成できなかった。";
    l = lay(j1, 15500, 0, false, PT_ALIGN_JUSTIFY);
    /* Worked out by hand: 猛暑…高騰 is 15 em (+1/2 em stretch: や would
     * overflow by 1/2 em with nothing to squeeze); や…確保が is 16 em with the
     * 、 aki squeezable to 15.5 em (oikomi, a tie with stretching 15 em); 難し…
     * できなかっ is 15 em: adding た。 would need 1.5 em of squeeze (。 keeps its
     * aki), there is 1/2 em, so た moves down with 。 (oidashi). */
    const char *want[] = { "猛暑など天候不順による価格高騰", "や品薄により、地元産の食材確保が",
                           "難しく、目標値は達成できなかっ", "た。" };
    CHECK(l.lines.n == 4, "J1: %zu lines", l.lines.n);
    for (size_t i = 0; i < l.lines.n && i < 4; i++) {
        char got[256];
        snprintf(got, sizeof got, "%.*s", (int)(l.lines.v[i].byte_end - l.lines.v[i].byte_start),
                 j1 + l.lines.v[i].byte_start);
        CHECK_STR(got, want[i], "J1 line");
    }
    for (size_t i = 0; i + 1 < l.lines.n; i++) {
        NEAR(l.lines.v[i].left, 0, "J1 line flush left");
        NEAR(l.lines.v[i].right, 15500, "J1 line flush right");
    }
    CHECK(l.lines.v[l.lines.n - 1].last && l.lines.v[l.lines.n - 1].right < 15500,
          "J1 last line short and flush left");
    pt_lines_free(&l);
    /* J2: the figures of 10,844 keep their 1/2 em pitch in a stretched line. */
    const char *j2 = "登録者数は10,844件となりました。さらに増加を目指します。";
    l = lay(j2, 12700, 0, false, PT_ALIGN_JUSTIFY);
    CHECK(l.lines.n >= 2, "J2 wraps");
    const char *num = strstr(j2, "10,844");
    double x1 = x_at(&l, j2, num, 0);
    for (int k = 1; k < 6; k++) {
        char what[64];
        snprintf(what, sizeof what, "J2 figure %d of 10,844", k);
        NEAR(x_at(&l, j2, num + k, 0) - x1, 500.0 * k, what);
    }
    NEAR(l.lines.v[0].right, 12700, "J2 line 1 justified");
    pt_lines_free(&l);
    /* J3: overflowing by 1/2 em at the only legal break (。 may not start a
     * line) with a 」 mid-line: its aki is squeezed instead of pushing こ down. */
    const char *j3 = "あい」うえおかきくけこ。さし";
    l = lay(j3, 11500, 0, false, PT_ALIGN_JUSTIFY);
    CHECK(l.lines.v[0].byte_end == strlen("あい」うえおかきくけこ。"), "J3 oikomi keeps 。 on line 1");
    NEAR(x_at(&l, j3, "う", 0), 2500, "J3 」's aki squeezed to 0");
    NEAR(l.lines.v[0].right, 11500, "J3 line 1 is the measure");
    pt_lines_free(&l);
    /* J4: a last line is never stretched, even with gaps that could be. Kana
     * are 1 em and may break anywhere, so at 5 em the lines are あいうえお,
     * かきくけこ (each exactly 5 em) and さし: さ at 0, し at 1000 and the
     * line ends at 2000. Justified, し would sit at 4000. */
    const char *j4 = "あいうえおかきくけこさし";
    l = lay(j4, 5000, 0, false, PT_ALIGN_JUSTIFY);
    CHECK(l.lines.n == 3, "J4: %zu lines", l.lines.n);
    NEAR(x_at(&l, j4, "し", 0), 1000, "J4 last line: し right after さ");
    NEAR(l.lines.v[2].right, 2000, "J4 last line: natural width");
    pt_lines_free(&l);
    /* J5: no stretch after an opener or before a closer. あ「い」う is 5 em:
     * あ 1000, 「's aki 500 + body 500, い 1000, 」's body 500 + aki 500,
     * う 1000. The Latin word after it cannot be split, so at 5.5 em the line
     * ends after う and stretches by 500. The gaps the rules let stretch are
     * あ|「 and 」|う (not 「|い after the opener, not い|」 before the
     * closer): 250 each. い: 1000 + 500 + 250 + 500 = 2250; う: 2250 + 1000
     * + 500 + 500 + 250 = 4500; the line ends at 5500. Stretching 「|い or
     * い|」 too would give 1/3 each and move い to 2333 or 2167. */
    const char *j5 = "あ「い」うABCDEFGH";
    l = lay(j5, 5500, 0, false, PT_ALIGN_JUSTIFY);
    CHECK(l.lines.n == 2 && l.lines.v[0].byte_end == strlen("あ「い」う"), "J5 line 1 is あ「い」う");
    NEAR(x_at(&l, j5, "い", 0), 2250, "J5 い: no stretch after 「");
    NEAR(x_at(&l, j5, "う", 0), 4500, "J5 う: no stretch before 」");
    NEAR(l.lines.v[0].right, 5500, "J5 line 1 flush");
    pt_lines_free(&l);
    /* J6: no stretch inside ……. あ……いう is 5 em; at 5.6 em the line ends
     * before the Latin word and stretches by 600 over the gaps あ|…, …|い
     * and い|う (not …|…): 200 each. The second … sits right after the first:
     * 1000 + 200 + 1000 = 2200; い at 3000 + 200 + 200 = 3400, う at 4600.
     * A gap inside …… would take 150 of the four and move the second … to
     * 2300. */
    const char *j6 = "あ……いうABCDEFGH";
    l = lay(j6, 5600, 0, false, PT_ALIGN_JUSTIFY);
    CHECK(l.lines.n == 2 && l.lines.v[0].byte_end == strlen("あ……いう"), "J6 line 1 is あ……いう");
    NEAR(x_at(&l, j6, "…", 0), 1200, "J6 first …");
    NEAR(x_at(&l, j6, "…", 1), 2200, "J6 second … solid after the first");
    NEAR(x_at(&l, j6, "う", 0), 4600, "J6 う");
    pt_lines_free(&l);
}

static void paragraph_cases(void)
{
    pt_lines l;
    /* P1: 1 em geometric indent on the first line only. */
    const char *p1 = "令和6年度は天候に恵まれず、3校が実施予定でしたが、1校の実施となりました。";
    l = lay(p1, 10000, 1000, false, PT_ALIGN_JUSTIFY);
    NEAR(x_at(&l, p1, "令", 0), 1000, "P1 first line indented 1 em");
    NEAR(l.lines.v[1].left, 0, "P1 second line at the head");
    pt_lines_free(&l);
    /* P2: hanging indent after ①. */
    const char *p2 = "①市民の防災に対する自助、共助意識の向上を図ることができました。";
    l = lay(p2, 10000, 0, true, PT_ALIGN_JUSTIFY);
    CHECK(l.lines.n >= 2, "P2 wraps");
    NEAR(x_at(&l, p2, "市", 0), 1000, "P2 市 after ①");
    for (size_t i = 1; i < l.lines.n; i++)
        NEAR(l.lines.v[i].left, 1000, "P2 continuation under 市");
    NEAR(l.lines.v[1].right, 10000, "P2 continuation flush right");
    pt_lines_free(&l);
    /* Hanging after (1) (three half-width characters). */
    const char *p3 = "(1)地産地消な暮らしの定着に向けた取組を進めます。";
    l = lay(p3, 8000, 0, true, PT_ALIGN_JUSTIFY);
    CHECK(l.lines.n >= 2, "(1) wraps");
    NEAR(x_at(&l, p3, "地", 0), 1500, "(1) set solid against 地 (no wa-o next to ASCII brackets)");
    NEAR(l.lines.v[1].left, 1500, "(1) continuation under 地 (three 1/2 em characters)");
    pt_lines_free(&l);
    /* Contents entry: wrapped lines hang under the title after "12 ". By
     * hand: "12" is 1 em, the space before 公 becomes 1/4 em wa-o glue. */
    const char *toc = "12 公共施設への再生可能エネルギーの導入による削減";
    pt_para_style ts_toc = { font, 20000, 0, false, PT_ALIGN_LEFT, false, 3 };
    l = (pt_lines){0};
    CHECK(pt_para_layout(&ctx, ts, &ts_toc, toc, strlen(toc), &l), "toc layout");
    CHECK(l.lines.n == 2, "toc entry wraps: %zu lines", l.lines.n);
    NEAR(x_at(&l, toc, "公", 0), 1250, "toc title starts after 12 and 1/4 em");
    if (l.lines.n == 2)
        NEAR(l.lines.v[1].left, 1250, "toc continuation under 公");
    pt_lines_free(&l);
    /* A line break of the original: a new unjustified last line before it. */
    const char *p4 = "開催しました。\n多様な主体との連携";
    l = lay(p4, 20000, 0, false, PT_ALIGN_JUSTIFY);
    CHECK(l.lines.n == 2 && l.lines.v[0].last, "hard break ends a line");
    CHECK(l.lines.v[1].byte_start == strlen("開催しました。\n"), "second line after the break");
    pt_lines_free(&l);
    /* B23: a URL in a 6 em cell breaks at grapheme boundaries, never overflows. */
    const char *url = "www.city.kisarazu.lg.jp";
    l = lay(url, 6000, 0, false, PT_ALIGN_JUSTIFY);
    bool ok = true;
    for (size_t i = 0; i < l.lines.n; i++)
        ok &= l.lines.v[i].right <= 6000.01 && !l.lines.v[i].overfull;
    CHECK(ok && l.lines.n == 2 && l.lines.v[0].emergency, "B23 URL in 6 em: %zu lines", l.lines.n);
    pt_lines_free(&l);
    /* Value cells end lines at a space where one fits: 618,213千円 is 5.5 em
     * (+1/4 em wa-o), the whole value 10.5 em, the measure 8.9 em. Without the
     * preference the first line would take "(R5年" too. */
    const char *v = "618,213千円 (R5年度)";
    pt_para_style vs = { font, 8900, 0, false, PT_ALIGN_CENTER, true };
    l = (pt_lines){0};
    CHECK(pt_para_layout(&ctx, ts, &vs, v, strlen(v), &l), "value layout");
    CHECK(l.lines.n == 2 && l.lines.v[1].byte_start == strlen("618,213千円 "),
          "value breaks at the space: %zu lines, line 2 at byte %u", l.lines.n,
          l.lines.n > 1 ? l.lines.v[1].byte_start : 0);
    pt_lines_free(&l);
    /* Without the preference the numeral-counter rule gives the same: R5|年
     * and 年|度 are avoided (5 + 年度), ( may not end a line, so the only
     * other break is the one at the space. (It used to break after 年.) */
    vs.space_breaks = false;
    CHECK(pt_para_layout(&ctx, ts, &vs, v, strlen(v), &l), "value layout");
    CHECK(l.lines.n == 2 && l.lines.v[1].byte_start == strlen("618,213千円 "),
          "without the preference (R5年度) stays whole too");
    pt_lines_free(&l);
    /* Centre and right alignment. */
    l = lay("計画", 5000, 0, false, PT_ALIGN_CENTER);
    NEAR(l.lines.v[0].left, 1500, "centred");
    pt_lines_free(&l);
    l = lay("計画", 5000, 0, false, PT_ALIGN_RIGHT);
    NEAR(l.lines.v[0].left, 3000, "right-aligned");
    pt_lines_free(&l);
}

/* The text of line i (static buffer). */
static const char *line_text(const pt_lines *l, const char *text, size_t i)
{
    static char buf[512];
    snprintf(buf, sizeof buf, "%.*s", (int)(l->lines.v[i].byte_end - l->lines.v[i].byte_start),
             text + l->lines.v[i].byte_start);
    return buf;
}

static pt_lines lay_phrase(const char *text, double measure, pt_align align)
{
    pt_para_style st = { font, measure, 0, false, align, false, 0, true };
    pt_lines l = {0};
    CHECK(pt_para_layout(&ctx, ts, &st, text, strlen(text), &l), "layout \"%s\": %s", text, ctx.err);
    return l;
}

/* Sets text by phrase, left aligned, and checks it gives the two lines. */
static void check_phrase_lines(const char *text, double measure, const char *want1,
                               const char *want2, const char *what)
{
    pt_lines l = lay_phrase(text, measure, PT_ALIGN_LEFT);
    CHECK(l.lines.n == 2, "%s: %zu lines", what, l.lines.n);
    if (l.lines.n == 2) {
        CHECK_STR(line_text(&l, text, 0), want1, what);
        CHECK_STR(line_text(&l, text, 1), want2, what);
    }
    pt_lines_free(&l);
}

/* Short text set by phrase, balanced, no one-character last line; body
 * rules: numerals keep their counters, even justification, no squeezing of
 * unjustified text or of middle dots. Every case worked out by hand with the
 * widths of BIZ UDGothic (kana/kanji 1000, ASCII 500, yakumono bodies 500). */
static void phrase_cases(void)
{
    pt_lines l;
    /* 温室効果ガスの排出削減 is 11 em; in 8 em, character breaking gives
     * 温室効果ガスの排 / 出削減; the phrase break after の (7 em) gives
     * 温室効果ガスの / 排出削減. */
    check_phrase_lines("温室効果ガスの排出削減", 8000, "温室効果ガスの", "排出削減", "phrase");
    /* Balance: 地産地消な(5) 暮らしの(4) 定着に(3) 向けた(3) 取組(2), 17 em in
     * 12 em: two lines either way. Squared relative slack: after 地産地消な
     * (7/12)^2 = 0.34; after 暮らしの (3/12)^2 + (4/12)^2 = 0.17; after 定着に
     * 0 + (7/12)^2 = 0.34. Greedy would fill the first line (12 em). */
    check_phrase_lines("地産地消な暮らしの定着に向けた取組", 12000, "地産地消な暮らしの", "定着に向けた取組", "balance");
    /* No one-character last line: シティプロモーション課 (11 em, one phrase,
     * ICU words シティ|プロモーション|課) in 10 em. Greedy: シティプロモーション / 課.
     * Word breaks (the phrase is wider than the line): after シティ 3 / 8
     * em, slack 0.49 + 0.04; after プロモーション 10 / 1 em, 0 + 0.81 and the
     * one-character penalty. So シティ / プロモーション課. */
    check_phrase_lines("シティプロモーション課", 10000, "シティ", "プロモーション課", "pretty");
    /* A word wider than the line breaks at its legal breaks (never inside
     * ジェ), without overflow or emergency: プロジェクト (6 em) in 4 em. */
    const char *d = "プロジェクト";
    l = lay_phrase(d, 4000, PT_ALIGN_LEFT);
    bool fits = l.lines.n == 2;
    for (size_t i = 0; i < l.lines.n; i++)
        fits &= l.lines.v[i].right <= 4000.01 && !l.lines.v[i].emergency;
    CHECK(fits, "wide word: %zu lines within 4 em", l.lines.n);
    pt_lines_free(&l);
    /* Widths for sizing boxes: 温室効果ガスの排出削減 is 11 em on one line, its
     * widest phrase 温室効果ガスの 7 em (排出削減 4 em). */
    {
        pt_para_style st = { font, 1000, 0, false, PT_ALIGN_LEFT, false, 0, true };
        const char *w = "温室効果ガスの排出削減";
        double nat, phrase;
        CHECK(pt_para_widths(&ctx, ts, &st, w, strlen(w), &nat, &phrase), "widths");
        NEAR(nat, 11000, "natural width");
        NEAR(phrase, 7000, "widest phrase");
    }
    /* A value: 15,926千円(R4年度) is 3 + 1/4 + 2 + 1/2 + 1 + 1/4 + 2 + 1/2 =
     * 9.5 em; in 8 em the break goes before ( (a phrase), not after 年. */
    const char *e = "15,926千円(R4年度)";
    l = lay_phrase(e, 8000, PT_ALIGN_CENTER);
    CHECK(l.lines.n == 2 && l.lines.v[1].byte_start == strlen("15,926千円"),
          "value breaks before (: %zu lines", l.lines.n);
    pt_lines_free(&l);

    /* A numeral keeps its counter: 延べ8回開催 in 3.5 em. 延べ8 is 2 + 1/4 +
     * 1/2 = 2.75 em; 延べ8回 4 em (squeezable by 2 x 1/8 em wa-o to 3.75,
     * still too wide). Without the rule the line would be 延べ8. */
    const char *f = "延べ8回開催しました";
    l = lay(f, 3500, 0, false, PT_ALIGN_LEFT);
    CHECK(l.lines.n >= 2 && l.lines.v[1].byte_start == strlen("延べ"),
          "8回 together: line 2 at byte %u", l.lines.n > 1 ? l.lines.v[1].byte_start : 0);
    pt_lines_free(&l);

    /* Unjustified text is not squeezed, and middle dots never: 安心・安全な
     * まちづくり is 2 + (1/4 + 1/2 + 1/4) + 8 = 11 em; in 10.5 em, left
     * aligned, it used to be squeezed onto one line; now it wraps and ・ keeps
     * its 1/4 em on both sides (安 after it at 3 em). */
    const char *g = "安心・安全なまちづくり";
    l = lay(g, 10500, 0, false, PT_ALIGN_LEFT);
    CHECK(l.lines.n == 2, "no squeeze in unjustified text: %zu lines", l.lines.n);
    NEAR(x_at(&l, g, "全", 0) - x_at(&l, g, "安", 1), 1000, "安全 solid");
    NEAR(x_at(&l, g, "安", 1), 3000, "・ full: 安 at 3 em");
    pt_lines_free(&l);

    /* Even justification: 計4件を実施する。 in 6.6 em. 計4件を実施 is
     * 5 + 1/2 + 2 x 1/4 = 6 em; す would need 7 em, squeezable only to 6.75
     * (two wa-o by 1/8). So line 1 stretches by 600: the two wa-o take 125
     * each (their cap), the three gaps 件を, を実, 実施 share 350 (116.67).
     * 計 0, 4 at 1375, 件 at 2250, を at 3366.67, 実 at 4483.33, 施 at 5600. */
    const char *h = "計4件を実施する。";
    l = lay(h, 6600, 0, false, PT_ALIGN_JUSTIFY);
    CHECK(l.lines.n == 2 && l.lines.v[0].byte_end == strlen("計4件を実施"),
          "even: line 1 is 計4件を実施");
    NEAR(x_at(&l, h, "4", 0), 1375, "even: 4 after wa-o + 1/8");
    NEAR(x_at(&l, h, "件", 0), 2250, "even: 件");
    NEAR(x_at(&l, h, "を", 0), 3366.67, "even: を");
    NEAR(x_at(&l, h, "施", 0), 5600, "even: 施");
    NEAR(l.lines.v[0].right, 6600, "even: flush");
    pt_lines_free(&l);
}

/* ---- sweep over the report's paragraphs ---- */

static uint32_t first_cp(const char *s, size_t len, size_t at)
{
    int32_t c = pt_utf8_decode(s, len, &at);
    return c < 0 ? 0 : (uint32_t)c;
}

static uint32_t last_cp(const char *s, size_t start, size_t end)
{
    size_t i = end;
    while (i > start && (s[i - 1] & 0xC0) == 0x80)
        i--;
    if (i > start)
        i--;
    while (i > start && (s[i] & 0xC0) == 0x80)
        i--;
    return first_cp(s, end, i);
}

/* Characters that may not start a line (strict): closers, stops, commas, small
 * kana, ー, 々, ・：；！？, ％ and postfix marks. */
static bool no_start(uint32_t c)
{
    static const char *set = "」』）〕］｝〉》】〙〗”’、。，．・：；！？ーぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ々ゝゞヽヾ〜％®)]},.:;!?%";
    char u[5] = {0};
    pt_utf8_encode(c, u);
    return strstr(set, u) != NULL;
}

static bool no_end(uint32_t c)
{
    static const char *set = "「『（〔［｛〈《【〘〖“‘([{";
    char u[5] = {0};
    pt_utf8_encode(c, u);
    return strstr(set, u) != NULL;
}

static bool alnum(uint32_t c) { return c < 128 && (c == '.' || c == ',' || (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')); }

/* Where a line really ends: the last glyph's x plus its advance (milli-em),
 * measured from the glyphs rather than taken from the line's own record. A
 * line ending in 。 or ． keeps the stop's 1/2 em after it (S5). */
static double glyph_right(const pt_lines *l, const pt_line *ln, const char *s, size_t len)
{
    if (ln->n == 0)
        return ln->left;
    size_t k = ln->first + ln->n - 1;   /* a space at the line end is no part of it */
    while (k > ln->first && s[l->glyphs.v[k].text_start] == ' ')
        k--;
    const pt_lglyph *g = &l->glyphs.v[k];
    double r = g->x + pt_font_advance(font, g->gid) * 1000.0 / pt_font_upem(font);
    uint32_t z = last_cp(s, ln->byte_start, ln->byte_end);
    (void)len;
    return z == 0x3002 || z == 0xFF0E ? r + 500 : r;
}

/* The README's rule, from outside the engine: may the gap between a and b
 * stretch? Word spaces and the wa-o glue between Japanese and Latin letters or
 * figures do; between two Japanese characters every gap does but after an
 * opener, before a closer, comma or stop, next to a middle dot, ！？ or U+3000,
 * and inside …… or ——; never inside Latin words and figures. */
static bool in_set(uint32_t c, const char *set)
{
    char u[5] = {0};
    pt_utf8_encode(c, u);
    return strstr(set, u) != NULL;
}
static bool may_stretch(uint32_t a, uint32_t b)
{
    static const char *open = "「『（〔［｛〈《【〘〖“‘";
    static const char *close = "」』）〕］｝〉》】〙〗”’、。，．";
    static const char *solid = "・：；！？\u3000";
    static const char *insep = "…‥―—";
    if (a == ' ' || b == ' ')
        return true;
    bool la = a < 128, lb = b < 128;
    if (la && lb)
        return false;
    if (la || lb) {   /* wa-o: an ideographic character next to a letter or figure */
        uint32_t ja = la ? b : a, lat = la ? a : b;
        return alnum(lat) && lat != '.' && lat != ',' && !in_set(ja, open) && !in_set(ja, close)
            && !in_set(ja, solid);
    }
    if (in_set(a, open) || in_set(b, close) || in_set(a, solid) || in_set(b, solid))
        return false;
    return !(a == b && in_set(a, insep));
}

/* Does the line hold a gap the rules let stretch? */
static bool stretchable(const char *s, size_t len, const pt_line *ln)
{
    size_t i = ln->byte_start, end = ln->byte_end;
    while (end > i && s[end - 1] == ' ')   /* a space at the line end is no gap */
        end--;
    uint32_t prev = 0;
    while (i < end && i < len) {
        int32_t c = pt_utf8_decode(s, len, &i);
        if (c < 0)
            return false;
        if (prev && may_stretch(prev, (uint32_t)c))
            return true;
        prev = (uint32_t)c;
    }
    return false;
}

static int sweep_rich(const pt_rich *t, int *lines_checked, int *ragged)
{
    int bad = 0;
    for (int p = 0; p < t->n; p++) {
        const char *s = t->paras[p].text;
        size_t len = strlen(s);
        for (double m = 6000; m <= 40000; m += 1750) {
            pt_lines l = lay(s, m, 0, true, PT_ALIGN_JUSTIFY);
            for (size_t i = 0; i < l.lines.n; i++) {
                const pt_line *ln = &l.lines.v[i];
                (*lines_checked)++;
                uint32_t a = first_cp(s, len, ln->byte_start);
                uint32_t z = last_cp(s, ln->byte_start, ln->byte_end);
                bool paragraph_start = ln->byte_start == 0 || s[ln->byte_start - 1] == '\n';
                const char *why = NULL;
                if (ln->emergency)
                    why = "emergency break";
                else if (!paragraph_start && no_start(a))
                    why = "starts with a character kinsoku forbids";
                else if (!ln->last && no_end(z))
                    why = "ends with an opening bracket";
                else if (!ln->last && i + 1 < l.lines.n && alnum(z)
                         && alnum(first_cp(s, len, l.lines.v[i + 1].byte_start)))
                    why = "splits a number or Latin word";
                else if (glyph_right(&l, ln, s, len) > m + 0.01)
                    why = "overflows";
                else if (!ln->last && fabs(glyph_right(&l, ln, s, len) - m) > 0.01) {
                    if (stretchable(s, len, ln))
                        why = "is not flush right, yet has a gap the rules let stretch";
                    else
                        (*ragged)++;   /* nothing may stretch: left short */
                }
                if (why) {
                    bad++;
                    if (bad < 10)
                        printf("FAIL measure %.0f line %zu %s (%.1f..%.1f): |%.*s|\n", m, i, why,
                               ln->left, ln->right, (int)(ln->byte_end - ln->byte_start),
                               s + ln->byte_start);
                }
            }
            pt_lines_free(&l);
        }
    }
    return bad;
}

static void report_sweep(void)
{
    pt_arena *arena = pt_arena_new();
    pt_report *r = pt_report_load(&ctx, arena, "input/r6.xml");
    CHECK(r != NULL, "load: %s", ctx.err);
    if (!r) {
        pt_arena_free(arena);
        return;
    }
    int bad = 0, checked = 0, ragged = 0;
    int step = getenv("PARA_SWEEP_STEP") ? atoi(getenv("PARA_SWEEP_STEP")) : 1;
    for (int i = 0; i < r->ncards; i += step) {
        const pt_card *c = r->cards[i];
        if (c->incomplete)
            continue;
        bad += sweep_rich(&c->overview, &checked, &ragged);
        bad += sweep_rich(&c->evaluation, &checked, &ragged);
        bad += sweep_rich(&c->synergy, &checked, &ragged);
        bad += sweep_rich(&c->direction, &checked, &ragged);
    }
    printf("sweep: %d lines of the report's paragraphs checked at 20 measures; %d ragged "
           "(left short: no gap the rules let stretch)\n", checked, ragged);
    CHECK(bad == 0, "sweep: %d bad lines", bad);
    CHECK(checked > 10000, "sweep too small: %d", checked);
    pt_arena_free(arena);
}

int main(void)
{
    pt_ctx_init(&ctx);
    char path[4096];
    snprintf(path, sizeof path, "%s/fonts/BIZUDGothic-Regular.ttf", pt_datadir(&ctx));
    font = pt_font_load(&ctx, path);
    CHECK(font != NULL, "font: %s", ctx.err);
    ts = pt_typesetter_new(&ctx, PT_LB_STRICT);
    CHECK(ts != NULL, "typesetter: %s", ctx.err);
    if (!font || !ts)
        return TEST_END();
    spacing_cases();
    justification_cases();
    paragraph_cases();
    phrase_cases();
    report_sweep();
    /* A missing character is an error naming it. */
    pt_lines l = {0};
    pt_para_style st = { font, 10000, 0, false, PT_ALIGN_JUSTIFY };
    CHECK(!pt_para_layout(&ctx, ts, &st, "私用\xee\x80\x80", strlen("私用\xee\x80\x80"), &l),
          "U+E000 must fail");
    CHECK(strstr(ctx.err, "U+E000") != NULL, "message names U+E000: %s", ctx.err);
    pt_lines_free(&l);
    pt_typesetter_free(ts);
    pt_font_free(font);
    return TEST_END();
}
