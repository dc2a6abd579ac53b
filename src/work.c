/* work.c - tasks shared by the caller and one worker thread (see work.h).
 *
 * Approach. A queue of tasks in the order added, a mutex and two condition
 * variables: `more` wakes the worker when a task is added or the queue
 * closes, `done` wakes a caller waiting in pt_work_finish when a task ends
 * or is added (a task may add tasks, which the caller then helps with).
 * Each task is taken by exactly one thread (the next index moves under the
 * mutex) and runs outside it. One worker suffices: the machine this is
 * measured on has two cores and the caller is the other hand. A sleeping
 * worker is woken on a core other than the caller's (steer), then may use
 * every core again. */
#define _GNU_SOURCE         /* sched_getcpu, pthread_setaffinity_np */
#include "work.h"

#include <pthread.h>
#include <sched.h>
#include <stdlib.h>
#include <string.h>

typedef struct task { pt_task_fn fn; void *arg; } task;

struct pt_work {
    pthread_mutex_t lock;
    pthread_cond_t more, done;
    PT_VEC(task) q;       /* every task added; q.v[next..] still waiting */
    size_t next;          /* the first task nobody took yet */
    size_t finished;      /* tasks that have run */
    bool closing;         /* pt_work_free: the worker ends */
    bool threaded;        /* the worker thread runs */
    bool sleeping;        /* the worker waits in `more` */
    bool steered;         /* its cores narrowed for its wake-up (steer) */
    cpu_set_t cores;      /* the cores the threads may run on */
    pthread_t thread;
};

/* Takes the next task under the lock held by the caller; false when none. */
static bool take(pt_work *w, task *t)
{
    if (w->next == w->q.n)
        return false;
    *t = w->q.v[w->next++];
    return true;
}

/* Runs t without the lock, then counts it. Called with the lock held. */
static void run(pt_work *w, task t, int who)
{
    pthread_mutex_unlock(&w->lock);
    t.fn(t.arg, who);
    pthread_mutex_lock(&w->lock);
    w->finished++;
    pthread_cond_broadcast(&w->done);
}

static void *worker(void *arg)
{
    pt_work *w = arg;
    pthread_mutex_lock(&w->lock);
    for (;;) {
        task t;
        if (take(w, &t))
            run(w, t, 1);
        else if (w->closing)
            break;
        else {
            w->sleeping = true;
            pthread_cond_wait(&w->more, &w->lock);
            w->sleeping = false;
            if (w->steered) {     /* awake on another core: any core again */
                w->steered = false;
                pthread_setaffinity_np(pthread_self(), sizeof w->cores, &w->cores);
            }
        }
    }
    pthread_mutex_unlock(&w->lock);
    return NULL;
}

pt_work *pt_work_new(void)
{
    pt_work *w = pt_xcalloc(1, sizeof *w);
    pthread_mutex_init(&w->lock, NULL);
    pthread_cond_init(&w->more, NULL);
    pthread_cond_init(&w->done, NULL);
    if (sched_getaffinity(0, sizeof w->cores, &w->cores) != 0)
        CPU_ZERO(&w->cores);
    w->threaded = pthread_create(&w->thread, NULL, worker, w) == 0;
    return w;
}

/* Called with the lock held, before waking a sleeping worker: lets it wake
 * only on a core other than the caller's. Linux otherwise often wakes it on
 * the caller's own core when both were busy lately, where it waits until
 * the caller blocks (measured: 6 of 20 runs of r6, 1.5-3.4 ms each, while the
 * other core idled). Its cores are restored once it runs. */
static void steer(pt_work *w)
{
    if (!w->threaded || !w->sleeping || w->steered)
        return;
    int cpu = sched_getcpu();
    if (cpu < 0 || !CPU_ISSET(cpu, &w->cores) || CPU_COUNT(&w->cores) < 2)
        return;
    cpu_set_t others = w->cores;
    CPU_CLR(cpu, &others);
    w->steered = pthread_setaffinity_np(w->thread, sizeof others, &others) == 0;
}

/* Queues t last, or first of the tasks still waiting. */
static void add(pt_work *w, task t, bool first)
{
    pthread_mutex_lock(&w->lock);
    steer(w);
    PT_PUSH(w->q, t);
    if (first) {
        memmove(&w->q.v[w->next + 1], &w->q.v[w->next], (w->q.n - 1 - w->next) * sizeof t);
        w->q.v[w->next] = t;
    }
    pthread_cond_signal(&w->more);
    pthread_cond_broadcast(&w->done);   /* a caller in pt_work_finish may take it */
    pthread_mutex_unlock(&w->lock);
}

void pt_work_add(pt_work *w, pt_task_fn fn, void *arg)
{
    add(w, (task){fn, arg}, false);
}

void pt_work_add_urgent(pt_work *w, pt_task_fn fn, void *arg)
{
    add(w, (task){fn, arg}, true);
}

void pt_work_finish(pt_work *w)
{
    pthread_mutex_lock(&w->lock);
    for (;;) {                /* tasks may add tasks: take those too */
        task t;
        if (take(w, &t))
            run(w, t, 0);
        else if (w->finished < w->q.n)
            pthread_cond_wait(&w->done, &w->lock);
        else
            break;
    }
    pthread_mutex_unlock(&w->lock);
}

void pt_work_free(pt_work *w)
{
    if (!w)
        return;
    pt_work_finish(w);
    pthread_mutex_lock(&w->lock);
    w->closing = true;
    pthread_cond_broadcast(&w->more);
    pthread_mutex_unlock(&w->lock);
    if (w->threaded)
        pthread_join(w->thread, NULL);
    pthread_cond_destroy(&w->more);
    pthread_cond_destroy(&w->done);
    pthread_mutex_destroy(&w->lock);
    free(w->q.v);
    free(w);
}
