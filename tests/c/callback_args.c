/*
 * Callbacks from C, the conformance fixture's `callback_args` feature: closures whose parameters
 * borrow (a `Str`, a slice, a `const T *` valid while `call` runs), closures returning
 * `Result<T, E>` (a status and the `*ok` / `*err` slots, broken statuses and errors refused), and
 * more shapes of Interoptopus's reference project (no parameters, `&[u8]`, `const void *`, a record
 * owning a `String` by value, freed by the callee). Every `drop` is counted. Runs under valgrind.
 * C99 and C++17. Prints "N passed, M failed" and exits non-zero when anything failed.
 */
#include "conformance.h"
#include "check.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A context: how often it was called and dropped. */
typedef struct Tally {
    uint64_t calls;
    uint64_t drops;
} Tally;

static void counter_drop(void *context) { ((Tally *)context)->drops++; }

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

/* A Result<u64, CbError> closure (the parameters of refuse_four's): v << 32, Err(Odd) for 3. */
static uint8_t widen_value(void *context, uint32_t v, uint64_t *ok, CbError *err) {
    Tally *c = (Tally *)context;
    c->calls++;
    if (v == 3) {
        *err = CB_ERROR_ODD;
        return 1;
    }
    *ok = (uint64_t)v << 32;
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

/* Borrowed parameters: a Str, a slice and a const pointer valid while `call` runs. */
static void borrowed_parameters(void) {
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
}

/* A kept closure with a borrowed parameter, called from a Rust thread, dropped once. */
static void kept_with_borrowed_parameter(void) {
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
        CHECK(s.drops == 2 && refused_contains("argument `f` of `log_on_thread` must not be null"));
    }
}

/* Shapes of Interoptopus's reference project. */
static void interoptopus_shapes(void) {
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
}

/* Closures returning Result<T, E>: status 0 with *ok, 1 with *err; Rust receives Err(E). */
static void result_returns(void) {
    {
        Tally c;
        Checker check;
        CallbackU32ToResultUnitCbError validate;
        CallbackU32ToResultU64CbError widen;
        ResultU64CbError wide;
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
        widen.call = widen_value;
        widen.context = &c;
        widen.drop = counter_drop;
        all.len = 2;
        wide = callbacks_sum_widened(all, widen);
        CHECK(wide.status == INTEROP_STATUS_OK && wide.value.ok == (UINT64_C(3) << 32));
        CHECK(c.drops == 5);
        all.len = 3;
        wide = callbacks_sum_widened(all, widen);
        CHECK(wide.status == INTEROP_STATUS_ERROR && wide.value.err.value == CB_ERROR_ODD);
        CHECK(c.drops == 6);
        ResultU64CbError_free(&wide);
        all.len = 5;
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
}

/* A Rust closure returned to C taking a `Str` and a record owning data by value: the library
 * copies the arguments, so the caller keeps (and frees) its own memory, heap or not. */
static Str str_of(const char *text) {
    Str s;
    s.ptr = text;
    s.len = strlen(text);
    return s;
}

static void returned_closure_owning_args(void) {
    CallbackStrCbTaggedToU32 count = callbacks_make_tag_counter(100);
    CbTagged item;
    String tags[3];
    char *name = (char *)malloc(2);
    CHECK(count.call != NULL && count.drop != NULL && name != NULL);
    if (count.call == NULL || name == NULL) {
        free(name);
        return;
    }
    memcpy(name, "a", 2);
    tags[0].ptr = name; /* a heap string the caller owns: cap says so, the library ignores it */
    tags[0].len = 1;
    tags[0].cap = 2;
    tags[1].ptr = (char *)"b";
    tags[1].len = 1;
    tags[1].cap = 0;
    tags[2] = tags[0];
    item.name.ptr = name;
    item.name.len = 1;
    item.name.cap = 2;
    item.tags.ptr = tags;
    item.tags.len = 3;
    item.tags.cap = 3;
    CHECK(count.call(count.context, str_of("a"), item) == 102);
    CHECK(count.call(count.context, str_of("b"), item) == 1);
    item.tags.len = 0;
    CHECK(count.call(count.context, str_of("z"), item) == 0);
    CHECK(no_error());
    free(name); /* still the caller's: valgrind reports a double free otherwise */
    count.drop(count.context);
}

/* A Rust closure returned to C taking a borrowed slice: the caller lends it for the call; a panic
 * inside it is reported like a function's. */
static void returned_closure_slice_arg(void) {
    double w[2] = {1.0, 2.0};
    double x[2] = {3.0, 4.0};
    SliceF64 ws;
    SliceF64 xs;
    CallbackSliceF64ToF64 weigh;
    ws.ptr = w;
    ws.len = 2;
    weigh = callbacks_make_weigher(ws);
    CHECK(weigh.call != NULL && weigh.drop != NULL);
    if (weigh.call == NULL) {
        return;
    }
    xs.ptr = x;
    xs.len = 2;
    CHECK(weigh.call(weigh.context, xs) == 11.0);
    CHECK(no_error());
    xs.len = 1;
    CHECK(weigh.call(weigh.context, xs) == 0.0);
    CHECK(error_contains("feature count differs"));
    weigh.drop(weigh.context);
}

int main(void) {
    check_begin();
    returned_closure_owning_args();
    returned_closure_slice_arg();
    borrowed_parameters();
    kept_with_borrowed_parameter();
    interoptopus_shapes();
    result_returns();
    return check_end();
}
