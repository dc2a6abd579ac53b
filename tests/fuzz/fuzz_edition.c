/* fuzz_edition.c - libFuzzer harness: the input is an edition, typeset with
 * the shipped layout through the whole pipeline (tests/fuzz/pipeline.h). */
#include "pipeline.h"

#ifndef FUZZ_ENTRY
#define FUZZ_ENTRY LLVMFuzzerTestOneInput
#endif

int FUZZ_ENTRY(const uint8_t *data, size_t size);

int FUZZ_ENTRY(const uint8_t *data, size_t size)
{
    char layout[4096];
    pt_ctx ctx;
    pt_ctx_init(&ctx);
    const char *data_dir = pt_datadir(&ctx);
    fuzz_require(data_dir != NULL, "no data folder", &ctx);
    snprintf(layout, sizeof layout, "%s/layouts/a4-report.xml", data_dir);
    fuzz_pipeline("edition.xml", data, size, layout);
    return 0;
}
