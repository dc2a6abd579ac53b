/* brk_test.c - line-break opportunities: the conformance cases B1-B23 of the
 * reference (§7), the ICU gaps of §2.4 (raw ICU vs the post-filter), cases from
 * the report text where the house rules bite, and Unicode's LineBreakTest.txt
 * through raw ICU (strict) with the known ICU tailorings listed by line.
 *
 * Break strings: the text with '|' at every PT_BRK_ALLOW opportunity and '!' at
 * every PT_BRK_MUST one before the end (none of the inputs contains '!' or '|'). */
#include "brk.h"
#include "test.h"

#include <stdlib.h>
#include <string.h>

typedef void (*break_fn)(pt_breaker *, const char *, size_t, uint8_t *);

/* Runs fn on text and returns the break string (heap, caller frees). Also checks
 * the array's invariants: brk[0] NONE, brk[len] MUST, NONE inside a UTF-8
 * sequence. */
static char *render(pt_breaker *b, break_fn fn, const char *text)
{
    size_t len = strlen(text);
    uint8_t *brk = malloc(len + 1);
    memset(brk, 0xAA, len + 1);  /* the function must fill every entry */
    fn(b, text, len, brk);
    CHECK(len == 0 || brk[0] == PT_BRK_NONE, "brk[0] of \"%s\" is %d", text, brk[0]);
    CHECK(brk[len] == PT_BRK_MUST, "brk[len] of \"%s\" is %d", text, brk[len]);
    bool inside_ok = true;
    for (size_t i = 0; i < len; i++)
        if (((unsigned char)text[i] & 0xC0) == 0x80 && brk[i] != PT_BRK_NONE)
            inside_ok = false;
    CHECK(inside_ok, "\"%s\": opportunity inside a UTF-8 sequence", text);

    pt_buf out = {0};
    for (size_t i = 0; i < len; i++) {
        if (i > 0 && brk[i] == PT_BRK_ALLOW)
            pt_buf_puts(&out, "|");
        else if (i > 0 && brk[i] == PT_BRK_MUST)
            pt_buf_puts(&out, "!");
        pt_buf_add(&out, text + i, 1);
    }
    pt_buf_add(&out, "", 1);
    free(brk);
    return out.s;
}

/* Compares the break string of text under fn with want. */
static void check_breaks(pt_breaker *b, break_fn fn, const char *what,
                         const char *text, const char *want)
{
    char *got = render(b, fn, text);
    CHECK_STR(got, want, what);
    free(got);
}

/* One conformance case: pt_breaks must give want; raw ICU gives icu (NULL: the
 * same as want, i.e. ICU alone already satisfies the rule). */
typedef struct bcase { const char *id, *text, *want, *icu; } bcase;

/* §7 under ja@lb=strict. B17 keeps full-width digits as printed (the document
 * is not normalised), so the wanted string is the full-width one. */
static const bcase strict_cases[] = {
    { "B1",  "（R6年度）の", "（R6|年|度）|の", NULL },
    { "B2",  "「きさらづ学校給食米®」を", "「き|さ|ら|づ|学|校|給|食|米®」|を",
             "「き|さ|ら|づ|学|校|給|食|米|®」|を" },
    { "B3",  "10,844件", "10,844|件", NULL },
    { "B4",  "1,543万人", "1,543万|人", "1,543|万|人" },
    { "B5",  "CO2削減", "CO2|削|減", NULL },
    { "B6",  "令和6年度は……。", "令|和|6|年|度|は……。", NULL },
    { "B7",  "です。」と", "で|す。」|と", NULL },
    { "B8",  "きゃっと", "きゃっ|と", NULL },
    { "B9",  "データーの", "デー|ター|の", NULL },
    { "B10", "人々の", "人々|の", NULL },
    { "B11", "9時〜17時", "9|時〜|17|時", NULL },
    { "B12", "市民・事業者", "市|民・|事|業|者", NULL },
    { "B13a", "100％と3.2%増", "100％|と|3.2%|増", NULL },
    { "B13b", "￥1,000と¥1,000", "￥1,000|と|¥1,000", NULL },
    { "B14", "100㎡の", "100㎡|の", "100|㎡|の" },
    { "B15a", "前——後", "前|——|後", NULL },
    { "B15b", "前――後", "前|――|後", NULL },
    { "B16", "Society 5.0の", "Society |5.0|の", NULL },
    { "B17", "１０，８４４件", "１０，８４４|件", "１|０，|８|４|４|件" },
    { "B18", "ですか？」と", "で|す|か？」|と", NULL },
    { "B19", "です。（注）", "で|す。|（注）", NULL },
    { "B20", "“東京”から", "“東|京”|か|ら", NULL },
    { "B21", "・市民", "・市|民", "・|市|民" },
    { "B22", "一行目\n二行目", "一|行|目\n!二|行|目", NULL },
};

