/* brk.c - line-break opportunities for one paragraph of UTF-8 text.
 *
 * Approach. ICU's line iterator does the real work: it implements UAX #14 plus
 * the CSS Text 3 `line-break` tailorings for Japanese ("ja@lb=strict" etc.), so
 * kinsoku (no closer, small kana, `ー` ... at line start; no opener at line end)
 * comes from ICU. The line iterator reads the text as UTF-16 (converted here,
 * each unit's byte offset kept) and the word and character iterators the
 * caller's UTF-8 through utext_openUTF8: the boundaries are byte offsets into
 * the same buffer HarfBuzz shapes.
 * Where the report's rules are stricter than ICU (reference §2.4), a post-filter
 * deletes opportunities: it slides a window of code points over the text and,
 * at every allowed break, asks a few small named predicates about the characters
 * around it (two on each side). A filter can only remove ALLOW opportunities;
 * it never adds one and never touches a mandatory break. This is much simpler
 * than custom ICU rules (ubrk_openRules would need a full copy of ICU's rule
 * file) and keeps each house rule readable on its own.
 *
 * The text is never changed: full-width digits and letters stay as printed, and
 * the filter keeps their runs together instead of normalising them.
 *
 * The iterators (one line iterator for the chosen strictness, one character
 * iterator for graphemes) are opened once in pt_breaker_new and reused for every
 * paragraph; the UText wrapping the caller's buffer lives on the stack for the
 * length of one call. */
#include "brk.h"

#include <stdlib.h>
#include <string.h>

#include <unicode/ubrk.h>
#include <unicode/utext.h>

struct pt_breaker {
    UBreakIterator *line;   /* UBRK_LINE, ja@lb=<strictness> */
    UBreakIterator *chars;  /* UBRK_CHARACTER, grapheme clusters */
    UBreakIterator *words;  /* UBRK_WORD, ja: ICU's dictionary words (phrases) */
    PT_VEC(UChar) u16;      /* pt_breaks_icu: the text in UTF-16 */
    PT_VEC(uint32_t) at;    /* ... and the byte offset of each of its units */
};

/* ICU locale per strictness: always with an explicit lb keyword (plain "ja" is
 * neither strict nor CSS normal, see reference §2.2). */
static const char *locale_for(pt_strictness s)
{
    switch (s) {
    case PT_LB_NORMAL: return "ja@lb=normal";
    case PT_LB_LOOSE:  return "ja@lb=loose";
    case PT_LB_STRICT: break;
    }
    return "ja@lb=strict";
}

pt_breaker *pt_breaker_new(pt_ctx *ctx, pt_strictness s)
{
    const char *loc = locale_for(s);
    UErrorCode st = U_ZERO_ERROR;
    UBreakIterator *line = ubrk_open(UBRK_LINE, loc, NULL, 0, &st);
    if (U_FAILURE(st)) {
        pt_fail(ctx, _("ICU line-break iterator for %s: %s"), loc, u_errorName(st));
        return NULL;
    }
    UBreakIterator *chars = ubrk_open(UBRK_CHARACTER, "ja", NULL, 0, &st);
    if (U_FAILURE(st)) {
        ubrk_close(line);
        pt_fail(ctx, _("ICU character iterator: %s"), u_errorName(st));
        return NULL;
    }
    UBreakIterator *words = ubrk_open(UBRK_WORD, "ja", NULL, 0, &st);
    if (U_FAILURE(st)) {
        ubrk_close(line);
        ubrk_close(chars);
        pt_fail(ctx, _("ICU word iterator: %s"), u_errorName(st));
        return NULL;
    }
    pt_breaker *b = pt_xrealloc(NULL, sizeof *b);
    b->line = line;
    b->chars = chars;
    b->words = words;
    b->u16.v = NULL;
    b->u16.n = b->u16.cap = 0;
    b->at.v = NULL;
    b->at.n = b->at.cap = 0;
    return b;
}

void pt_breaker_free(pt_breaker *b)
{
    if (!b)
        return;
    free(b->u16.v);
    free(b->at.v);
    ubrk_close(b->line);
    ubrk_close(b->chars);
    ubrk_close(b->words);
    free(b);
}

