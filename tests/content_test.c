/* content_test.c - the content stream writer (src/pdf_content.c) and the
 * choice of a run's character spacing (src/pdf_spacing.c): every glyph
 * lands where it was put, and state operators appear only when the state
 * changes.
 *
 * The stream is read back by a small interpreter written here from the PDF
 * specification (ISO 32000-1, 9.3 and 9.4: Tc, Tf, Td, TD, T*, Tm, TJ; a
 * glyph advances the pen by (w / 1000 - k / 1000) x size + Tc, and Tc, like
 * the font, lasts across text objects), which keeps the line origin twice,
 * as readers do: in single precision (MuPDF) and in double (poppler,
 * pdf.js), parsing numbers with strtof and strtod. A line origin must come
 * out exactly as parsing the absolute position the glyph was given (rounded
 * to the 1/1000 pt the writer uses) gives, in both precisions, and every
 * glyph must sit within a thousandth of a point (the writer's tolerance) of
 * that position (the pen is the origin plus the /W widths, Tc and TJ
 * adjustments, so rounding must not accumulate along a line). The glyph
 * positions are made up to hit the hard cases: baselines 14 pt apart
 * (relative moves, the leading, T*), a baseline crossing 512 pt (where
 * float spacing changes, so a relative move would be inexact), a line
 * longer than the writer's TJ chunk, and pen positions with a fraction of
 * 1/3. Short streams whose every byte is worked out by hand check when Tc
 * and TJ numbers are written. */
#include "test.h"
#include "pdf_content.h"
#include "pdf_spacing.h"

#include <ctype.h>
#include <math.h>
#include <stdlib.h>

enum { MAX_GLYPHS = 4000 };

typedef struct placed {
    unsigned gid;
    double x, y;           /* where the interpreter's double pen puts it */
    bool line_start;       /* the first glyph after a line origin was set */
    float ofx, ofy;        /* the origin then, single precision */
    double odx, ody;       /* ... and double */
} placed;

typedef struct reader {
    float fx, fy;          /* line origin, single precision */
    double dx, dy;         /* line origin, double */
    float fleading;
    double dleading;
    double size;
    double tc;             /* Tc, points */
    double pen;            /* points from the origin */
    bool fresh;            /* no glyph since the origin was set */
    placed g[MAX_GLYPHS];
    size_t n;
    int tf, rg, rgs, w, bt, tm, tstar, td, tcs;   /* operator counts */
    int nums;              /* TJ numbers */
} reader;

/* Width of glyph gid in the test font (1/1000 em): made up, not all 1000. */
static double width_of(unsigned gid)
{
    return gid % 3 == 0 ? 1000 : gid % 3 == 1 ? 500 : 333.333;
}

static void set_origin(reader *r, float fx, float fy, double dx, double dy)
{
    r->fx = fx;
    r->fy = fy;
    r->dx = dx;
    r->dy = dy;
    r->pen = 0;
    r->fresh = true;
}

