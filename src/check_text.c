/* check_text.c - the text rules of the proofreading checks (warnings); see
 * check.h and the README's table of rules.
 *
 * Each rule reads the texts of the edition (pt_check_texts) and reports the
 * exact place of what it finds. They are written to raise no false alarm on
 * a real edition (tests/check_test.sh lists and judges every finding they
 * make on input/r6.xml):
 * - notation variants: terms (runs of Latin letters and digits, or of
 *   katakana, joined by spaces, hyphens or middle dots) keyed by ICU's
 *   NFKC_Casefold normalization without the joiners; a key written in more
 *   than one way is reported once per spelling;
 * - repeated particles: ICU's dictionary word breaks, then two words in a row
 *   that are the same one-character particle (世代のの), which a word that
 *   merely repeats a character (ここ, それぞれ, ものの) never is;
 * - brackets per text with a stack; placeholders by substring;
 * - era-year words (令和6年度, R5年度, 平成8年) against the edition's era and
 *   years; sentence endings of a card's narrative (です・ます or である/だ);
 * - character forms: half-width katakana, text that is not NFC, full-width
 *   digits or Latin in values when the edition's values are half-width. */
#include "check.h"

#include <stdlib.h>
#include <string.h>
#include <unicode/ubrk.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>
#include <unicode/utext.h>

/* ---- character classes ---- */

static bool is_fw_digit(int32_t c) { return c >= 0xFF10 && c <= 0xFF19; }
static bool is_fw_latin(int32_t c) { return (c >= 0xFF21 && c <= 0xFF3A) || (c >= 0xFF41 && c <= 0xFF5A); }
static bool is_latin(int32_t c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || is_fw_latin(c); }
static bool is_digit(int32_t c) { return (c >= '0' && c <= '9') || is_fw_digit(c); }
static bool is_hw_kana(int32_t c) { return c >= 0xFF66 && c <= 0xFF9F; }
static bool is_katakana(int32_t c)
{
    return (c >= 0x30A1 && c <= 0x30FA) || c == 0x30FC || c == 0x30FD || c == 0x30FE
        || is_hw_kana(c);
}
/* Characters that may join the parts of one term: spaces, hyphens, middle dots. */
static bool is_joiner(int32_t c)
{
    return c == ' ' || c == 0x3000 || c == '-' || (c >= 0x2010 && c <= 0x2013) || c == 0x2212
        || c == 0xFF0D || c == 0x30FB || c == 0xFF65 || c == 0x00B7;
}

enum { CL_OTHER, CL_LATIN, CL_KANA };
static int term_class(int32_t c)
{
    if (is_latin(c) || is_digit(c))
        return CL_LATIN;
    if (is_katakana(c))
        return CL_KANA;
    return CL_OTHER;
}

static int32_t cp_at(const char *s, size_t i)
{
    size_t j = i;
    return pt_utf8_decode(s, strlen(s + i) + i, &j);
}

/* ---- notation variants ---- */

typedef struct term {
    const char *key;        /* normalized, joiners dropped */
    const char *spelling;   /* as written */
    int text;               /* index into the texts */
    size_t off;
} term;
typedef PT_VEC(term) term_vec;

/* NFKC_Casefold of s[0..n) without spaces, hyphens and middle dots, as UTF-8
 * in the arena; NULL when ICU fails. */
static const char *term_key(pt_arena *a, const UNormalizer2 *nfkc_cf, const char *s, size_t n)
{
    UErrorCode e = U_ZERO_ERROR;
    UChar src[512], dst[1024];
    int32_t len;
    if (n > 500)
        return NULL;
    u_strFromUTF8(src, 512, &len, s, (int32_t)n, &e);
    int32_t m = unorm2_normalize(nfkc_cf, src, len, dst, 1024, &e);
    if (U_FAILURE(e))
        return NULL;
    int32_t k = 0;
    for (int32_t i = 0; i < m; i++)
        if (!is_joiner(dst[i]))
            dst[k++] = dst[i];
    char out[2048];
    int32_t olen;
    u_strToUTF8(out, sizeof out, &olen, dst, k, &e);
    return U_FAILURE(e) ? NULL : pt_strndup(a, out, (size_t)olen);
}

/* The terms of one text: maximal runs of one class, joiners inside allowed
 * when the class goes on after them; Latin-class runs need a letter. */
