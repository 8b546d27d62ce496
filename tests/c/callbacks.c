/*
 * Callbacks from C (the conformance fixture's `callbacks` feature): closures {call, context, drop}
 * borrowed for a call and kept by the library, called from 8 Rust threads, a returned Rust closure
 * (called, dropped, and one that panics), plain function pointers, borrowed parameters (`Str`,
 * slices, `const T *`), closures returning `Result<T, E>` (status and slots). Every `drop` is counted: each
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
typedef struct Seen {
    char text[128];
    uint64_t calls;
    uint64_t drops;
} Seen;

static void seen_drop(void *context) { ((Seen *)context)->drops++; }

static void append_line(void *context, Str line) {
    Seen *s = (Seen *)context;
    size_t used = strlen(s->text);
    s->calls++;
    if (used + line.len + 2 < sizeof s->text) {
        if (line.len > 0) {
            memcpy(s->text + used, line.ptr, line.len);
        }
        s->text[used + line.len] = '|';
        s->text[used + line.len + 1] = '\0';
    }
}

static uint32_t count_e(void *context, Str text) {
    uint32_t n = 0;
    size_t i;
    ((Seen *)context)->calls++;
    for (i = 0; i < text.len; i++) {
        n += text.ptr[i] == 'e';
    }
    return n;
}

static uint64_t chunk_product(void *context, SliceU64 chunk) {
    uint64_t p = 1;
    size_t i;
    ((Seen *)context)->calls++;
    for (i = 0; i < chunk.len; i++) {
        p *= chunk.ptr[i];
    }
    return p;
}

static bool point_until_negative(void *context, uint32_t index, const CbPoint *p) {
    Seen *s = (Seen *)context;
    s->calls++;
    (void)index;
    return p->x >= 0.0f;
}

/* A Checker: 10 * v for even values, Err(Odd) for odd ones, Err(TooLarge) from 100 on. */
static uint8_t check_value(void *context, uint32_t v, uint32_t *ok, CbError *err) {
    Tally *c = (Tally *)context;
    c->calls++;
    if (v >= 100) {
        *err = CB_ERROR_TOO_LARGE;
        return 1;
    }
    if (v % 2 == 1) {
        *err = CB_ERROR_ODD;
        return 1;
    }
    *ok = v * 10;
    return 0;
}

/* A Result<(), CbError> validator refusing 4. */
static uint8_t refuse_four(void *context, uint32_t i, CbError *err) {
    Tally *c = (Tally *)context;
    c->calls++;
    if (i == 4) {
        *err = CB_ERROR_TOO_LARGE;
        return 1;
    }
    return 0;
}

/* Broken checkers: a status that is neither 0 nor 1, an error that is no CbError. */
static uint8_t bad_status(void *context, uint32_t v, uint32_t *ok, CbError *err) {
    (void)context;
    (void)err;
    *ok = v;
    return 7;
}

static uint8_t bad_error(void *context, uint32_t v, uint32_t *ok, CbError *err) {
    (void)context;
    (void)v;
    (void)ok;
    *err = (CbError)9;
    return 1;
}

static void tick(void *context) { ((Tally *)context)->calls++; }

static uint8_t last_plus_len(void *context, SliceU8 bytes) {
    (void)context;
    return (uint8_t)(bytes.ptr[bytes.len - 1] + bytes.len);
}

static bool same_pointer(void *context, const void *p) { return p == context; }

