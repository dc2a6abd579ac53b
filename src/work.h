/* work.h - tasks shared by the calling thread and one worker thread.
 *
 * The PDF backend has pieces of work that are independent of each other and
 * whose results it needs only later: cutting a font program, compressing a
 * page's content or an object stream. pt_work runs them on a worker thread
 * of its own, in the order they were added, while the caller goes on; when
 * the caller needs the results it lends a hand (pt_work_finish), so both of
 * a 2-core machine's cores compress. A task touches only its own data, never
 * libharu's objects (libharu is not thread-safe). */
#ifndef PT_WORK_H
#define PT_WORK_H

#include "base.h"

/* A task: fn(arg, who), where who is 0 when the caller runs it and 1 on the
 * worker thread (to pick per-thread resources, such as a compressor). */
typedef void (*pt_task_fn)(void *arg, int who);

enum { PT_WORK_HANDS = 2 };   /* the caller and the worker: values of `who` */

typedef struct pt_work pt_work;

/* Starts the worker thread. When no thread can be started, the tasks run on
 * the caller in pt_work_finish. Never NULL (aborts when out of memory). */
pt_work *pt_work_new(void);

/* Queues fn(arg); arg must stay valid until pt_work_finish returns. A task
 * may add tasks (pt_work_finish waits for them too). */
void pt_work_add(pt_work *w, pt_task_fn fn, void *arg);

/* Queues fn(arg) before every task still waiting: for work that others
 * wait on (a large font program's compression ends the PDF phase). */
void pt_work_add_urgent(pt_work *w, pt_task_fn fn, void *arg);

/* Runs queued tasks on the caller too and returns once every task added so
 * far has run. More tasks may be added afterwards. */
void pt_work_finish(pt_work *w);

/* Finishes the tasks, stops the worker thread and frees w (NULL is fine). */
void pt_work_free(pt_work *w);

#endif
