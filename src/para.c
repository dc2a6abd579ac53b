/* para.c - paragraph -> justified lines (JIS X 4051 / JLREQ, horizontal).
 *
 * Approach. A paragraph is split at '\n' (a line break of the original) into
 * segments; each segment is shaped once and cut into units, one per HarfBuzz
 * cluster. Each unit gets a class (ideographic, Latin, space, opening/closing
 * bracket, comma, full stop, middle dot, dividing mark, inseparable) and a
 * body width; yakumono become half-em bodies: they are shaped with `hwid`
 * (the half-width glyph has the same ink), or, where the font has no such
 * form, the full-width glyph is drawn shifted so its ink lies in the body.
 * Between two neighbouring units sits one glue with a natural width, a shrink
 * amount and priority, and a stretch priority: aki of yakumono collapsed by the
 * JLREQ rules, wa-o glue of 1/4 em between Japanese and Latin, word spaces.
 *
 * Break opportunities come from brk.h. Lines are fitted greedily: with prefix
 * sums the natural and the fully-shrunk width of any candidate line is O(1).
 * For each line the engine finds the last legal break that fits naturally
 * (oidashi candidate: stretch) and the first legal break beyond it that fits
 * when shrunk (oikomi candidate: squeeze; justified text only), and takes
 * the one that needs the smaller adjustment, preferring oikomi on a tie.
 * Breaks between a numeral and its counter are taken only when no other
 * fits. When no legal break fits at all it breaks at the last grapheme
 * boundary that fits (emergency).
 *
 * Short text set by phrase (pt_para_style.phrase) is not fitted greedily:
 * phrase_ends chooses, by dynamic programming over the phrase boundaries
 * (brk.h ranks), the fewest lines at natural width, then the most even ones,
 * avoiding a one-character last line.
 *
 * Glue at a line break is discarded: an opener loses its leading aki at the
 * line head, closers and commas their trailing aki at the line end (JIS);
 * a full stop keeps its 1/2 em there. Justification shrinks in priority order
 * (word spaces, bracket and comma aki, wa-o; middle-dot aki and the aki after
 * a mid-line 。 are fixed) or stretches (word spaces and wa-o by at most 1/8
 * em, then the inter-character gaps equally without limit); never inside
 * Latin words and figures, after an opener, before a closer/comma/stop,
 * around middle dots and ！？, inside ……/——.
 *
 * All lengths in milli-em. */
#include "para.h"

#include "shape.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Tunables (milli-em), from jp-typesetting reference §3-§5. */
#define HALF          500.0   /* body of a full-width yakumono after conversion */
#define AKI           500.0   /* blank half of a bracket, comma or stop */
#define DOT_AKI       250.0   /* each side of a middle dot */
#define WAO           250.0   /* Japanese-Latin glue */
#define WAO_MIN       125.0   /* ... shrunk at most to this */
#define WAO_MAX_ADD   125.0   /* ... stretched by at most this before the
                                 inter-character gaps take the rest */
#define WORD_MIN      250.0   /* word space shrunk at most to this */
#define WORD_MAX_ADD  125.0   /* word space stretched by at most this before the
                                 inter-character gaps take the rest */
#define FULL_WIDTH    900.0   /* glyphs at least this wide count as full-width */

typedef enum kind {
    K_IDEO,     /* kanji, kana, full-width symbols and alphanumerics */
    K_LATIN,    /* half-width letters, figures, punctuation */
    K_SPACE,    /* U+0020: a word space (glue, no body) */
    K_OPEN,     /* 「（【 …, full-width */
    K_CLOSE,    /* 」）】 … */
    K_COMMA,    /* 、， */
    K_STOP,     /* 。． */
    K_MIDDOT,   /* ・：； */
    K_DIVIDE,   /* ！？ */
    K_INSEP,    /* … ‥ ― */
    K_IDSPACE,  /* U+3000 */
} kind;

typedef struct unit {
    uint32_t start, end;    /* bytes in the segment */
    uint32_t g0, ng;        /* glyphs of the unit */
    uint32_t cp;            /* its first code point */
    double adv;             /* body width */
    double shift;           /* glyphs drawn this far left of the body start */
    kind k;
} unit;

/* Glue between unit i and unit i+1. */
typedef struct glue {
    double nat;
    double shrink;          /* how much it may lose */
    int shrink_level;       /* 1 word, 3 bracket/comma, 4 wa-o; 0 fixed (middle
                               dots and the aki after a mid-line 。 never shrink) */
    int stretch_level;      /* 1 word, 2 wa-o, 3 inter-character; 0 never */
} glue;

enum { LEVELS = 5 };

/* Makes room for `more` items in a PT_VEC, doubling as PT_PUSH does. */
#define RESERVE(vec, more) do { \
        size_t need_ = (vec).n + (more); \
        if (need_ > (vec).cap) { \
            while ((vec).cap < need_) \
                (vec).cap = (vec).cap ? (vec).cap * 2 : 16; \
            (vec).v = pt_xrealloc((vec).v, (vec).cap * sizeof *(vec).v); \
        } \
    } while (0)

/* What was worked out for one segment text, kept for the next time the same
 * text is set: card fitting sets a card's cells again at other sizes and
 * leadings, but a text's glyphs (in font units) depend on the text and the
 * font alone, and its breaks on the text and the phrase flag alone (the
 * dictionary pass for phrases is the costly part). tag tells the kinds of
 * key apart: the phrase flag, or the font (fonts live as long as the run). */
typedef struct memo_entry {
    uint64_t hash;
    uintptr_t tag;
    size_t len;
    char *text;                 /* heap copies, freed with the typesetter */
    void *data;
    size_t size;                /* bytes of data */
} memo_entry;

/* Entries and an open-addressing table into them: entry + 1, 0 = empty,
 * size 2^k, at most half full. */
typedef struct memo {
    PT_VEC(memo_entry) known;
    PT_VEC(uint32_t) index;
} memo;

