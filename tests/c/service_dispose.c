/*
 * A service's `_dispose` from C (ADR 40): it closes the object without freeing its handle. Close
 * then free, free without close, close twice (a no-op), NULL ignored, close after a consuming
 * method (a no-op), a call on a closed handle (kind INTEROP_ERROR_SERVICE_CONSUMED, "was closed"),
 * a close while another thread is inside a call (it waits for the call, the call completes), a close
 * racing with calls on other threads many times (each call either completes or is refused as
 * closed), and a close from inside a call on the same object (refused: already in use by this
 * thread; nothing dropped). Every service of the fixture has one. The live-object counters are 0
 * right after each close, before any free. Runs under valgrind; valid C99 and C++17.
 *
 * Prints "N passed, M failed" and exits non-zero when anything failed.
 */
#define _POSIX_C_SOURCE 200809L
#include "conformance.h"

#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

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

#define THREADS 4
#define RACES 200
/* A caller stops after this many calls even when the close has not come yet: the close waits for
 * calls in progress and, while other threads keep starting calls, may wait long (under valgrind's
 * serialized threads, indefinitely), so the callers are bounded and the test cannot livelock. */
#define MAX_CALLS 5000

/* This thread's error has the kind `kind` (INTEROP_ERROR_*) and contains `part` (taken, freed). */
static int error_is(uint32_t kind, const char *part) {
    uint32_t found_kind = 99;
    char *message = interop_take_error(&found_kind);
    int found = message != NULL && found_kind == kind && strstr(message, part) != NULL;
    if (!found) {
        fprintf(stderr, "expected an error of kind %u containing \"%s\", got kind %u: \"%s\"\n",
                kind, part, found_kind, message != NULL ? message : "(NULL)");
    }
    interop_string_free(message);
    return found;
}

static int no_error(void) {
    char *message = interop_take_panic();
    if (message != NULL) {
        fprintf(stderr, "unexpected error: %s\n", message);
        interop_string_free(message);
        return 0;
    }
    return 1;
}

static void sleep_ms(long ms) {
    struct timespec t;
    t.tv_sec = ms / 1000;
    t.tv_nsec = (ms % 1000) * 1000000L;
    nanosleep(&t, NULL);
}

static Str str(const char *s) {
    Str v;
    v.ptr = s;
    v.len = strlen(s);
    return v;
}

static SliceU8 bytes(const char *s) {
    SliceU8 v;
    v.ptr = (const uint8_t *)s;
    v.len = strlen(s);
    return v;
}

static uint64_t slow_result = 0;

static void *slow_add(void *arg) {
    slow_result = kv_store_slow_add((KvStore *)arg, 5, 300);
    return NULL;
}

/* Calls `add` until the store is closed (or MAX_CALLS calls were made: `finished`): every call
 * either adds (its result grows by one) or is refused as closed; anything else counts in `other`. */
typedef struct {
    KvStore *store;
    int done;
    int refused;
    int finished;
    int other;
} Caller;

static void *call_until_closed(void *arg) {
    Caller *c = (Caller *)arg;
    const uint32_t *pending = interop_panic_pending();
    uint64_t last = 0;
    for (;;) {
        uint64_t n = kv_store_add(c->store, 1);
        if (*pending != 0) {
            uint32_t kind = 0;
            char *message = interop_take_error(&kind);
            if (message != NULL) {
                if (kind == INTEROP_ERROR_SERVICE_CONSUMED && strstr(message, "was closed") != NULL) {
                    c->refused++;
                } else {
                    c->other++;
                }
                interop_string_free(message);
                return NULL;
            }
        }
        if (n <= last) {
            c->other++;
        }
        last = n;
        c->done++;
        if (c->done >= MAX_CALLS) {
            c->finished++;
            return NULL;
        }
    }
}

static void no_drop(void *context) {
    (void)context;
}

/* Inside a call on the watcher: closing it is refused (this thread uses it). */
typedef struct {
    Watcher *watcher;
    int refused;
} Inside;

static void close_inside(void *context, uint32_t value) {
    Inside *in = (Inside *)context;
    (void)value;
    watcher_dispose(in->watcher);
    if (error_is(INTEROP_ERROR_SERVICE_REENTRANT, "already in use by this thread")) {
        in->refused++;
    }
}

