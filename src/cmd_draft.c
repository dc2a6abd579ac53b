/* cmd_draft.c - the --draft mode: a proof PDF of an edition.
 *
 * The edition is checked as by --check (its findings are printed to stdout
 * the same way), laid out with the layout, marked up by draft.c and written
 * to out/<name>-draft.pdf (or -o FILE). An edition the loader refuses, or
 * one with characters the fonts lack, gives no PDF: the findings say why.
 * The band names the edition, the date (SOURCE_DATE_EPOCH when set, so two
 * runs give the same file) and a short hash of the sources: the edition's
 * and the layout's bytes, so two proofs of different sources never look
 * alike. */
#include "check_run.h"
#include "cmd.h"
#include "draft.h"
#include "out.h"
#include "report.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

static long long now_or_epoch(void)
{
    const char *e = getenv("SOURCE_DATE_EPOCH");
    char *end;
    long long t = e ? strtoll(e, &end, 10) : 0;
    return e && *e && !*end ? t : (long long)time(NULL);
}

/* FNV-1a (64 bit) over the files' bytes, as 12 hex digits; NULL with
 * ctx->err when one cannot be read. */
static const char *sources_hash(pt_ctx *ctx, pt_arena *a, const char *const *paths, int n)
{
    uint64_t h = 0xcbf29ce484222325ull;
    for (int i = 0; i < n; i++) {
        size_t len;
        char *data = pt_read_file(ctx, paths[i], &len);
        if (!data)
            return NULL;
        for (size_t k = 0; k < len; k++) {
            h ^= (unsigned char)data[k];
            h *= 0x100000001b3ull;
        }
        free(data);
    }
    return pt_sprintf(a, "%012llx", (unsigned long long)(h >> 16));
}

/* Lays out, marks up and writes the proof of r. */
static bool write_draft(pt_ctx *ctx, pt_arena *arena, const pt_report *r, const char *in,
                        const char *layout, const char *out, const pt_findings *f, int *npages)
{
    const char *paths[2] = { in, layout };
    const char *hash = sources_hash(ctx, arena, paths, 2);
    if (!hash)
        return false;
    long long created = now_or_epoch();
    time_t tt = (time_t)created;
    struct tm tm;
    char date[32];
    strftime(date, sizeof date, "%Y-%m-%d", gmtime_r(&tt, &tm));
    const char *base = strrchr(in, '/');
    pt_draft_info info = { base ? base + 1 : in, date, hash };

    pt_doc doc = {0};
    pt_layout *L = NULL;
    FILE *warn = ctx->warn;
    ctx->warn = NULL;   /* what fitting did is a finding already */
    bool ok = pt_typeset_doc(ctx, r, layout, arena, &doc, &L)
              && pt_draft_mark(ctx, &doc, L, r, f, &info);
    ctx->warn = warn;
    if (ok) {
        pt_buf title = {0};
        for (int i = 0; i < r->ntitle_lines; i++)
            pt_buf_printf(&title, "%s%s", i ? " " : "", r->title_lines[i]);
        pt_buf_printf(&title, " 校正用 %s", date);
        pt_doc_info di = { title.s, r->publisher, "校正用", "plantype", created };
        pt_out *o = pt_pdf_new(ctx, &di);
        ok = o && pt_doc_render(ctx, &doc, o) && pt_pdf_save(o, ctx, out);
        if (o)
            pt_pdf_free(o);
        pt_buf_free(&title);
        *npages = (int)doc.pages.n;
    }
    pt_doc_free(&doc);
    pt_layout_free(L);
    return ok;
}

int pt_cmd_draft(pt_ctx *ctx, const pt_cmd *cmd)
{
    pt_arena *arena = pt_arena_new();
    const char *in = cmd->operands[0];
    const char *layout = cmd->layout ? cmd->layout
                                     : pt_sprintf(arena, "%s/layouts/a4-report.xml", pt_datadir(ctx));
    const char *out = cmd->output ? cmd->output : pt_default_output(arena, in, "-draft");
    int status = PT_EXIT_OK;
    if (!strcmp(out, "-")) {
        pt_invalid(ctx, _("--draft writes a file: name it with -o FILE"));
        status = PT_EXIT_INVALID;
    }
    pt_findings f;
    pt_findings_init(&f, arena);
    pt_report *r = NULL;
    if (status == PT_EXIT_OK)
        status = pt_check_edition(ctx, arena, in, layout, cmd->final, cmd->diff, &f, &r);
    if (status != PT_EXIT_IO && !ctx->err[0])
        pt_findings_print(&f, stdout);
    int npages = 0;
    if (r && status != PT_EXIT_IO) {
        bool ok = pt_make_parent_dirs(ctx, arena, out)
                  && write_draft(ctx, arena, r, in, layout, out, &f, &npages);
        if (!ok)
            status = ctx->status ? ctx->status : PT_EXIT_IO;
        else if (!cmd->quiet)
            fprintf(stderr, _("plantype: wrote %s: %d pages, %d errors and %d warnings marked\n"),
                    out, npages, f.nerrors, f.nwarnings);
        /* A proof of an edition with errors is written, and the status says so. */
    }
    pt_findings_free(&f);
    pt_arena_free(arena);
    return status;
}
