/* work_test.c - the task queue and its worker thread (work.c). */
#define _GNU_SOURCE
#include "work.h"
#include "test.h"

#include <sched.h>
#include <pthread.h>
#include <unistd.h>

typedef struct probe {
    int cpu;                /* where the task ran */
    int who;                /* 0 the caller, 1 the worker */
    int cores;              /* how many cores the thread that ran it may use */
} probe;

static void run_probe(void *arg, int who)
{
    probe *p = arg;
    cpu_set_t set;
    p->cores = pthread_getaffinity_np(pthread_self(), sizeof set, &set) == 0 ? CPU_COUNT(&set) : -1;
    p->cpu = sched_getcpu();
    __atomic_store_n(&p->who, who, __ATOMIC_SEQ_CST);   /* last: the caller waits for it */
}

static void count(void *arg, int who)
{
    (void)who;
    __atomic_add_fetch((int *)arg, 1, __ATOMIC_SEQ_CST);
}

/* Every task runs once, whoever takes it. */
static void test_all_run(void)
{
    pt_work *w = pt_work_new();
    int n = 0;
    for (int i = 0; i < 1000; i++)
        pt_work_add(w, count, &n);
    pt_work_finish(w);
    CHECK_INT(n, 1000, "tasks run");
    pt_work_free(w);
}

/* A sleeping worker woken by the caller runs on another core than the
 * caller's, and may use every core again once it runs (steer). */
static void test_steer(void)
{
    cpu_set_t all;
    if (sched_getaffinity(0, sizeof all, &all) != 0 || CPU_COUNT(&all) < 2) {
        printf("skip: fewer than two cores\n");
        return;
    }
    int first = -1;
    for (int c = 0; c < CPU_SETSIZE && first < 0; c++)
        if (CPU_ISSET(c, &all))
            first = c;
    pt_work *w = pt_work_new();        /* made before the caller is pinned */
    cpu_set_t one;                     /* the caller on one core */
    CPU_ZERO(&one);
    CPU_SET(first, &one);
    CHECK(pthread_setaffinity_np(pthread_self(), sizeof one, &one) == 0, "pin the caller");
    for (int round = 0; round < 10; round++) {
        usleep(20000);                 /* the worker is asleep */
        probe p = { -1, -1, -1 };
        pt_work_add(w, run_probe, &p);
        for (int k = 0; k < 10000 && __atomic_load_n(&p.who, __ATOMIC_SEQ_CST) < 0; k++)
            usleep(100);   /* waits without taking the task itself (up to 1 s) */
        CHECK_INT(p.who, 1, "the worker took the task");
        CHECK(p.cpu != first, "round %d: the worker ran on core %d, not the caller's %d", round,
              p.cpu, first);
        CHECK_INT(p.cores, CPU_COUNT(&all), "the worker's cores restored");
        pt_work_finish(w);
    }
    pt_work_free(w);
    CHECK(pthread_setaffinity_np(pthread_self(), sizeof all, &all) == 0, "unpin the caller");
}

int main(void)
{
    test_all_run();
    test_steer();
    return TEST_END();
}
