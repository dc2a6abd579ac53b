/* layout.h - a layout file (layouts/a4-report.xml): page geometry, fonts, styles,
 * column widths, label texts and fit limits, as plain data. The engine reads
 * every size and label from here; nothing about the report's look is in C. */
#ifndef PT_LAYOUT_H
#define PT_LAYOUT_H

#include "base.h"
#include "font.h"
#include "out.h"
#include "para.h"

/* Limits of a layout (README: Limits); the loader refuses what exceeds them. */
#define PT_MAX_PAGE      14400.0  /* a page side, in points (PDF's largest) */
#define PT_MIN_TEXT_AREA 144      /* the text area, each way, in points */
#define PT_MAX_SIZE      200.0    /* a style's size, in points */
#define PT_MAX_LEADING   5.0      /* a style's line height / size */

typedef struct pt_style {
    const char *name;
    pt_font *font;       /* borrowed from the layout */
    double size;         /* points */
    double leading;      /* line height / size */
    pt_align align;
    double indent;       /* em */
    bool hang;
    bool space_breaks;   /* break="spaces": prefer ending lines at spaces */
    bool phrase;         /* break="phrase": short text broken between phrases,
                            balanced, no one-character last line (para.h) */
    double wao;          /* wa-o="0.125": Japanese-Latin glue in em (0: the
                            engine's 1/4 em); display sizes want less */
} pt_style;

typedef struct pt_label { const char *key, *text; } pt_label;

typedef struct pt_layout {
    const char *file;
    pt_strictness strictness;    /* line-break="strict|normal|loose" */
    double page_w, page_h, top, bottom, left, right;
    pt_font *regular, *bold;
    pt_rgb text, rule, shade, heading, figure_fill;
    pt_rgb to_fill;                /* background of a cell still to be filled */
    double rule_cell, rule_frame, rule_figure;
    pt_style *styles;
    int nstyles;
    double pad_x, pad_y;
    const char *footer_format;
    double footer_y;
    double cover_title_top, cover_org_bottom;
    double toc_gap, toc_number_w, toc_label_indent, toc_entry_number_w, toc_dot_pitch, toc_dot_size;
    double card_cols[4];
    double status_min_h, min_leading, min_size;
    pt_label *card_labels;
    int ncard_labels;
    double ov_cols[3];
    pt_label *ov_labels;
    int nov_labels;
    double fig_cols[4];          /* unless fig_auto */
    bool fig_auto;               /* columns="auto": widths from the figure's content */
    double fig_gap, fig_pad, fig_row_gap;
    double fig_min_size, fig_min_leading;  /* floors for fitting the figure (default: its style's) */
} pt_layout;

/* Reads and validates a layout (schema layouts/layout.rng under pt_datadir(ctx))
 * and loads its fonts (paths relative to pt_datadir(ctx)). Strings live in arena;
 * free the fonts with pt_layout_free. NULL with ctx->err on failure. */
pt_layout *pt_layout_load(pt_ctx *ctx, pt_arena *arena, const char *path);
void pt_layout_free(pt_layout *l);

/* The named style; NULL (with ctx->err) when the layout lacks it. */
const pt_style *pt_layout_style(pt_ctx *ctx, const pt_layout *l, const char *name);

/* A label with its {era} {abbr} {year} {next} … placeholders filled in from
 * vars ("era", "令和", "year", "6", …, NULL). NULL (with ctx->err) when the
 * layout lacks the key. */
const char *pt_label_text(pt_ctx *ctx, pt_arena *a, const pt_layout *l, const pt_label *labels,
                          int n, const char *key, const char *const *vars);

/* Text width of the page between the margins. */
double pt_layout_text_width(const pt_layout *l);

#endif
