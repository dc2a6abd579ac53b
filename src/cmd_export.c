/* cmd_export.c - the --export mode: an edition's indicator table (export.c).
 *
 *   plantype --export csv [--bom] input/r6.xml -o r6.csv
 *   plantype --export json input/r6.xml            (to standard output)
 *
 * The table is built in memory and written in one go: to -o FILE atomically,
 * or to standard output. */
#include "cmd.h"
#include "cycle.h"
#include "model.h"
#include "outfile.h"

#include <string.h>

int pt_cmd_export(pt_ctx *ctx, const pt_cmd *cmd)
{
    const char *format = cmd->operands[0], *in = cmd->operands[1];
    pt_export_format f;
    if (!strcmp(format, "csv"))
        f = PT_EXPORT_CSV;
    else if (!strcmp(format, "json"))
        f = PT_EXPORT_JSON;
    else {
        pt_invalid(ctx, _("--export: the format is csv or json, not '%s'"), format);
        return PT_EXIT_INVALID;
    }
    if (cmd->bom && f != PT_EXPORT_CSV) {
        pt_invalid(ctx, _("--bom is for --export csv (JSON has no byte-order mark)"));
        return PT_EXIT_INVALID;
    }
    pt_arena *arena = pt_arena_new();
    pt_report *r = pt_report_load(ctx, arena, in);
    bool ok = r != NULL;
    if (ok) {
        pt_buf out = {0};
        pt_export(r, arena, f, cmd->bom, &out);
        const char *path = cmd->output ? cmd->output : "-";
        if (!strcmp(path, "-")) {
            ok = fwrite(out.s, 1, out.n, stdout) == out.n && fflush(stdout) == 0;
            if (!ok)
                pt_fail(ctx, _("standard output: cannot write"));
        } else {
            ok = pt_write_atomic(ctx, path, out.s, out.n);
        }
        pt_buf_free(&out);
    }
    pt_arena_free(arena);
    return ok ? PT_EXIT_OK : ctx->status ? ctx->status : PT_EXIT_IO;
}