/* Runs the operators of s (only those the writer uses for text and paths). */
static void interpret(reader *r, const char *s)
{
    char tok[64][32];
    size_t nt = 0;
    while (*s) {
        if (isspace((unsigned char)*s)) {
            s++;
            continue;
        }
        if (*s == '[') {              /* TJ array: read up to ']' here */
            s++;
            while (*s && *s != ']') {
                if (*s == '<') {
                    s++;
                    while (*s != '>') {
                        char h[5] = {s[0], s[1], s[2], s[3], 0};
                        unsigned gid = (unsigned)strtoul(h, NULL, 16);
                        s += 4;
                        if (r->n < MAX_GLYPHS) {
                            placed *p = &r->g[r->n++];
                            p->gid = gid;
                            p->x = r->dx + r->pen;
                            p->y = r->dy;
                            p->line_start = r->fresh;
                            p->ofx = r->fx, p->ofy = r->fy, p->odx = r->dx, p->ody = r->dy;
                        }
                        r->fresh = false;
                        r->pen += width_of(gid) / 1000.0 * r->size + r->tc;
                    }
                    s++;
                } else if (isspace((unsigned char)*s)) {
                    s++;
                } else {
                    char *end;
                    double k = strtod(s, &end);
                    s = end;
                    r->pen -= k / 1000.0 * r->size;
                    r->nums++;
                }
            }
            s++;
            continue;
        }
        size_t len = strcspn(s, " \n");
        char t[32];
        snprintf(t, sizeof t, "%.*s", (int)len, s);
        s += len;
        if (isdigit((unsigned char)t[0]) || t[0] == '-' || t[0] == '.' || t[0] == '/') {
            if (nt < 64)
                snprintf(tok[nt++], 32, "%s", t);
            continue;
        }
#define F(i) strtof(tok[nt - (i)], NULL)
#define D(i) strtod(tok[nt - (i)], NULL)
        if (strcmp(t, "BT") == 0) {
            r->bt++;
            set_origin(r, 0, 0, 0, 0);
        } else if (strcmp(t, "Td") == 0 || strcmp(t, "TD") == 0) {
            float fx = r->fx + F(2), fy = r->fy + F(1);
            double dx = r->dx + D(2), dy = r->dy + D(1);
            if (t[1] == 'D') {
                r->fleading = -F(1);
                r->dleading = -D(1);
            }
            r->td++;
            set_origin(r, fx, fy, dx, dy);
        } else if (strcmp(t, "T*") == 0) {
            float fy = r->fy + -r->fleading;
            double dy = r->dy + -r->dleading;
            r->tstar++;
            set_origin(r, r->fx, fy, r->dx, dy);
        } else if (strcmp(t, "Tm") == 0) {
            r->tm++;
            set_origin(r, F(2), F(1), D(2), D(1));
        } else if (strcmp(t, "Tc") == 0) {
            r->tcs++;
            r->tc = D(1);
        } else if (strcmp(t, "Tf") == 0) {
            r->tf++;
            r->size = D(1);
        } else if (strcmp(t, "rg") == 0) {
            r->rg++;
        } else if (strcmp(t, "RG") == 0) {
            r->rgs++;
        } else if (strcmp(t, "w") == 0) {
            r->w++;
        }
#undef F
#undef D
        nt = 0;
    }
}

typedef struct want { unsigned gid; double x, y; } want;

/* Checks every glyph r read against the positions given (in order). */
static void check_glyphs(const reader *r, const want *w, size_t n, const char *what)
{
    CHECK_INT(r->n, n, what);
    size_t bad_origin = 0, bad_pos = 0, bad_gid = 0;
    for (size_t i = 0; i < n && i < r->n; i++) {
        const placed *p = &r->g[i];
        double x = round(w[i].x * 1000.0) / 1000.0, y = round(w[i].y * 1000.0) / 1000.0;
        char sx[32], sy[32];
        snprintf(sx, sizeof sx, "%.3f", x);
        snprintf(sy, sizeof sy, "%.3f", y);
        if (p->line_start && (p->ofx != strtof(sx, NULL) || p->ofy != strtof(sy, NULL) ||
                              p->odx != strtod(sx, NULL) || p->ody != strtod(sy, NULL))) {
            if (bad_origin++ == 0)
                printf("   glyph %zu: origin %.9g %.9g (float %.9g %.9g), want %s %s\n", i,
                       p->odx, p->ody, p->ofx, p->ofy, sx, sy);
        }
        if (fabs(p->x - x) > 0.001 + 1e-9 || p->y != strtod(sy, NULL)) {
            if (bad_pos++ == 0)
                printf("   glyph %zu at %.6f %.6f, want %.3f %.3f\n", i, p->x, p->y, x, y);
        }
        bad_gid += p->gid != w[i].gid;
    }
    CHECK(bad_origin == 0, "%s: %zu line origins not exact", what, bad_origin);
    CHECK(bad_pos == 0, "%s: %zu glyphs off their place", what, bad_pos);
    CHECK(bad_gid == 0, "%s: %zu glyphs changed", what, bad_gid);
}