/* A hash of the text and the tag, eight bytes at a time (each text is
 * hashed for every memo it is looked up in): multiply and fold the high
 * bits down, so that the low bits the table uses depend on every byte. */
static uint64_t text_hash(const char *s, size_t len, uintptr_t tag)
{
    const uint64_t k = 0xff51afd7ed558ccdull;   /* MurmurHash3's finaliser constant */
    uint64_t h = (uint64_t)tag ^ len * k, w;
    size_t i = 0;
    for (; i + 8 <= len; i += 8) {
        memcpy(&w, s + i, 8);
        h = (h ^ w) * k;
        h ^= h >> 32;
    }
    w = 0;
    memcpy(&w, s + i, len - i);
    h = (h ^ w) * k;
    return h ^ h >> 29;
}

/* Puts entry k into the table (which has room). */
static void memo_index(memo *m, uint32_t k)
{
    size_t mask = m->index.n - 1;
    for (size_t i = m->known.v[k].hash & mask;; i = (i + 1) & mask)
        if (!m->index.v[i]) {
            m->index.v[i] = k + 1;
            return;
        }
}

/* The entry for text s[0..len) and tag, or NULL. */
static const memo_entry *memo_get(const memo *m, const char *s, size_t len, uintptr_t tag)
{
    uint64_t h = text_hash(s, len, tag);
    size_t mask = m->index.n ? m->index.n - 1 : 0;
    for (size_t i = h & mask; m->index.n && m->index.v[i]; i = (i + 1) & mask) {
        const memo_entry *e = &m->known.v[m->index.v[i] - 1];
        if (e->hash == h && e->tag == tag && e->len == len && !memcmp(e->text, s, len))
            return e;
    }
    return NULL;
}

/* Keeps a copy of data[0..size) for text s[0..len) and tag (not yet kept). */
static void memo_put(memo *m, const char *s, size_t len, uintptr_t tag, const void *data,
                     size_t size)
{
    memo_entry e = { text_hash(s, len, tag), tag, len, pt_xrealloc(NULL, len + 1),
                     pt_xrealloc(NULL, size + 1), size };
    memcpy(e.text, s, len);
    memcpy(e.data, data, size);
    PT_PUSH(m->known, e);
    if (2 * m->known.n > m->index.n) {   /* keep the table at most half full */
        size_t size2 = m->index.n ? 2 * m->index.n : 256;
        m->index.n = 0;
        for (size_t i = 0; i < size2; i++)
            PT_PUSH(m->index, 0);
        for (uint32_t k = 0; k < m->known.n; k++)
            memo_index(m, k);
    } else {
        memo_index(m, (uint32_t)(m->known.n - 1));
    }
}

static void memo_free(memo *m)
{
    for (size_t i = 0; i < m->known.n; i++) {
        free(m->known.v[i].text);
        free(m->known.v[i].data);
    }
    free(m->known.v);
    free(m->index.v);
}

struct pt_typesetter {
    pt_breaker *breaker;
    pt_shaper *shaper;
    PT_VEC(uint8_t) brk;
    PT_VEC(uint8_t) graph;
    pt_glyphs glyphs;
    PT_VEC(unit) units;
    PT_VEC(glue) glues;
    PT_VEC(double) adv_sum, nat_sum, shrink_sum;   /* prefix sums */
    PT_VEC(double) adjust;                         /* per-glue change on the current line */
    PT_VEC(hb_feature_t) features;                 /* hwid ranges of the segment */
    PT_VEC(uint8_t) rank;                          /* pt_break_ranks of the segment */
    PT_VEC(double) cand, best;                     /* phrase_ends: break costs, best cost */
    PT_VEC(size_t) from, ends;                     /* ... its back-pointers, the line ends */
    PT_VEC(int) nlines;                            /* ... fewest lines per prefix */
    memo breaks;                                   /* brk + rank of the texts set so far */
    memo shaped;                                   /* their glyphs, per font */
    memo laid;                                     /* their lines, per style (para_key) */
    PT_VEC(char) key;                              /* para_key's scratch */
};

pt_typesetter *pt_typesetter_new(pt_ctx *ctx, pt_strictness strictness)
{
    pt_breaker *b = pt_breaker_new(ctx, strictness);
    if (!b)
        return NULL;
    pt_typesetter *ts = pt_xcalloc(1, sizeof *ts);
    ts->breaker = b;
    ts->shaper = pt_shaper_new();
    return ts;
}

void pt_typesetter_free(pt_typesetter *ts)
{
    if (!ts)
        return;
    pt_breaker_free(ts->breaker);
    pt_shaper_free(ts->shaper);
    free(ts->brk.v);
    free(ts->graph.v);
    free(ts->glyphs.v);
    free(ts->units.v);
    free(ts->glues.v);
    free(ts->adv_sum.v);
    free(ts->nat_sum.v);
    free(ts->shrink_sum.v);
    free(ts->adjust.v);
    free(ts->features.v);
    free(ts->rank.v);
    free(ts->cand.v);
    free(ts->best.v);
    free(ts->from.v);
    free(ts->ends.v);
    free(ts->nlines.v);
    memo_free(&ts->breaks);
    memo_free(&ts->shaped);
    memo_free(&ts->laid);
    free(ts->key.v);
    free(ts);
}

void pt_lines_clear(pt_lines *l)
{
    l->glyphs.n = 0;
    l->lines.n = 0;
}

void pt_lines_free(pt_lines *l)
{
    free(l->glyphs.v);
    free(l->lines.v);
    memset(l, 0, sizeof *l);
}

/* ---- classes ---- */

static bool in(uint32_t cp, const uint32_t *set)
{
    for (; *set; set++)
        if (*set == cp)
            return true;
    return false;
}

