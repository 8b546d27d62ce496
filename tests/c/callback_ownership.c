/*
 * Closures handed over next to a parameter the library refuses (the conformance fixture's
 * `callback_fields` feature, ADR 36): `callbacks_keep_after` (the closure after a `&str` and an
 * enum), `callbacks_keep_before` (the closure first) and `callbacks_run_job_repeated` (a record of
 * closures after an enum). Whichever parameter fails (invalid UTF-8, a NULL text, an enum value that
 * is no variant), the call reports it through the error channel, calls no closure, and calls each
 * `drop` exactly once. Every `drop` is counted; runs under valgrind. C99 and C++17. Prints
 * "N passed, M failed" and exits non-zero when anything failed.
 */
#include "conformance.h"
#include "check.h"

#include <stdint.h>
#include <stdio.h>

/* A context: how often it was called and dropped, and what it saw. */
typedef struct Tally {
    uint64_t calls;
    uint64_t sum;
    uint64_t drops;
} Tally;

static void tally_drop(void *context) { ((Tally *)context)->drops++; }

static void on_u32(void *context, uint32_t value) {
    Tally *t = (Tally *)context;
    t->calls++;
    t->sum += value;
}

static void on_progress(void *context, uint64_t done, uint64_t total) {
    Tally *t = (Tally *)context;
    t->calls++;
    t->sum += done * 100 + total;
}

static OnEvent event(Tally *t) {
    OnEvent cb;
    cb.call = on_u32;
    cb.context = t;
    cb.drop = tally_drop;
    return cb;
}

static Str text(const char *ptr, size_t len) {
    Str s;
    s.ptr = ptr;
    s.len = len;
    return s;
}

/* Bytes that are not UTF-8 (a lone continuation byte). */
static const char bad_utf8[] = {'a', (char)0x80, 'b'};

static void test_keep_after(void) {
    Tally t = {0, 0, 0};
    CHECK(callbacks_keep_after(text("four", 4), CB_REPEAT_TWICE, event(&t)) == 2);
    CHECK(t.calls == 2 && t.sum == 8 && t.drops == 1);
    CHECK(no_error());
    /* The text fails (before the closure): dropped once, never called. */
    t.calls = t.sum = t.drops = 0;
    CHECK(callbacks_keep_after(text(bad_utf8, sizeof bad_utf8), CB_REPEAT_ONCE, event(&t)) == 0);
    CHECK(refused_contains("argument `name` of `keep_after`"));
    CHECK(t.calls == 0 && t.drops == 1);
    /* A NULL text with a length. */
    t.drops = 0;
    CHECK(callbacks_keep_after(text(NULL, 3), CB_REPEAT_ONCE, event(&t)) == 0);
    CHECK(refused_contains("`name`"));
    CHECK(t.calls == 0 && t.drops == 1);
    /* The enum fails (just before the closure). */
    t.drops = 0;
    CHECK(callbacks_keep_after(text("x", 1), (CbRepeat)7, event(&t)) == 0);
    CHECK(refused_contains("7 is not a value of enum `CbRepeat`"));
    CHECK(t.calls == 0 && t.drops == 1);
    /* Both fail: the first one is reported, the closure still dropped once. */
    t.drops = 0;
    CHECK(callbacks_keep_after(text(bad_utf8, sizeof bad_utf8), (CbRepeat)0, event(&t)) == 0);
    CHECK(refused_contains("argument `name` of `keep_after`"));
    CHECK(t.calls == 0 && t.drops == 1);
    CHECK(no_error());
}

static void test_keep_before(void) {
    Tally t = {0, 0, 0};
    CHECK(callbacks_keep_before(event(&t), CB_REPEAT_ONCE, text("abc", 3)) == 1);
    CHECK(t.calls == 1 && t.sum == 3 && t.drops == 1);
    /* The parameters after the closure fail: dropped once, never called. */
    t.calls = t.sum = t.drops = 0;
    CHECK(callbacks_keep_before(event(&t), (CbRepeat)3, text("abc", 3)) == 0);
    CHECK(refused_contains("3 is not a value of enum `CbRepeat`"));
    CHECK(t.calls == 0 && t.drops == 1);
    t.drops = 0;
    CHECK(callbacks_keep_before(event(&t), CB_REPEAT_TWICE, text(bad_utf8, sizeof bad_utf8)) == 0);
    CHECK(refused_contains("argument `name` of `keep_before`"));
    CHECK(t.calls == 0 && t.drops == 1);
    CHECK(no_error());
}

static Handlers handlers(Tally *progress, Tally *step, Tally *ev) {
    Handlers h;
    h.on_progress.call = on_progress;
    h.on_progress.context = progress;
    h.on_progress.drop = tally_drop;
    h.on_step.call = on_u32;
    h.on_step.context = step;
    h.on_step.drop = tally_drop;
    h.on_event = event(ev);
    h.skip = 0;
    return h;
}

static void test_record_after_failing(void) {
    Tally p = {0, 0, 0}, s = {0, 0, 0}, e = {0, 0, 0};
    CHECK(callbacks_run_job_repeated(CB_REPEAT_TWICE, 2, handlers(&p, &s, &e)) == 4);
    CHECK(p.calls == 4 && s.calls == 4 && e.calls == 4);
    CHECK(p.drops == 1 && s.drops == 1 && e.drops == 1);
    /* The enum before the record fails: every closure of the record dropped once. */
    p.calls = p.drops = s.calls = s.drops = e.calls = e.drops = 0;
    CHECK(callbacks_run_job_repeated((CbRepeat)9, 2, handlers(&p, &s, &e)) == 0);
    CHECK(refused_contains("9 is not a value of enum `CbRepeat`"));
    CHECK(p.calls == 0 && s.calls == 0 && e.calls == 0);
    CHECK(p.drops == 1 && s.drops == 1 && e.drops == 1);
    CHECK(no_error());
}

int main(void) {
    check_begin();
    test_keep_after();
    test_keep_before();
    test_record_after_failing();
    return check_end();
}
