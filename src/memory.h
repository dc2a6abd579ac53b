/* memory.h - how a run takes memory from the system. */
#ifndef PT_MEMORY_H
#define PT_MEMORY_H

#include <stddef.h>

/* Once, first thing in main: glibc keeps freed memory for the next
 * allocation (no trimming), and serves blocks up to 32 MB from the heap. */
void pt_memory_setup(void);

/* The heap's next `bytes` (rounded to whole 2 MB pages) in transparent
 * huge pages, where the system offers them. Returns what to give back to
 * pt_heap_done at the end of the run (NULL when nothing was done). */
void *pt_heap_huge(size_t bytes);
void pt_heap_done(void *h);

#endif
