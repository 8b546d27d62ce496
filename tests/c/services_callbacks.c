/*
 * Services with callbacks from C (the conformance fixture's `services_callbacks` feature): a method
 * calling a borrowed callback, a kept listener called by later methods and by a Rust thread the
 * service starts, a constructor keeping a callback, a callback returning a `Result` the service
 * uses, `&CStr` parameters and a `&'static CStr` return, 8 threads on one watcher. Every `drop` is
 * counted: each closure handed to the library is dropped exactly once (when the call returns for a
 * borrowed one, when it is replaced or cleared, or when the watcher is freed). Runs under valgrind.
 * C99 and C++17.
 */
#include "conformance.h"
#include "check.h"

#include <pthread.h>
#include <stdint.h>
#include <string.h>

/* A context: how often it was called and dropped, and what it saw. */
typedef struct Seen {
    pthread_mutex_t lock;
    uint32_t calls;
    uint32_t drops;
    uint64_t sum;
    uint32_t values[16];
} Seen;

static void seen_init(Seen *s) {
    memset(s, 0, sizeof *s);
    pthread_mutex_init(&s->lock, NULL);
}

static void seen_call(void *context, uint32_t value) {
    Seen *s = (Seen *)context;
    pthread_mutex_lock(&s->lock);
    if (s->calls < 16) {
        s->values[s->calls] = value;
    }
    s->calls++;
    s->sum += value;
    pthread_mutex_unlock(&s->lock);
}

static void seen_drop(void *context) {
    Seen *s = (Seen *)context;
    pthread_mutex_lock(&s->lock);
    s->drops++;
    pthread_mutex_unlock(&s->lock);
}

static OnChange listener(Seen *s) {
    OnChange l;
    l.call = seen_call;
    l.context = s;
    l.drop = seen_drop;
    return l;
}

static bool even_call(void *context, uint32_t value) {
    ((Seen *)context)->calls++;
    return value % 2 == 0;
}

static uint8_t add_two(void *context, uint32_t value, uint32_t *ok, WatchError *err) {
    (void)err;
    ((Seen *)context)->calls++;
    *ok = value + 2;
    return 0;
}

static uint8_t refuse_odd(void *context, uint32_t value, uint32_t *ok, WatchError *err) {
    (void)ok;
    (void)value;
    ((Seen *)context)->calls++;
    *err = WATCH_ERROR_ODD;
    return 1;
}

static uint8_t bad_status(void *context, uint32_t value, uint32_t *ok, WatchError *err) {
    (void)context;
    (void)value;
    (void)ok;
    (void)err;
    return 7;
}

static void test_borrowed_callback(void) {
    Watcher *w = watcher_named("w");
    CHECK(w != NULL);
    CHECK(watcher_set(w, 3) && watcher_set(w, 1) && watcher_set(w, 4));
    Seen s;
    seen_init(&s);
    OnChange f;
    f.call = seen_call;
    f.context = &s;
    f.drop = seen_drop;
    watcher_visit(w, f);
    CHECK(s.calls == 3 && s.values[0] == 3 && s.values[1] == 1 && s.values[2] == 4);
    CHECK(s.drops == 1); /* a borrowed callback is dropped when the call returns */
    watcher_free(w);
    CHECK(no_error());
    pthread_mutex_destroy(&s.lock);
}

static void test_kept_listener(void) {
    Seen first, second;
    seen_init(&first);
    seen_init(&second);
    Watcher *w = watcher_named("w");
    watcher_on_change(w, listener(&first));
    CHECK(watcher_set(w, 5) && watcher_set(w, 6));
    CHECK(first.calls == 2 && first.sum == 11 && first.drops == 0);
    watcher_on_change(w, listener(&second)); /* replaces: the first is dropped */
    CHECK(first.drops == 1);
    CHECK(watcher_set(w, 7));
    CHECK(first.calls == 2 && second.calls == 1 && second.values[0] == 7);
    watcher_clear_listener(w);
    CHECK(second.drops == 1);
    CHECK(watcher_set(w, 8));
    CHECK(second.calls == 1);
    /* Kept until the watcher is freed. */
    Seen third;
    seen_init(&third);
    watcher_on_change(w, listener(&third));
    CHECK(third.drops == 0);
    watcher_free(w);
    CHECK(third.drops == 1 && first.drops == 1 && second.drops == 1);
    CHECK(no_error());
    pthread_mutex_destroy(&first.lock);
    pthread_mutex_destroy(&second.lock);
    pthread_mutex_destroy(&third.lock);
}

static void test_listener_on_a_rust_thread(void) {
    Seen s;
    seen_init(&s);
    Watcher *w = watcher_named("w");
    CHECK(watcher_notify_on_thread(w, 10, 3) == 0); /* no listener yet */
    watcher_on_change(w, listener(&s));
    CHECK(watcher_notify_on_thread(w, 10, 1000) == 1000);
    CHECK(s.calls == 1000 && s.sum == 1000 * 10 + 999 * 1000 / 2);
    CHECK(s.values[0] == 10 && s.values[15] == 25);
    watcher_free(w);
    CHECK(s.drops == 1);
    pthread_mutex_destroy(&s.lock);
}

