/* cmd_extract.c - --extract: the sources inside a PDF, written out.
 *
 *   plantype --extract [--force] FILE.pdf [DIR]
 *
 * Writes each file the PDF carries as a PDF/A-3 associated file (the edition
 * and the layout) into DIR (default: the current folder; created when
 * missing) under its own name. An existing file is not replaced unless
 * --force; then nothing is written at all. A source that disagrees with its
 * /CheckSum (changed after typesetting) is written with a warning. A PDF
 * without sources: exit 2. */
#include "cmd.h"
#include "outfile.h"
#include "pdf_read.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int pt_cmd_extract(pt_ctx *ctx, const pt_cmd *cmd)
{
    const char *pdf = cmd->operands[0];
    const char *dir = cmd->noperands > 1 ? cmd->operands[1] : ".";
    pt_arena *a = pt_arena_new();
    size_t len = 0;
    char *data = NULL;
    pt_archived ar;
    bool ok = pt_archived_load(ctx, a, pdf, &data, &len, &ar);
    if (ok && mkdir(dir, 0777) != 0 && errno != EEXIST)
        ok = pt_fail(ctx, _("%s: cannot create folder: %s"), dir, strerror(errno));
    const char **path = pt_alloc(a, (ar.nsources + 1) * sizeof *path);
    for (size_t i = 0; ok && i < ar.nsources; i++) {
        path[i] = pt_sprintf(a, "%s/%s", dir, ar.sources[i].name);
        struct stat st;
        if (!cmd->force && lstat(path[i], &st) == 0)
            ok = pt_fail(ctx, _("%s: exists; not replaced (--force replaces it)"), path[i]);
    }
    if (ok && ar.bad_source)
        pt_warn(ctx, _("%s: the attached %s disagrees with its /Size or /CheckSum (changed "
                       "after typesetting)"), pdf, ar.bad_source);
    for (size_t i = 0; ok && i < ar.nsources; i++) {
        ok = pt_write_atomic(ctx, path[i], ar.sources[i].data, ar.sources[i].len);
        if (ok && !cmd->quiet)
            fprintf(stderr, _("plantype: wrote %s\n"), path[i]);
    }
    free(data);
    pt_arena_free(a);
    return ok ? PT_EXIT_OK : ctx->status ? ctx->status : PT_EXIT_IO;
}