static void collect_label(void *context, CbLabel label) {
    Seen *s = (Seen *)context;
    size_t used = strlen(s->text);
    s->calls++;
    if (used + label.text.len + 4 < sizeof s->text) {
        sprintf(s->text + used, "%u=%.*s|", (unsigned)label.index, (int)label.text.len,
                (const char *)label.text.ptr);
    }
    /* The label is the callee's: free its text. */
    interop_buffer_free(label.text.ptr, label.text.cap, 1, 1);
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
        CHECK(error_contains("argument `callback` of `call_named` must not be null"));
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
        CHECK(error_contains("panic in `closure`: division by zero"));
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
        CHECK(error_contains("argument `f` of `apply_fn` must not be null"));
    }
    /* Borrowed parameters: a Str, a slice and a const pointer valid while `call` runs. */
    {
        Seen s;
        OnLine lines;
        CallbackStrToU32 measure;
        CallbackSliceU64ToU64 product;
        CallbackU32PtrCbPointToBool until;
        uint64_t values[5] = {1, 2, 3, 4, 5};
        SliceU64 all;
        CbPoint points[3];
        SliceCbPoint pts;
        Str text;
        memset(&s, 0, sizeof s);
        text.ptr = "one\ntwo\n\nfour";
        text.len = strlen(text.ptr);
        lines.call = append_line;
        lines.context = &s;
        lines.drop = seen_drop;
        CHECK(callbacks_each_line(text, lines) == 4);
        CHECK(strcmp(s.text, "one|two||four|") == 0 && s.calls == 4 && s.drops == 1);
        memset(&s, 0, sizeof s);
        measure.call = count_e;
        measure.context = &s;
        measure.drop = NULL;
        text.ptr = "three trees";
        text.len = strlen(text.ptr);
        CHECK(callbacks_measure(measure, text) == 4 && s.calls == 1);
        measure.call = NULL;
        CHECK(callbacks_measure(measure, text) == 11);
        all.ptr = values;
        all.len = 5;
        product.call = chunk_product;
        product.context = &s;
        product.drop = seen_drop;
        CHECK(callbacks_visit_chunks(all, 2, product) == 2 + 12 + 5);
        CHECK(s.calls == 4 && s.drops == 1);
        points[0].x = 1.0f;
        points[0].y = 0.0f;
        points[1].x = -1.0f;
        points[1].y = 0.0f;
        points[2].x = 2.0f;
        points[2].y = 0.0f;
        pts.ptr = points;
        pts.len = 3;
        until.call = point_until_negative;
        until.context = &s;
        until.drop = seen_drop;
        CHECK(callbacks_visit_points(pts, until) == 2 && s.drops == 2);
        CHECK(no_error());
    }
    /* A kept closure with a borrowed parameter, called from a Rust thread, dropped once. */
    {
        Seen s;
        OnLine log;
        Str message;
        memset(&s, 0, sizeof s);
        log.call = append_line;
        log.context = &s;
        log.drop = seen_drop;
        message.ptr = "hi";
        message.len = 2;
        callbacks_log_on_thread(log, message);
        CHECK(strcmp(s.text, "hi|2 bytes|") == 0 && s.calls == 2 && s.drops == 1);
        log.call = NULL;
        callbacks_log_on_thread(log, message);
        CHECK(s.drops == 2 && error_contains("argument `f` of `log_on_thread` must not be null"));
    }
    /* Shapes of Interoptopus's reference project. */
    {
        Tally c;
        Seen s;
        Tick t;
        CallbackSliceU8ToU8 bytes;
        CallbackPtrVoidToBool ptr;
        CallbackCbLabel labels;
        Str text;
        memset(&c, 0, sizeof c);
        memset(&s, 0, sizeof s);
        t.call = tick;
        t.context = &c;
        t.drop = counter_drop;
        CHECK(callbacks_tick_times(3, t) == 3 && c.calls == 3 && c.drops == 1);
        bytes.call = last_plus_len;
        bytes.context = NULL;
        bytes.drop = NULL;
        CHECK(callbacks_with_bytes(5, bytes) == 9);
        ptr.call = same_pointer;
        ptr.context = &c;
        ptr.drop = NULL;
        CHECK(callbacks_pass_pointer(&c, ptr) && !callbacks_pass_pointer(&s, ptr));
        labels.call = collect_label;
        labels.context = &s;
        labels.drop = seen_drop;
        text.ptr = "alpha beta  gamma";
        text.len = strlen(text.ptr);
        CHECK(callbacks_label_words(text, labels) == 3);
        CHECK(strcmp(s.text, "0=ALPHA|1=BETA|2=GAMMA|") == 0 && s.drops == 1);
        CHECK(no_error());
    }
    /* Closures returning Result<T, E>: status 0 with *ok, 1 with *err; Rust receives Err(E). */
    {
        Tally c;
        Checker check;
        CallbackU32ToResultUnitCbError validate;
        uint32_t values[5] = {1, 2, 3, 4, 100};
        SliceU32 all;
        CbTally tally;
        memset(&c, 0, sizeof c);
        all.ptr = values;
        all.len = 5;
        check.call = check_value;
        check.context = &c;
        check.drop = counter_drop;
        tally = callbacks_check_all(all, check);
        CHECK(tally.sum == 60 && tally.accepted == 2 && tally.refused == 3);
        CHECK(tally.last_error == CB_ERROR_TOO_LARGE && c.calls == 5 && c.drops == 1);
        CHECK(no_error());
        validate.call = refuse_four;
        validate.context = &c;
        validate.drop = counter_drop;
        CHECK(callbacks_validate_up_to(10, validate) == 4 && c.calls == 10 && c.drops == 2);
        CHECK(callbacks_check_on_rust_thread(check, 20) == 200 && c.drops == 3);
        CHECK(callbacks_check_on_rust_thread(check, 3) == -2 && c.drops == 4);
        CHECK(no_error());
        check.call = bad_status;
        check.drop = NULL;
        tally = callbacks_check_all(all, check);
        CHECK(tally.sum == 0 && tally.accepted == 0);
        CHECK(error_contains("7 is not a result status (0: ok, 1: error)"));
        check.call = bad_error;
        tally = callbacks_check_all(all, check);
        CHECK(error_contains("9 is not a value of enum `CbError`"));
    }
    printf("%d passed, %d failed\n", passed, failed);
    return failed == 0 ? 0 : 1;
}