/* One glyph for a hand-written scenario: set the font (name, size) first
 * when name is set, the spacing first when tc_set. */
typedef struct step {
    const char *font;
    double size;
    bool tc_set;
    double tc;
    unsigned gid;
    double x, y;
} step;

/* Writes the steps as runs (a new run where run_start[i]), checks the
 * stream against want byte for byte and the glyphs, as the interpreter
 * reads them back, against their positions; returns the interpreter's
 * counts through *out. */
static void scenario(const char *what, const step *st, size_t n, const bool *run_start,
                     const char *want_stream, reader *out)
{
    pt_buf b = {0};
    pt_pdfc c;
    pt_pdfc_begin(&c, &b);
    pt_rgb black = {0, 0, 0};
    static want w[64];
    for (size_t i = 0; i < n; i++) {
        if (run_start[i])
            pt_pdfc_run(&c, black);
        if (st[i].font)
            pt_pdfc_font(&c, st[i].font, st[i].size);
        if (st[i].tc_set)
            pt_pdfc_spacing(&c, st[i].tc);
        pt_pdfc_glyph(&c, st[i].gid, st[i].x, st[i].y, width_of(st[i].gid));
        w[i] = (want){st[i].gid, st[i].x, st[i].y};
    }
    pt_pdfc_end(&c);
    pt_buf_add(&b, "", 1);
    CHECK_STR(b.s, want_stream, what);
    memset(out, 0, sizeof *out);
    interpret(out, b.s);
    check_glyphs(out, w, n, what);
    pt_buf_free(&b);
}

/* The writer's character spacing and its tolerance, on streams worked out
 * by hand. Glyphs 3, 6, 9, 12 are 1000/1000 em wide, 4 is 500, 5 is 333.333
 * (width_of). */
