/* cmd_typeset.c - the default mode: typeset an edition into a PDF.
 *
 * The PDF goes to -o FILE or, by default, to out/<edition name>.pdf under
 * the current folder; missing folders on the way are created. The backend
 * writes a file atomically (temporary + rename), so "-o -" typesets into a
 * private temporary folder and copies the finished file to standard output:
 * nothing reaches stdout unless the whole PDF was built. On success one line
 * goes to stderr, after any warnings, so a run never ends on a lone warning:
 *   plantype: wrote out/r6.pdf: 51 pages, 1 warning */
#include "brk.h"
#include "cmd.h"
#include "cycle.h"
#include "memory.h"
#include "model.h"
#include "report.h"
#include "work.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

char *pt_default_output(pt_arena *a, const char *in, const char *suffix)
{
    const char *base = strrchr(in, '/');
    base = base ? base + 1 : in;
    size_t n = strlen(base);
    if (n > 4 && !strcmp(base + n - 4, ".xml"))
        n -= 4;
    return pt_sprintf(a, "out/%.*s%s.pdf", (int)n, base, suffix);
}

bool pt_make_parent_dirs(pt_ctx *ctx, pt_arena *a, const char *path)
{
    char *dir = pt_strdup(a, path);
    char *slash = strrchr(dir, '/');
    if (!slash || slash == dir)
        return true;
    *slash = '\0';
    for (char *p = dir + 1;; p++) {
        if (*p != '/' && *p != '\0')
            continue;
        char c = *p;
        *p = '\0';
        if (mkdir(dir, 0777) != 0 && errno != EEXIST)
            return pt_fail(ctx, _("%s: cannot create folder %s: %s"), path, dir, strerror(errno));
        *p = c;
        if (!c)
            return true;
    }
}

/* Copies the file at path to standard output. */
static bool copy_to_stdout(pt_ctx *ctx, const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return pt_fail(ctx, _("%s: cannot open: %s"), path, strerror(errno));
    char buf[65536];
    size_t n;
    bool ok = true;
    while (ok && (n = fread(buf, 1, sizeof buf, f)) > 0)
        ok = fwrite(buf, 1, n, stdout) == n;
    ok = ok && !ferror(f) && fflush(stdout) == 0;
    fclose(f);
    if (!ok)
        return pt_fail(ctx, _("standard output: cannot write: %s"), strerror(errno));
    return true;
}

/* Typesets into a private temporary folder and copies the PDF to stdout. */
static bool typeset_to_stdout(pt_ctx *ctx, pt_arena *a, const pt_report *r, const char *layout,
                              const pt_typeset_opts *opts, int *npages)
{
    if (isatty(STDOUT_FILENO)) {
        pt_invalid(ctx, _("-o -: standard output is a terminal; redirect it or name a file"));
        return false;
    }
    const char *tmpdir = getenv("TMPDIR");
    char *dir = pt_sprintf(a, "%s/plantype-XXXXXX", tmpdir && *tmpdir ? tmpdir : "/tmp");
    if (!mkdtemp(dir))
        return pt_fail(ctx, _("%s: cannot create a temporary folder: %s"), dir, strerror(errno));
    char *path = pt_sprintf(a, "%s/out.pdf", dir);
    bool ok = pt_typeset(ctx, r, layout, path, opts, npages) && copy_to_stdout(ctx, path);
    unlink(path);
    rmdir(dir);
    return ok;
}

/* "plantype: wrote out/r6.pdf: 51 pages, 1 warning" in the user's language. */
static void print_summary(const pt_ctx *ctx, const char *where, int npages)
{
    char pages[64], warnings[64];
    snprintf(pages, sizeof pages, ngettext("%d page", "%d pages", (unsigned long)npages), npages);
    snprintf(warnings, sizeof warnings,
             ngettext("%d warning", "%d warnings", (unsigned long)ctx->nwarn), ctx->nwarn);
    fprintf(stderr, _("plantype: wrote %s: %s, %s\n"), where, pages, warnings);
}

/* At most this much of the heap in huge pages. On the machine measured (a
 * virtual one that hands free 2 MB blocks back to its host: virtio free page
 * reporting, order 9), a huge page first touched after an idle pause costs
 * 1.5-3 ms more: the 20-times edition's first run after 10 s idle took
 * 390-477 ms with 116 MB of huge pages against 283-311 ms without, though
 * back to back they saved it 50 ms. With at most 8 MB (r6's dense part is
 * 6 MB) it took 263-286 ms after idling and 259 against 287 ms back to
 * back. */
enum { HEAP_HUGE_MAX = 8 << 20 };

int pt_cmd_typeset(pt_ctx *ctx, const pt_cmd *cmd)
{
    /* The heap grows to 60-90 times the edition's size (r6: 94 KB -> 8.6 MB,
     * the 20-times edition 1.8 -> about 120 MB); the first 64 times fill
     * densely and go in huge pages (memory.c), up to HEAP_HUGE_MAX. Against
     * the same build without: r6 2,850 -> 1,400 page faults, 26.8 -> 24.9
     * ms, +0.9 MB peak memory (medians of interleaved runs). */
    struct stat st;
    bool sized = stat(cmd->operands[0], &st) == 0 && S_ISREG(st.st_mode);
    size_t want = sized ? (size_t)st.st_size * 64 : 0;
    void *heap = pt_heap_huge(want < HEAP_HUGE_MAX ? want : HEAP_HUGE_MAX);
    pt_work *warm = pt_work_new();             /* ICU's dictionary, beside the reading */
    pt_work_add(warm, pt_breaker_warm, NULL);
    pt_arena *arena = pt_arena_new();
    const char *in = cmd->operands[0];
    double t = pt_now();
    pt_report *r = pt_report_load(ctx, arena, in);
    pt_phase("read and validate the edition", &t);
    const char *layout = cmd->layout ? cmd->layout
                                     : pt_sprintf(arena, "%s/layouts/a4-report.xml", pt_datadir(ctx));
    const char *out = cmd->output ? cmd->output : pt_default_output(arena, in, "");
    bool to_stdout = !strcmp(out, "-");
    int npages = 0;
    pt_typeset_opts opts = { .no_sources = cmd->no_sources };
    bool ok = r != NULL;
    const pt_todo *todo;
    int ntodo = ok ? pt_todo_cells(r, arena, &todo) : 0;
    if (ntodo)
        pt_warn(ctx, _("%s: %d cells are still to be filled and are set empty "
                       "(plantype --check %s lists them)"), in, ntodo, in);
    if (ok && to_stdout)
        ok = typeset_to_stdout(ctx, arena, r, layout, &opts, &npages);
    else if (ok)
        ok = pt_make_parent_dirs(ctx, arena, out) && pt_typeset(ctx, r, layout, out, &opts, &npages);
    if (ok && !cmd->quiet)
        print_summary(ctx, to_stdout ? _("standard output") : out, npages);
    pt_arena_free(arena);
    pt_work_free(warm);
    pt_heap_done(heap);
    return ok ? PT_EXIT_OK : ctx->status ? ctx->status : PT_EXIT_IO;
}
