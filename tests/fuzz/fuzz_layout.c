/* fuzz_layout.c - libFuzzer harness: the input is a layout, used to typeset
 * the small edition tests/fuzz/small.xml through the whole pipeline
 * (tests/fuzz/pipeline.h). The layout reader takes a path: the input is
 * written to a scratch file first. */
#include "pipeline.h"

#ifndef FUZZ_ENTRY
#define FUZZ_ENTRY LLVMFuzzerTestOneInput
#endif

int FUZZ_ENTRY(const uint8_t *data, size_t size);

int FUZZ_ENTRY(const uint8_t *data, size_t size)
{
    char layout[512], edition[4096];
    fuzz_scratch(layout, sizeof layout, "layout.xml");
    FILE *f = fopen(layout, "wb");
    if (!f || fwrite(data, 1, size, f) != size || fclose(f) != 0)
        abort();
    pt_ctx ctx;
    pt_ctx_init(&ctx);
    const char *data_dir = pt_datadir(&ctx);
    fuzz_require(data_dir != NULL, "no data folder", &ctx);
    snprintf(edition, sizeof edition, "%s/tests/fuzz/small.xml", data_dir);
    size_t n;
    char *ed = pt_read_file(&ctx, edition, &n);
    fuzz_require(ed != NULL, "cannot read tests/fuzz/small.xml", &ctx);
    fuzz_pipeline(edition, (const uint8_t *)ed, n, layout);
    free(ed);
    unlink(layout);
    return 0;
}
