/* cmd_newyear.c - the --new-year mode: next year's edition (newyear.c).
 *
 *   plantype --new-year input/r6.xml -o input/r7.xml
 *
 * The new edition must be named (-o; "-" for standard output) and must not
 * be the edition it is made from. On success one line goes to stderr:
 *   plantype: wrote input/r7.xml: 令和7年度 (fiscal year 2025), 284 cells to fill */
#include "cmd.h"
#include "cycle.h"
#include "model.h"

#include <string.h>
#include <sys/stat.h>

/* Do paths a and b name the same existing file? */
static bool same_file(const char *a, const char *b)
{
    struct stat sa, sb;
    return !strcmp(a, b) || (stat(a, &sa) == 0 && stat(b, &sb) == 0 && sa.st_dev == sb.st_dev
                             && sa.st_ino == sb.st_ino);
}

int pt_cmd_newyear(pt_ctx *ctx, const pt_cmd *cmd)
{
    const char *in = cmd->operands[0];
    if (!cmd->output) {
        pt_invalid(ctx, _("--new-year: name the new edition with -o NEW.xml (or -o - for "
                        "standard output)"));
        return PT_EXIT_INVALID;
    }
    if (same_file(in, cmd->output)) {
        pt_invalid(ctx, _("--new-year: -o %s would replace the edition it is made from; name a "
                        "new file"), cmd->output);
        return PT_EXIT_INVALID;
    }
    int ntodo = 0;
    if (!pt_new_year(ctx, in, cmd->output, &ntodo))
        return ctx->status ? ctx->status : PT_EXIT_IO;
    if (!cmd->quiet && strcmp(cmd->output, "-")) {
        pt_arena *a = pt_arena_new();
        pt_ctx quiet;
        pt_ctx_init(&quiet);
        quiet.warn = NULL;
        const pt_report *r = pt_report_load(&quiet, a, cmd->output);
        if (r)
            fprintf(stderr, _("plantype: wrote %s: %s%d年度 (fiscal year %d), %d cells to fill "
                              "(plantype --check %s lists them)\n"), cmd->output, r->era, r->year,
                    r->fiscal_year, ntodo, cmd->output);
        pt_arena_free(a);
    }
    return PT_EXIT_OK;
}