static void text_terms(pt_check *c, const UNormalizer2 *nfkc_cf, const char *s, int ti,
                       term_vec *out)
{
    size_t len = strlen(s), i = 0;
    while (i < len) {
        size_t start = i;
        int32_t cp = pt_utf8_decode(s, len, &i);
        int cl = term_class(cp);
        if (cl == CL_OTHER)
            continue;
        bool letter = cl == CL_KANA || is_latin(cp);
        size_t end = i;
        for (;;) {
            size_t j = end;
            int32_t d = j < len ? pt_utf8_decode(s, len, &j) : 0;
            if (term_class(d) == cl) {
                letter |= is_latin(d);
                end = j;
                continue;
            }
            size_t k = j;
            int32_t e2 = (is_joiner(d) && k < len) ? pt_utf8_decode(s, len, &k) : 0;
            if (is_joiner(d) && term_class(e2) == cl)
                end = j;   /* the joiner; the next round takes what follows */
            else
                break;
        }
        i = end;
        if (!letter)
            continue;
        const char *key = term_key(c->arena, nfkc_cf, s + start, end - start);
        if (key && *key) {
            term t = { key, pt_strndup(c->arena, s + start, end - start), ti, start };
            PT_PUSH(*out, t);
        }
    }
}

static int by_key(const void *a, const void *b)
{
    const term *x = a, *y = b;
    int k = strcmp(x->key, y->key);
    if (k)
        return k;
    k = strcmp(x->spelling, y->spelling);
    if (k)
        return k;
    return x->text != y->text ? (x->text < y->text ? -1 : 1) : (x->off < y->off ? -1 : x->off > y->off);
}

static void notation_variants(pt_check *c, const pt_text_ref *texts, int n)
{
    UErrorCode e = U_ZERO_ERROR;
    const UNormalizer2 *nfkc_cf = unorm2_getNFKCCasefoldInstance(&e);
    if (U_FAILURE(e))
        return;
    term_vec terms = {0};
    for (int k = 0; k < n; k++)
        text_terms(c, nfkc_cf, texts[k].text, k, &terms);
    if (terms.n)
        qsort(terms.v, terms.n, sizeof *terms.v, by_key);
    for (size_t g = 0; g < terms.n;) {
        size_t h = g;
        while (h < terms.n && !strcmp(terms.v[h].key, terms.v[g].key))
            h++;
        int spellings = 0;
        for (size_t i = g; i < h; i++)
            spellings += i == g || strcmp(terms.v[i].spelling, terms.v[i - 1].spelling);
        if (spellings > 1) {
            /* "「PR」 ×12 (line 70), 「ＰＲ」 ×2 (line 95)" */
            pt_buf all = {0};
            for (size_t i = g; i < h;) {
                size_t j = i;
                while (j < h && !strcmp(terms.v[j].spelling, terms.v[i].spelling))
                    j++;
                int line, col;
                const pt_text_ref *t = &texts[terms.v[i].text];
                pt_src_find(c->src, t->line, t->text, terms.v[i].off, &line, &col);
                pt_buf_printf(&all, _("%s「%s」 %d× (first at line %d)"), i == g ? "" : ", ",
                              terms.v[i].spelling, (int)(j - i), line);
                i = j;
            }
            for (size_t i = g; i < h;) {
                size_t j = i;
                while (j < h && !strcmp(terms.v[j].spelling, terms.v[i].spelling))
                    j++;
                for (size_t m = i; m < j; m++)
                    pt_check_at(c, &texts[terms.v[m].text], terms.v[m].off, "notation-variant",
                                _("「%s」 is written in %d ways: %s"), terms.v[m].spelling,
                                spellings, all.s);
                i = j;
            }
            pt_buf_free(&all);
        }
        g = h;
    }
    free(terms.v);
}

/* ---- repeated particles ---- */

static bool is_particle(const char *w, size_t n)
{
    static const char *const particles[] = { "の", "が", "を", "に", "は", "で", "と", "も",
                                              "へ", "や", "か" };
    for (size_t k = 0; k < sizeof particles / sizeof *particles; k++)
        if (n == strlen(particles[k]) && !memcmp(w, particles[k], n))
            return true;
    return false;
}

