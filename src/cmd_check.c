/* cmd_check.c - the --check mode: every finding of an edition in one pass,
 * written nowhere but to standard output.
 *
 *   input/r6.xml:1098:0: warning: card 37 is incomplete: … [incomplete-card]
 *   0 errors, 1 warning
 *
 * The findings come from check_run.c (the loader, the data and text rules,
 * the fonts and the layout's fitting), sorted by place; --final makes an
 * incomplete card an error. Exit status 2 when there is an error, else 0. */
#include "check_run.h"
#include "cmd.h"

int pt_cmd_check(pt_ctx *ctx, const pt_cmd *cmd)
{
    pt_arena *arena = pt_arena_new();
    pt_findings f;
    pt_findings_init(&f, arena);
    const char *layout = cmd->layout ? cmd->layout
                                     : pt_sprintf(arena, "%s/layouts/a4-report.xml", pt_datadir(ctx));
    double t = pt_now();
    int status = pt_check_edition(ctx, arena, cmd->operands[0], layout, cmd->final, cmd->diff, &f, NULL);
    pt_phase("check the edition", &t);
    if (status != PT_EXIT_IO)
        pt_findings_print(&f, stdout);
    pt_findings_free(&f);
    pt_arena_free(arena);
    return status;
}
