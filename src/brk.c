/* brk.c - line-break opportunities for one paragraph of UTF-8 text.
 *
 * Approach. ICU's line iterator does the real work: it implements UAX #14 plus
 * the CSS Text 3 `line-break` tailorings for Japanese ("ja@lb=strict" etc.), so
 * kinsoku (no closer, small kana, `ー` ... at line start; no opener at line end)
 * comes from ICU. ICU reads the caller's UTF-8 through utext_openUTF8, so the
 * boundaries it reports are byte offsets into the same buffer HarfBuzz shapes.
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
        pt_fail(ctx, "ICU line-break iterator for %s: %s", loc, u_errorName(st));
        return NULL;
    }
    UBreakIterator *chars = ubrk_open(UBRK_CHARACTER, "ja", NULL, 0, &st);
    if (U_FAILURE(st)) {
        ubrk_close(line);
        pt_fail(ctx, "ICU character iterator: %s", u_errorName(st));
        return NULL;
    }
    pt_breaker *b = pt_xrealloc(NULL, sizeof *b);
    b->line = line;
    b->chars = chars;
    return b;
}

void pt_breaker_free(pt_breaker *b)
{
    if (!b)
        return;
    ubrk_close(b->line);
    ubrk_close(b->chars);
    free(b);
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

/* brk[0..len] are zeroed, then set from ICU. For len == 0 the end-of-text rule
 * wins: brk[0] = PT_BRK_MUST. */
void pt_breaks_icu(pt_breaker *b, const char *text, size_t len, uint8_t *brk)
{
    memset(brk, PT_BRK_NONE, len + 1);
    UText ut = UTEXT_INITIALIZER;
    if (!set_text(b->line, &ut, text, len)) {
        newline_breaks(text, len, brk);
    } else {
        ubrk_first(b->line);
        for (int32_t at; (at = ubrk_next(b->line)) != UBRK_DONE; ) {
            if (at <= 0 || (size_t)at >= len)
                continue;
            brk[at] = ubrk_getRuleStatus(b->line) >= UBRK_LINE_HARD ? PT_BRK_MUST
                                                                  : PT_BRK_ALLOW;
        }
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

size_t pt_list_marker_end(const char *text, size_t len)
{
    size_t i = 0;
    int32_t c = len ? pt_utf8_decode(text, len, &i) : NO_CHAR;
    if (is_marker_char(c))
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
}
