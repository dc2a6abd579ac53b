/* fuzz_test.c - replays the fuzzing corpus (tests/fuzz/corpus/edition,
 * …/layout and …/import) through the three harnesses, as a regression test:
 * every input that once mattered (seeds, and each input that found a bug)
 * must run through the whole pipeline without a crash, a sanitizer report
 * or a broken invariant (tests/fuzz/pipeline.h), each within 30 s. */
#include "test.h"

#define FUZZ_ENTRY fuzz_edition
#include "fuzz/fuzz_edition.c"
#undef FUZZ_ENTRY
#define FUZZ_ENTRY fuzz_layout
#include "fuzz/fuzz_layout.c"
#undef FUZZ_ENTRY
#define FUZZ_ENTRY fuzz_import
#include "fuzz/fuzz_import.c"
#undef FUZZ_ENTRY

#include <dirent.h>
#include <time.h>

static int replay(const char *dir, int (*entry)(const uint8_t *, size_t))
{
    DIR *d = opendir(dir);
    CHECK(d != NULL, "cannot open %s", dir);
    if (!d)
        return 0;
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.')
            continue;
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        pt_ctx ctx;
        pt_ctx_init(&ctx);
        size_t len;
        char *data = pt_read_file(&ctx, path, &len);
        CHECK(data != NULL, "%s", ctx.err);
        if (!data)
            continue;
        struct timespec t0, t1;
        clock_gettime(CLOCK_MONOTONIC, &t0);
        entry((const uint8_t *)data, len);
        clock_gettime(CLOCK_MONOTONIC, &t1);
        double s = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
        CHECK(s < 30, "%s took %.1f s", path, s);
        free(data);
        n++;
    }
    closedir(d);
    return n;
}

/* The seeds that reach the whole pipeline are the shipped files themselves
 * (the fuzzers are also given input/ and layouts/ as corpus folders, see
 * tests/fuzz/README.md), so they never go stale. They must typeset. */
static void shipped(void)
{
    pt_ctx ctx;
    pt_ctx_init(&ctx);
    size_t n;
    char *ed = pt_read_file(&ctx, "tests/fuzz/small.xml", &n);
    CHECK(ed != NULL, "%s", ctx.err);
    if (ed)
        CHECK_INT(fuzz_pipeline("small.xml", (const uint8_t *)ed, n, "layouts/a4-report.xml"), 0,
                  "tests/fuzz/small.xml with the shipped layout");
    free(ed);
    ed = pt_read_file(&ctx, "input/r6.xml", &n);
    CHECK(ed != NULL, "%s", ctx.err);
    if (ed)
        CHECK_INT(fuzz_pipeline("r6.xml", (const uint8_t *)ed, n, "layouts/a4-report.xml"), 0,
                  "input/r6.xml with the shipped layout");
    free(ed);
}

int main(void)
{
    shipped();
    int ne = replay("tests/fuzz/corpus/edition", fuzz_edition) + replay("input", fuzz_edition);
    int nl = replay("tests/fuzz/corpus/layout", fuzz_layout) + replay("layouts", fuzz_layout);
    CHECK(ne >= 3, "edition corpus has %d inputs", ne);
    CHECK(nl >= 3, "layout corpus has %d inputs", nl);
    int ni = replay("tests/fuzz/corpus/import", fuzz_import);
    CHECK(ni >= 2, "import corpus has %d inputs", ni);
    return TEST_END();
}
