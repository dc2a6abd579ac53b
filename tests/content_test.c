/* content_test.c - the content stream writer (src/pdf_content.c): every
 * glyph lands where it was put, and state operators appear only when the
 * state changes.
 *
 * The stream is read back by a small interpreter written here from the PDF
 * specification (ISO 32000-1, 9.4: Td, TD, T*, Tm, TJ), which keeps the line
 * origin twice, as readers do: in single precision (MuPDF) and in double
 * (poppler, pdf.js), parsing numbers with strtof and strtod. A line origin
 * must come out exactly as parsing the absolute position the glyph was given
 * (rounded to the 1/1000 pt the writer uses) gives, in both precisions, and
 * every glyph must sit within half a thousandth of a point of its position
 * (the pen is the origin plus the /W widths and TJ adjustments, so rounding
 * must not accumulate along a line). The glyph positions are made up to hit
 * the hard cases: baselines 14 pt apart (relative moves, the leading, T*),
 * a baseline crossing 512 pt (where float spacing changes, so a relative
 * move would be inexact), a line longer than the writer's TJ chunk, and
 * pen positions with a fraction of 1/3. */
#include "test.h"
#include "pdf_content.h"

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
    double pen;            /* 1/1000 em from the origin */
    bool fresh;            /* no glyph since the origin was set */
    placed g[MAX_GLYPHS];
    size_t n;
    int tf, rg, rgs, w, bt, tm, tstar, td;   /* operator counts */
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
                            p->x = r->dx + r->pen * r->size / 1000.0;
                            p->y = r->dy;
                            p->line_start = r->fresh;
                            p->ofx = r->fx, p->ofy = r->fy, p->odx = r->dx, p->ody = r->dy;
                        }
                        r->fresh = false;
                        r->pen += width_of(gid);
                    }
                    s++;
                } else if (isspace((unsigned char)*s)) {
                    s++;
                } else {
                    char *end;
                    double k = strtod(s, &end);
                    s = end;
                    r->pen -= k;
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
        if (fabs(p->x - x) > 0.0005 + 1e-9 || p->y != strtod(sy, NULL)) {
            if (bad_pos++ == 0)
                printf("   glyph %zu at %.6f %.6f, want %.3f %.3f\n", i, p->x, p->y, x, y);
        }
        bad_gid += p->gid != w[i].gid;
    }
    CHECK(bad_origin == 0, "%s: %zu line origins not exact", what, bad_origin);
    CHECK(bad_pos == 0, "%s: %zu glyphs off their place", what, bad_pos);
    CHECK(bad_gid == 0, "%s: %zu glyphs changed", what, bad_gid);
}

int main(void)
{
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
    free(r);
    pt_buf_free(&b);
    return TEST_END();
}
