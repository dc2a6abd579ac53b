/* para.h - a paragraph of Japanese (with Latin and figures) -> justified lines.
 *
 * The engine shapes the text with HarfBuzz, finds break opportunities once
 * (brk.h), turns yakumono into half-em bodies with aki glue and puts wa-o glue
 * between Japanese and Latin (the BIZ UD fonts have no GPOS, so the engine does
 * what `halt`/`chws` would), then fits lines greedily with oikomi (shrink)
 * before oidashi (stretch), and justifies every line but a paragraph's last.
 *
 * All lengths are in 1/1000 em of the font size (milli-em), so a layout is
 * independent of the size it is set at: multiply by size/1000 for points. */
#ifndef PT_PARA_H
#define PT_PARA_H

#include "base.h"
#include "brk.h"
#include "font.h"

typedef enum pt_align { PT_ALIGN_JUSTIFY, PT_ALIGN_LEFT, PT_ALIGN_CENTER, PT_ALIGN_RIGHT } pt_align;

typedef struct pt_para_style {
    pt_font *font;
    double measure;     /* line length, milli-em (> 0) */
    double indent;      /* first-line indent, milli-em (1000 = 1字下げ); geometric */
    bool hang;          /* after a leading list marker (○ ・ ① (1) …) wrapped lines
                           align under the first character after the marker */
    pt_align align;     /* JUSTIFY: all lines flush both sides but the last */
    bool space_breaks;  /* end lines at a space where one fits (value cells:
                           "618,213千円" / "(R5年度)" rather than "(R5年" / "度)") */
    uint32_t hang_at;   /* > 0: wrapped lines start under the character at this
                           byte offset of the first line (a contents entry's
                           title after its number); overrides `hang` */
    bool phrase;        /* short text (titles, names, cells): break between
                           phrases, lines balanced, no one-character last line;
                           inside a phrase only where it is wider than the line */
    double wao;         /* Japanese-Latin glue, milli-em; 0: 1/4 em (250) */
} pt_para_style;

/* A glyph placed on a line: x, y relative to the paragraph's top-left line
 * origin (x from the column's left edge, y offset from the baseline, milli-em).
 * text[text_start..text_end) is what it stands for (empty for the 2nd and later
 * glyphs of a cluster). */
typedef struct pt_lglyph {
    uint32_t gid;
    double x, y;
    uint32_t text_start, text_end;
} pt_lglyph;

typedef struct pt_line {
    size_t first, n;            /* glyphs[first .. first+n) */
    double left, right;         /* occupied extent from the column's left edge (milli-em) */
    uint32_t byte_start, byte_end; /* source text of the line, without a trailing '\n' */
    bool last;                  /* ends a paragraph or a hard line break: not justified */
    bool emergency;             /* broken at a grapheme boundary: no legal break fitted */
    bool overfull;              /* wider than the measure even so (one glyph too wide) */
    bool ragged;                /* should be justified but has no gap the rules let
                                   stretch (e.g. 「KISARAZU in a narrow cell): left short */
} pt_line;

typedef struct pt_lines {
    PT_VEC(pt_lglyph) glyphs;
    PT_VEC(pt_line) lines;
} pt_lines;

typedef struct pt_typesetter pt_typesetter;

/* A line breaker and its scratch buffers, reused for every paragraph. */
pt_typesetter *pt_typesetter_new(pt_ctx *ctx, pt_strictness strictness);
void pt_typesetter_free(pt_typesetter *ts);

/* Lays out text[0..len) ('\n' = line break of the original) and appends the
 * lines to out. Fails only when the font lacks a character (ctx->err names it;
 * the caller adds where with pt_err_prefix). */
bool pt_para_layout(pt_ctx *ctx, pt_typesetter *ts, const pt_para_style *st,
                    const char *text, size_t len, pt_lines *out);

/* Widths of text[0..len) in the style's font, milli-em: *natural, set on one
 * line (the widest of its '\n' segments), and *phrase, its widest phrase
 * (the narrowest measure a text set by phrase needs to keep its phrases
 * whole). For sizing boxes and columns from their content. Fails only when
 * the font lacks a character. */
bool pt_para_widths(pt_ctx *ctx, pt_typesetter *ts, const pt_para_style *st, const char *text,
                    size_t len, double *natural, double *phrase);

void pt_lines_clear(pt_lines *l);
void pt_lines_free(pt_lines *l);

#endif