/* §7 cases whose normal-strictness result differs (B10 does not). */
static const bcase normal_cases[] = {
    { "B8 normal",  "きゃっと", "き|ゃ|っ|と", NULL },
    { "B9 normal",  "データーの", "デ|ー|タ|ー|の", NULL },
    { "B10 normal", "人々の", "人々|の", NULL },
    { "B11 normal", "9時〜17時", "9|時|〜|17|時", NULL },
};

/* §2.4: what ICU (strict) gives and what the post-filter makes of it. */
static const bcase gap_cases[] = {
    { "2.4 mark",      "米®」", "米®」", "米|®」" },
    { "2.4 squared",   "100㎡の", "100㎡|の", "100|㎡|の" },
    { "2.4 fw number", "１０，８４４件", "１０，８４４|件", "１|０，|８|４|４|件" },
    { "2.4 fw word",   "ＣＯ２削減", "ＣＯ２|削|減", "Ｃ|Ｏ|２|削|減" },
    { "2.4 myriad",    "1,543万人", "1,543万|人", "1,543|万|人" },
    { "2.4 marker",    "・市民", "・市|民", "・|市|民" },
    { "2.4 leaders",   "は……。", "は……。", NULL },
};

/* From the report's text. Expectations worked out from UAX #14 / the CSS strict
 * tailoring plus the filter rules, not from the program's output:
 * - `(R6年2月末)`: space then `(` breaks after the space (LB18), nothing after
 *   `(` (LB14), `R6` together (LB23), breaks between number and kanji. No house
 *   rule applies: `件` is not 万/億/兆.
 * - `4Rの推進`: NU × AL (LB23), AL ÷ ID.
 * - `1,185.00t-CO2`: number with IS kept (LB25), NU × AL, × HY (LB21); UAX #14
 *   allows a break after the hyphen before a letter, the house rule
 *   inside_hyphenated_word removes it (`t-CO2` is one unit).
 * - `X（旧Twitter）・Facebook等`: AL ÷ full-width OP (LB30 excludes ea=F
 *   openers), × CL, CL × NS for `・` (strict), NS ÷ AL.
 * - `①...「アクアコイン」の`: ID ÷ OP before `「`, nothing after it. */
static const bcase report_cases[] = {
    { "report ®", "「きさらづ学校給食米®」を", "「き|さ|ら|づ|学|校|給|食|米®」|を",
      "「き|さ|ら|づ|学|校|給|食|米|®」|を" },
    { "report 件", "10,844件 (R6年2月末)", "10,844|件 |(R6|年|2|月|末)", NULL },
    { "report 万人", "1,543万人", "1,543万|人", "1,543|万|人" },
    { "report 万コイン", "7,551万コイン", "7,551万|コ|イ|ン", "7,551|万|コ|イ|ン" },
    { "report ○", "○市民や事業者などが", "○市|民|や|事|業|者|な|ど|が",
      "○|市|民|や|事|業|者|な|ど|が" },
    { "report ①", "①電子地域通貨「アクアコイン」の",
      "①電|子|地|域|通|貨|「ア|ク|ア|コ|イ|ン」|の",
      "①|電|子|地|域|通|貨|「ア|ク|ア|コ|イ|ン」|の" },
    { "report (1)", "(1)地産地消な暮らし", "(1)地|産|地|消|な|暮|ら|し",
      "(1)|地|産|地|消|な|暮|ら|し" },
    { "report %", "481.3%", "481.3%", NULL },
    { "report t-CO2", "1,185.00t-CO2", "1,185.00t-CO2", "1,185.00t-|CO2" },
    { "report Uni-Voice", "音声コード(Uni-Voice)の導入", "音|声|コー|ド|(Uni-Voice)|の|導|入",
      "音|声|コー|ド|(Uni-|Voice)|の|導|入" },
    { "kana-hyphen-Latin may break", "らづ-Biz支援", "ら|づ-|Biz|支|援", NULL },
    { "report 4R", "4Rの推進", "4R|の|推|進", NULL },
    { "report X", "X（旧Twitter）・Facebook等", "X|（旧|Twitter）・|Facebook|等", NULL },
};