static void repeated_particles(pt_check *c, const pt_text_ref *texts, int n)
{
    UErrorCode e = U_ZERO_ERROR;
    UBreakIterator *bi = ubrk_open(UBRK_WORD, "ja", NULL, 0, &e);
    if (U_FAILURE(e))
        return;
    for (int k = 0; k < n; k++) {
        const char *s = texts[k].text;
        UText *ut = utext_openUTF8(NULL, s, -1, &e);
        ubrk_setUText(bi, ut, &e);
        if (U_FAILURE(e)) {
            utext_close(ut);
            e = U_ZERO_ERROR;
            continue;
        }
        /* previous word: its start and length */
        int32_t pstart = -1, plen = 0;
        for (int32_t a = ubrk_first(bi), b; (b = ubrk_next(bi)) != UBRK_DONE; a = b) {
            size_t wl = (size_t)(b - a);
            /* One word that is a particle twice (ICU may keep のの together),
             * or two words in a row that are the same particle. */
            bool twice = wl % 2 == 0 && is_particle(s + a, wl / 2)
                         && !memcmp(s + a, s + a + wl / 2, wl / 2);
            bool pair = pstart >= 0 && (size_t)plen == wl && pstart + plen == a
                        && is_particle(s + a, wl) && !memcmp(s + pstart, s + a, wl);
            if (twice || pair) {
                int32_t at = twice ? a : pstart;
                pt_check_at(c, &texts[k], (size_t)at, "repeated-particle", _("the particle "
                            "「%.*s」 is written twice: 「%.*s」"), (int)(twice ? wl / 2 : wl),
                            s + a, (int)(b - at), s + at);
                pstart = -1;
                continue;
            }
            pstart = a;
            plen = (int32_t)wl;
        }
        utext_close(ut);
    }
    ubrk_close(bi);
}

/* ---- brackets ---- */

static const char *const pairs[][2] = {
    { "「", "」" }, { "『", "』" }, { "（", "）" }, { "(", ")" }, { "［", "］" }, { "[", "]" },
    { "【", "】" }, { "〔", "〕" }, { "｛", "｝" }, { "{", "}" }, { "〈", "〉" }, { "《", "》" },
    { "“", "”" }, { "‘", "’" }, { "｢", "｣" },
};
enum { NPAIRS = sizeof pairs / sizeof *pairs };

static int bracket_at(const char *s, int side)
{
    for (int k = 0; k < NPAIRS; k++)
        if (!strncmp(s, pairs[k][side], strlen(pairs[k][side])))
            return k;
    return -1;
}

static void brackets(pt_check *c, const pt_text_ref *texts, int n)
{
    for (int k = 0; k < n; k++) {
        const char *s = texts[k].text;
        size_t open[64];
        int kind[64], depth = 0;
        bool reported = false;
        for (size_t i = 0; s[i] && !reported; i++) {
            int o = bracket_at(s + i, 0), cl = bracket_at(s + i, 1);
            if (o >= 0 && depth < 64) {
                open[depth] = i;
                kind[depth++] = o;
            } else if (cl >= 0) {
                if (depth && kind[depth - 1] == cl) {
                    depth--;
                } else {
                    reported = true;
                    if (depth)
                        pt_check_at(c, &texts[k], i, "brackets", _("「%s」 closes 「%s」 (opened "
                                    "before it)"), pairs[cl][1], pairs[kind[depth - 1]][0]);
                    else
                        pt_check_at(c, &texts[k], i, "brackets", _("「%s」 has no 「%s」 before "
                                    "it"), pairs[cl][1], pairs[cl][0]);
                }
            }
        }
        if (!reported && depth)
            pt_check_at(c, &texts[k], open[depth - 1], "brackets", _("「%s」 is not closed "
                        "(no 「%s」 after it)"), pairs[kind[depth - 1]][0],
                        pairs[kind[depth - 1]][1]);
    }
}

/* ---- placeholders ---- */

static void placeholders(pt_check *c, const pt_text_ref *texts, int n)
{
    static const char *const words[] = { "未記入", "未定", "TODO", "XXX", "○○", "＊＊", "**" };
    for (int k = 0; k < n; k++) {
        const char *s = texts[k].text;
        for (size_t i = 0; s[i]; i++)
            for (size_t w = 0; w < sizeof words / sizeof *words; w++) {
                size_t wl = strlen(words[w]);
                if (strncmp(s + i, words[w], wl))
                    continue;
                pt_check_at(c, &texts[k], i, "placeholder", _("placeholder 「%s」: the text is "
                            "still to be written"), words[w]);
                /* one finding for a run like ○○○ or XXXX */
                while (!strncmp(s + i + wl, words[w], wl) || !strncmp(s + i + wl, words[w],
                                                                        wl / 2))
                    i += wl / 2 ? wl / 2 : 1;
                i += wl - 1;
                break;
            }
    }
}

