/*
 * What every C test program of tests/c shares: the CHECK macro and its counters, the error channel
 * helpers, and the start and end of main(). One program per construct (tests/c/<construct>.c),
 * each including the generated header first and this file second:
 *
 *     #include "conformance.h"
 *     #include "check.h"
 *     ...
 *     int main(void) {
 *         check_begin();
 *         test_something();
 *         return check_end();
 *     }
 *
 * check_end() prints "N passed, M failed" (tests/c/main.rs compares N with the count it expects for
 * the program) and returns the exit status. Valid C99 and C++17; the helpers are static inline so
 * that a program which does not use one compiles without warnings.
 */
#ifndef INTEROP_TESTS_CHECK_H
#define INTEROP_TESTS_CHECK_H

#include <stdint.h>
#include <stdio.h>
#include <string.h>

static int passed = 0;
static int failed = 0;

#define CHECK(cond)                                                                   \
    do {                                                                              \
        if (cond) {                                                                   \
            passed++;                                                                 \
        } else {                                                                      \
            failed++;                                                                 \
            fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond); \
        }                                                                             \
    } while (0)

/* Address of the pending-panic counter, read once by check_begin(). */
static const uint32_t *pending = NULL;

/* Takes this thread's panic message and compares it with `expected`; frees it. */
static inline int took_message(const char *expected) {
    char *message = interop_take_panic();
    int same = message != NULL && strcmp(message, expected) == 0;
    if (!same) {
        fprintf(stderr, "expected panic message \"%s\", got \"%s\"\n", expected,
                message != NULL ? message : "(NULL)");
    }
    interop_string_free(message);
    return same;
}

/* This thread's panic message contains `part` (taken and freed). */
static inline int error_contains(const char *part) {
    char *message = interop_take_panic();
    int found = message != NULL && strstr(message, part) != NULL;
    if (!found) {
        fprintf(stderr, "expected an error containing \"%s\", got \"%s\"\n", part,
                message != NULL ? message : "(NULL)");
    }
    interop_string_free(message);
    return found;
}

/* This thread's error is an argument the library refused (INTEROP_ERROR_INVALID_ARGUMENT, not a
 * panic) with the message `expected` (taken and freed). */
static inline int refused(const char *expected) {
    uint32_t kind = 0;
    char *message = interop_take_error(&kind);
    int same = message != NULL && kind == INTEROP_ERROR_INVALID_ARGUMENT && strcmp(message, expected) == 0;
    if (!same) {
        fprintf(stderr, "expected the refused argument \"%s\", got kind %u \"%s\"\n", expected,
                (unsigned)kind, message != NULL ? message : "(NULL)");
    }
    interop_string_free(message);
    return same;
}

/* This thread's error is an argument the library refused (INTEROP_ERROR_INVALID_ARGUMENT, not a
 * panic) and its message contains `part` (taken and freed). */
static inline int refused_contains(const char *part) {
    uint32_t kind = 0;
    char *message = interop_take_error(&kind);
    int found = message != NULL && kind == INTEROP_ERROR_INVALID_ARGUMENT && strstr(message, part) != NULL;
    if (!found) {
        fprintf(stderr, "expected a refused argument containing \"%s\", got kind %u \"%s\"\n", part,
                (unsigned)kind, message != NULL ? message : "(NULL)");
    }
    interop_string_free(message);
    return found;
}

/* No error is pending on this thread. */
static inline int no_error(void) {
    char *message = interop_take_panic();
    if (message != NULL) {
        fprintf(stderr, "unexpected error: %s\n", message);
        interop_string_free(message);
        return 0;
    }
    return 1;
}

/* The start of main(): the header was generated from the loaded library (the version guard), and the
 * pending-panic counter exists and its address is stable (4 CHECKs). */
static inline void check_begin(void) {
    CHECK(conformance_library_matches());
    CHECK(interop_inventory_hash() != NULL);
    pending = interop_panic_pending();
    CHECK(pending != NULL);
    CHECK(pending == interop_panic_pending());
}

/* The end of main(): nothing is left pending (1 CHECK); prints the summary, returns the exit status. */
static inline int check_end(void) {
    CHECK(pending != NULL && *pending == 0);
    printf("%d passed, %d failed\n", passed, failed);
    return failed == 0 ? 0 : 1;
}

#endif
