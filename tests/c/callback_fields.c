/*
 * Closures as record fields from C (the conformance fixture's `callback_fields` feature, ADR 30):
 * a `Handlers` record of `{call, context, drop}` structs passed by value to a function
 * (`callbacks_run_job`: dropped when it returns) and to a service constructor that keeps it
 * (`notifier_create`: dropped on reset or destroy); a NULL required closure refused through the
 * error channel with every other closure of the record dropped once. Every `drop` is counted; runs
 * under valgrind. C99 and C++17. Prints "N passed, M failed" and exits non-zero when anything failed.
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

static void on_progress(void *context, uint64_t done, uint64_t total) {
    Tally *t = (Tally *)context;
    t->calls++;
    t->sum += done * 100 + total;
}

static void on_u32(void *context, uint32_t value) {
    Tally *t = (Tally *)context;
    t->calls++;
    t->sum += value;
}

static Handlers handlers(Tally *progress, Tally *step, Tally *event, uint32_t skip) {
    Handlers h;
    h.on_progress.call = on_progress;
    h.on_progress.context = progress;
    h.on_progress.drop = tally_drop;
    h.on_step.call = step != NULL ? on_u32 : NULL;
    h.on_step.context = step;
    h.on_step.drop = step != NULL ? tally_drop : NULL;
    h.on_event.call = on_u32;
    h.on_event.context = event;
    h.on_event.drop = tally_drop;
    h.skip = skip;
    return h;
}

static void test_run_job(void) {
    Tally p = {0, 0, 0}, s = {0, 0, 0}, e = {0, 0, 0};
    CHECK(callbacks_run_job(4, handlers(&p, &s, &e, 1)) == 3);
    CHECK(p.calls == 3 && p.sum == (100 + 3) + (200 + 3) + (300 + 3));
    CHECK(s.calls == 3 && s.sum == 1 + 2 + 3);
    CHECK(e.calls == 3 && e.sum == 1 + 2 + 3);
    CHECK(p.drops == 1 && s.drops == 1 && e.drops == 1); /* dropped when the call returned */
    CHECK(no_error());
    /* The optional closure absent (NULL call, no drop). */
    p.calls = p.drops = e.calls = e.drops = 0;
    CHECK(callbacks_run_job(2, handlers(&p, NULL, &e, 0)) == 2);
    CHECK(p.calls == 2 && e.calls == 2 && p.drops == 1 && e.drops == 1);
    CHECK(no_error());
    /* On a thread Rust starts: called and dropped there, joined before the call returns. */
    p.calls = p.sum = p.drops = e.calls = e.sum = e.drops = 0;
    CHECK(callbacks_run_job_on_thread(3, handlers(&p, NULL, &e, 0)) == 3);
    CHECK(p.calls == 3 && p.sum == (100 + 3) + (200 + 3) + (300 + 3));
    CHECK(e.calls == 3 && e.sum == 0 + 1 + 2 && p.drops == 1 && e.drops == 1);
    CHECK(no_error());
}

static void test_null_required(void) {
    Tally p = {0, 0, 0}, s = {0, 0, 0}, e = {0, 0, 0};
    Handlers h = handlers(&p, &s, &e, 0);
    /* The first field NULL: the fields after it are released (each dropped once). */
    h.on_progress.call = NULL;
    CHECK(callbacks_run_job(3, h) == 0);
    CHECK(refused_contains("on_progress"));
    CHECK(p.drops == 1 && s.drops == 1 && e.drops == 1);
    CHECK(p.calls == 0 && s.calls == 0 && e.calls == 0);
    /* The last closure NULL: those lifted before it are dropped by Rust, once. */
    p.drops = s.drops = e.drops = 0;
    h = handlers(&p, &s, &e, 0);
    h.on_event.call = NULL;
    CHECK(callbacks_run_job(3, h) == 0);
    CHECK(refused_contains("on_event"));
    CHECK(p.drops == 1 && s.drops == 1 && e.drops == 1);
}

static void test_notifier(void) {
    Tally p = {0, 0, 0}, e = {0, 0, 0};
    Notifier *n = notifier_create(handlers(&p, NULL, &e, 0));
    CHECK(n != NULL && no_error());
    CHECK(p.drops == 0 && e.drops == 0); /* kept by the service */
    CHECK(notifier_notify(n, 7, 10) && notifier_notify(n, 1, 10));
    CHECK(e.calls == 2 && e.sum == 8 && p.calls == 2 && p.sum == 700 + 10 + 100 + 10);
    /* From a Rust thread (one, joined before it returns: the tally needs no lock). */
    CHECK(notifier_notify_from_threads(n, 1, 5) == 5);
    CHECK(e.calls == 7 && e.sum == 8 + 0 + 1 + 2 + 3 + 4);
    notifier_reset(n);
    CHECK(p.drops == 1 && e.drops == 1);
    CHECK(!notifier_notify(n, 1, 1));
    CHECK(notifier_notify_from_threads(n, 1, 5) == 0);
    notifier_destroy(n);
    CHECK(p.drops == 1 && e.drops == 1);
    /* Dropped with the service. */
    p.drops = e.drops = 0;
    n = notifier_create(handlers(&p, NULL, &e, 0));
    notifier_destroy(n);
    CHECK(p.drops == 1 && e.drops == 1);
    CHECK(no_error());
}

int main(void) {
    check_begin();
    test_run_job();
    test_null_required();
    test_notifier();
    return check_end();
}
