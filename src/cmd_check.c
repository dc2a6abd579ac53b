/* cmd_check.c - the --check mode: load and validate an edition, write nothing.
 *
 * The edition goes through the same loader as for typesetting (well-formed,
 * schema, the loader's own checks); then each incomplete card is warned about
 * and the summary printed last, so the run's last line is the result. */
#include "cmd.h"
#include "model.h"

int pt_cmd_check(pt_ctx *ctx, const pt_cmd *cmd)
{
    pt_arena *arena = pt_arena_new();
    double t = pt_now();
    pt_report *r = pt_report_load(ctx, arena, cmd->operands[0]);
    pt_phase("read and validate the edition", &t);
    if (!r) {
        pt_arena_free(arena);
        return ctx->status ? ctx->status : PT_EXIT_IO;
    }
    int incomplete = 0;
    for (int i = 0; i < r->ncards; i++) {
        if (!r->cards[i]->incomplete)
            continue;
        incomplete++;
        pt_warn(ctx, "%s:%d: card %s is incomplete: the source lacks its content", r->file,
                r->cards[i]->line, r->cards[i]->no);
    }
    printf("%s: %d projects, %d initiatives, %d cards (%d complete, %d incomplete)\n", r->file,
           r->nprojects, r->ninitiatives, r->ncards, r->ncards - incomplete, incomplete);
    pt_arena_free(arena);
    return PT_EXIT_OK;
}