/* Edges of each rule: where it must bite and where it must not. */
static const bcase rule_cases[] = {
    /* squared block: any squared word after a digit (㌖ is not in the cl-13
     * list), but not after a kanji; listed units after anything. */
    { "squared after digit",  "5㌖先", "5㌖|先", "5|㌖|先" },
    { "squared after kanji",  "約㌖", "約|㌖", NULL },
    { "listed unit anywhere", "約㎡", "約㎡", "約|㎡" },
    /* full-width: decimal point, letters+digits, but ，between letters is a comma. */
    { "fw decimal",   "１０．５％増", "１０．５％|増", "１|０．|５％|増" },
    { "fw era",       "Ｒ６年", "Ｒ６|年", "Ｒ|６|年" },
    { "fw comma",     "Ａ，Ｂ", "Ａ，|Ｂ", NULL },
    { "fw myriad",    "１００万円", "１００万|円", "１|０|０|万|円" },
    { "oku, chou",    "3億2兆", "3億|2兆", "3|億|2|兆" },
    { "myriad alone", "百万円", "百|万|円", NULL },
    /* list markers: full-width parentheses and digits; spaces are taken along;
     * only at the start of the paragraph. */
    { "marker （１）", "（１）市民", "（１）市|民", "（１）|市|民" },
    { "marker space", "○　市民", "○　市|民", "○　|市|民" },
    { "marker ※",     "※市民", "※市|民", "※|市|民" },
    { "marker ⑳",     "⑳市民", "⑳市|民", "⑳|市|民" },
    { "marker mid",   "市民○会議", "市|民|○|会|議", NULL },
    { "not a marker", "(a)市民", "(a)|市|民", NULL },
    { "marker only",  "○", "○", NULL },
    /* item numbers inside the text stay with what follows (issue: 「行い、①／生産」,
     * 「・②／定置用」); ICU allows a break after ① ② and after (2) */
    { "item ①",       "行い、①生産", "行|い、|①生|産", "行|い、|①|生|産" },
    { "item ・②",     "・②定置用", "・②定|置|用", "・|②|定|置|用" },
    { "item (2)",     "及び(2)の", "及|び|(2)の", "及|び|(2)|の" },
    { "item （１２）", "と（１２）を", "と|（１２）を", "と|（１|２）|を" },
    /* hard breaks survive the filter; the marker rule reaches only the first line */
    { "hard break",   "○\n・市民", "○\n!・|市|民", NULL },
};

/* Ranks as a string: the text with '/' before a PHRASE break, '|' before a
 * WORD break, '~' before an AVOID break and '.' before a CHAR break (CHAR
 * breaks are left out when phrases are asked for, to keep the cases short). */
static char *render_ranks(pt_breaker *b, const char *text, bool phrases)
{
    size_t len = strlen(text);
    uint8_t *brk = malloc(len + 1), *rank = malloc(len + 1);
    pt_breaks(b, text, len, brk);
    memset(rank, 0xAA, len + 1);   /* the function must fill every entry */
    pt_break_ranks(b, text, len, brk, phrases, rank);
    pt_buf out = {0};
    bool consistent = true;
    for (size_t i = 0; i < len; i++) {
        consistent &= (brk[i] == PT_BRK_ALLOW) == (rank[i] != 0);
        if (i > 0 && rank[i])
            pt_buf_puts(&out, rank[i] == PT_RANK_PHRASE ? "/" : rank[i] == PT_RANK_WORD ? "|"
                            : rank[i] == PT_RANK_AVOID ? "~" : phrases ? "" : ".");
        pt_buf_add(&out, text + i, 1);
    }
    CHECK(consistent, "\"%s\": a rank exactly where a break is allowed", text);
    pt_buf_add(&out, "", 1);
    free(brk);
    free(rank);
    return out.s;
}

/* Phrases (文節, the '/') worked out by hand: a content word (or compound)
 * with the particles and auxiliaries after it; punctuation, spaces and
 * openers separate. The '|' inside a phrase are the boundaries of ICU 72's ja
 * dictionary words, as ICU gives them (地|産地|消 is ICU's own split).
 * Numerals and counters: '~'. */
