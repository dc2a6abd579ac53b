/* memory_test.c - the heap in huge pages (memory.c) and the arena's blocks
 * (base.c). */
#include "base.h"
#include "memory.h"
#include "test.h"

#include <stdint.h>
#include <stdlib.h>

#if defined(__SANITIZE_ADDRESS__)
#define GLIBC_HEAP 0      /* the sanitizer's allocator: addresses are its own */
#else
#define GLIBC_HEAP 1
#endif

/* True when the mapping holding p is advised huge ("hg" in its VmFlags). */
static int advised_huge(const void *p)
{
    FILE *f = fopen("/proc/self/smaps", "r");
    if (!f)
        return -1;
    char line[512];
    int in = 0, hg = 0;
    while (fgets(line, sizeof line, f)) {
        unsigned long lo, hi;
        if (sscanf(line, "%lx-%lx ", &lo, &hi) == 2 && strncmp(line, "VmFlags", 7))
            in = (uintptr_t)p >= lo && (uintptr_t)p < hi;
        else if (in && !strncmp(line, "VmFlags:", 8)) {
            hg = strstr(line, " hg") != NULL;
            break;
        }
    }
    fclose(f);
    return hg;
}

static void test_heap(void)
{
    pt_memory_setup();
    CHECK(pt_heap_huge(0) == NULL, "nothing asked: nothing kept");
    CHECK(pt_heap_huge(512 << 10) == NULL, "under half a huge page: nothing kept");
    void *h = pt_heap_huge(8 << 20);
    /* the next large allocation starts the huge part, on a 2 MB boundary */
    char *q = malloc(256 << 10);
    CHECK(q != NULL, "allocation after the reserve");
    if (GLIBC_HEAP) {
        uintptr_t off = (uintptr_t)q & ((2u << 20) - 1);
        CHECK(off < 64, "the next allocation starts at a 2 MB boundary (offset %lu)",
              (unsigned long)off);
        FILE *thp = fopen("/sys/kernel/mm/transparent_hugepage/enabled", "r");
        if (thp) {                           /* a kernel with huge pages */
            fclose(thp);
            int hg = advised_huge(q);
            CHECK(hg == 1, "its mapping is advised huge (smaps VmFlags hg: %d)", hg);
            CHECK(advised_huge(q + (6 << 20)) == 1, "so is the reserve's last 2 MB");
            CHECK(advised_huge(q + (8 << 20)) == 0, "and no more");
        }
    }
    q[0] = 1;
    free(q);
    pt_heap_done(h);
    pt_heap_done(NULL);
}

static void test_arena(void)
{
    pt_arena *a = pt_arena_new();
    char *x = pt_alloc(a, 100 << 10);       /* the head block, 28 KB left */
    char *big = pt_alloc(a, 40 << 10);      /* does not fit, more than a quarter block: its own */
    char *y = pt_alloc(a, 96);              /* a multiple of any alignment */
    CHECK(y == x + (100 << 10), "the head block stays in use after a large allocation (%td)",
          y - x);
    CHECK(big[0] == 0 && big[(40 << 10) - 1] == 0, "large allocation zeroed");
    char *huge = pt_alloc(a, 3 << 20);      /* larger than a block */
    huge[(3 << 20) - 1] = 1;
    char *z = pt_alloc(a, 16);
    CHECK(z == y + 96, "and after one larger than a block (%td)", z - y);
    char *w = pt_alloc(a, 20 << 10);        /* a quarter or less: a new head */
    char *v = pt_alloc(a, 16);
    CHECK(v == w + (20 << 10), "a small allocation that does not fit starts a new head (%td)",
          v - w);
    int dirty = 0;
    for (int i = 0; i < 5000; i++) {         /* many blocks, each allocation zeroed */
        char *s = pt_alloc(a, 1000);
        dirty += s[0] != 0 || s[999] != 0;
        s[0] = s[999] = 'x';
    }
    CHECK_INT(dirty, 0, "allocations not zeroed");
    pt_arena_free(a);
}

int main(void)
{
    test_heap();
    test_arena();
    return TEST_END();
}
