/*
 * Callbacks from C (the conformance fixture's `callbacks` feature): closures {call, context, drop}
 * borrowed for a call and kept by the library, called from 8 Rust threads, a returned Rust closure
 * (called, dropped, and one that panics), plain function pointers (borrowed parameters and
 * `Result` returns: tests/c/callback_args.c). Every `drop` is counted: each
 * closure handed to the library is dropped exactly once. Runs under valgrind. C99 and C++17.
 *
 * Prints "N passed, M failed" and exits non-zero when anything failed.
 */
#include "conformance.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
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

/* A context: how often it was called and dropped, and a sum of what it saw. */
typedef struct Tally {
    uint64_t calls;
    uint64_t drops;
    uint64_t sum;
    uint32_t add;
} Tally;

static void counter_drop(void *context) { ((Tally *)context)->drops++; }

static uint32_t add_call(void *context, uint32_t x) {
    Tally *c = (Tally *)context;
    c->calls++;
    return x + c->add;
}

static void on_event(void *context, uint32_t value) {
    Tally *c = (Tally *)context;
    c->calls++;
    c->sum += value;
}

static void on_u64(void *context, uint64_t value) {
    Tally *c = (Tally *)context;
    c->calls++;
    c->sum += value;
}

static void on_pair(void *context, uint64_t index, uint64_t value) {
    Tally *c = (Tally *)context;
    c->calls++;
    c->sum += index * 1000 + value;
}

static bool is_even(void *context, uint32_t x) {
    ((Tally *)context)->calls++;
    return x % 2 == 0;
}

static double tripled(void *context, double x) {
    (void)context;
    return 3.0 * x;
}

static int32_t descending(void *context, int32_t a, int32_t b) {
    (void)context;
    return b < a ? -1 : (b > a ? 1 : 0);
}

static int32_t times(void *context, int32_t a, int32_t b) {
    (void)context;
    return a * b;
}

static CbPoint swap_point(void *context, CbPoint p) {
    CbPoint q;
    (void)context;
    q.x = p.y;
    q.y = p.x * 2.0f;
    return q;
}

static char greeting[64];

static void take_greeting(void *context, String s) {
    ((Tally *)context)->calls++;
    snprintf(greeting, sizeof greeting, "%.*s", (int)s.len, s.ptr);
    String_free(&s);
}

/* Thread-safe: called from 8 Rust threads at once. */
static uint32_t atomic_count(void *context, uint32_t x) {
    __atomic_fetch_add(&((Tally *)context)->calls, 1, __ATOMIC_RELAXED);
    return x % 7;
}

static uint32_t plus_one(uint32_t x) { return x + 1; }

/* Closures with borrowed parameters: what they saw, copied while the data was valid. */
/* This thread's error is an argument the library refused (INTEROP_ERROR_INVALID_ARGUMENT, not a
 * panic) and its message contains `part` (taken and freed). */