int main(void) {
    KvStore *a;
    int i;

    CHECK(services_live() == 0);

    /* Close then free: the value is dropped by the close, calls are refused, the handle stays. */
    a = kv_store_new();
    kv_store_put(a, str("k"), bytes("v"));
    CHECK(services_live() == 1 && kv_store_len(a) == 1 && no_error());
    kv_store_dispose(a);
    CHECK(services_live() == 0 && no_error());
    CHECK(kv_store_len(a) == 0);
    CHECK(error_is(INTEROP_ERROR_SERVICE_CONSUMED, "this `KvStore` was closed"));
    CHECK(kv_store_into_len(a) == 0);
    CHECK(error_is(INTEROP_ERROR_SERVICE_CONSUMED, "was closed"));
    /* Twice: nothing happens. NULL is ignored. */
    kv_store_dispose(a);
    kv_store_dispose(NULL);
    CHECK(services_live() == 0 && no_error());
    kv_store_free(a);
    CHECK(no_error());

    /* Free without close: free drops the value. */
    a = kv_store_with_label(str("b"));
    CHECK(services_live() == 1);
    kv_store_free(a);
    CHECK(services_live() == 0 && no_error());

    /* Close after a consuming method: nothing left to drop; calls still say consumed. */
    a = kv_store_new();
    CHECK(kv_store_into_len(a) == 0 && services_live() == 0 && no_error());
    kv_store_dispose(a);
    CHECK(no_error());
    kv_store_len(a);
    CHECK(error_is(INTEROP_ERROR_SERVICE_CONSUMED, "was consumed"));
    kv_store_free(a);

    /* The other services of the fixture. */
    {
        ResultGateOpenError g = gate_new(7);
        Tally *t = tally_starting_at(3);
        Journal *j = journal_new();
        Watcher *w = watcher_named("w");
        CHECK(g.status == INTEROP_STATUS_OK && services_live() == 3 && services_callbacks_watchers_live() == 1);
        gate_dispose(g.value.ok);
        tally_dispose(t);
        journal_dispose(j);
        watcher_dispose(w);
        CHECK(services_live() == 0 && services_callbacks_watchers_live() == 0 && no_error());
        CHECK(tally_count(t) == 0 && error_is(INTEROP_ERROR_SERVICE_CONSUMED, "`Tally` was closed"));
        /* A journal's own close after the dispose: refused as closed, nothing saved. */
        {
            int64_t saved = services_journal_saved();
            ResultUnitOpenError r = journal_close(j);
            CHECK(r.status == INTEROP_STATUS_PANIC);
            CHECK(error_is(INTEROP_ERROR_SERVICE_CONSUMED, "`Journal` was closed"));
            CHECK(services_journal_saved() == saved);
            ResultUnitOpenError_free(&r);
        }
        gate_free(g.value.ok);
        ResultGateOpenError_free(&g);
        tally_free(t);
        journal_free(j);
        watcher_free(w);
        CHECK(no_error());
    }

    /* A close while another thread is inside a call: it waits, the call completes. */
    {
        pthread_t thread;
        a = kv_store_new();
        pthread_create(&thread, NULL, slow_add, a);
        sleep_ms(100);
        kv_store_dispose(a);
        /* The close returned: the call left the object before it, and the value is gone. */
        CHECK(services_live() == 0 && no_error());
        pthread_join(thread, NULL);
        CHECK(slow_result == 5);
        kv_store_free(a);
    }

    /* Closes racing with calls on other threads: never a crash, every call completes or is refused
     * as closed, the value is dropped once, right at the close. */
    for (i = 0; i < RACES; i++) {
        pthread_t threads[THREADS];
        Caller callers[THREADS];
        int t;
        int refused = 0;
        int finished = 0;
        int other = 0;
        a = kv_store_new();
        for (t = 0; t < THREADS; t++) {
            callers[t].store = a;
            callers[t].done = 0;
            callers[t].refused = 0;
            callers[t].finished = 0;
            callers[t].other = 0;
            pthread_create(&threads[t], NULL, call_until_closed, &callers[t]);
        }
        if (i % 2 == 0) {
            sleep_ms(1);
        }
        kv_store_dispose(a);
        if (services_live() != 0) {
            other++;
        }
        for (t = 0; t < THREADS; t++) {
            pthread_join(threads[t], NULL);
            refused += callers[t].refused;
            finished += callers[t].finished;
            other += callers[t].other;
        }
        kv_store_free(a);
        if (refused + finished != THREADS || other != 0) {
            fprintf(stderr, "race %d: %d refused, %d finished, %d other\n", i, refused, finished,
                    other);
            failed++;
        }
    }
    CHECK(services_live() == 0 && no_error());

    /* A close from inside a call on the same object: refused, nothing dropped. */
    {
        Inside in;
        OnChange f;
        Watcher *w = watcher_named("w");
        in.watcher = w;
        in.refused = 0;
        CHECK(watcher_set(w, 1) && watcher_set(w, 2));
        f.call = close_inside;
        f.context = &in;
        f.drop = no_drop;
        watcher_visit(w, f);
        CHECK(in.refused == 2 && services_callbacks_watchers_live() == 1 && no_error());
        CHECK(watcher_value(w) == 2 && no_error());
        watcher_dispose(w);
        CHECK(services_callbacks_watchers_live() == 0 && no_error());
        watcher_free(w);
    }

    printf("%d passed, %d failed\n", passed, failed);
    return failed == 0 ? 0 : 1;
}
