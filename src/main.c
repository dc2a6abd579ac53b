/* main.c - the command line: read an edition, lay it out, write the PDF.
 *
 *   plantype [--check] [-o OUT.pdf] [--layout LAYOUT.xml] EDITION.xml
 *
 * Exit status: 0 success, 1 I/O or internal error, 2 invalid input (see base.h).
 * Every error is printed once, here, as "plantype: file:line: <elem>: what". */
#include "base.h"
#include "model.h"
#include "report.h"

#include <stdlib.h>
#include <string.h>

static int usage(void)
{
    fputs("usage: plantype [--check] [-o OUT.pdf] [--layout LAYOUT.xml] EDITION.xml\n"
          "  --check    validate and load the edition, print a summary, write nothing\n"
          "  -o FILE    the PDF to write (default: out/<edition name>.pdf)\n"
          "  --layout F the layout (default: layouts/a4-report.xml of the installation)\n",
          stderr);
    return PT_EXIT_IO;
}

/* "input/r6.xml" -> "out/r6.pdf" */
static char *default_output(pt_arena *a, const char *in)
{
    const char *base = strrchr(in, '/');
    base = base ? base + 1 : in;
    size_t n = strlen(base);
    if (n > 4 && !strcmp(base + n - 4, ".xml"))
        n -= 4;
    return pt_sprintf(a, "out/%.*s.pdf", (int)n, base);
}

static void print_summary(const pt_report *r)
{
    int incomplete = 0;
    for (int i = 0; i < r->ncards; i++)
        incomplete += r->cards[i]->incomplete;
    printf("%s: %d projects, %d initiatives, %d cards (%d complete, %d incomplete)\n", r->file,
           r->nprojects, r->ninitiatives, r->ncards, r->ncards - incomplete, incomplete);
}

int main(int argc, char **argv)
{
    bool check = false;
    const char *in = NULL, *out = NULL, *layout = NULL;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--check"))
            check = true;
        else if (!strcmp(argv[i], "-o") && i + 1 < argc)
            out = argv[++i];
        else if (!strcmp(argv[i], "--layout") && i + 1 < argc)
            layout = argv[++i];
        else if (argv[i][0] == '-' || in)
            return usage();
        else
            in = argv[i];
    }
    if (!in)
        return usage();

    pt_ctx ctx;
    pt_ctx_init(&ctx);
    pt_arena *arena = pt_arena_new();
    int status = PT_EXIT_OK;
    double t = pt_now();
    pt_report *r = pt_report_load(&ctx, arena, in);
    pt_phase("read and validate the edition", &t);
    if (!r) {
        status = ctx.status ? ctx.status : PT_EXIT_IO;
    } else if (check) {
        print_summary(r);
        for (int i = 0; i < r->ncards; i++)
            if (r->cards[i]->incomplete)
                pt_warn(&ctx, "%s:%d: card %s is incomplete: the source lacks its content",
                        r->file, r->cards[i]->line, r->cards[i]->no);
    } else {
        if (!out)
            out = default_output(arena, in);
        if (!layout)
            layout = pt_sprintf(arena, "%s/layouts/a4-report.xml", pt_datadir());
        if (!pt_typeset(&ctx, r, layout, out))
            status = ctx.status ? ctx.status : PT_EXIT_IO;
    }
    if (status != PT_EXIT_OK)
        fprintf(stderr, "plantype: %s\n", ctx.err);
    pt_arena_free(arena);
    return status;
}