static void test_ranks(pt_breaker *b)
{
    static const struct { const char *text, *want; } cases[] = {
        { "温室効果ガスの排出削減", "温室|効果|ガス|の/排出|削減" },
        { "地産地消な暮らしの定着", "地|産地|消|な/暮らし|の/定着" },
        { "経済循環を高める食×農プロジェクト", "経済|循環|を/高める/食|×|農|プロジェクト" },
        { "安心・安全でおいしい木更津ブランドの確立",
          "安心・/安全|で/おいしい/木更津|ブランド|の/確立" },
        /* a noun in kana goes with the kanji after it (まち全体), a verb in
         * kana ends its phrase (つながる|ライフスタイル); (1) keeps its text */
        { "森里川海とつながるライフスタイル", "森|里川|海|と/つながる/ライフスタイル" },
        { "(1)まち全体でCO2の排出削減に向けて", "(1)まち|全体|で/CO2|の/排出|削減|に/向け|て" },
        { "取組を進めます", "取組|を/進|め|ます" },
        /* value cells: the period in parentheses is a phrase of its own */
        { "15,926千円(R4年度)", "15,926~千~円/(R4~年~度)" },
        { "KISARAZU ORGANIC CITY", "KISARAZU /ORGANIC /CITY" },
        { "避難所の確保", "避難所|の/確保" },
        /* a continuative stem before a kanji is a compound, not a phrase end */
        { "支え合いによる防災", "支え|合|い|による/防災" },
    };
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        char *got = render_ranks(b, cases[k].text, true);
        CHECK_STR(got, cases[k].want, "phrase ranks");
        free(got);
    }
    /* Without phrases only AVOID and CHAR: a numeral keeps its counter (延べ8回,
     * 5地区, 3か所, 令和6年度), other breaks are plain. By hand from ICU's
     * strict opportunities (every ideograph boundary; none inside 8 or 3,5). */
    static const struct { const char *text, *want; } plain[] = {
        { "延べ8回開催", "延.べ.8~回.開.催" },
        { "予定通り5地区で", "予.定.通.り.5~地~区.で" },
        { "3か所の", "3~か~所.の" },
        { "令和6年度は", "令.和.6~年~度.は" },
        { "10,844件", "10,844~件" },
        { "6次産業化", "6~次.産.業.化" },
    };
    for (size_t k = 0; k < sizeof plain / sizeof plain[0]; k++) {
        char *got = render_ranks(b, plain[k].text, false);
        CHECK_STR(got, plain[k].want, "counter ranks");
        free(got);
    }
}

static void run_cases(pt_breaker *b, const bcase *cases, size_t n)
{
    for (size_t k = 0; k < n; k++) {
        const bcase *c = &cases[k];
        char what[128];
        snprintf(what, sizeof what, "%s pt_breaks \"%s\"", c->id, c->text);
        check_breaks(b, pt_breaks, what, c->text, c->want);
        snprintf(what, sizeof what, "%s pt_breaks_icu \"%s\"", c->id, c->text);
        check_breaks(b, pt_breaks_icu, what, c->text, c->icu ? c->icu : c->want);
    }
}

/* B22: the opportunity after '\n' is mandatory, in both functions. */
static void test_hard_break(pt_breaker *b)
{
    const char *text = "一行目\n二行目";
    size_t len = strlen(text), nl = (size_t)(strchr(text, '\n') - text);
    uint8_t brk[64];
    pt_breaks(b, text, len, brk);
    CHECK_INT(brk[nl + 1], PT_BRK_MUST, "B22 pt_breaks after \\n");
    CHECK_INT(brk[nl], PT_BRK_NONE, "B22 pt_breaks before \\n");
    pt_breaks_icu(b, text, len, brk);
    CHECK_INT(brk[nl + 1], PT_BRK_MUST, "B22 pt_breaks_icu after \\n");
}

/* B23: no opportunity inside the URL, an emergency (grapheme) break at every
 * character. Also a grapheme cluster of several code points. */