static const uint32_t OPENERS[] = { 0x300C, 0x300E, 0xFF08, 0x3014, 0xFF3B, 0xFF5B, 0x3008,
    0x300A, 0x3010, 0x3018, 0x3016, 0x201C, 0x2018, 0xFF5F, 0x301D, 0 };
static const uint32_t CLOSERS[] = { 0x300D, 0x300F, 0xFF09, 0x3015, 0xFF3D, 0xFF5D, 0x3009,
    0x300B, 0x3011, 0x3019, 0x3017, 0x201D, 0x2019, 0xFF60, 0x301F, 0x301E, 0 };
static const uint32_t COMMAS[] = { 0x3001, 0xFF0C, 0 };
static const uint32_t STOPS[] = { 0x3002, 0xFF0E, 0 };
static const uint32_t MIDDOTS[] = { 0x30FB, 0xFF1A, 0xFF1B, 0 };
static const uint32_t DIVIDERS[] = { 0xFF01, 0xFF1F, 0x203C, 0x2047, 0x2048, 0x2049, 0 };
static const uint32_t INSEPS[] = { 0x2026, 0x2025, 0x2015, 0x2014, 0 };

static bool fw_digit(uint32_t cp) { return cp >= 0xFF10 && cp <= 0xFF19; }

/* The yakumono class of a code point (K_IDEO when it is none of them). */
static kind yakumono_kind(uint32_t cp)
{
    /* All of them lie in these three ranges; most characters are not. */
    if (!((cp >= 0x2018 && cp <= 0x201D) || (cp >= 0x3001 && cp <= 0x301F) || cp == 0x30FB
          || (cp >= 0xFF08 && cp <= 0xFF60)))
        return K_IDEO;
    if (in(cp, OPENERS)) return K_OPEN;
    if (in(cp, CLOSERS)) return K_CLOSE;
    if (in(cp, COMMAS)) return K_COMMA;
    if (in(cp, STOPS)) return K_STOP;
    if (in(cp, MIDDOTS)) return K_MIDDOT;
    return K_IDEO;
}

/* Class of a unit from its code point and its shaped width. Yakumono are
 * known by code point (they were shaped half-width with `hwid`); the others
 * count as Japanese only when their glyph is full-width. */
static kind classify(uint32_t cp, double adv)
{
    if (cp == ' ')
        return K_SPACE;
    if (cp == 0x3000)
        return K_IDSPACE;
    kind k = yakumono_kind(cp);
    if (k != K_IDEO)
        return k;
    if (adv < FULL_WIDTH)
        return K_LATIN;
    if (in(cp, DIVIDERS)) return K_DIVIDE;
    if (in(cp, INSEPS)) return K_INSEP;
    return K_IDEO;
}

static bool yakumono(kind k)
{
    return k == K_OPEN || k == K_CLOSE || k == K_COMMA || k == K_STOP || k == K_MIDDOT;
}

/* Blank that a unit wants after / before itself. */
static double trail_aki(kind k)
{
    return k == K_CLOSE || k == K_COMMA || k == K_STOP ? AKI : k == K_MIDDOT ? DOT_AKI : 0;
}
static double lead_aki(kind k) { return k == K_OPEN ? AKI : k == K_MIDDOT ? DOT_AKI : 0; }

/* A Latin character that takes wa-o glue next to Japanese: ASCII letters,
 * figures and punctuation, and Latin/Greek letters. Not ® © ™ × ° (symbols
 * that attach or are set solid), and not the ASCII brackets ( ) [ ] { } < >
 * and the hyphen: the report sets them solid against Japanese, as in
 * (1)地産地消, (①利用金額) and らづ-Biz, like the full-width brackets whose aki
 * already separates. */
static bool wao_latin(uint32_t cp)
{
    if (cp < 0x7F && strchr("()[]{}<>-", (int)cp))
        return false;
    return (cp > 0x20 && cp < 0x7F) || (cp >= 0xC0 && cp <= 0x24F && cp != 0xD7 && cp != 0xF7)
        || (cp >= 0x370 && cp <= 0x3FF);
}

/* The glue between Japanese and Latin (1/4 em, or the style's): shrinks last
 * (level 4) to WAO_MIN, stretches second (level 2). */
static glue wao_glue(double wao)
{
    return (glue){ .nat = wao, .shrink = wao > WAO_MIN ? wao - WAO_MIN : 0, .shrink_level = 4,
                   .stretch_level = 2 };
}

/* The glue between neighbours a and b (neither is a space; spaces are handled
 * by the caller). Collapse rules of JLREQ §3.2: nothing after an opener,
 * nothing before a closer, comma or stop (they follow solid), a quarter em
 * next to a middle dot, otherwise the larger of a's trailing and b's leading
 * aki (never both). */
static glue glue_between(const unit *a, const unit *b, double wao)
{
    glue g = {0};
    kind ka = a->k, kb = b->k;
    if (ka == K_OPEN || kb == K_CLOSE || kb == K_COMMA || kb == K_STOP) {
        g.nat = 0;
    } else if ((ka == K_MIDDOT || kb == K_MIDDOT) && (yakumono(ka) && yakumono(kb))) {
        g.nat = DOT_AKI;   /* fixed: see the note on middle dots below */
    } else {
        double t = trail_aki(ka), l = lead_aki(kb);
        g.nat = t > l ? t : l;
        if (g.nat > 0) {
            /* Fixed: the 1/2 em after a mid-line 。, and the 1/4 em around a
             * middle dot ・：；, so that 安心・安全 and Refuse： look the same on
             * every line (a line that would need them moves a character down). */
            bool dot = (t >= l ? ka : kb) == K_MIDDOT;
            bool stop = ka == K_STOP && t >= l;
            g.shrink = stop || dot ? 0 : g.nat;
            g.shrink_level = stop || dot ? 0 : 3;
        }
    }
    if (g.nat == 0 && ((ka == K_IDEO && kb == K_LATIN && wao_latin(b->cp))
                       || (ka == K_LATIN && kb == K_IDEO && wao_latin(a->cp)))) {
        return wao_glue(wao);
    }
    /* Inter-character stretch: between Japanese units, after a closer, comma
     * or stop, before an opener; never inside Latin runs, after an opener,
     * before a closer/comma/stop, around middle dots, ！？, U+3000, or between
     * two identical inseparables (……, ――). */
    bool ja_a = ka == K_IDEO || ka == K_CLOSE || ka == K_COMMA || ka == K_STOP || ka == K_INSEP;
    bool ja_b = kb == K_IDEO || kb == K_OPEN || kb == K_INSEP;
    if (ja_a && ja_b && !(ka == K_INSEP && kb == K_INSEP && a->cp == b->cp))
        g.stretch_level = 3;
    return g;
}

