/* fuzz_import.c - libFuzzer harness: the input is a table for --import,
 * applied to the small edition tests/fuzz/small.xml (pt_import reads paths,
 * so the input is written to a scratch file first, and the result goes to
 * another). Besides the sanitizers: the run ends with status 0 or 2 (1 only
 * for I/O, which a scratch file should not see), a failure has a message and
 * writes nothing, and what a success writes loads again with every check. */
#include "pipeline.h"
#include "cycle.h"

#ifndef FUZZ_ENTRY
#define FUZZ_ENTRY LLVMFuzzerTestOneInput
#endif

int FUZZ_ENTRY(const uint8_t *data, size_t size);

int FUZZ_ENTRY(const uint8_t *data, size_t size)
{
    char table[512], out[512], edition[4096];
    fuzz_scratch(table, sizeof table, "table.csv");
    fuzz_scratch(out, sizeof out, "imported.xml");
    FILE *f = fopen(table, "wb");
    if (!f || fwrite(data, 1, size, f) != size || fclose(f) != 0)
        abort();
    unlink(out);
    pt_ctx ctx;
    pt_ctx_init(&ctx);
    ctx.warn = NULL;
    const char *data_dir = pt_datadir(&ctx);
    fuzz_require(data_dir != NULL, "no data folder", &ctx);
    snprintf(edition, sizeof edition, "%s/tests/fuzz/small.xml", data_dir);
    pt_arena *arena = pt_arena_new();
    const pt_change *changes;
    int n = 0;
    bool ok = pt_import(&ctx, arena, table, edition, out, &changes, &n);
    fuzz_require(ok || (ctx.status == PT_EXIT_INVALID && ctx.err[0]),
                 "a refused table must be invalid input with a message", &ctx);
    fuzz_require(ok || access(out, F_OK) != 0, "a refused table wrote a file", &ctx);
    if (ok) {
        pt_arena *a = pt_arena_new();
        fuzz_require(pt_report_load(&ctx, a, out) != NULL, "the imported edition does not load",
                     &ctx);
        pt_arena_free(a);
    }
    pt_arena_free(arena);
    unlink(out);
    unlink(table);
    return 0;
}