/* ---- the dictionary engine, made ahead ---- */

void pt_breaker_warm(void *arg, int who)
{
    (void)arg;
    (void)who;
    /* A word iterator over a few kanji and kana makes ICU build (and keep)
     * its CJK dictionary engine. */
    static const UChar text[] = {0x6F22, 0x5B57, 0x3068, 0x304B, 0x306A};   /* 漢字とかな */
    UErrorCode st = U_ZERO_ERROR;
    UBreakIterator *words = ubrk_open(UBRK_WORD, "ja", text, 5, &st);
    if (U_SUCCESS(st))
        while (ubrk_next(words) != UBRK_DONE)
            ;
    ubrk_close(words);
}

/* ---- ICU passes ---- */

/* Points bi at text[0..len) through the stack UText *ut. False when ICU refuses
 * (text longer than INT32_MAX bytes, or out of memory); *ut is then closed. */
static bool set_text(UBreakIterator *bi, UText *ut, const char *text, size_t len)
{
    if (len > INT32_MAX)
        return false;
    UErrorCode st = U_ZERO_ERROR;
    utext_openUTF8(ut, text, (int64_t)len, &st);
    ubrk_setUText(bi, ut, &st);  /* shallow: text must stay alive while used */
    if (U_FAILURE(st)) {
        utext_close(ut);
        return false;
    }
    return true;
}

/* Fallback when ICU cannot run: only the hard breaks after '\n' (and the end,
 * set by the caller). The emergency grapheme break still prevents overflow. */
static void newline_breaks(const char *text, size_t len, uint8_t *brk)
{
    for (size_t i = 0; i + 1 < len; i++)
        if (text[i] == '\n')
            brk[i + 1] = PT_BRK_MUST;
}

static const UChar EMPTY[1] = { 0 };   /* a text of no units (ICU wants a pointer) */

/* The text in UTF-16 into b->u16, with the byte offset of every unit (and
 * of the end) in b->at. False when the text is not valid UTF-8 (ICU's UTF-8
 * reader then replaces what is broken, as UTF-16 could not say the same),
 * or too long for ICU. */
static bool to_utf16(pt_breaker *b, const char *text, size_t len)
{
    b->u16.n = b->at.n = 0;
    if (len > INT32_MAX / 2)
        return false;
    for (size_t i = 0; i < len;) {
        uint32_t at = (uint32_t)i;
        int32_t cp = pt_utf8_decode(text, len, &i);
        if (cp < 0)
            return false;
        if (cp < 0x10000) {
            PT_PUSH(b->u16, (UChar)cp);
            PT_PUSH(b->at, at);
        } else {
            PT_PUSH(b->u16, (UChar)(0xD7C0 + (cp >> 10)));
            PT_PUSH(b->u16, (UChar)(0xDC00 | (cp & 0x3FF)));
            PT_PUSH(b->at, at);
            PT_PUSH(b->at, at);   /* never a boundary: inside the pair */
        }
    }
    PT_PUSH(b->at, (uint32_t)len);
    return true;
}

/* brk[0..len] are zeroed, then set from ICU. For len == 0 the end-of-text rule
 * wins: brk[0] = PT_BRK_MUST. ICU reads valid text in UTF-16 (its own form,
 * a quarter cheaper than its UTF-8 reader, which maps every position to a
 * byte); the boundaries it reports are code point starts, mapped to bytes
 * through b->at. */
void pt_breaks_icu(pt_breaker *b, const char *text, size_t len, uint8_t *brk)
{
    memset(brk, PT_BRK_NONE, len + 1);
    UText ut = UTEXT_INITIALIZER;
    bool utf16 = to_utf16(b, text, len);
    UErrorCode st = U_ZERO_ERROR;
    if (utf16)
        ubrk_setText(b->line, b->u16.v ? b->u16.v : EMPTY, (int32_t)b->u16.n,
                     &st);
    if (utf16 ? U_FAILURE(st) : !set_text(b->line, &ut, text, len)) {
        newline_breaks(text, len, brk);
    } else {
        ubrk_first(b->line);
        for (int32_t i; (i = ubrk_next(b->line)) != UBRK_DONE; ) {
            size_t at = utf16 ? b->at.v[i] : (size_t)i;
            if (i <= 0 || at >= len)
                continue;
            brk[at] = ubrk_getRuleStatus(b->line) >= UBRK_LINE_HARD ? PT_BRK_MUST
                                                                  : PT_BRK_ALLOW;
        }
        if (!utf16)
            utext_close(&ut);
    }
    brk[len] = PT_BRK_MUST;
}