/* ---- building units and glue for one segment ---- */

static bool build(pt_ctx *ctx, pt_typesetter *ts, pt_font *font, double wao, const char *s,
                  size_t len)
{
    ts->glyphs.n = 0;
    ts->units.n = 0;
    ts->glues.n = 0;
    if (len == 0)
        return true;
    /* Yakumono are shaped with `hwid`, range-limited to them: the half-width
     * glyph has the same ink in a 1/2 em box, so glyph boxes follow the
     * bodies and text extraction sees one line in reading order. (`hwid` on
     * everything would also halve ー and ！？.) */
    /* The glyphs depend on the text and the font alone (font units): a
     * text set before is not shaped again (memo). */
    const memo_entry *known = memo_get(&ts->shaped, s, len, (uintptr_t)font);
    if (known) {
        size_t ng = known->size / sizeof(pt_glyph);
        for (size_t i = 0; i < ng; i++)
            PT_PUSH(ts->glyphs, ((const pt_glyph *)known->data)[i]);
    } else {
        ts->features.n = 0;
        for (size_t i = 0; i < len;) {
            size_t at = i;
            int32_t cp = pt_utf8_decode(s, len, &i);
            if (cp > 0 && yakumono_kind((uint32_t)cp) != K_IDEO) {
                hb_feature_t f = { HB_TAG('h', 'w', 'i', 'd'), 1, (unsigned)at, (unsigned)i };
                PT_PUSH(ts->features, f);
            }
        }
        if (!pt_shape(ctx, ts->shaper, font, s, len, 0, len, ts->features.v, (unsigned)ts->features.n,
                      &ts->glyphs))
            return false;
        memo_put(&ts->shaped, s, len, (uintptr_t)font, ts->glyphs.v,
                 ts->glyphs.n * sizeof(pt_glyph));
    }
    double scale = 1000.0 / pt_font_upem(font);
    const pt_glyph *g = ts->glyphs.v;
    size_t ng = ts->glyphs.n;
    for (size_t i = 0; i < ng;) {
        size_t j = i;
        double adv = 0;
        while (j < ng && g[j].cluster == g[i].cluster)
            adv += g[j++].adv * scale;
        unit u = {0};
        u.start = g[i].cluster;
        u.end = j < ng ? g[j].cluster : (uint32_t)len;
        u.g0 = (uint32_t)i;
        u.ng = (uint32_t)(j - i);
        size_t at = u.start;
        int32_t cp = pt_utf8_decode(s, len, &at);
        u.cp = cp < 0 ? 0xFFFD : (uint32_t)cp;
        u.k = classify(u.cp, adv);
        u.adv = adv;
        PT_PUSH(ts->units, u);
        i = j;
    }
    unit *u = ts->units.v;
    size_t n = ts->units.n;
    for (size_t i = 0; i < n; i++) {
        /* A full-width comma or stop inside a full-width number stays solid. */
        if ((u[i].k == K_COMMA || u[i].k == K_STOP) && i > 0 && i + 1 < n
            && fw_digit(u[i - 1].cp) && fw_digit(u[i + 1].cp))
            u[i].k = K_IDEO;
        if (yakumono(u[i].k) && u[i].adv >= FULL_WIDTH) {
            /* No half-width form in the font: keep the full-width glyph and
             * draw it so that its inked half lies in the body. */
            u[i].shift = u[i].k == K_OPEN ? u[i].adv - HALF
                       : u[i].k == K_MIDDOT ? (u[i].adv - HALF) / 2 : 0;
            u[i].adv = HALF;
        }
        if (u[i].k == K_SPACE)
            u[i].adv = 0;   /* its width is the glue before it */
    }
    for (size_t i = 0; i + 1 < n; i++) {
        glue gl = {0};
        const unit *a = &u[i], *b = &u[i + 1];
        if (b->k == K_SPACE) {
            /* A word space; none where the previous unit's aki already separates,
             * a wa-o glue where it separates Japanese and Latin. */
            const unit *next = i + 2 < n ? &u[i + 2] : NULL;
            double space = ts->glyphs.v[b->g0].adv * scale;
            if (a->k == K_SPACE) {
                gl.nat = 0;
            } else if (trail_aki(a->k) > 0 || (next && lead_aki(next->k) > 0)) {
                /* The space takes the aki the pair would have without it
                 * (【累計】 ※: the half em after 】), not nothing. */
                gl = next ? glue_between(a, next, wao) : gl;
            } else if (next && ((a->k == K_IDEO && next->k == K_LATIN)
                                || (a->k == K_LATIN && next->k == K_IDEO))) {
                gl = wao_glue(wao);
            } else {
                gl.nat = space;
                gl.shrink = space > WORD_MIN ? space - WORD_MIN : 0;
                gl.shrink_level = 1;
                gl.stretch_level = 1;
            }
        } else if (a->k == K_SPACE) {
            gl.nat = 0;
        } else {
            gl = glue_between(a, b, wao);
        }
        PT_PUSH(ts->glues, gl);
    }
    ts->adjust.n = 0;
    for (size_t i = 0; i <= ts->glues.n; i++)
        PT_PUSH(ts->adjust, 0.0);
    /* Prefix sums: adv_sum[i] = sum of adv[0..i), nat_sum[i] = sum of glue[0..i). */
    ts->adv_sum.n = ts->nat_sum.n = ts->shrink_sum.n = 0;
    double a = 0, gn = 0, gs = 0;
    for (size_t i = 0; i <= n; i++) {
        PT_PUSH(ts->adv_sum, a);
        PT_PUSH(ts->nat_sum, gn);
        PT_PUSH(ts->shrink_sum, gs);
        if (i < n)
            a += u[i].adv;
        if (i + 1 < n) {
            gn += ts->glues.v[i].nat;
            gs += ts->glues.v[i].shrink;
        }
    }
    return true;
}

