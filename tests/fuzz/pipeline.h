/* pipeline.h - the whole of plantype for the fuzzers (tests/fuzz/README.md):
 * an edition and a layout through loading, layout, the display list and the
 * PDF writer, as the command line runs them. Used by fuzz_edition.c and
 * fuzz_layout.c, and by tests/fuzz_test.c, which replays the corpus in
 * `make test`.
 *
 * Besides the sanitizers, each run checks what must hold for every input:
 * the run ends with status 0, 1 or 2, a failure has a message, and a laid-out
 * document has nothing outside its pages. A violation aborts (a crash for
 * libFuzzer, a failure for the replay). */
#ifndef PT_FUZZ_PIPELINE_H
#define PT_FUZZ_PIPELINE_H

#include "base.h"
#include "model.h"
#include "out.h"
#include "page.h"
#include "report.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* A scratch path for this process: /dev/shm when there is one (a run writes a
 * PDF; tmpfs keeps that cheap), else $TMPDIR or /tmp. */
static inline void fuzz_scratch(char *out, size_t size, const char *what)
{
    const char *dir = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : getenv("TMPDIR");
    snprintf(out, size, "%s/plantype-fuzz-%ld-%s", dir && *dir ? dir : "/tmp", (long)getpid(),
             what);
}

static inline void fuzz_require(bool cond, const char *what, const pt_ctx *ctx)
{
    if (!cond) {
        fprintf(stderr, "fuzz: %s (status %d, message \"%s\")\n", what, ctx->status, ctx->err);
        abort();
    }
}

/* Runs edition bytes [0, n) with the layout at layout_path; returns the exit
 * status the command line would give. */
static inline int fuzz_pipeline(const char *name, const uint8_t *data, size_t n,
                                const char *layout_path)
{
    pt_ctx ctx;
    pt_ctx_init(&ctx);
    ctx.warn = NULL;
    char *text = malloc(n + 1);
    memcpy(text, data, n);
    text[n] = 0;
    pt_arena *arena = pt_arena_new();
    pt_report *r = pt_report_parse(&ctx, arena, name, text, n);
    bool ok = r != NULL;
    if (ok) {
        pt_arena *doc_arena = pt_arena_new();
        pt_doc doc = {0};
        pt_layout *L = NULL;
        ok = pt_typeset_doc(&ctx, r, layout_path, doc_arena, &doc, &L);
        if (ok) {
            fuzz_require(pt_doc_outside(&doc) < 0, "something outside its page", &ctx);
            pt_doc_info info = { "fuzz", "fuzz", "fuzz", "plantype", 0 };
            pt_out *o = pt_pdf_new(&ctx, &info);
            char pdf[512];
            fuzz_scratch(pdf, sizeof pdf, "out.pdf");
            ok = o && pt_doc_render(&ctx, &doc, o) && pt_pdf_save(o, &ctx, pdf);
            if (o)
                pt_pdf_free(o);
            unlink(pdf);
        }
        pt_doc_free(&doc);
        pt_layout_free(L);
        pt_arena_free(doc_arena);
    }
    pt_arena_free(arena);
    free(text);
    int status = ok ? PT_EXIT_OK : ctx.status;
    fuzz_require(ok || (ctx.err[0] && (status == PT_EXIT_IO || status == PT_EXIT_INVALID)),
                 "a failure without a message or with an unknown status", &ctx);
    return status;
}

#endif
