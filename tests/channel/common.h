/*
 * Shared by the channel test programs: CHECK counting, and taking this thread's message.
 * Each program prints "N passed, M failed" and exits non-zero when anything failed.
 */
#ifndef CHANNEL_TEST_COMMON_H
#define CHANNEL_TEST_COMMON_H

#include "channel.h"

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

/* Takes this thread's message and compares it with `expected`; frees it. */
static inline int took_message(const char *expected) {
    char *message = interop_take_panic();
    int same = message != NULL && strcmp(message, expected) == 0;
    if (!same) {
        fprintf(stderr, "expected message \"%s\", got \"%s\"\n", expected,
                message != NULL ? message : "(NULL)");
    }
    interop_string_free(message);
    return same;
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

static int summary(void) {
    printf("%d passed, %d failed\n", passed, failed);
    return failed == 0 ? 0 : 1;
}

#endif