/* Units [s, e) set as a line: e without the trailing spaces. */
static size_t trim_end(const pt_typesetter *ts, size_t s, size_t e)
{
    while (e > s + 1 && ts->units.v[e - 1].k == K_SPACE)
        e--;
    return e;
}

/* Natural width of units [s, e) as one line: bodies, the glue between them,
 * and the 1/2 em a full stop keeps at the line end. */
static double nat_width(const pt_typesetter *ts, size_t s, size_t e)
{
    e = trim_end(ts, s, e);
    double w = ts->adv_sum.v[e] - ts->adv_sum.v[s] + ts->nat_sum.v[e - 1] - ts->nat_sum.v[s];
    if (ts->units.v[e - 1].k == K_STOP)
        w += AKI;
    return w;
}

static double min_width(const pt_typesetter *ts, size_t s, size_t e)
{
    size_t t = trim_end(ts, s, e);
    return nat_width(ts, s, e) - (ts->shrink_sum.v[t - 1] - ts->shrink_sum.v[s]);
}

/* ---- setting one line ---- */

/* Distributes `amount` (>0) over the glues of [s, t-1) at one level, in
 * proportion to what each may give (shrink) or equally (stretch, with a per
 * glue cap; cap < 0: no cap). Returns what was used. */
static double shrink_level(pt_typesetter *ts, size_t s, size_t t, int level, double amount)
{
    double total = 0;
    for (size_t i = s; i + 1 < t; i++)
        if (ts->glues.v[i].shrink_level == level)
            total += ts->glues.v[i].shrink;
    if (total <= 0)
        return 0;
    double take = amount < total ? amount : total;
    for (size_t i = s; i + 1 < t; i++)
        if (ts->glues.v[i].shrink_level == level)
            ts->adjust.v[i] -= ts->glues.v[i].shrink * take / total;
    return take;
}

static double stretch_level(pt_typesetter *ts, size_t s, size_t t, int level, double amount,
                            double cap)
{
    int count = 0;
    for (size_t i = s; i + 1 < t; i++)
        count += ts->glues.v[i].stretch_level == level;
    if (!count)
        return 0;
    double each = amount / count;
    if (cap >= 0 && each > cap)
        each = cap;
    for (size_t i = s; i + 1 < t; i++)
        if (ts->glues.v[i].stretch_level == level)
            ts->adjust.v[i] += each;
    return each * count;
}

/* Sets units [s, e) as one line starting at x0 with room `avail`, justified
 * unless `last`; appends the glyphs and the line. */
static void set_line(pt_typesetter *ts, const pt_para_style *st, size_t s, size_t e, double x0,
                     double avail, bool last, uint32_t base, pt_lines *out, bool emergency)
{
    size_t t = trim_end(ts, s, e);
    /* adjust[] has one slot per glue of the segment (build); only this
     * line's glues are touched, so only they are cleared. */
    for (size_t i = s; i + 1 < t; i++)
        ts->adjust.v[i] = 0;
    double nat = nat_width(ts, s, e);
    double diff = avail - nat;
    if (diff < 0) {
        for (int level = 1; level < LEVELS && diff < -1e-9; level++)
            diff += shrink_level(ts, s, t, level, -diff);
    } else if (diff > 0 && !last && st->align == PT_ALIGN_JUSTIFY) {
        /* Even justification (a JLREQ §3.8 alternative to JIS's order):
         * word spaces and wa-o take at most 1/8 em each, the inter-character
         * gaps share the rest equally, so no single gap opens into a hole.
         * Only a line without such gaps stretches its spaces further. */
        diff -= stretch_level(ts, s, t, 1, diff, WORD_MAX_ADD);
        if (diff > 1e-9)
            diff -= stretch_level(ts, s, t, 2, diff, WAO_MAX_ADD);
        for (int level = 3; level >= 1 && diff > 1e-9; level--)
            diff -= stretch_level(ts, s, t, level, diff, -1);
    }
    double used = nat;
    for (size_t i = s; i + 1 < t; i++)
        used += ts->adjust.v[i];
    double x = x0;
    if (st->align == PT_ALIGN_CENTER)
        x += (avail - used) / 2;
    else if (st->align == PT_ALIGN_RIGHT)
        x += avail - used;

    pt_line line = {0};
    line.first = out->glyphs.n;
    line.left = x;
    line.last = last;
    line.emergency = emergency;
    line.overfull = used > avail + 0.5;
    line.ragged = !last && st->align == PT_ALIGN_JUSTIFY && used < avail - 0.5;
    line.byte_start = base + ts->units.v[s].start;
    line.byte_end = base + ts->units.v[e - 1].end;
    double scale = 1000.0 / pt_font_upem(st->font);
    for (size_t i = s; i < e; i++) {
        const unit *u = &ts->units.v[i];
        double gx = x - u->shift;
        for (uint32_t k = 0; k < u->ng; k++) {
            const pt_glyph *g = &ts->glyphs.v[u->g0 + k];
            pt_lglyph lg = { g->gid, gx + g->dx * scale, g->dy * scale,
                             k == 0 ? base + u->start : base + u->end,
                             base + u->end };
            PT_PUSH(out->glyphs, lg);
            gx += g->adv * scale;
        }
        if (i < t)
            x += u->adv;
        if (i + 1 < t)
            x += ts->glues.v[i].nat + ts->adjust.v[i];
    }
    if (ts->units.v[t - 1].k == K_STOP)
        x += AKI;
    line.right = x;
    line.n = out->glyphs.n - line.first;
    PT_PUSH(out->lines, line);
}

