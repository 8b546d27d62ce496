/*
 * The pending count and threads: a message left untaken by a thread that exits is dropped with the
 * thread, so the process-wide count goes back to zero (every later checked call stays on the fast
 * path). Messages are per thread: a thread never takes another's.
 */
#include "common.h"

#include <pthread.h>
#include <stdint.h>

static const uint32_t *pending;

/* Records an error on this thread and exits without taking it. */
static void *leave_a_message(void *unused) {
    (void)unused;
    (void)color_code((Color)7);
    return NULL;
}

/* Records an error, checks it is this thread's, takes it. */
static void *take_own_message(void *result) {
    char *message;
    int ok = color_code((Color)8) == 0;
    message = interop_take_panic();
    ok = ok && message != NULL;
    interop_string_free(message);
    *(int *)result = ok;
    return NULL;
}

/* Records two errors in a row (the second replaces the first) and exits. */
static void *leave_two_messages(void *unused) {
    (void)unused;
    (void)color_code((Color)9);
    (void)small_code((Small)0);
    return NULL;
}

int main(void) {
    pthread_t threads[8];
    int i;
    int own = 0;
    pending = interop_panic_pending();

    for (i = 0; i < 8; i++) {
        CHECK(pthread_create(&threads[i], NULL, i % 2 ? leave_a_message : leave_two_messages, NULL) == 0);
    }
    for (i = 0; i < 8; i++) {
        CHECK(pthread_join(threads[i], NULL) == 0);
    }
    CHECK(*pending == 0);
    CHECK(interop_take_panic() == NULL);

    /* A message of this thread survives other threads exiting, and is this thread's only. */
    CHECK(color_code((Color)6) == 0);
    CHECK(*pending == 1);
    CHECK(pthread_create(&threads[0], NULL, leave_a_message, NULL) == 0);
    CHECK(pthread_join(threads[0], NULL) == 0);
    CHECK(pthread_create(&threads[1], NULL, take_own_message, &own) == 0);
    CHECK(pthread_join(threads[1], NULL) == 0);
    CHECK(own == 1);
    CHECK(*pending == 1);
    CHECK(refused("argument `c` of `color_code`: 6 is not a value of enum `Color`"));
    CHECK(*pending == 0);
    return summary();
}