static void test_url_and_graphemes(pt_breaker *b)
{
    const char *url = "www.city.kisarazu.lg.jp";
    check_breaks(b, pt_breaks, "B23 pt_breaks URL", url, url);
    size_t len = strlen(url);
    uint8_t brk[64];
    pt_graphemes(b, url, len, brk);
    CHECK_INT(brk[0], 0, "B23 grapheme brk[0]");
    size_t every = 0;
    for (size_t i = 1; i <= len; i++)
        every += brk[i] == 1;
    CHECK_INT(every, len, "B23 grapheme starts in the URL");

    /* か + combining voiced mark (U+3099) is one grapheme: no start between. */
    const char *ga = "か\xe3\x82\x99い";  /* 3 + 3 + 3 bytes */
    pt_graphemes(b, ga, 9, brk);
    CHECK(brk[3] == 0 && brk[6] == 1 && brk[9] == 1,
          "graphemes of か+゙+い: %d %d %d", brk[3], brk[6], brk[9]);
}

/* Degenerate input: empty text, invalid UTF-8. */
static void test_edges(pt_breaker *b)
{
    uint8_t brk[16];
    pt_breaks(b, "", 0, brk);
    CHECK_INT(brk[0], PT_BRK_MUST, "empty text: brk[0] is the end");
    pt_graphemes(b, "", 0, brk);
    CHECK_INT(brk[0], 1, "empty text: grapheme end");
    const char bad[] = "a\xff\xfe" "1万";
    size_t len = sizeof bad - 1;
    pt_breaks(b, bad, len, brk);
    CHECK(brk[0] == PT_BRK_NONE && brk[len] == PT_BRK_MUST, "invalid UTF-8: ends");
    CHECK_INT(brk[len - 3], PT_BRK_NONE, "invalid UTF-8: 1万 still together");
}

/* Lines of LineBreakTest.txt (Unicode 15.0.0) where ICU 72 deliberately differs
 * from the default UAX #14 algorithm (reference §2.3). */
typedef struct known { int line; const char *why; } known;
static const known tailorings[] = {
#define HY_START "hyphen-minus at text start kept with the following letter (ICU; UAX #14 later adds LB20a)"
#define IS_NU    "ICU's number rule keeps IS + digit together"
    { 2265, HY_START " -#" }, { 2267, HY_START " -\u0308#" },
    { 2421, HY_START " -\u00a7" }, { 2423, HY_START " -\u0308\u00a7" },
    { 2425, HY_START " -<reserved>" }, { 2427, HY_START " -\u0308<reserved>" },
    { 2429, HY_START " -<Thai>" }, { 2431, HY_START " -\u0308<Thai>" },
    { 2873, IS_NU ": ,0 at text start" }, { 2875, IS_NU ": ,\u03080 at text start" },
    { 7477, IS_NU ": ' .35 cents' keeps .3 after a space" },
    { 7576, IS_NU ": a.2" }, { 7577, IS_NU ": a.2" }, { 7578, IS_NU ": a.2" },
    { 7579, IS_NU ": a.2" }, { 7580, IS_NU ": a.2" }, { 7581, IS_NU ": a.2" },
    { 7583, IS_NU ": A.1" }, { 7584, IS_NU ": A.2" }, { 7585, IS_NU ": A.3" },
    { 7586, IS_NU ": A.4" }, { 7587, IS_NU ": a.2" },
#undef HY_START
#undef IS_NU
};
enum { NTAILORINGS = sizeof tailorings / sizeof tailorings[0] };
enum { LBTEST_LINES = 7654 };  /* test lines in the Unicode 15.0.0 file */

#define LBTEST "/usr/share/unicode/auxiliary/LineBreakTest.txt"

/* Parses one test line (comment already cut) into UTF-8 text and the expected
 * opportunities (want[o] = 1 when a break is wanted at byte offset o > 0).
 * Returns false for a line without code points. */
static bool parse_lbtest(char *line, pt_buf *text, uint8_t **want, size_t *wantcap)
{
    text->n = 0;
    size_t nbreaks = 0;
    size_t offs[512];
    bool any = false;
    for (char *tok = strtok(line, " \t\r\n"); tok; tok = strtok(NULL, " \t\r\n")) {
        if (strcmp(tok, "\xc3\xb7") == 0) {          /* ÷ */
            if (text->n > 0 && nbreaks < 512)
                offs[nbreaks++] = text->n;
        } else if (strcmp(tok, "\xc3\x97") != 0) {   /* not × : a code point */
            char u[4];
            int n = pt_utf8_encode((uint32_t)strtoul(tok, NULL, 16), u);
            pt_buf_add(text, u, (size_t)n);
            any = true;
        }
    }
    if (*wantcap < text->n + 1) {
        *wantcap = text->n + 1;
        *want = pt_xrealloc(*want, *wantcap);
    }
    memset(*want, 0, text->n + 1);
    for (size_t k = 0; k < nbreaks; k++)
        (*want)[offs[k]] = 1;
    return any;
}