/* Whether a line may end before unit e (0 < e < n): a legal break whose rank
 * is at least min_rank. */
static bool can_end(const pt_typesetter *ts, size_t e, int min_rank)
{
    uint32_t at = ts->units.v[e].start;
    return ts->brk.v[at] == PT_BRK_ALLOW && ts->rank.v[at] >= min_rank;
}

/* The greedy choice of the line [start, ...): the last break of at least
 * min_rank that fits as set (fit) and, in justified text, the first one after
 * it that fits when squeezed (oikomi), whichever needs the smaller adjustment.
 * Unjustified text is never squeezed while a break fits naturally. 0 when
 * nothing fits. */
static size_t greedy_end(const pt_typesetter *ts, const pt_para_style *st, size_t start,
                         double avail, int min_rank)
{
    size_t n = ts->units.n;
    size_t fit = 0, squeeze = 0, fit_space = 0;
    for (size_t e = start + 1; e <= n; e++) {
        if (e < n && !can_end(ts, e, min_rank))
            continue;
        if (nat_width(ts, start, e) <= avail + 1e-6) {
            fit = e;
            if (e < n && (ts->units.v[e - 1].k == K_SPACE
                          || (st->space_breaks && ts->units.v[e].k == K_OPEN)))
                fit_space = e;
            continue;
        }
        if (min_width(ts, start, e) <= avail + 1e-6)
            squeeze = e;
        break;
    }
    if (fit == n)
        return n;
    if (st->space_breaks && fit_space)
        return fit_space;
    if (squeeze && fit && st->align == PT_ALIGN_JUSTIFY) {
        double over = nat_width(ts, start, squeeze) - avail;
        double under = avail - nat_width(ts, start, fit);
        return over <= under ? squeeze : fit;
    }
    return fit ? fit : squeeze;
}

/* The line ends of a short text set by phrase (style `phrase`), into ends[]:
 * the fewest lines that fit at natural width (never squeezed), breaking only
 * between phrases unless a phrase is wider than the line (then between its
 * words, and inside a word wider than the line at any legal break); among
 * those, the most even lines (CSS text-wrap: balance), lower-ranked breaks
 * and a one-character last line (text-wrap: pretty) only when nothing else
 * fits. Dynamic programming over the candidate breaks; false when the text is
 * long or nothing fits (the caller then sets it greedily). */
enum { PHRASE_MAX_UNITS = 256 };

/* What ending a line at a break of this rank costs, in units of one line's
 * squared relative slack: nothing between phrases, more inside a word, most
 * between a numeral and its counter. */
static double break_penalty(int rank)
{
    return rank >= PT_RANK_PHRASE ? 0 : rank == PT_RANK_WORD ? 0.5 : rank == PT_RANK_CHAR ? 2 : 4;
}

/* Whether units [s, e) hold one character, leaving out closers, commas and
 * stops that follow it (a last line of `課` or `ト）`). */
static bool one_character(const pt_typesetter *ts, size_t s, size_t e)
{
    int chars = 0;
    for (size_t i = s; i < e; i++) {
        kind k = ts->units.v[i].k;
        chars += k != K_CLOSE && k != K_COMMA && k != K_STOP && k != K_SPACE;
    }
    return chars <= 1;
}

static bool phrase_ends(pt_typesetter *ts, const pt_para_style *st, double hang)
{
    size_t n = ts->units.n;
    if (n > PHRASE_MAX_UNITS)
        return false;
    double x_first = st->indent, x_rest = hang;
    double avail_min = st->measure - (x_first > x_rest ? x_first : x_rest);
    /* cand[e]: the cost of ending a line before unit e (< 0: not a
     * candidate). First the phrase boundaries; then, inside a piece between
     * candidates that is wider than the line, the breaks of the next rank:
     * words inside a wide phrase, any legal break inside a wide word. */
    ts->cand.n = 0;
    for (size_t e = 0; e <= n; e++)
        PT_PUSH(ts->cand, e == n || (e > 0 && can_end(ts, e, PT_RANK_PHRASE)) ? 0.0 : -1.0);
    static const int inner_ranks[] = { PT_RANK_WORD, PT_RANK_AVOID };
    for (int r = 0; r < 2; r++) {
        int min_rank = inner_ranks[r];
        size_t a = 0;
        for (size_t e = 1; e <= n; e++) {
            if (ts->cand.v[e] < 0)
                continue;
            if (nat_width(ts, a, e) > avail_min + 1e-6)
                for (size_t k = a + 1; k < e; k++)
                    if (can_end(ts, k, min_rank))
                        ts->cand.v[k] = break_penalty(ts->rank.v[ts->units.v[k].start]);
            a = e;
        }
    }
    /* best[e]: fewest lines for units [0, e), then the least cost; from[e]:
     * the start of its last line. */
    ts->best.n = ts->from.n = ts->nlines.n = 0;
    for (size_t e = 0; e <= n; e++) {
        PT_PUSH(ts->best, e == 0 ? 0.0 : INFINITY);
        PT_PUSH(ts->from, 0);
        PT_PUSH(ts->nlines, e == 0 ? 0 : INT32_MAX);
    }
    for (size_t e = 1; e <= n; e++) {
        if (ts->cand.v[e] < 0)
            continue;
        for (size_t s = 0; s < e; s++) {
            if (ts->nlines.v[s] == INT32_MAX || (s > 0 && ts->cand.v[s] < 0))
                continue;
            double avail = st->measure - (s == 0 ? x_first : x_rest);
            double w = nat_width(ts, s, e);
            if (w > avail + 1e-6)
                continue;
            double slack = (avail - w) / avail;
            double c = ts->best.v[s] + slack * slack + ts->cand.v[e];
            if (e == n && s > 0 && one_character(ts, s, e))
                c += 10.0;
            int lines = ts->nlines.v[s] + 1;
            if (lines < ts->nlines.v[e] || (lines == ts->nlines.v[e] && c < ts->best.v[e] - 1e-12)) {
                ts->nlines.v[e] = lines;
                ts->best.v[e] = c;
                ts->from.v[e] = s;
            }
        }
    }
    if (ts->nlines.v[n] == INT32_MAX)
        return false;
    /* Walk back from n; ends are pushed last first, then reversed. */
    ts->ends.n = 0;
    for (size_t e = n; e > 0; e = ts->from.v[e])
        PT_PUSH(ts->ends, e);
    for (size_t i = 0, j = ts->ends.n - 1; i < j; i++, j--) {
        size_t t = ts->ends.v[i];
        ts->ends.v[i] = ts->ends.v[j];
        ts->ends.v[j] = t;
    }
    return true;
}