void pt_graphemes(pt_breaker *b, const char *text, size_t len, uint8_t *brk)
{
    memset(brk, 0, len + 1);
    UText ut = UTEXT_INITIALIZER;
    if (!set_text(b->chars, &ut, text, len)) {
        /* Fallback: every code point start is a grapheme start. */
        for (size_t i = 0; i < len; ) {
            pt_utf8_decode(text, len, &i);
            brk[i] = 1;
        }
    } else {
        ubrk_first(b->chars);
        for (int32_t at; (at = ubrk_next(b->chars)) != UBRK_DONE; )
            if (at > 0 && (size_t)at <= len)
                brk[at] = 1;
        utext_close(&ut);
    }
    brk[len] = 1;
}

/* ---- post-filter: character classes ---- */

/* No character (before the start / after the end) or an invalid sequence. */
enum { NO_CHAR = -1 };

/* Four code points around a break opportunity: the break lies between l and r;
 * l2 precedes l, r2 follows r. Missing ones are NO_CHAR. */
typedef struct window { int32_t l2, l, r, r2; } window;

static bool is_ascii_digit(int32_t c) { return c >= '0' && c <= '9'; }
static bool is_fw_digit(int32_t c)    { return c >= 0xFF10 && c <= 0xFF19; }
static bool is_digit(int32_t c)       { return is_ascii_digit(c) || is_fw_digit(c); }

/* Full-width alphanumerics: ０-９ Ａ-Ｚ ａ-ｚ. */
static bool is_fw_alnum(int32_t c)
{
    return is_fw_digit(c) || (c >= 0xFF21 && c <= 0xFF3A) || (c >= 0xFF41 && c <= 0xFF5A);
}

/* Full-width digit-group separators ，．(inside numbers such as １０，８４４). */
static bool is_fw_separator(int32_t c) { return c == 0xFF0C || c == 0xFF0E; }

static bool in_list(int32_t c, const int32_t *list, size_t n)
{
    for (size_t k = 0; k < n; k++)
        if (list[k] == c)
            return true;
    return false;
}

/* JLREQ cl-13 postfixed abbreviations, as listed in the reference §1.1. */
static bool is_postfix(int32_t c)
{
    static const int32_t cl13[] = {
        0x00B0, 0x2032, 0x2033, 0x2103, 0x00A2, 0x0025, 0x2030,  /* ° ′ ″ ℃ ¢ % ‰ */
        0xFF05, 0xFFE0, 0x2113,                                  /* ％ ￠ ℓ */
        0x33CB, 0x3303, 0x330D, 0x3314, 0x3318, 0x3322, 0x3323,  /* ㏋ ㌃ ㌍ ㌔ ㌘ ㌢ ㌣ */
        0x3326, 0x3327, 0x332B, 0x3336, 0x333B, 0x3349, 0x334A,  /* ㌦ ㌧ ㌫ ㌶ ㌻ ㍉ ㍊ */
        0x334D, 0x3351, 0x3357, 0x338E, 0x338F, 0x339C, 0x339D,  /* ㍍ ㍑ ㍗ ㎎ ㎏ ㎜ ㎝ */
        0x339E, 0x33A1, 0x33C4,                                  /* ㎞ ㎡ ㏄ */
    };
    /* The list lies below U+2200, in U+3300-33FF and from U+FF00: kana and
     * kanji, most of the text, need no search. */
    if (c >= 0x2200 && (c < 0x3300 || c > 0x33FF) && c < 0xFF00)
        return false;
    return in_list(c, cl13, sizeof cl13 / sizeof cl13[0]);
}

/* The CJK Compatibility block of squared words and units (㍉ ㎡ ㍻ ...). */
static bool is_squared(int32_t c) { return c >= 0x3300 && c <= 0x33FF; }