static void test_spacing_written(reader *r)
{
    /* A justified line at 10 pt stretched by .125 pt per glyph: glyph k at
     * 100 + 10.125 k. With Tc .125 the pen is 10 + .125 on from each glyph,
     * exactly on the next: no TJ number. A second run with the same spacing
     * writes no Tc again (it lasts across text objects). */
    step a[] = {
        {"F1", 10, true, .125, 3, 100, 700},  {NULL, 0, false, 0, 6, 110.125, 700},
        {NULL, 0, false, 0, 9, 120.25, 700},  {"F1", 10, true, .125, 3, 100, 680},
        {NULL, 0, false, 0, 6, 110.125, 680},
    };
    bool ra[] = {true, false, false, true, false};
    scenario("Tc once, kept by the next text object", a, 5, ra,
             "BT\n/F1 10 Tf\n.125 Tc\n100 700 Td\n[<000300060009>] TJ\nET\n"
             "BT\n100 680 Td\n[<00030006>] TJ\nET\n",
             r);
    CHECK_INT(r->tcs, 1, "one Tc for two runs with the same spacing");
    CHECK_INT(r->nums, 0, "no TJ number in a line the spacing covers");

    /* No spacing, 10 pt. Glyph 6 is placed at 110.001, 0.001 pt beyond the
     * pen (110): within the tolerance, no number, it is drawn at 110. Glyph
     * 9 at 120.002 is 0.002 pt beyond the pen (120): a number, -.2 (1/1000
     * em at 10 pt is .01 pt: -.2 moves the pen .002 pt right), the shortest
     * that puts the pen back within half the tolerance (0 would leave it
     * .002 off). Glyph 12 at 130.003: the pen is at 130.002, .001 off: no
     * number. */
    step b[] = {
        {"F1", 10, false, 0, 3, 100, 700},   {NULL, 0, false, 0, 6, 110.001, 700},
        {NULL, 0, false, 0, 9, 120.002, 700}, {NULL, 0, false, 0, 12, 130.003, 700},
    };
    bool rb[] = {true, false, false, false};
    scenario("numbers only beyond the tolerance", b, 4, rb,
             "BT\n/F1 10 Tf\n100 700 Td\n[<00030006>-.2<0009000C>] TJ\nET\n", r);
    CHECK_INT(r->nums, 1, "one number: the glyph .002 pt off");
    CHECK(fabs(r->g[1].x - 110.0) < 1e-9 && fabs(r->g[2].x - 120.002) < 1e-9 &&
              fabs(r->g[3].x - 130.002) < 1e-9,
          "glyphs within the tolerance stay on the pen: %.6f %.6f %.6f", r->g[1].x, r->g[2].x,
          r->g[3].x);

    /* 9.5 pt: glyph 6 at 109.504 is .004 pt beyond the pen (109.5), which
     * is .421 (1/1000 em); -.4 moves the pen .0038 pt, leaving it .0002 pt
     * short (within half the tolerance), so "-.4" is written, not "-.421".
     * Glyph 9 at 119.004: the pen is at 109.5038 + 9.5 = 119.0038, .0002
     * off: no number. */
    step c9[] = {
        {"F1", 9.5, false, 0, 3, 100, 700},
        {NULL, 0, false, 0, 6, 109.504, 700},
        {NULL, 0, false, 0, 9, 119.004, 700},
    };
    bool rc[] = {true, false, false};
    scenario("the shortest number within half the tolerance", c9, 3, rc,
             "BT\n/F1 9.5 Tf\n100 700 Td\n[<0003>-.4<00060009>] TJ\nET\n", r);
    CHECK(fabs(r->g[1].x - 109.5038) < 1e-9, "glyph 6 drawn at %.6f, want 109.5038", r->g[1].x);

    /* Tf and Tc changing inside a line. At 10 pt with Tc .5, glyph 3 at 100
     * puts the pen at 110.5; at 20 pt glyph 4 (500: 10 pt) at 110.5 puts
     * it at 110.5 + 10 + .5 = 121; with Tc 0 glyph 5 (333.333: 6.66666 pt)
     * at 121 puts it at 127.66666, .00034 pt from glyph 6 at 127.667: no
     * number anywhere. */
    step d[] = {
        {"F1", 10, true, .5, 3, 100, 700},
        {"F1", 20, false, 0, 4, 110.5, 700},
        {NULL, 0, true, 0, 5, 121, 700},
        {NULL, 0, false, 0, 6, 127.667, 700},
    };
    bool rd[] = {true, false, false, false};
    scenario("Tf and Tc inside a line", d, 4, rd,
             "BT\n/F1 10 Tf\n.5 Tc\n100 700 Td\n[<0003>] TJ\n/F1 20 Tf\n[<0004>] TJ\n0 Tc\n"
             "[<00050006>] TJ\nET\n",
             r);
    CHECK_INT(r->tcs, 2, "Tc .5, then 0");
}

