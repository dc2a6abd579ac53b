/* test.h - the one-header test harness.
 *
 * A test program calls CHECK()/CHECK_STR()/CHECK_INT() as often as it likes and
 * returns TEST_END() from main(). Each failure prints the file, line and what
 * differed; TEST_END prints the closing line "N passed, N failed" that
 * tests/run.sh adds up, and exits non-zero when anything failed. */
#ifndef PT_TEST_H
#define PT_TEST_H

#include <stdio.h>
#include <string.h>

static int test_passed, test_failed;

#define CHECK(cond, ...) do { \
        if (cond) test_passed++; \
        else { test_failed++; printf("FAIL %s:%d: ", __FILE__, __LINE__); \
               printf(__VA_ARGS__); putchar('\n'); } \
    } while (0)

#define CHECK_STR(got, want, what) do { \
        const char *g_ = (got), *w_ = (want); \
        CHECK(g_ && w_ && strcmp(g_, w_) == 0, "%s:\n   got  \"%s\"\n   want \"%s\"", \
              (what), g_ ? g_ : "(null)", w_ ? w_ : "(null)"); \
    } while (0)

#define CHECK_INT(got, want, what) do { \
        long g_ = (long)(got), w_ = (long)(want); \
        CHECK(g_ == w_, "%s: got %ld, want %ld", (what), g_, w_); \
    } while (0)

#define TEST_END() (printf("%d passed, %d failed\n", test_passed, test_failed), test_failed != 0)

#endif
