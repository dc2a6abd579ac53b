/* cmd_verify.c - --verify: is this PDF exactly what its sources give?
 *
 *   plantype --verify FILE.pdf
 *
 * The edition and layout inside the PDF are written to a private temporary
 * folder under their own names, typeset again with the creation date the PDF
 * records (its Info /CreationDate), in memory, and the bytes compared with
 * the file's. Equal: "FILE.pdf: reproduced exactly from its sources", exit 0.
 * Otherwise the error says why, exit 1: an attached source changed after
 * typesetting (it disagrees with its /CheckSum), other fonts (the XMP font
 * manifest, names and SHA-256, differs from the fonts here), or the first
 * page or object that differs (pdf_read.c compares the two as documents).
 * A PDF without sources: exit 2. */
#include "cmd.h"
#include "model.h"
#include "outfile.h"
#include "pdf_read.h"
#include "report.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Removes every "dir/" from ctx->err, so that a message about a source
 * names the source as the PDF calls it ("r6.xml:12: ..."). */
static void strip_folder(pt_ctx *ctx, const char *dir)
{
    size_t n = strlen(dir);
    char *p;
    while ((p = strstr(ctx->err, dir)) && p[n] == '/')
        memmove(p, p + n + 1, strlen(p + n + 1) + 1);
}

/* Typesets the edition src[0] with the layout src[1], dated created, into
 * *made. The sources are written to a temporary folder and removed again. */
static bool typeset_again(pt_ctx *ctx, pt_arena *a, const pt_archived *ar, pt_buf *made)
{
    const char *tmpdir = getenv("TMPDIR");
    char *dir = pt_sprintf(a, "%s/plantype-verify-XXXXXX", tmpdir && *tmpdir ? tmpdir : "/tmp");
    if (!mkdtemp(dir))
        return pt_fail(ctx, _("%s: cannot create a temporary folder: %s"), dir, strerror(errno));
    const char *path[2];
    bool ok = strcmp(ar->sources[0].name, ar->sources[1].name) != 0;
    if (!ok)
        pt_invalid(ctx, _("the edition and the layout inside have the same name %s"),
                   ar->sources[0].name);
    for (int i = 0; ok && i < 2; i++) {
        path[i] = pt_sprintf(a, "%s/%s", dir, ar->sources[i].name);
        ok = pt_write_atomic(ctx, path[i], ar->sources[i].data, ar->sources[i].len);
    }
    if (ok) {
        FILE *warn = ctx->warn;     /* the warnings were given when it was made */
        ctx->warn = NULL;
        pt_report *r = pt_report_load(ctx, a, path[0]);
        pt_typeset_opts opts = {.have_date = true, .date = ar->created, .bytes = made};
        ok = r && pt_typeset(ctx, r, path[1], NULL, &opts, NULL);
        ctx->warn = warn;
        if (!ok) {
            strip_folder(ctx, dir);
            pt_err_prefix(ctx, _("its sources do not typeset here: "));
        }
    }
    for (int i = 0; i < 2; i++)
        unlink(pt_sprintf(a, "%s/%s", dir, ar->sources[i].name));
    rmdir(dir);
    return ok;
}

/* Why made is not the file: other fonts, or the first difference. */
static bool explain(pt_ctx *ctx, pt_arena *a, const char *pdf, const char *data, size_t len,
                    const pt_archived *ar, const pt_buf *made)
{
    pt_archived now;
    if (!pt_archived_read(ctx, a, "the PDF made again", made->s, made->n, &now))
        return false;
    if (!ar->fonts || !now.fonts || strcmp(ar->fonts, now.fonts))
        return pt_fail(ctx, _("%s: not reproduced: made with other fonts (it records: %s; here: %s)"),
                       pdf, ar->fonts ? ar->fonts : "none", now.fonts ? now.fonts : "none");
    pt_buf diff = {0};
    if (!pt_pdf_compare(ctx, data, len, made->s, made->n, &diff)) {
        pt_buf_free(&diff);
        return false;
    }
    if (diff.n)
        pt_fail(ctx, _("%s: not reproduced: %s"), pdf, diff.s);
    else
        pt_fail(ctx, _("%s: not reproduced: the same document, but not the same bytes "
                       "(written again by another program?)"), pdf);
    pt_buf_free(&diff);
    return false;
}

int pt_cmd_verify(pt_ctx *ctx, const pt_cmd *cmd)
{
    const char *pdf = cmd->operands[0];
    pt_arena *a = pt_arena_new();
    pt_buf made = {0};
    size_t len = 0;
    char *data = NULL;
    pt_archived ar;
    bool ok = pt_archived_load(ctx, a, pdf, &data, &len, &ar);
    if (ok && ar.nsources != 2)
        ok = pt_invalid(ctx, _("%s: %zu files inside, where plantype puts two (the edition "
                               "and the layout)"), pdf, ar.nsources);
    else if (ok && !ar.has_date)
        ok = pt_invalid(ctx, _("%s: no creation date (Info /CreationDate) to typeset it with"), pdf);
    else if (ok && ar.bad_source)
        ok = pt_fail(ctx, _("%s: not reproduced: the attached %s was changed after typesetting "
                            "(it disagrees with its /Size or /CheckSum)"), pdf, ar.bad_source);
    if (ok && !typeset_again(ctx, a, &ar, &made))
        ok = (pt_err_prefix(ctx, "%s: ", pdf), false);
    if (ok && (made.n != len || memcmp(made.s, data, len)))
        ok = explain(ctx, a, pdf, data, len, &ar, &made);
    if (ok)
        printf(_("%s: reproduced exactly from its sources\n"), pdf);
    free(data);
    pt_buf_free(&made);
    pt_arena_free(a);
    return ok ? PT_EXIT_OK : ctx->status ? ctx->status : PT_EXIT_IO;
}
