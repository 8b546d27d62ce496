/*
 * Services from C: every function of the conformance fixture's `services` feature through the
 * generated header. Handles from constructors, methods taking the handle first, `_free` exactly once
 * per handle (NULL ignored), a consuming method and a by-value argument (the handle stays, empty:
 * calls on it fail through the error channel, and it is still freed), a service returned by a
 * method, the same object twice in one call (an error, not a deadlock), a panic inside a method,
 * 8 threads on one object (exclusive `&mut self`, shared `&self`, a `!Sync` service serialized) and a
 * free while another thread is inside a call (free waits for it). The live-object counter is 0 at
 * the end and the program runs under valgrind. Fallible constructors return a Result whose ok value
 * is the handle (also a fallible `new`, and one that panics). The errors of a service's lock have
 * their own kinds in the error channel (interop_take_error, INTEROP_ERROR_SERVICE_*): busy (a call
 * holding one object finds the second one used by another thread, also from 8 threads merging two
 * stores into each other), already in use by this thread, consumed. Valid C99 and C++17.
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

#define THREADS 8
#define ROUNDS 20000

/* This thread's error message contains `part` (taken and freed). */
static int error_contains(const char *part) {
    char *message = interop_take_panic();
    int found = message != NULL && strstr(message, part) != NULL;
    if (!found) {
        fprintf(stderr, "expected an error containing \"%s\", got \"%s\"\n", part,
                message != NULL ? message : "(NULL)");
    }
    interop_string_free(message);
    return found;
}

/* This thread's error has the kind `kind` (INTEROP_ERROR_*) and contains `part` (taken, freed). */
static int error_is(uint32_t kind, const char *part) {
    uint32_t found_kind = 99;
    char *message = interop_take_error(&found_kind);
    int found = message != NULL && found_kind == kind && strstr(message, part) != NULL;
    if (!found) {
        fprintf(stderr, "expected an error of kind %u containing \"%s\", got kind %u: \"%s\"\n",
                (unsigned)kind, part, (unsigned)found_kind, message != NULL ? message : "(NULL)");
    }
    interop_string_free(message);
    return found;
}