/* The spacing chosen for runs made up by hand (pdf_spacing.h). */
static void test_spacing_chosen(void)
{
    /* A justified line at 10 pt: ten glyphs 1000/1000 em wide stretched by
     * 0.1163 pt, at 100 + 10.1163 k rounded to 1/1000 pt, so the gaps are
     * 0.116 or 0.117. Their mean is the distance from the first to the last
     * less the widths over the gaps: (191.047 - 100 - 90) / 9 = 0.116333.
     * Without spacing every glyph needs a number (9); with it none, plus
     * one for the Tc. */
    pt_spaced g[12];
    for (int k = 0; k < 10; k++)
        g[k] = (pt_spaced){round((100 + 10.1163 * k) * 1000) / 1000, 700, 1000};
    CHECK_INT(pt_spacing_numbers(g, 10, 10, 0), 9, "a justified line without Tc");
    double tc = pt_spacing_choose(g, 10, 10, 0);
    CHECK(fabs(tc - 1.047 / 9) < 1e-9, "the line's stretch: %.7f, want %.7f", tc, 1.047 / 9);
    CHECK_INT(pt_spacing_numbers(g, 10, 10, tc), 0, "no number with the stretch as Tc");
    CHECK(pt_spacing_choose(g, 10, 10, 0.11633) == 0.11633,
          "the spacing in effect is kept when it is the stretch to 1/100000 pt");

    /* A wa-o gap of 2.5 pt after glyph 4: the stretch is still the
     * dominant gap (8 of 9), and that one gap takes a number. */
    for (int k = 5; k < 10; k++)
        g[k].x += 2.5;
    tc = pt_spacing_choose(g, 10, 10, 0);
    CHECK(fabs(tc - (1.047 - 0.0005 - 0.1163) / 8) < 0.0002, "stretch beside a wa-o gap: %.7f", tc);
    CHECK_INT(pt_spacing_numbers(g, 10, 10, tc), 1, "only the wa-o gap takes a number");

    /* A line set at the glyphs' widths (not justified) right after a
     * justified one: back to 0, and with 0 in effect it stays 0, even with
     * a few glyphs .003 pt off (fractional Latin widths): no Tc noise. */
    for (int k = 0; k < 10; k++)
        g[k] = (pt_spaced){100 + 10 * k + (k == 3 || k == 7 ? 0.003 : 0), 650, 1000};
    CHECK(pt_spacing_choose(g, 10, 10, 0.11633) == 0, "unjustified after justified: 0");
    CHECK(pt_spacing_choose(g, 10, 10, 0) == 0, "unjustified: stays 0");

    /* One glyph: no gap, so the spacing in effect costs nothing. */
    CHECK(pt_spacing_choose(g, 1, 10, 0.2) == 0.2, "a single glyph keeps the spacing");

    /* Two lines in one run, stretched by .2 pt each: the step from the end
     * of the first back to the start of the second is no gap. */
    for (int k = 0; k < 12; k++)
        g[k] = (pt_spaced){100 + 10.2 * (k % 6), k < 6 ? 600 : 586, 1000};
    tc = pt_spacing_choose(g, 12, 10, 0);
    CHECK(fabs(tc - 0.2) < 1e-9, "two lines' stretch: %.7f", tc);
    CHECK_INT(pt_spacing_numbers(g, 12, 10, tc), 0, "no number across the line break");
}

/* pt_round (base.h) is llround for every value the content rounds: halves
 * both ways, their neighbours one ulp off, and values up to 2^51. */
static void test_round(void)
{
    int bad = 0;
    for (long k = -4000000; k <= 4000000; k++) {
        double v = (double)k / 2.0;
        double near[3] = { v, nextafter(v, -INFINITY), nextafter(v, INFINITY) };
        for (int i = 0; i < 3; i++)
            if (pt_round(near[i]) != llround(near[i]) && bad++ < 5)
                printf("FAIL pt_round(%.17g) = %lld, llround %lld\n", near[i], pt_round(near[i]),
                       llround(near[i]));
    }
    double odd[] = { 0.49999999999999994, -0.49999999999999994, 4503599627370495.5,
                     -4503599627370495.5, 2251799813685247.5, 1e15 + 0.5, -0.0, 0.0,
                     780.367 * 1000.0, 506.123 * 1000.0, 0.0015 * 1000.0 };
    for (size_t i = 0; i < sizeof odd / sizeof *odd; i++)
        if (pt_round(odd[i]) != llround(odd[i]) && bad++ < 10)
            printf("FAIL pt_round(%.17g) = %lld, llround %lld\n", odd[i], pt_round(odd[i]),
                   llround(odd[i]));
    srand(7);
    for (int i = 0; i < 1000000; i++) {
        double v = ((double)rand() / RAND_MAX - 0.5) * 2e6;
        if (pt_round(v) != llround(v) && bad++ < 15)
            printf("FAIL pt_round(%.17g) = %lld, llround %lld\n", v, pt_round(v), llround(v));
    }
    CHECK_INT(bad, 0, "values where pt_round and llround differ");
}

