/* memory.c - how a run takes memory from the system (memory.h).
 *
 * A page the process touches for the first time costs a fault, 1.3-2.5 us
 * each on the machine measured (a virtual one); r6 took 2,850 of them, most
 * for the heap, which grows to about 10 MB. A 2 MB huge page costs one fault
 * and about as much as 40 small ones. pt_heap_huge asks the kernel
 * (madvise(MADV_HUGEPAGE), which needs transparent huge pages set to
 * "madvise" or "always") to back the next part of the heap with them:
 *
 *   - a block of the size wanted plus 2 MB is allocated and freed again: it
 *     goes back to the top of the heap, which glibc keeps (pt_memory_setup
 *     sets the trim threshold far above it), so the heap's next allocations are
 *     carved from it in address order;
 *   - its 2 MB-aligned part is advised huge;
 *   - the part below the first 2 MB boundary is allocated and kept until the
 *     end (never touched, so it costs no memory): the next allocations start
 *     in the huge pages, whatever address the heap happened to start at.
 *
 * A huge page counts whole in the process's memory once any byte of it is
 * touched, so only the part that fills densely is advised (see the caller),
 * and allocations that are large and mostly untouched stay out of the heap
 * (pdf_flate.c's compressor tables). Where huge pages are off, or the heap
 * is not glibc's (sanitizers), this changes nothing but addresses. */
#define _GNU_SOURCE
#include "memory.h"

#include <malloc.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/mman.h>

/* Memory freed is kept for the next allocation instead of going back to the
 * system, and large blocks come from the heap too: r6 allocated and freed
 * blocks of 128 KB and more (pages' content, font programs, compressed
 * streams) from fresh mappings each time. r6: 180 fewer faults, 33.2 -> 30.9
 * ms (medians of 41 interleaved runs), peak memory +0.3 MB. */
void pt_memory_setup(void)
{
    mallopt(M_MMAP_THRESHOLD, 32 << 20);
    mallopt(M_TRIM_THRESHOLD, 256 << 20);
}

enum {
    HUGE_PAGE = 2 << 20,
    PART = 16 << 20,   /* glibc serves at most 32 MB from the heap (more gets a
                          mapping of its own): larger reserves come in parts,
                          which follow one another at its top */
};

void *pt_heap_huge(size_t bytes)
{
    size_t want = (bytes + HUGE_PAGE / 2) / HUGE_PAGE * HUGE_PAGE;
    if (want == 0)
        return NULL;
    size_t total = want + HUGE_PAGE, nparts = (total + PART - 1) / PART;
    char **parts = calloc(nparts, sizeof *parts);
    if (!parts)
        return NULL;
    for (size_t i = 0; i < nparts; i++)
        parts[i] = malloc(i + 1 < nparts ? PART : total - (nparts - 1) * PART);
    char *first = parts[0];
    uintptr_t start = ((uintptr_t)first + HUGE_PAGE - 1) & ~(uintptr_t)(HUGE_PAGE - 1);
    if (first)
        (void)madvise((void *)start, want, MADV_HUGEPAGE);   /* a hint, ignored where refused */
    for (size_t i = nparts; i-- > 0;)
        free(parts[i]);
    free(parts);
    /* malloc's chunk header (two words) comes before the pointer it returns:
     * a block of (start - first) minus the header ends where the next begins. */
    size_t below = first ? (size_t)(start - (uintptr_t)first) : 0;
    return below > 4 * sizeof(size_t) ? malloc(below - 2 * sizeof(size_t)) : NULL;
}

void pt_heap_done(void *h)
{
    free(h);
}