/* ---- era-year words ---- */

static void era_years(pt_check *c, const pt_text_ref *texts, int n)
{
    const pt_report *r = c->r;
    int era = pt_era_find(c->eras, r->era);
    if (era < 0)
        return;   /* the era rule has said so */
    for (int k = 0; k < n; k++) {
        const char *s = texts[k].text;
        for (size_t i = 0; s[i]; i++) {
            pt_era_year y;
            /* An abbreviation is no era after a Latin letter or digit (CO2R…). */
            if (i && (is_latin((unsigned char)s[i - 1]) || is_digit((unsigned char)s[i - 1]))
                && (unsigned char)s[i] < 0x80)
                continue;
            if (!pt_era_year_parse(c->eras, s + i, &y))
                continue;
            const pt_value *v = texts[k].value;
            if (v && v->period && !strncmp(s + i, v->period, strlen(v->period))) {
                i += y.len - 1;
                continue;   /* a value's period: the period rule checks it */
            }
            int last = pt_era_last_year(c->eras, y.era);
            const char *word = pt_strndup(c->arena, s + i, y.len);
            if (y.year < 1 || (last && y.year > last))
                pt_check_at(c, &texts[k], i, "era-year", _("「%s」: %s has no year %d"), word,
                            pt_era_name(c->eras, y.era), y.year);
            else if (y.era != era)
                pt_check_at(c, &texts[k], i, "era-year", _("「%s」 is in the %s era (%d), but "
                            "the edition's years are %s"), word, pt_era_name(c->eras, y.era),
                            pt_era_gregorian(c->eras, y.era, y.year), r->era);
            else if (y.year > r->year + 1)
                pt_check_at(c, &texts[k], i, "era-year", _("「%s」 is after the edition's next "
                            "year (%s%d年度)"), word, r->era, r->year + 1);
            i += y.len - 1;
        }
    }
}

/* ---- sentence style within a card's narrative ---- */

enum { STYLE_NONE, STYLE_POLITE, STYLE_PLAIN };

static bool ends_with(const char *s, size_t n, const char *w)
{
    size_t k = strlen(w);
    return n >= k && !memcmp(s + n - k, w, k);
}

/* The style of the sentence s[0..n) (without its 。). */
static int sentence_style(const char *s, size_t n)
{
    static const char *const polite[] = { "ます", "ました", "ません", "ませんでした", "です",
                                          "でした", "でしょう", "ましょう" };
    static const char *const plain[] = { "である", "であった", "だ", "だった", "ている",
                                         "ていた", "てきた", "ていく", "ない", "なかった",
                                         "した", "された", "する", "される", "できた", "できる",
                                         "いる", "ある", "あった" };
    for (size_t k = 0; k < sizeof polite / sizeof *polite; k++)
        if (ends_with(s, n, polite[k]))
            return STYLE_POLITE;
    for (size_t k = 0; k < sizeof plain / sizeof *plain; k++)
        if (ends_with(s, n, plain[k]))
            return STYLE_PLAIN;
    return STYLE_NONE;
}

typedef struct sentence { int text; size_t off, len; int style; } sentence;

static void card_style(pt_check *c, const pt_text_ref *texts, int from, int to)
{
    PT_VEC(sentence) ss = {0};
    int count[3] = {0};
    for (int k = from; k < to; k++) {
        if (!texts[k].narrative)
            continue;
        const char *s = texts[k].text;
        size_t start = 0;
        for (size_t i = 0;; i++) {
            bool end = !s[i] || !strncmp(s + i, "。", 3) || s[i] == '\n';
            if (!end)
                continue;
            size_t n = i - start;
            int st = sentence_style(s + start, n);
            if (st != STYLE_NONE) {
                sentence x = { k, start, n, st };
                PT_PUSH(ss, x);
                count[st]++;
            }
            if (!s[i])
                break;
            i += s[i] == '\n' ? 0 : 2;
            start = i + 1;
        }
    }
    if (count[STYLE_POLITE] && count[STYLE_PLAIN]) {
        int minority = count[STYLE_PLAIN] <= count[STYLE_POLITE] ? STYLE_PLAIN : STYLE_POLITE;
        for (size_t i = 0; i < ss.n; i++) {
            const sentence *x = &ss.v[i];
            if (x->style != minority)
                continue;
            const char *s = texts[x->text].text;
            size_t tail = x->len > 18 ? x->len - 18 : 0;   /* the last few characters */
            while (tail && ((unsigned char)s[x->off + tail] & 0xC0) == 0x80)
                tail--;
            pt_check_at(c, &texts[x->text], x->off + tail, "mixed-style", _("card %s mixes です・ます (%d sentences) with である/だ "
                        "(%d): 「…%.*s。」 ends in the %s style"), texts[x->text].card->no,
                        count[STYLE_POLITE], count[STYLE_PLAIN], (int)(x->len - tail),
                        s + x->off + tail, minority == STYLE_PLAIN ? "である/だ" : "です・ます");
        }
    }
    free(ss.v);
}