/* Fills ts->brk and ts->rank for the segment s[0..len): from the entry of an
 * earlier call with the same text, or by the break module (then kept). */
static void find_breaks(pt_typesetter *ts, const char *s, size_t len, bool phrases)
{
    const memo_entry *e = memo_get(&ts->breaks, s, len, phrases);
    if (e) {
        memcpy(ts->brk.v, e->data, len + 1);
        memcpy(ts->rank.v, (const uint8_t *)e->data + len + 1, len + 1);
        return;
    }
    pt_breaks(ts->breaker, s, len, ts->brk.v);
    pt_break_ranks(ts->breaker, s, len, ts->brk.v, phrases, ts->rank.v);
    uint8_t *both = pt_xrealloc(NULL, 2 * (len + 1));
    memcpy(both, ts->brk.v, len + 1);
    memcpy(both + len + 1, ts->rank.v, len + 1);
    memo_put(&ts->breaks, s, len, phrases, both, 2 * (len + 1));
    free(both);
}

/* Makes room for n bytes in ts->brk, ts->graph and ts->rank, all zero. */
static void zeroed(pt_typesetter *ts, size_t n)
{
    ts->brk.n = ts->graph.n = ts->rank.n = 0;
    RESERVE(ts->brk, n);
    RESERVE(ts->graph, n);
    RESERVE(ts->rank, n);
    memset(ts->brk.v, 0, n);
    memset(ts->graph.v, 0, n);
    memset(ts->rank.v, 0, n);
    ts->brk.n = ts->graph.n = ts->rank.n = n;
}

/* Lays out one segment (no '\n' inside). first_indent applies to its first line. */
static bool layout_segment(pt_ctx *ctx, pt_typesetter *ts, const pt_para_style *st,
                           const char *s, size_t len, uint32_t base, pt_lines *out)
{
    if (!build(ctx, ts, st->font, st->wao > 0 ? st->wao : WAO, s, len))
        return false;
    size_t n = ts->units.n;
    if (n == 0) {
        pt_line line = { .first = out->glyphs.n, .left = st->indent, .right = st->indent,
                         .byte_start = base, .byte_end = base, .last = true };
        PT_PUSH(out->lines, line);
        return true;
    }
    /* A segment that fits on its first line needs no break opportunities
     * (most cells, labels and values): set it as one line. */
    if (nat_width(ts, 0, n) <= st->measure - st->indent + 1e-6) {
        set_line(ts, st, 0, n, st->indent, st->measure - st->indent, true, base, out, false);
        return true;
    }
    zeroed(ts, len + 1);
    find_breaks(ts, s, len, st->phrase);
    bool graphemes = false;   /* found only if an emergency break needs them */

    /* Hanging indent: wrapped lines start under unit m, the first after a
     * leading list marker (or at the caller's byte offset). */
    double hang = 0;
    size_t hang_at = st->hang_at && base == 0 ? st->hang_at
                   : st->hang ? pt_list_marker_end(s, len) : 0;
    size_t m = 0;
    while (hang_at && m < n && ts->units.v[m].start < hang_at)
        m++;
    if (m && m < n)
        hang = st->indent + ts->adv_sum.v[m] + ts->nat_sum.v[m];

    if (st->phrase && phrase_ends(ts, st, hang)) {
        size_t start = 0;
        for (size_t i = 0; i < ts->ends.n; i++) {
            double x0 = i == 0 ? st->indent : hang;
            size_t end = ts->ends.v[i];
            set_line(ts, st, start, end, x0, st->measure - x0, end == n, base, out, false);
            start = end;
        }
        return true;
    }

    size_t start = 0;
    bool first = true;
    while (start < n) {
        double x0 = first ? st->indent : hang;
        double avail = st->measure - x0;
        /* A numeral stays with its counter unless no other break fits. */
        size_t end = greedy_end(ts, st, start, avail, PT_RANK_CHAR);
        if (!end)
            end = greedy_end(ts, st, start, avail, PT_RANK_AVOID);
        bool emergency = false;
        if (!end) {
            /* No legal break fits: the last grapheme boundary that does. */
            if (!graphemes) {
                pt_graphemes(ts->breaker, s, len, ts->graph.v);
                graphemes = true;
            }
            end = start + 1;
            for (size_t e = start + 1; e < n; e++) {
                if (!ts->graph.v[ts->units.v[e].start])
                    continue;
                if (min_width(ts, start, e) > avail + 1e-6)
                    break;
                end = e;
            }
            emergency = true;
        }
        set_line(ts, st, start, end, x0, avail, end == n, base, out, emergency);
        start = end;
        first = false;
    }
    return true;
}