/* Paragraph-initial list markers of one character: ○ ● ◎ ・ ■ □ ◆ ◇ ※ ①-⑳. */
static bool is_marker_char(int32_t c)
{
    static const int32_t marks[] = {
        0x25CB, 0x25CF, 0x25CE, 0x30FB, 0x25A0, 0x25A1, 0x25C6, 0x25C7, 0x203B,
    };
    return in_list(c, marks, sizeof marks / sizeof marks[0]) || (c >= 0x2460 && c <= 0x2473);
}

static bool is_space(int32_t c) { return c == ' ' || c == 0x3000; }

/* ---- post-filter: the rules, each true when the break must be deleted ---- */

/* ® ™ © belong to the word they mark (`米®`); UAX #14 classes them AL (™ AI,
 * resolved to AL), so ICU allows a break between an ideograph and them. */
static bool mark_follows(const window *w)
{
    return w->r == 0x00AE || w->r == 0x2122 || w->r == 0x00A9;
}

/* A postfixed abbreviation (cl-13) must not start a line: `100㎡`, `25℃`. ICU
 * already keeps PO characters such as % after a number, but the squared units
 * are ID in UAX #14, and loose strictness would split `100|％`. */
static bool postfix_follows(const window *w)
{
    return is_postfix(w->r);
}

/* Any squared unit or word after a number is read as that number's unit
 * (`5㌔`), so the whole U+3300-33FF block counts as postfix after a digit. */
static bool squared_unit_after_digit(const window *w)
{
    return is_digit(w->l) && is_squared(w->r);
}

/* A run of full-width letters and digits is one word or number (`ＣＯ２`,
 * `Ｒ６`); ICU classes each of them ID and breaks between every two. */
static bool inside_fw_alnum_run(const window *w)
{
    return is_fw_alnum(w->l) && is_fw_alnum(w->r);
}

/* A full-width ，or ．between full-width digits is a digit-group or decimal
 * separator (`１０，８４４`, `３．２`); ICU treats it as a comma/stop and allows a
 * break after it. Checked on both sides of the separator. */
static bool inside_fw_number(const window *w)
{
    return (is_fw_digit(w->l2) && is_fw_separator(w->l) && is_fw_digit(w->r))
        || (is_fw_digit(w->l) && is_fw_separator(w->r) && is_fw_digit(w->r2));
}

/* House rule (reference §6.3): a number and its 万/億/兆 are one quantity
 * (`1,543万`). The digit before the break is enough: in `1,543万` it is `3`. */
static bool myriad_after_digit(const window *w)
{
    return is_digit(w->l) && (w->r == 0x4E07 || w->r == 0x5104 || w->r == 0x5146);
}