static int refused_contains(const char *part) {
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

static int no_error(void) {
    char *message = interop_take_panic();
    if (message != NULL) {
        fprintf(stderr, "unexpected error: %s\n", message);
        interop_string_free(message);
        return 0;
    }
    return 1;
}

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

int main(void) {
    /* Borrowed: called during the call, dropped before it returns. */
    {
        Tally c = {0, 0, 0, 10};
        MyCallback cb;
        cb.call = add_call;
        cb.context = &c;
        cb.drop = counter_drop;
        CHECK(callbacks_call_named(cb, 5) == 15);
        CHECK(c.calls == 1 && c.drops == 1);
        CHECK(callbacks_call_twice(cb, 1) == 21);
        CHECK(c.calls == 3 && c.drops == 2);
        cb.drop = NULL; /* nothing to release */
        CHECK(callbacks_call_named(cb, 0) == 10);
        CHECK(no_error());
    }
    /* NULL call: refused for a required callback, None for an Option; drop still runs once. */
    {
        Tally c = {0, 0, 0, 0};
        MyCallback cb;
        CallbackI32I32ToI32 opt;
        cb.call = NULL;
        cb.context = &c;
        cb.drop = counter_drop;
        CHECK(callbacks_call_named(cb, 5) == 0);
        CHECK(refused_contains("argument `callback` of `call_named` must not be null"));
        CHECK(c.drops == 1);
        opt.call = NULL;
        opt.context = NULL;
        opt.drop = NULL;
        CHECK(callbacks_combine(opt, 2, 3) == 5);
        opt.call = times;
        CHECK(callbacks_combine(opt, 2, 3) == 6);
        CHECK(no_error());
    }
    /* FnMut, a visitor over a slice, a predicate, a comparator, records and owned strings. */
    {
        Tally c = {0, 0, 0, 0};
        OnEvent ev;
        CallbackU64U64 pair;
        CallbackU32ToBool pred;
        CallbackI32I32ToI32 cmp;
        CallbackCbPointToCbPoint map;
        CallbackF64ToF64 triple;
        CallbackString greet;
        uint64_t values[3] = {7, 8, 9};
        uint32_t numbers[5] = {1, 2, 3, 4, 6};
        int32_t sorted[5] = {3, -1, 9, 0, 3};
        SliceU64 vs;
        SliceU32 ns;
        SliceMutI32 ss;
        CbPoint p;
        Str name;
        ev.call = on_event;
        ev.context = &c;
        ev.drop = counter_drop;
        callbacks_count_to(4, ev);
        CHECK(c.calls == 4 && c.sum == 6 && c.drops == 1);
        c.calls = c.sum = c.drops = 0;
        vs.ptr = values;
        vs.len = 3;
        pair.call = on_pair;
        pair.context = &c;
        pair.drop = counter_drop;
        callbacks_visit(vs, pair);
        CHECK(c.calls == 3 && c.sum == 7 + 1008 + 2009 && c.drops == 1);
        c.calls = 0;
        ns.ptr = numbers;
        ns.len = 5;
        pred.call = is_even;
        pred.context = &c;
        pred.drop = NULL;
        CHECK(callbacks_count_matching(ns, pred) == 3);
        CHECK(c.calls == 5);
        ss.ptr = sorted;
        ss.len = 5;
        cmp.call = descending;
        cmp.context = NULL;
        cmp.drop = NULL;
        callbacks_sort_with(ss, cmp);
        CHECK(sorted[0] == 9 && sorted[1] == 3 && sorted[2] == 3 && sorted[3] == 0 && sorted[4] == -1);
        p.x = 3.0f;
        p.y = 2.0f;
        map.call = swap_point;
        map.context = NULL;
        map.drop = NULL;
        CHECK(fabsf(callbacks_map_point(p, map) - sqrtf(4.0f + 36.0f)) < 1e-5f);
        triple.call = tripled;
        triple.context = NULL;
        triple.drop = NULL;
        CHECK(callbacks_halve_with(5.0, triple) == 7.5);
        c.calls = 0;
        name.ptr = "Ada";
        name.len = 3;
        greet.call = take_greeting;
        greet.context = &c;
        greet.drop = NULL;
        callbacks_greet(name, greet);
        CHECK(c.calls == 1 && strcmp(greeting, "Hello, Ada!") == 0);
        CHECK(no_error());
    }
    /* Kept callbacks: an emitter's handlers, dropped on clear / destroy; an FnMut logger. */
    {
        Tally a = {0, 0, 0, 0};
        Tally b = {0, 0, 0, 0};
        Tally log = {0, 0, 0, 0};
        Emitter *e = emitter_create();
        OnEvent h;
        CallbackU64 logger;
        h.call = on_event;
        h.context = &a;
        h.drop = counter_drop;
        CHECK(emitter_subscribe(e, h) == 1);
        h.context = &b;
        CHECK(emitter_subscribe(e, h) == 2);
        CHECK(emitter_emit(e, 5) == 2);
        CHECK(a.sum == 5 && b.sum == 5 && a.drops == 0);
        emitter_emit_on_thread(e, 4); /* from a Rust thread */
        CHECK(a.calls == 5 && a.sum == 11 && b.calls == 5);
        emitter_clear(e);
        CHECK(a.drops == 1 && b.drops == 1);
        CHECK(emitter_emit(e, 1) == 0);
        h.context = &a;
        CHECK(emitter_subscribe(e, h) == 1);
        logger.call = on_u64;
        logger.context = &log;
        logger.drop = counter_drop;
        emitter_set_logger(e, logger);
        CHECK(emitter_log(e, 40) && emitter_log(e, 2));
        CHECK(log.calls == 2 && log.sum == 42 && log.drops == 0);
        logger.call = NULL;
        logger.context = NULL;
        logger.drop = NULL;
        emitter_set_logger(e, logger); /* None: the previous one is dropped */
        CHECK(log.drops == 1 && !emitter_log(e, 1));
        emitter_destroy(e);
        CHECK(a.drops == 2); /* the handler subscribed again, dropped with the emitter */
        CHECK(no_error());
    }
    /* 8 Rust threads x 100,000 calls: none lost, dropped once. */
    {
        Tally c = {0, 0, 0, 0};
        MyCallback cb;
        uint64_t expected = 0;
        uint32_t i;
        cb.call = atomic_count;
        cb.context = &c;
        cb.drop = counter_drop;
        for (i = 0; i < 8u * 100000u; i++) {
            expected += i % 7;
        }
        CHECK(callbacks_call_from_threads(cb, 8, 100000) == expected);
        CHECK(c.calls == 800000 && c.drops == 1);
        CHECK(callbacks_call_on_rust_thread(cb, 10) == 3);
        CHECK(c.drops == 2);
        CHECK(no_error());
    }
    /* Returned Rust closures: call, drop once; a panic inside goes to the error channel. */
    {
        MyCallback adder = callbacks_make_adder(40);
        MyCallback divider = callbacks_make_divider();
        CHECK(adder.call != NULL && adder.drop != NULL);
        CHECK(adder.call(adder.context, 2) == 42);
        CHECK(divider.call(divider.context, 4) == 25);
        CHECK(divider.call(divider.context, 0) == 0);
        CHECK(*interop_panic_pending() != 0);
        CHECK(error_contains("panic in closure returned by `make_divider`: division by zero"));
        adder.drop(adder.context);
        divider.drop(divider.context);
        CHECK(no_error());
    }
    /* Plain function pointers. */
    {
        FnPtrU32ToU32 triple = callbacks_get_triple();
        CHECK(callbacks_apply_fn(plus_one, 1) == 2);
        CHECK(callbacks_apply_optional_fn(NULL, 7) == 7);
        CHECK(callbacks_apply_optional_fn(plus_one, 7) == 8);
        CHECK(triple(5) == 15);
        CHECK(callbacks_apply_fn(triple, 2) == 6);
        CHECK(callbacks_apply_fn(NULL, 2) == 0);
        CHECK(refused_contains("argument `f` of `apply_fn` must not be null"));
    }
    printf("%d passed, %d failed\n", passed, failed);
    return failed == 0 ? 0 : 1;
}
