/* cmd_import.c - the --import mode: a returned table into the edition (import.c).
 *
 *   plantype --import r7-returned.csv input/r7.xml -o input/r7.xml
 *
 * Every changed cell is printed to stdout, one a line (a line break inside
 * a narrative shown as \n),
 *   card 5-1: actual: "" → "401,689千円(R6年度)"
 * then a summary line to stderr. Nothing is written when any row is refused. */
#include "cmd.h"
#include "cycle.h"

#include <string.h>

/* s in double quotes, one line: a line break shows as \n, \ and " get a \. */
static void put_quoted(FILE *to, const char *s)
{
    fputc('"', to);
    for (; *s; s++) {
        if (*s == '\n')
            fputs("\\n", to);
        else if (*s == '"' || *s == '\\')
            fprintf(to, "\\%c", *s);
        else
            fputc(*s, to);
    }
    fputc('"', to);
}

int pt_cmd_import(pt_ctx *ctx, const pt_cmd *cmd)
{
    if (!cmd->output) {
        pt_invalid(ctx, _("--import: name the edition to write with -o NEW.xml (it may be the "
                        "edition itself)"));
        return PT_EXIT_INVALID;
    }
    pt_arena *arena = pt_arena_new();
    const pt_change *ch;
    int n = 0;
    bool ok = pt_import(ctx, arena, cmd->operands[0], cmd->operands[1], cmd->output, &ch, &n);
    if (ok) {
        FILE *to = strcmp(cmd->output, "-") ? stdout : stderr;
        for (int i = 0; i < n; i++) {
            fprintf(to, "%s: %s: ", ch[i].where, ch[i].cell);
            put_quoted(to, ch[i].before);
            fputs(" → ", to);
            put_quoted(to, ch[i].after);
            fputc('\n', to);
        }
        if (!cmd->quiet)
            fprintf(stderr, ngettext("plantype: wrote %s: %d cell changed\n",
                                     "plantype: wrote %s: %d cells changed\n", (unsigned long)n),
                    strcmp(cmd->output, "-") ? cmd->output : _("standard output"), n);
    }
    pt_arena_free(arena);
    return ok ? PT_EXIT_OK : ctx->status ? ctx->status : PT_EXIT_IO;
}