static void mixed_style(pt_check *c, const pt_text_ref *texts, int n)
{
    for (int k = 0; k < n;) {
        int j = k;
        while (j < n && texts[j].card == texts[k].card)
            j++;
        if (texts[k].card)
            card_style(c, texts, k, j);
        k = j;
    }
}

/* ---- character forms ---- */

static void char_forms(pt_check *c, const pt_text_ref *texts, int n)
{
    UErrorCode e = U_ZERO_ERROR;
    const UNormalizer2 *nfc = unorm2_getNFCInstance(&e);
    /* How the edition's values write digits and Latin letters. */
    int half = 0, full = 0;
    for (int k = 0; k < n; k++) {
        if (!texts[k].value)
            continue;
        for (size_t i = 0; texts[k].text[i]; i++) {
            int32_t cp = cp_at(texts[k].text, i);
            half += (cp < 0x80 && (is_digit(cp) || is_latin(cp)));
            full += is_fw_digit(cp) || is_fw_latin(cp);
        }
    }
    for (int k = 0; k < n; k++) {
        const char *s = texts[k].text;
        size_t len = strlen(s);
        for (size_t i = 0; i < len;) {
            size_t at = i;
            int32_t cp = pt_utf8_decode(s, len, &i);
            if (is_hw_kana(cp)) {
                size_t j = i;
                while (j < len && is_hw_kana(cp_at(s, j)))
                    pt_utf8_decode(s, len, &j);
                pt_check_at(c, &texts[k], at, "halfwidth-kana", _("half-width katakana 「%.*s」: "
                            "write it full-width"), (int)(j - at), s + at);
                i = j;
            } else if (texts[k].value && (is_fw_digit(cp) || is_fw_latin(cp)) && half > full) {
                size_t j = i;
                while (j < len && (is_fw_digit(cp_at(s, j)) || is_fw_latin(cp_at(s, j))
                                   || !strncmp(s + j, "．", 3) || !strncmp(s + j, "，", 3)))
                    pt_utf8_decode(s, len, &j);
                pt_check_at(c, &texts[k], at, "fullwidth-value", _("full-width %s 「%.*s」 in a "
                            "value: the edition's other values write them half-width"),
                            is_fw_digit(cp) ? _("digits") : _("letters"), (int)(j - at), s + at);
                i = j;
            }
        }
        if (U_FAILURE(e))
            continue;
        UChar u[4096];
        int32_t ulen;
        UErrorCode e2 = U_ZERO_ERROR;
        u_strFromUTF8(u, 4096, &ulen, s, -1, &e2);
        if (U_FAILURE(e2))
            continue;
        int32_t ok = unorm2_spanQuickCheckYes(nfc, u, ulen, &e2);
        if (U_FAILURE(e2) || ok >= ulen)
            continue;
        /* the quick check's span ends before the base character that the
         * decomposed sequence starts with */
        int32_t at16 = ok;
        char tmp[8192];
        int32_t blen = 0;
        u_strToUTF8(tmp, sizeof tmp, &blen, u, at16, &e2);
        if (U_FAILURE(e2))
            continue;
        size_t end = (size_t)blen;   /* the base and what follows it: three characters */
        for (int m = 0; m < 3 && end < len; m++)
            pt_utf8_decode(s, len, &end);
        pt_check_at(c, &texts[k], (size_t)blen, "nfd", _("decomposed characters 「%.*s」 (not in "
                    "Unicode's composed form NFC): they look right but search and copy "
                    "differently; write the composed character"), (int)(end - (size_t)blen),
                    s + blen);
    }
}

void pt_check_text(pt_check *c)
{
    int n;
    const pt_text_ref *texts = pt_check_texts(c, &n);
    notation_variants(c, texts, n);
    repeated_particles(c, texts, n);
    brackets(c, texts, n);
    placeholders(c, texts, n);
    era_years(c, texts, n);
    mixed_style(c, texts, n);
    char_forms(c, texts, n);
}