int main(void)
{
    test_round();
    static want w[MAX_GLYPHS];
    size_t n = 0;
    pt_buf b = {0};
    pt_pdfc c;
    pt_pdfc_begin(&c, &b);
    pt_rgb black = {0, 0, 0}, blue = {0.122f, 0.22f, 0.392f};

    /* One run over six baselines 14 pt apart from 780.367 down (relative
     * moves, then the leading again: T*), then across 512 pt: 520.123 to
     * 506.123 (float spacing halves at 512, so the move cannot be relative),
     * with glyphs advancing by their widths plus 1/3 of a point. */
    pt_pdfc_run(&c, black);
    pt_pdfc_font(&c, "F1", 10.5);
    double ys[] = {780.367, 766.367, 752.367, 738.367, 724.367, 710.367, 520.123, 506.123};
    for (size_t l = 0; l < sizeof ys / sizeof ys[0]; l++) {
        double x = 42;
        for (unsigned k = 0; k < 30; k++, n++) {
            w[n] = (want){100 + k + (unsigned)l, x, ys[l]};
            pt_pdfc_glyph(&c, w[n].gid, x, ys[l], width_of(w[n].gid));
            x += width_of(w[n].gid) * 10.5 / 1000.0 + 1.0 / 3.0;
        }
    }
    /* A second run, same font and colour: a new text object, no Tf, no rg. */
    pt_pdfc_run(&c, black);
    pt_pdfc_font(&c, "F1", 10.5);
    double x = 300.25;
    for (unsigned k = 0; k < 1200; k++, n++) {      /* more than a TJ chunk */
        w[n] = (want){k, x, 400.5};
        pt_pdfc_glyph(&c, k, x, 400.5, width_of(k));
        x += width_of(k) * 10.5 / 1000.0 + 0.01 * (k % 7);
    }
    /* Two rectangles filled blue and stroked black (the initial stroke
     * colour), a black line, a run in black and one in blue, another font. */
    pt_pdfc_rect(&c, 42, 700, 100, 20, &blue, &black, 0.6);
    pt_pdfc_rect(&c, 142, 700, 100, 20, &blue, &black, 0.6);
    pt_pdfc_line(&c, 42, 690, 242, 690, black, 0.6);
    pt_pdfc_run(&c, black);
    pt_pdfc_font(&c, "F1", 10.5);
    w[n++] = (want){5, 50, 670};
    pt_pdfc_glyph(&c, 5, 50, 670, width_of(5));
    pt_pdfc_run(&c, blue);
    pt_pdfc_font(&c, "F2", 12);
    w[n++] = (want){7, 50, 650};
    pt_pdfc_glyph(&c, 7, 50, 650, width_of(7));
    pt_pdfc_end(&c);
    pt_buf_add(&b, "", 1);

    reader *r = calloc(1, sizeof *r);
    interpret(r, b.s);
    check_glyphs(r, w, n, "glyphs read back");
    CHECK(r->tstar > 0, "a move by the leading is written as T* (%d)", r->tstar);
    CHECK(r->tm > 0, "a move across 512 pt is absolute (Tm: %d)", r->tm);
    CHECK(r->td > 4, "relative moves (Td/TD: %d)", r->td);
    CHECK_INT(r->bt, 4, "one text object per run");
    CHECK_INT(r->tf, 2, "Tf only when the font changes (F1 10.5, F2 12)");
    CHECK_INT(r->rg, 3, "rg only when the fill changes (blue, black, blue)");
    CHECK_INT(r->rgs, 0, "RG: black is the initial stroke colour");
    CHECK_INT(r->w, 1, "w once (0.6)");
    CHECK(strstr(b.s, "/F1 10.5 Tf") && strstr(b.s, ".122 .22 .392 rg") &&
              strstr(b.s, "42 700 100 20 re B\n") && strstr(b.s, "42 690 m 242 690 l S\n"),
          "shortest numbers and operators");
    CHECK(strstr(b.s, " q\n") == NULL && strstr(b.s, "\nq\n") == NULL,
          "nothing wrapped in q ... Q");
    test_spacing_written(r);
    test_spacing_chosen();
    free(r);
    pt_buf_free(&b);
    return TEST_END();
}