static void test_constructor_keeping_a_callback(void) {
    Seen s;
    seen_init(&s);
    CallbackU32ToBool filter;
    filter.call = even_call;
    filter.context = &s;
    filter.drop = seen_drop;
    Watcher *w = watcher_with_filter(filter);
    CHECK(w != NULL);
    CHECK(watcher_set(w, 2));
    CHECK(!watcher_set(w, 3));
    CHECK(watcher_value(w) == 2 && s.calls == 2 && s.drops == 0);
    watcher_free(w);
    CHECK(s.drops == 1);
    pthread_mutex_destroy(&s.lock);
}

static void test_callback_returning_a_result(void) {
    Seen s;
    seen_init(&s);
    Watcher *w = watcher_named("w");
    watcher_set(w, 4);
    CallbackU32ToResultU32WatchError f;
    f.call = add_two;
    f.context = &s;
    f.drop = seen_drop;
    ResultU32WatchError r = watcher_update(w, f);
    CHECK(r.status == INTEROP_STATUS_OK && r.value.ok == 6);
    ResultU32WatchError_free(&r);
    f.call = refuse_odd;
    r = watcher_update(w, f);
    CHECK(r.status == INTEROP_STATUS_ERROR && r.value.err.value == WATCH_ERROR_ODD);
    ResultU32WatchError_free(&r);
    CHECK(watcher_value(w) == 6);
    f.call = bad_status;
    r = watcher_update(w, f);
    CHECK(r.status == INTEROP_STATUS_PANIC);
    CHECK(error_contains("status"));
    ResultU32WatchError_free(&r);
    CHECK(watcher_value(w) == 6);
    CHECK(s.calls == 2 && s.drops == 3);
    watcher_free(w);
    pthread_mutex_destroy(&s.lock);
}

static void test_c_strings(void) {
    Watcher *w = watcher_named("\xc3\xa9");
    const char *kind = watcher_kind(w);
    CHECK(kind != NULL && strcmp(kind, "watcher") == 0);
    watcher_free(w);
    CHECK(strcmp(kind, "watcher") == 0); /* static: valid after the watcher is freed */
    w = watcher_named("a");
    watcher_rename(w, "b");
    CHECK(no_error());
    watcher_rename(w, NULL);
    CHECK(refused_contains("must not be null"));
    watcher_free(w);
    CHECK(watcher_named(NULL) == NULL);
    CHECK(refused_contains("must not be null"));
}

/* Data borrowed from the watcher: valid until the next `&mut self` call or the free. */
static void test_borrowed_from_self(void) {
    Watcher *w = watcher_named("first");
    SliceU8 empty = watcher_data(w);
    CHECK(empty.len == 0);
    watcher_set(w, 0x101);
    watcher_set(w, 7);
    SliceU8 data = watcher_data(w);
    CHECK(data.len == 2 && data.ptr[0] == 1 && data.ptr[1] == 7);
    Str name = watcher_name(w);
    CHECK(name.len == 5 && memcmp(name.ptr, "first", 5) == 0);
    const char *label = watcher_label(w);
    CHECK(strcmp(label, "first") == 0);
    /* &self calls do not move it. */
    CHECK(watcher_value(w) == 7 && watcher_data(w).ptr == data.ptr);
    watcher_rename(w, "second");
    name = watcher_name(w);
    label = watcher_label(w);
    CHECK(name.len == 6 && memcmp(name.ptr, "second", 6) == 0);
    CHECK(strcmp(label, "second") == 0);
    CHECK(no_error());
    watcher_free(w);
    /* A NULL receiver: an error and the empty view. */
    data = watcher_data(NULL);
    CHECK(data.ptr == NULL && data.len == 0);
    CHECK(refused_contains("must not be null"));
    name = watcher_name(NULL);
    CHECK(name.len == 0);
    CHECK(refused_contains("must not be null"));
    label = watcher_label(NULL);
    CHECK(label != NULL && label[0] == 0);
    CHECK(refused_contains("must not be null"));
}

/* 8 threads set values on one watcher whose listener counts them. */
typedef struct Shared {
    Watcher *w;
    uint32_t base;
} Shared;

static void *setter(void *arg) {
    Shared *s = (Shared *)arg;
    for (uint32_t i = 0; i < 200; i++) {
        watcher_set(s->w, s->base + i);
    }
    return NULL;
}

static void test_eight_threads(void) {
    Seen s;
    seen_init(&s);
    Watcher *w = watcher_named("w");
    watcher_on_change(w, listener(&s));
    pthread_t threads[8];
    Shared shared[8];
    for (uint32_t t = 0; t < 8; t++) {
        shared[t].w = w;
        shared[t].base = t * 1000;
        pthread_create(&threads[t], NULL, setter, &shared[t]);
    }
    for (int t = 0; t < 8; t++) {
        pthread_join(threads[t], NULL);
    }
    CHECK(s.calls == 1600);
    uint64_t expected = 0;
    for (uint64_t t = 0; t < 8; t++) {
        expected += t * 1000 * 200 + 199 * 200 / 2;
    }
    CHECK(s.sum == expected);
    watcher_free(w);
    CHECK(s.drops == 1);
    pthread_mutex_destroy(&s.lock);
}

int main(void) {
    check_begin();
    test_borrowed_callback();
    test_kept_listener();
    test_listener_on_a_rust_thread();
    test_constructor_keeping_a_callback();
    test_callback_returning_a_result();
    test_c_strings();
    test_borrowed_from_self();
    test_eight_threads();
    CHECK(services_callbacks_watchers_live() == 0);
    return check_end();
}