static bool is_ascii_alnum(int32_t c)
{
    return is_ascii_digit(c) || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

/* A hyphen-minus between Latin letters or figures joins one word or unit
 * (`t-CO2`, `Uni-Voice`, `らづ-Biz` is not affected: its left side is kana).
 * The report never hyphenates, and a unit must not be split (§1.4). */
static bool inside_hyphenated_word(const window *w)
{
    return w->l == '-' && is_ascii_alnum(w->l2) && is_ascii_alnum(w->r);
}

/* True when the opportunity described by w must be deleted. */
static bool keep_together(const window *w)
{
    return mark_follows(w)
        || postfix_follows(w)
        || squared_unit_after_digit(w)
        || inside_fw_alnum_run(w)
        || inside_fw_number(w)
        || myriad_after_digit(w)
        || inside_hyphenated_word(w);
}

static bool is_circled_number(int32_t c) { return c >= 0x2460 && c <= 0x2473; }

/* Byte offset just past an item number at text[0] (①-⑳, or digits in ASCII
 * or full-width parentheses: (1) （１）), or 0 when there is none. */
static size_t item_number_end(const char *text, size_t len)
{
    size_t i = 0;
    int32_t c = len ? pt_utf8_decode(text, len, &i) : NO_CHAR;
    if (is_circled_number(c))
        return i;
    if (c != '(' && c != 0xFF08)
        return 0;
    size_t ndigits = 0;
    while (i < len) {
        c = pt_utf8_decode(text, len, &i);
        if (is_digit(c))
            ndigits++;
        else
            return (c == ')' || c == 0xFF09) && ndigits > 0 ? i : 0;
    }
    return 0;
}

size_t pt_list_marker_end(const char *text, size_t len)
{
    size_t i = 0;
    int32_t c = len ? pt_utf8_decode(text, len, &i) : NO_CHAR;
    if (is_marker_char(c))
        return i;
    return item_number_end(text, len);
}

/* House rule: an item number inside the text (`行い、①生産`, `・②定置用`,
 * `及び(2)の`) refers to what follows it and is never left alone at a line
 * end: the opportunity right after it is deleted. (At the paragraph start the
 * list-marker rule below also takes typed spaces along.) */
static void keep_item_numbers(const char *text, size_t len, uint8_t *brk)
{
    for (size_t i = 0; i < len; ) {
        /* An item number starts with ( U+0028, （ U+FF08 (EF BC 88) or ①-⑳
         * U+2460-2473 (E2 91 A0-B3): other lead bytes need no closer look. */
        unsigned char c = (unsigned char)text[i];
        size_t end = c == '(' || c == 0xEF || c == 0xE2 ? item_number_end(text + i, len - i) : 0;
        if (end && i + end < len && brk[i + end] == PT_BRK_ALLOW)
            brk[i + end] = PT_BRK_NONE;
        pt_utf8_decode(text, len, &i);
    }
}

/* House rule (reference §6.2): a list marker at the start of the paragraph is
 * never left alone at a line end (`○|市民`, `(1)|地産`). Spaces typed between
 * marker and text (`○　市民`) are taken along, so the first text character stays
 * with the marker too. Deletes the ALLOW opportunities from the marker's end up
 * to the one just before the first non-space character after it. */
static void keep_list_marker(const char *text, size_t len, uint8_t *brk)
{
    size_t at = pt_list_marker_end(text, len);
    if (at == 0)
        return;
    while (at < len) {
        if (brk[at] == PT_BRK_ALLOW)
            brk[at] = PT_BRK_NONE;
        size_t next = at;
        if (!is_space(pt_utf8_decode(text, len, &next)))
            break;
        at = next;
    }
}

void pt_breaks(pt_breaker *b, const char *text, size_t len, uint8_t *brk)
{
    pt_breaks_icu(b, text, len, brk);

    /* Slide the window over the code points: `at` is the byte offset of w.r,
     * `i` the offset just past w.r2. */
    window w = { NO_CHAR, NO_CHAR, NO_CHAR, NO_CHAR };
    size_t i = 0, at = 0;
    if (len)
        w.r = pt_utf8_decode(text, len, &i);
    while (at < len) {
        size_t next_at = i;
        w.r2 = i < len ? pt_utf8_decode(text, len, &i) : NO_CHAR;
        if (at > 0 && brk[at] == PT_BRK_ALLOW && keep_together(&w))
            brk[at] = PT_BRK_NONE;
        w.l2 = w.l;
        w.l = w.r;
        w.r = w.r2;
        at = next_at;
    }

    keep_list_marker(text, len, brk);
    keep_item_numbers(text, len, brk);
}

/* ---- ranks: phrases and counters ---- */

/* Counters and units written after a numeral (reference §6.3: `10,844件`,
 * `5地区`, `R6年度`, `3か所`), longest first where one begins another. */
static const char *const COUNTERS[] = {
    "か所", "ヶ所", "箇所", "か月", "ヶ月", "カ月", "か国", "地区", "施設", "団体", "世帯",
    "年度", "年間", "日間", "週間", "時間", "千円", "万円", "周年", "人目",
    "回", "件", "人", "年", "月", "日", "時", "分", "秒", "週", "円", "社", "校", "店", "食",
    "期", "次", "名", "個", "台", "本", "戸", "品", "点", "割", "倍", "歳", "番", "号", "頭",
    "枚", "冊", "組", "部", "区", "園", "館", "箇",
};

/* Byte length of the counter at text[0..len), or 0. */
static size_t counter_len(const char *text, size_t len)
{
    for (size_t k = 0; k < sizeof COUNTERS / sizeof COUNTERS[0]; k++) {
        size_t n = strlen(COUNTERS[k]);
        if (n <= len && !memcmp(text, COUNTERS[k], n))
            return n;
    }
    return 0;
}

/* A numeral and its counter stay together where the line allows (AVOID from
 * the last digit to the counter's last character). */
static void avoid_counter_breaks(const char *text, size_t len, const uint8_t *brk, uint8_t *rank)
{
    for (size_t i = 0; i < len; ) {
        int32_t c = pt_utf8_decode(text, len, &i);
        if (!is_digit(c))
            continue;
        size_t n = counter_len(text + i, len - i);
        for (size_t k = i; n && k < i + n; k++)
            if (brk[k] == PT_BRK_ALLOW)
                rank[k] = PT_RANK_AVOID;
    }
}

static bool is_hiragana(int32_t c) { return (c >= 0x3041 && c <= 0x309F) || c == 0x30FC; }

/* Characters after which a phrase ends: closers, 、。，．, ・：；, ！？, spaces. */
static bool ends_phrase(int32_t c)
{
    static const int32_t enders[] = {
        0x3001, 0x3002, 0xFF0C, 0xFF0E, 0x30FB, 0xFF1A, 0xFF1B, 0xFF01, 0xFF1F, 0x300D,
        0x300F, 0xFF09, 0x3015, 0xFF3D, 0xFF5D, 0x3009, 0x300B, 0x3011, 0x3017, 0x3019,
        0x201D, 0x2019, ')', ']', '!', '?', ',', '.', ';', ':', 0x00B7,
    };
    return is_space(c) || in_list(c, enders, sizeof enders / sizeof enders[0]);
}

/* Characters before which a phrase starts: openers. */
static bool starts_phrase(int32_t c)
{
    static const int32_t openers[] = {
        0x300C, 0x300E, 0xFF08, 0x3014, 0xFF3B, 0xFF5B, 0x3008, 0x300A, 0x3010, 0x3016,
        0x3018, 0x201C, 0x2018, '(', '[',
    };
    return in_list(c, openers, sizeof openers / sizeof openers[0]);
}

/* A word of hiragana alone is a particle, an auxiliary or an inflection
 * (の を に は た ます した づくり); it belongs to the phrase before it. */
static bool function_word(const char *text, size_t a, size_t b)
{
    for (size_t i = a; i < b; )
        if (!is_hiragana(pt_utf8_decode(text, b, &i)))
            return false;
    return a < b;
}

/* Particles that end a phrase (の を に は が で と も へ や な): after one of
 * them, a word of hiragana (おいしい, まちづくり) starts the next phrase. */
static bool particle(const char *text, size_t a, size_t b)
{
    static const char *const list[] = { "の", "を", "に", "は", "が", "で", "と", "も", "へ",
                                        "や", "な", "から", "まで", "より", "など", "への" };
    for (size_t k = 0; k < sizeof list / sizeof list[0]; k++)
        if (strlen(list[k]) == b - a && !memcmp(text + a, list[k], b - a))
            return true;
    return false;
}

/* A verb stem in the continuative form (支え, 取り, 受け: okurigana of the i-
 * or e-row after a kanji) followed by a kanji continues a compound (支え合い,
 * 取り組み, 受け入れ) rather than ending a phrase. */
static bool compound_stem(const char *text, size_t a, size_t b, int32_t l, int32_t r)
{
    static const int32_t stems[] = {
        0x3044, 0x304D, 0x3057, 0x3061, 0x306B, 0x3072, 0x307F, 0x308A, 0x304E, 0x3058,   /* いきしちにひみりぎじ */
        0x3073, 0x3048, 0x3051, 0x305B, 0x3066, 0x306D, 0x3078, 0x3081, 0x308C, 0x3079,   /* びえけせてねへめれべ */
        0x3052,                                                                            /* げ */
    };
    if (!in_list(l, stems, sizeof stems / sizeof stems[0]) || r < 0x4E00 || r > 0x9FFF)
        return false;
    size_t i = a;   /* the word must hold a kanji before its kana */
    while (i < b) {
        int32_t c = pt_utf8_decode(text, b, &i);
        if (c >= 0x4E00 && c <= 0x9FFF)
            return true;
    }
    return false;
}

/* Last code point of text[a..b). */
static int32_t last_char(const char *text, size_t a, size_t b)
{
    if (b <= a)
        return NO_CHAR;
    size_t i = b - 1;
    while (i > a && ((unsigned char)text[i] & 0xC0) == 0x80)
        i--;
    return pt_utf8_decode(text, b, &i);
}

/* A word of two or more hiragana that is neither a particle nor an
 * auxiliary, nor a verb or adjective (ending in an u-row kana or い:
 * つながる, おいしい, which end a phrase before the noun they qualify), is a
 * noun written in kana (まち): it does not end a phrase before the kanji
 * after it (まち全体で). */
static bool hiragana_content(const char *text, size_t a, size_t b)
{
    static const char *const function[] = {
        "した", "して", "する", "され", "れる", "られる", "せる", "ます", "です", "ない", "たい",
        "いる", "ある", "なる", "よる", "による", "ため", "った", "って", "しま", "まし",
    };
    static const int32_t predicate_ends[] = {
        0x3046, 0x304F, 0x3059, 0x3064, 0x306C, 0x3075, 0x3080, 0x3086, 0x308B, 0x3044,  /* うくすつぬふむゆるい */
        0x3050, 0x305A, 0x3065, 0x3076, 0x3077,                                          /* ぐずづぶぷ */
    };
    if (!function_word(text, a, b) || b - a < 6 || particle(text, a, b)
        || in_list(last_char(text, a, b), predicate_ends,
                   sizeof predicate_ends / sizeof predicate_ends[0]))
        return false;
    for (size_t k = 0; k < sizeof function / sizeof function[0]; k++)
        if (strlen(function[k]) == b - a && !memcmp(text + a, function[k], b - a))
            return false;
    return true;
}


/* Marks ICU's word boundaries WORD and the phrase boundaries among them
 * PHRASE. A phrase boundary lies between two words where the first ends in
 * hiragana (a particle, an auxiliary, an inflection) and the second does not
 * start with it (ガスの|排出, 高める|食) unless the first is a content word
 * in kana (まち全体) or a verb stem of a compound (支え合い), where a particle is followed by a
 * hiragana word of two or more characters that is not one (安全で|おいしい), or
 * where punctuation or a space says so (ends_phrase / starts_phrase). Compounds of content words (排出削減,
 * 脱炭素化プロジェクト) stay one phrase. */
static void phrase_ranks(pt_breaker *b, const char *text, size_t len, const uint8_t *brk,
                         uint8_t *rank)
{
    UText ut = UTEXT_INITIALIZER;
    if (!set_text(b->words, &ut, text, len))
        return;   /* ranks stay CHAR: lines break as in body text */
    size_t prev = 0, at = (size_t)ubrk_first(b->words);
    int32_t next;
    while ((next = ubrk_next(b->words)) != UBRK_DONE) {
        /* the word [prev, at) ends at `at`; the next one is [at, next) */
        if (at > 0 && at < len && brk[at] == PT_BRK_ALLOW) {
            size_t i = at;
            int32_t r = pt_utf8_decode(text, len, &i);
            size_t end = (size_t)next;
            int32_t l = last_char(text, prev, at);
            bool phrase = ends_phrase(l) || starts_phrase(r)
                       || (is_hiragana(l) && !is_hiragana(r)
                           && !compound_stem(text, prev, at, l, r)
                           && !hiragana_content(text, prev, at))
                       || (particle(text, prev, at) && function_word(text, at, end)
                           && !particle(text, at, end) && end - at >= 6);
            rank[at] = phrase ? PT_RANK_PHRASE : PT_RANK_WORD;
        }
        prev = at;
        at = (size_t)next;
    }
    utext_close(&ut);
}

void pt_break_ranks(pt_breaker *b, const char *text, size_t len, const uint8_t *brk,
                    bool phrases, uint8_t *rank)
{
    for (size_t i = 0; i <= len; i++)
        rank[i] = brk[i] == PT_BRK_ALLOW ? PT_RANK_CHAR : 0;
    if (phrases)
        phrase_ranks(b, text, len, brk, rank);
    avoid_counter_breaks(text, len, brk, rank);
}
