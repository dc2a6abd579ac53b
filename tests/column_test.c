/* column_test.c - a page of report paragraphs set by the line engine in a
 * narrow (12 em) and a wide (38 em) column, through the display list and the
 * PDF backend: the real pipeline minus the report templates. It writes the PDF
 * to argv[1] and the exact source text, paragraph by paragraph, to argv[1].txt;
 * column_test.sh checks both with the PDF readers. In C it checks what the
 * engine promises: every line but a paragraph's last flush with the measure.
 *
 * usage: column_test OUT.pdf */
#include "page.h"
#include "test.h"

#include <math.h>
#include <stdlib.h>

static const char *PARAS[] = {
    /* card 1, 評価 */
    "お米については100%木更津産で提供しており、4月及び5月、11月から3月は「きさらづ学校給食米®」を、"
    "それ以外の月は「木更津産こしひかり」を提供しました。特産品の「のり」は「木更津産焼きのり」として年9回提供しています。",
    /* card 36, 概要 */
    "○令和6年2月より運用を開始した市LINE公式アカウントを活用し、登録者に対してプッシュ通知等で、"
    "より早く伝わりやすい情報発信に取り組みます。",
    /* card 36 values and 21-2 values, as a sentence */
    "登録者数は10,844件 (R6年2月末)から23,154件に、観光入込客数は1,543万人 (R4年)から1,737万人になりました。",
    /* project 2, goal (1) */
    "(1)まち全体でCO2の排出削減に向けて、本プロジェクト実施によるCO2削減【累計】は476.81t-CO2でした。",
    /* reference cases: leaders, a non-BMP kanji */
    "令和6年度は……。𠮟咤激励を受け、X（旧Twitter）・Facebook等のSNSで発信しました。",
};

int main(int argc, char **argv)
{
    const char *out = argc > 1 ? argv[1] : "/tmp/pt_column_test.pdf";
    pt_ctx ctx;
    pt_ctx_init(&ctx);
    char path[4096];
    snprintf(path, sizeof path, "%s/fonts/BIZUDGothic-Regular.ttf", pt_datadir(&ctx));
    pt_font *font = pt_font_load(&ctx, path);
    pt_typesetter *ts = pt_typesetter_new(&ctx, PT_LB_STRICT);
    CHECK(font && ts, "setup: %s", ctx.err);
    if (!font || !ts)
        return TEST_END();
    pt_arena *arena = pt_arena_new();
    pt_doc doc;
    pt_doc_init(&doc, arena, 595.28, 841.89);
    pt_page *page = pt_page_new();
    pt_doc_append(&doc, page);
    pt_style st = { "body", font, 10.5, 1.6, PT_ALIGN_JUSTIFY, 0, true, false };
    const double widths[2] = { 12 * 10.5, 38 * 10.5 }, xs[2] = { 42, 42 + 12 * 10.5 + 20 };
    pt_buf text = {0};
    int flush_bad = 0, lines = 0;
    for (int col = 0; col < 2; col++) {
        double y = 800;
        for (size_t i = 0; i < sizeof PARAS / sizeof PARAS[0]; i++) {
            pt_block b = {0};
            const char *t[1] = { PARAS[i] };
            bool ok = pt_block_set(&ctx, ts, &b, &st, st.size, st.leading, widths[col], t, 1);
            CHECK(ok, "paragraph %zu: %s", i, ctx.err);
            for (size_t k = 0; ok && k < b.lines.lines.n; k++) {
                const pt_line *ln = &b.lines.lines.v[k];
                lines++;
                /* flush right at the measure; on the left at 0 or, for the
                 * lines after a ○ or (1) marker, at the hanging indent */
                double measure = widths[col] / st.size * 1000;
                if (!ln->last && !ln->ragged && fabs(ln->right - measure) > 0.01)
                    flush_bad++;
                if (k == 0 && ln->left > 0.01)
                    flush_bad++;
            }
            y -= pt_block_draw(&doc, page, &b, 0, b.lines.lines.n, xs[col], y, (pt_rgb){ 0, 0, 0 });
            y -= 8;
            pt_block_free(&b);
            pt_buf_puts(&text, PARAS[i]);
            pt_buf_puts(&text, "\n");
        }
    }
    CHECK(flush_bad == 0, "%d justified lines not flush on both sides", flush_bad);
    CHECK(lines > 30, "too few lines (%d)", lines);
    pt_doc_info info = { "column test", "plantype", "lines", "plantype", 0 };
    pt_out *o = pt_pdf_new(&ctx, &info);
    bool ok = o && pt_doc_render(&ctx, &doc, o) && pt_pdf_save(o, &ctx, out);
    CHECK(ok, "write %s: %s", out, ctx.err);
    pt_pdf_free(o);
    char tpath[4200];
    snprintf(tpath, sizeof tpath, "%s.txt", out);
    FILE *f = fopen(tpath, "w");
    CHECK(f != NULL, "write %s", tpath);
    if (f) {
        fputs(text.s, f);
        fclose(f);
    }
    printf("%d lines set in two columns\n", lines);
    pt_buf_free(&text);
    pt_doc_free(&doc);
    pt_arena_free(arena);
    pt_typesetter_free(ts);
    pt_font_free(font);
    return TEST_END();
}