/* No error is pending on this thread. */
static int no_error(void) {
    char *message = interop_take_panic();
    if (message != NULL) {
        fprintf(stderr, "unexpected error: %s\n", message);
        interop_string_free(message);
        return 0;
    }
    return 1;
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

/* The returned string equals `expected`; then it is freed. */
static int string_is(String s, const char *expected) {
    int same = s.len == strlen(expected) && memcmp(s.ptr, expected, s.len) == 0;
    String_free(&s);
    return same;
}

/* The string equals `expected` (not freed: it belongs to a result freed by its own _free). */
static int string_is_kept(String s, const char *expected) {
    return s.len == strlen(expected) && memcmp(s.ptr, expected, s.len) == 0;
}

static int vec_is(VecU8 v, const char *expected) {
    int same = v.len == strlen(expected) && (v.len == 0 || memcmp(v.ptr, expected, v.len) == 0);
    VecU8_free(&v);
    return same;
}

static void sleep_ms(long ms) {
    struct timespec t;
    t.tv_sec = ms / 1000;
    t.tv_nsec = (ms % 1000) * 1000000L;
    nanosleep(&t, NULL);
}

static void *add_many(void *arg) {
    KvStore *store = (KvStore *)arg;
    int i;
    for (i = 0; i < ROUNDS; i++) {
        kv_store_add(store, 1);
    }
    return NULL;
}

static void *read_many(void *arg) {
    KvStore *store = (KvStore *)arg;
    int i;
    uint64_t sum = 0;
    for (i = 0; i < ROUNDS / 4; i++) {
        sum += kv_store_len(store);
        sum += kv_store_counter(store);
    }
    return (void *)(uintptr_t)(sum > 0);
}

static void *bump_many(void *arg) {
    Tally *tally = (Tally *)arg;
    int i;
    for (i = 0; i < ROUNDS; i++) {
        tally_bump(tally);
    }
    return NULL;
}

/* Merges `into` with `from` ROUNDS / 10 times and adds 1 to `into` each time: every merge either
 * succeeds or fails as busy (`from` is used by another thread), every add succeeds. */
typedef struct {
    KvStore *into;
    KvStore *from;
    int merged;
    int busy;
    int other;
} Merger;

static void *merge_many(void *arg) {
    Merger *m = (Merger *)arg;
    const uint32_t *pending = interop_panic_pending();
    int i;
    for (i = 0; i < ROUNDS / 10; i++) {
        uint64_t n = kv_store_merge(m->into, m->from);
        if (*pending != 0) {
            uint32_t kind = 0;
            char *message = interop_take_error(&kind);
            if (message != NULL) {
                if (kind == INTEROP_ERROR_SERVICE_BUSY && n == 0) {
                    m->busy++;
                } else {
                    m->other++;
                }
                interop_string_free(message);
                continue;
            }
        }
        m->merged++;
        kv_store_add(m->into, 1);
    }
    return NULL;
}

static void *slow_add(void *arg) {
    kv_store_slow_add((KvStore *)arg, 1, 500);
    return NULL;
}

static uint64_t slow_result = 0;

static void *slow_call(void *arg) {
    slow_result = kv_store_slow_counter((KvStore *)arg, 1000);
    return NULL;
}

int main(void) {
    KvStore *a;
    KvStore *b;
    KvStore *c;
    KvStore *snap;
    Tally *tally;
    pthread_t threads[THREADS];
    int i;

    CHECK(services_live() == 0);

    /* Constructors, &self and &mut self methods. */
    a = kv_store_new();
    b = kv_store_with_label(str("b-store"));
    CHECK(a != NULL && b != NULL && no_error());
    CHECK(services_live() == 2);
    CHECK(string_is(kv_store_label(a), "default"));
    CHECK(string_is(kv_store_label(b), "b-store"));
    kv_store_put(a, str("k1"), bytes("v1"));
    kv_store_put(a, str("k2"), bytes("value two"));
    kv_store_put(b, str("k3"), bytes("three"));
    CHECK(no_error());
    CHECK(kv_store_len(a) == 2);
    CHECK(vec_is(kv_store_get(a, str("k2")), "value two"));
    CHECK(vec_is(kv_store_get(a, str("missing")), ""));
    CHECK(kv_store_add(a, 5) == 5 && kv_store_counter(a) == 5);

    /* Fallible constructors: a Result whose ok value is a new handle (freed with kv_store_free;
     * the result's _free frees only the error's data). */
    {
        ResultKvStoreOpenError r = kv_store_open(str("opened"));
        ResultKvStoreString m;
        CHECK(r.status == INTEROP_STATUS_OK && r.value.ok != NULL && no_error());
        CHECK(services_live() == 3);
        CHECK(string_is(kv_store_label(r.value.ok), "opened"));
        kv_store_free(r.value.ok);
        ResultKvStoreOpenError_free(&r);
        CHECK(services_live() == 2);
        r = kv_store_open(str(""));
        CHECK(r.status == INTEROP_STATUS_ERROR && r.value.err.value == OPEN_ERROR_EMPTY_LABEL);
        CHECK(string_is_kept(r.value.err.message, "the label is empty"));
        ResultKvStoreOpenError_free(&r);
        r = kv_store_open(str("reserved-1"));
        CHECK(r.status == INTEROP_STATUS_ERROR && r.value.err.value == OPEN_ERROR_RESERVED);
        CHECK(string_is_kept(r.value.err.message, "labels starting with `reserved` are reserved"));
        ResultKvStoreOpenError_free(&r);
        ResultKvStoreOpenError_free(&r);
        m = kv_store_open_or_message(str(""));
        CHECK(m.status == INTEROP_STATUS_ERROR);
        CHECK(string_is_kept(m.value.err.value, "the label is empty"));
        ResultKvStoreString_free(&m);
        m = kv_store_open_or_message(str("m"));
        CHECK(m.status == INTEROP_STATUS_OK && services_live() == 3);
        kv_store_free(m.value.ok);
        ResultKvStoreString_free(&m);
        CHECK(services_live() == 2 && no_error());
        /* A panic in a constructor: status panic, the message in the channel, nothing alive. */
        r = kv_store_open(str("panic"));
        CHECK(r.status == INTEROP_STATUS_PANIC && r.value.ok == NULL);
        CHECK(error_is(INTEROP_ERROR_PANIC, "panic in `kv_store_open`: open panic"));
        ResultKvStoreOpenError_free(&r);
        CHECK(services_live() == 2);
    }

    /* A fallible `new`. */
    {
        ResultGateOpenError g = gate_new(7);
        CHECK(g.status == INTEROP_STATUS_OK && gate_code(g.value.ok) == 7 && services_live() == 3);
        gate_free(g.value.ok);
        ResultGateOpenError_free(&g);
        g = gate_new(0);
        CHECK(g.status == INTEROP_STATUS_ERROR && g.value.err.value == OPEN_ERROR_EMPTY_LABEL);
        ResultGateOpenError_free(&g);
        g = gate_new(1);
        CHECK(g.status == INTEROP_STATUS_ERROR && g.value.err.value == OPEN_ERROR_RESERVED);
        ResultGateOpenError_free(&g);
        g = gate_new(13);
        CHECK(g.status == INTEROP_STATUS_PANIC && error_is(INTEROP_ERROR_PANIC, "unlucky gate"));
        ResultGateOpenError_free(&g);
        CHECK(services_live() == 2 && no_error());
    }

    /* Methods returning results, a constructor taking another service (Interoptopus's
     * "dependent" and "result" services). */
    {
        uint32_t values[3] = {10, 20, 30};
        SliceU32 view;
        ResultGateOpenError g;
        ResultUnitOpenError u;
        ResultU32OpenError p;
        ResultStringOpenError n;
        ResultOptionU32OpenError h;
        Gate *gate;
        view.ptr = values;
        view.len = 3;
        g = gate_from_store(a); /* a's counter is 5 */
        CHECK(g.status == INTEROP_STATUS_OK && gate_code(g.value.ok) == 5);
        gate = g.value.ok;
        ResultGateOpenError_free(&g);
        u = gate_check(gate, 5);
        CHECK(u.status == INTEROP_STATUS_OK);
        ResultUnitOpenError_free(&u);
        u = gate_check(gate, 6);
        CHECK(u.status == INTEROP_STATUS_ERROR && u.value.err.value == OPEN_ERROR_RESERVED);
        ResultUnitOpenError_free(&u);
        p = gate_pick(gate, view, 2);
        CHECK(p.status == INTEROP_STATUS_OK && p.value.ok == 30);
        ResultU32OpenError_free(&p);
        p = gate_pick(gate, view, 3);
        CHECK(p.status == INTEROP_STATUS_ERROR && p.value.err.value == OPEN_ERROR_EMPTY_LABEL);
        ResultU32OpenError_free(&p);
        n = gate_name(gate);
        CHECK(n.status == INTEROP_STATUS_OK && string_is_kept(n.value.ok, "gate 5"));
        ResultStringOpenError_free(&n);
        h = gate_half(gate);
        CHECK(h.status == INTEROP_STATUS_OK && h.value.ok.is_some == 0);
        ResultOptionU32OpenError_free(&h);
        gate_free(gate);
        c = kv_store_new();
        g = gate_from_store(c); /* counter 0 */
        CHECK(g.status == INTEROP_STATUS_ERROR && g.value.err.value == OPEN_ERROR_EMPTY_LABEL);
        ResultGateOpenError_free(&g);
        kv_store_add(c, 8);
        g = gate_from_store(c);
        CHECK(g.status == INTEROP_STATUS_OK);
        h = gate_half(g.value.ok);
        CHECK(h.status == INTEROP_STATUS_OK && h.value.ok.is_some == 1 && h.value.ok.value == 4);
        ResultOptionU32OpenError_free(&h);
        gate_free(g.value.ok);
        ResultGateOpenError_free(&g);
        kv_store_free(c);
        CHECK(services_live() == 2 && no_error());
    }

    /* A `&mut [u8]` parameter, `&T` / `&mut T` parameters, an owned `String` constructor. */
    {
        uint8_t buf[4] = {0, 0, 0, 0};
        SliceMutU8 out;
        uint64_t by = 3;
        uint64_t total = 0;
        out.ptr = buf;
        out.len = sizeof buf;
        CHECK(kv_store_copy_into(a, str("k2"), out) == 4 && memcmp(buf, "valu", 4) == 0);
        out.len = 2;
        CHECK(kv_store_copy_into(a, str("k1"), out) == 2 && memcmp(buf, "v1lu", 4) == 0);
        c = kv_store_with_label(str("refs"));
        kv_store_add(c, 5);
        CHECK(kv_store_add_to(c, &by, &total) == 8 && total == 8 && kv_store_counter(c) == 8);
        CHECK(kv_store_add_to(c, NULL, &total) == 0);
        CHECK(error_is(INTEROP_ERROR_INVALID_ARGUMENT, "argument `by` of `kv_store_add_to` must not be null"));
        kv_store_free(c);
        c = kv_store_from_label(str("owned"));
        CHECK(string_is(kv_store_label(c), "owned"));
        kv_store_free(c);
    }

    /* A service returned by a method: a new handle the caller frees. */
    snap = kv_store_snapshot(a);
    CHECK(snap != NULL && services_live() == 3);
    CHECK(string_is(kv_store_label(snap), "default snapshot"));
    kv_store_put(a, str("k4"), bytes("later"));
    CHECK(kv_store_len(snap) == 2 && kv_store_len(a) == 3);

    /* A service as a parameter; the same object twice in one call is an error, not a deadlock. */
    CHECK(kv_store_merge(a, b) == 4 && no_error());
    CHECK(kv_store_merge(a, a) == 0);
    CHECK(error_is(INTEROP_ERROR_SERVICE_REENTRANT, "already in use by this thread"));
    CHECK(kv_store_len(a) == 4 && no_error());

    /* A by-value argument moves into the call: the handle stays, empty, until freed. */
    c = kv_store_with_label(str("c"));
    kv_store_put(c, str("k5"), bytes("five"));
    CHECK(kv_store_absorb(a, c) == 5 && no_error());
    CHECK(services_live() == 3);
    CHECK(kv_store_len(c) == 0);
    CHECK(error_is(INTEROP_ERROR_SERVICE_CONSUMED, "was consumed"));
    kv_store_free(c);

    /* A consuming method: the same. */
    CHECK(kv_store_into_len(snap) == 2 && no_error());
    CHECK(services_live() == 2);
    CHECK(kv_store_into_len(snap) == 0);
    CHECK(error_contains("was consumed"));
    CHECK(kv_store_merge(a, snap) == 0);
    CHECK(error_contains("was consumed"));
    kv_store_free(snap);

    /* NULL is refused; free(NULL) does nothing. */
    CHECK(kv_store_len(NULL) == 0);
    CHECK(error_is(INTEROP_ERROR_INVALID_ARGUMENT, "argument `self` of `kv_store_len` must not be null"));
    kv_store_free(NULL);
    CHECK(no_error());

    /* A panic inside a method: reported, the object stays usable. */
    CHECK(kv_store_fail(a) == 0);
    CHECK(error_contains("store panic"));
    CHECK(kv_store_len(a) == 5 && no_error());

    /* 8 threads: exclusive &mut self (no lost update), shared &self readers alongside. */
    for (i = 0; i < THREADS; i++) {
        CHECK(pthread_create(&threads[i], NULL, i % 2 == 0 ? add_many : read_many, a) == 0);
    }
    for (i = 0; i < THREADS; i++) {
        pthread_join(threads[i], NULL);
    }
    CHECK(kv_store_counter(a) == 5 + (uint64_t)(THREADS / 2) * ROUNDS);
    for (i = 0; i < THREADS; i++) {
        CHECK(pthread_create(&threads[i], NULL, add_many, a) == 0);
    }
    for (i = 0; i < THREADS; i++) {
        pthread_join(threads[i], NULL);
    }
    CHECK(kv_store_counter(a) == 5 + (uint64_t)(THREADS / 2 + THREADS) * ROUNDS);

    /* Busy: a call holding `a` does not wait for `b`, which another thread holds exclusively. */
    CHECK(pthread_create(&threads[0], NULL, slow_add, b) == 0);
    sleep_ms(100);
    CHECK(kv_store_merge(a, b) == 0);
    CHECK(error_is(INTEROP_ERROR_SERVICE_BUSY, "is in use by another thread"));
    pthread_join(threads[0], NULL);
    CHECK(kv_store_counter(b) == 1 && no_error());

    /* 8 threads merging `a` into `b` and `b` into `a`: no deadlock, each merge succeeds or is busy,
     * and every add after a merge counts. */
    {
        Merger m[THREADS];
        uint64_t before_a = kv_store_counter(a);
        uint64_t before_b = kv_store_counter(b);
        int merged_a = 0, merged_b = 0, busy = 0, other = 0;
        for (i = 0; i < THREADS; i++) {
            m[i].into = i % 2 == 0 ? a : b;
            m[i].from = i % 2 == 0 ? b : a;
            m[i].merged = m[i].busy = m[i].other = 0;
            CHECK(pthread_create(&threads[i], NULL, merge_many, &m[i]) == 0);
        }
        for (i = 0; i < THREADS; i++) {
            pthread_join(threads[i], NULL);
            if (i % 2 == 0) {
                merged_a += m[i].merged;
            } else {
                merged_b += m[i].merged;
            }
            busy += m[i].busy;
            other += m[i].other;
        }
        CHECK(other == 0);
        CHECK(merged_a + merged_b + busy == THREADS * (ROUNDS / 10));
        CHECK(kv_store_counter(a) == before_a + (uint64_t)merged_a);
        CHECK(kv_store_counter(b) == before_b + (uint64_t)merged_b);
        CHECK(kv_store_len(a) == 5 && kv_store_len(b) >= 1 && no_error());
    }

    /* A !Sync service: &self calls from 8 threads are serialized. */
    tally = tally_starting_at(10);
    CHECK(tally_count(tally) == 10);
    for (i = 0; i < THREADS; i++) {
        pthread_create(&threads[i], NULL, bump_many, tally);
    }
    for (i = 0; i < THREADS; i++) {
        pthread_join(threads[i], NULL);
    }
    CHECK(tally_count(tally) == 10 + (uint64_t)THREADS * ROUNDS && no_error());
    tally_free(tally);

    /* Free while another thread is inside a call: the free waits for the call to return. */
    kv_store_free(a);
    a = kv_store_new();
    kv_store_add(a, 42);
    pthread_create(&threads[0], NULL, slow_call, a);
    sleep_ms(500);
    kv_store_free(a);
    pthread_join(threads[0], NULL);
    CHECK(slow_result == 42);

    kv_store_free(b);
    CHECK(services_live() == 0 && no_error());

    printf("%d passed, %d failed\n", passed, failed);
    return failed == 0 ? 0 : 1;
}