bool pt_para_widths(pt_ctx *ctx, pt_typesetter *ts, const pt_para_style *st, const char *text,
                    size_t len, double *natural, double *phrase)
{
    *natural = *phrase = 0;
    for (size_t s = 0; s <= len;) {
        const char *nl = memchr(text + s, '\n', len - s);
        size_t e = nl ? (size_t)(nl - text) : len;
        if (!build(ctx, ts, st->font, st->wao > 0 ? st->wao : WAO, text + s, e - s))
            return false;
        size_t n = ts->units.n;
        if (n) {
            double w = nat_width(ts, 0, n);
            *natural = w > *natural ? w : *natural;
            zeroed(ts, e - s + 1);
            find_breaks(ts, text + s, e - s, true);
            for (size_t a = 0, k = 1; k <= n; k++)
                if (k == n || can_end(ts, k, PT_RANK_PHRASE)) {
                    double pw = nat_width(ts, a, k);
                    *phrase = pw > *phrase ? pw : *phrase;
                    a = k;
                }
        }
        s = e + 1;
    }
    return true;
}

/* ---- the paragraph memo ---- */

/* The lines of a paragraph depend on its text and its style alone: the
 * same text in the same style (a card's labels on every card, a value in
 * every column of its width, every text of a card set again while it is
 * fitted at the same size) gets the same lines. The memo's key is the style's
 * fields, byte by byte, followed by the text; its data the lines (first
 * counted from the paragraph's first glyph) followed by the glyphs. */
static void key_add(pt_typesetter *ts, const void *field, size_t n)
{
    memcpy(ts->key.v + ts->key.n, field, n);
    ts->key.n += n;
}

static void para_key(pt_typesetter *ts, const pt_para_style *st, const char *text, size_t len)
{
    uint8_t flags[3] = { st->hang, st->space_breaks, st->phrase };
    int align = (int)st->align;
    size_t need = sizeof st->font + 3 * sizeof(double) + sizeof st->hang_at + sizeof align
                + sizeof flags + len;
    if (ts->key.cap < need) {
        ts->key.cap = 2 * need;
        ts->key.v = pt_xrealloc(ts->key.v, ts->key.cap);
    }
    ts->key.n = 0;
    key_add(ts, &st->font, sizeof st->font);
    key_add(ts, &st->measure, sizeof st->measure);
    key_add(ts, &st->indent, sizeof st->indent);
    key_add(ts, &st->wao, sizeof st->wao);
    key_add(ts, &st->hang_at, sizeof st->hang_at);
    key_add(ts, &align, sizeof align);
    key_add(ts, flags, sizeof flags);
    key_add(ts, text, len);
}

/* The tags of the paragraph memo's entries: lines kept, or a key seen once. */
enum { KEPT = 0, SEEN = 1 };

/* Appends the kept lines of a memo entry to out. */
static void para_recall(const memo_entry *e, pt_lines *out)
{
    size_t nl, ng;
    const char *d = e->data;
    memcpy(&nl, d, sizeof nl);
    memcpy(&ng, d + sizeof nl, sizeof ng);
    const char *lines = d + 2 * sizeof nl, *glyphs = lines + nl * sizeof(pt_line);
    RESERVE(out->lines, nl);
    RESERVE(out->glyphs, ng);
    pt_line *l = out->lines.v + out->lines.n;
    if (nl)
        memcpy(l, lines, nl * sizeof *l);
    for (size_t i = 0; i < nl; i++)
        l[i].first += out->glyphs.n;
    if (ng)
        memcpy(out->glyphs.v + out->glyphs.n, glyphs, ng * sizeof(pt_lglyph));
    out->lines.n += nl;
    out->glyphs.n += ng;
}

/* Keeps lines [l0, …) and glyphs [g0, …) of out under the key in ts->key. */
static void para_keep(pt_typesetter *ts, const pt_lines *out, size_t l0, size_t g0)
{
    size_t nl = out->lines.n - l0, ng = out->glyphs.n - g0;
    size_t size = 2 * sizeof nl + nl * sizeof(pt_line) + ng * sizeof(pt_lglyph);
    char *d = pt_xrealloc(NULL, size), *at = d + 2 * sizeof nl;
    memcpy(d, &nl, sizeof nl);
    memcpy(d + sizeof nl, &ng, sizeof ng);
    for (size_t i = 0; i < nl; i++, at += sizeof(pt_line)) {
        pt_line line = out->lines.v[l0 + i];
        line.first -= g0;
        memcpy(at, &line, sizeof line);
    }
    if (ng)
        memcpy(at, &out->glyphs.v[g0], ng * sizeof(pt_lglyph));
    memo_put(&ts->laid, ts->key.v, ts->key.n, KEPT, d, size);
    free(d);
}

bool pt_para_layout(pt_ctx *ctx, pt_typesetter *ts, const pt_para_style *st, const char *text,
                    size_t len, pt_lines *out)
{
    para_key(ts, st, text, len);
    const memo_entry *known = memo_get(&ts->laid, ts->key.v, ts->key.n, KEPT);
    if (known) {
        para_recall(known, out);
        return true;
    }
    size_t l0 = out->lines.n, g0 = out->glyphs.n;
    size_t s = 0;
    for (;;) {
        const char *nl = memchr(text + s, '\n', len - s);
        size_t e = nl ? (size_t)(nl - text) : len;
        if (!layout_segment(ctx, ts, st, text + s, e - s, (uint32_t)s, out))
            return false;
        if (!nl)
            break;
        s = e + 1;
    }
    /* Kept when set a second time: most paragraphs of a report are set
     * once, and keeping their glyphs would only cost memory. The first time
     * leaves the key alone (tag SEEN). */
    if (memo_get(&ts->laid, ts->key.v, ts->key.n, SEEN))
        para_keep(ts, out, l0, g0);    /* ts->key is still this paragraph's */
    else
        memo_put(&ts->laid, ts->key.v, ts->key.n, SEEN, "", 0);
    return true;
}