static void test_linebreaktest(void)
{
    pt_ctx ctx;
    pt_ctx_init(&ctx);
    pt_breaker *b = pt_breaker_new(&ctx, PT_LB_STRICT);
    FILE *f = fopen(LBTEST, "r");
    CHECK(f != NULL, "%s is missing: install the Debian package unicode-data", LBTEST);
    if (!f || !b) {
        pt_breaker_free(b);
        if (f)
            fclose(f);
        return;
    }
    bool known_failed[NTAILORINGS] = {0}, known_seen[NTAILORINGS] = {0};
    int run = 0, passed = 0, skipped = 0, lineno = 0;
    char *line = NULL;
    size_t cap = 0, wantcap = 0;
    pt_buf text = {0};
    uint8_t *want = NULL, *got = NULL;
    while (getline(&line, &cap, f) > 0) {
        lineno++;
        char *hash = strchr(line, '#');
        if (hash)
            *hash = '\0';
        if (!parse_lbtest(line, &text, &want, &wantcap))
            continue;
        run++;
        got = pt_xrealloc(got, text.n + 1);
        pt_breaks_icu(b, text.s, text.n, got);
        size_t bad = 0;  /* first differing offset, 0 when all agree */
        for (size_t o = 1; o <= text.n && !bad; o++)
            if ((got[o] != PT_BRK_NONE) != (want[o] != 0))
                bad = o;
        int k = 0;
        while (k < NTAILORINGS && tailorings[k].line != lineno)
            k++;
        if (k < NTAILORINGS) {
            known_seen[k] = true;
            known_failed[k] = bad != 0;
            skipped++;
            continue;
        }
        CHECK(!bad, "%s:%d: ICU %s a break at byte %zu", LBTEST, lineno,
              want[bad] ? "misses" : "adds", bad);
        passed += !bad;
    }
    for (int k = 0; k < NTAILORINGS; k++)
        CHECK(known_seen[k] && known_failed[k],
              "%s:%d: listed as an ICU tailoring (%s) but %s", LBTEST, tailorings[k].line,
              tailorings[k].why, known_seen[k] ? "it passes now" : "it is not a test line");
    CHECK_INT(run, LBTEST_LINES, "LineBreakTest.txt test lines (Unicode 15.0.0)");
    printf("LineBreakTest.txt (ja@lb=strict): %d lines run, %d passed, %d skipped "
           "(known ICU tailorings), %d failed\n", run, passed, skipped, run - passed - skipped);
    free(line);
    free(want);
    free(got);
    pt_buf_free(&text);
    fclose(f);
    pt_breaker_free(b);
}

int main(void)
{
    pt_ctx ctx;
    pt_ctx_init(&ctx);
    pt_breaker *strict = pt_breaker_new(&ctx, PT_LB_STRICT);
    pt_breaker *normal = pt_breaker_new(&ctx, PT_LB_NORMAL);
    pt_breaker *loose = pt_breaker_new(&ctx, PT_LB_LOOSE);
    CHECK(strict && normal && loose, "pt_breaker_new: %s", ctx.err);
    if (!strict || !normal || !loose)
        return TEST_END();

    run_cases(strict, strict_cases, sizeof strict_cases / sizeof strict_cases[0]);
    run_cases(normal, normal_cases, sizeof normal_cases / sizeof normal_cases[0]);
    run_cases(strict, gap_cases, sizeof gap_cases / sizeof gap_cases[0]);
    run_cases(strict, report_cases, sizeof report_cases / sizeof report_cases[0]);
    run_cases(strict, rule_cases, sizeof rule_cases / sizeof rule_cases[0]);

    /* loose lets ％ start a line after a number (§2.2); the filter does not. */
    static const bcase loose_cases[] = {
        { "loose ％", "100％と", "100％|と", "100|％|と" },
        { "loose ￥", "￥100", "￥|100", NULL },  /* no rule on prefixes */
    };
    run_cases(loose, loose_cases, sizeof loose_cases / sizeof loose_cases[0]);

    test_hard_break(strict);
    test_ranks(strict);
    test_url_and_graphemes(strict);
    test_edges(strict);
    test_linebreaktest();

    pt_breaker_free(strict);
    pt_breaker_free(normal);
    pt_breaker_free(loose);
    return TEST_END();
}
