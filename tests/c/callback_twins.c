/*
 * Named callback types sharing a signature from C (the conformance fixture's `callback_twins`
 * feature, ADR 42): `OnProgress` and `OnResize` are both `dyn Fn(u64, u64)`, `OnEvent` and
 * `OnChange` both `dyn Fn(u32)`; each parameter, return and record field has the struct its Rust
 * source spelled (the program passes each as its own type: C and C++ refuse one struct for another,
 * so it compiles only if every function got its own), and a closure spelled without an alias the
 * unnamed `CallbackU64U64`. Every `drop` is counted; runs under valgrind. C99 and C++17. Prints
 * "N passed, M failed" and exits non-zero when anything failed.
 */
#include "conformance.h"
#include "check.h"

#include <stdint.h>
#include <stdio.h>

/* A context: how often it was called and dropped, and what it saw. */
typedef struct Seen {
    uint64_t calls;
    uint64_t sum;
    uint64_t drops;
} Seen;

static void seen_drop(void *context) { ((Seen *)context)->drops++; }

static void on_pair(void *context, uint64_t a, uint64_t b) {
    Seen *t = (Seen *)context;
    t->calls++;
    t->sum += a * 100 + b;
}

static void on_u32(void *context, uint32_t value) {
    Seen *t = (Seen *)context;
    t->calls++;
    t->sum += value;
}

static OnProgress progress_of(Seen *t) {
    OnProgress c;
    c.call = on_pair;
    c.context = t;
    c.drop = seen_drop;
    return c;
}

static OnResize resize_of(Seen *t) {
    OnResize c;
    c.call = on_pair;
    c.context = t;
    c.drop = seen_drop;
    return c;
}

static void test_twin_parameters(void) {
    Seen p = {0, 0, 0}, r = {0, 0, 0};
    CHECK(callbacks_twin_progress(3, progress_of(&p)) == 6);
    CHECK(p.calls == 3 && p.sum == 103 + 203 + 303 && p.drops == 1);
    CHECK(callbacks_twin_resize(resize_of(&r), 4, 5) == 20);
    CHECK(r.calls == 1 && r.sum == 405 && r.drops == 1); /* kept, called on a thread, dropped */
    r.calls = r.sum = r.drops = 0;
    CHECK(callbacks_twin_maybe_resize(resize_of(&r), 6, 7));
    CHECK(r.calls == 1 && r.sum == 607 && r.drops == 1);
    OnResize none = {NULL, NULL, NULL};
    CHECK(!callbacks_twin_maybe_resize(none, 6, 7));
    CHECK(no_error());
}

static void test_event_and_change(void) {
    Seen e = {0, 0, 0}, c = {0, 0, 0};
    OnEvent event;
    event.call = on_u32;
    event.context = &e;
    event.drop = seen_drop;
    OnChange change;
    change.call = on_u32;
    change.context = &c;
    change.drop = seen_drop;
    CHECK(callbacks_twin_event_then_change(event, change, 10) == 11);
    CHECK(e.calls == 1 && e.sum == 10 && e.drops == 1);
    CHECK(c.calls == 1 && c.sum == 11 && c.drops == 1);
    CHECK(no_error());
}

static void test_unnamed(void) {
    Seen u = {0, 0, 0};
    CallbackU64U64 f;
    f.call = on_pair;
    f.context = &u;
    f.drop = seen_drop;
    callbacks_twin_unnamed(f, 2, 3);
    CHECK(u.calls == 1 && u.sum == 203 && u.drops == 1);
    CHECK(no_error());
}

static void test_returned(void) {
    uint64_t before = callbacks_twin_resized_area();
    OnResize r = callbacks_twin_make_resize(2);
    CHECK(r.call != NULL && r.drop != NULL);
    r.call(r.context, 3, 4);
    r.call(r.context, 1, 1);
    r.drop(r.context);
    CHECK(callbacks_twin_resized_area() - before == 2 * 12 + 2 * 1);
    CHECK(no_error());
}

static void test_record(void) {
    Seen p = {0, 0, 0}, r = {0, 0, 0}, c = {0, 0, 0};
    TwinHandlers h;
    h.on_progress = progress_of(&p);
    h.on_resize = resize_of(&r);
    h.on_change.call = on_u32;
    h.on_change.context = &c;
    h.on_change.drop = seen_drop;
    CHECK(callbacks_twin_run(3, h) == 3);
    CHECK(p.calls == 3 && p.sum == 103 + 203 + 303 && p.drops == 1);
    CHECK(r.calls == 1 && r.sum == 303 && r.drops == 1);
    CHECK(c.calls == 3 && c.sum == 0 + 1 + 2 && c.drops == 1);
    /* The optional twin absent. */
    p.calls = p.sum = p.drops = c.calls = c.sum = c.drops = r.drops = 0;
    h.on_progress = progress_of(&p);
    h.on_resize.call = NULL;
    h.on_resize.context = NULL;
    h.on_resize.drop = NULL;
    CHECK(callbacks_twin_run(2, h) == 2);
    CHECK(p.calls == 2 && c.calls == 2 && p.drops == 1 && c.drops == 1 && r.drops == 0);
    CHECK(no_error());
}

int main(void) {
    check_begin();
    test_twin_parameters();
    test_event_and_change();
    test_unnamed();
    test_returned();
    test_record();
    return check_end();
}
