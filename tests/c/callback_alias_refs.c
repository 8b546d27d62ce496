/*
 * Named callback types whose parameters borrow, from C (the conformance fixture's
 * `callback_alias_refs` feature, ADR 60): `Box<OnMessage>` kept and called from a Rust thread,
 * `Option<Box<OnMessage>>`, `&mut OnChunk` (a `SliceU32`), `&OnPoint` (a `const CbPoint *`, an
 * owned `String` returned), `&OnWord` (a `Result`), a record of them, a service method keeping one,
 * and a returned `OnText` called with the caller's string. Every `drop` is counted: exactly once.
 * Runs under valgrind. C99 and C++17. Prints "N passed, M failed".
 */
#include "conformance.h"
#include "check.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

typedef struct Seen {
    uint32_t calls;
    uint32_t drops;
    uint32_t total;
    char text[256];
} Seen;

static Str str_of(const char *s) {
    Str t;
    t.ptr = s;
    t.len = strlen(s);
    return t;
}

static void append(Seen *seen, Str s) {
    size_t used = strlen(seen->text);
    snprintf(seen->text + used, sizeof seen->text - used, "%.*s;", (int)s.len,
             s.len != 0 ? s.ptr : "");
}

static void on_message(void *context, Str s) {
    Seen *seen = (Seen *)context;
    seen->calls++;
    append(seen, s);
}

static void on_drop(void *context) { ((Seen *)context)->drops++; }

static OnMessage message_handler(Seen *seen) {
    OnMessage f;
    memset(seen, 0, sizeof *seen);
    f.call = on_message;
    f.context = seen;
    f.drop = on_drop;
    return f;
}

/* Kept by the library and called from a Rust thread, then from this one; dropped once. */
static void kept(void) {
    Seen seen;
    OnMessage f = message_handler(&seen);
    CHECK(callbacks_alias_deliver(f, str_of("h\xc3\xa9llo")) == 2);
    CHECK(seen.calls == 2);
    CHECK(seen.drops == 1);
    CHECK(strcmp(seen.text, "h\xc3\xa9llo;oll\xc3\xa9h;") == 0);
    CHECK(no_error());
    /* Invalid UTF-8 in another argument: refused, and the closure still dropped once. */
    f = message_handler(&seen);
    CHECK(callbacks_alias_deliver(f, str_of("\xff")) == 0);
    CHECK(refused_contains("UTF-8"));
    CHECK(seen.calls == 0 && seen.drops == 1);
}

static void optional(void) {
    Seen seen;
    OnMessage f = message_handler(&seen);
    CHECK(callbacks_alias_maybe_deliver(f, str_of("once")));
    CHECK(seen.calls == 1 && seen.drops == 1);
    CHECK(strcmp(seen.text, "once;") == 0);
    f.call = NULL;
    f.drop = NULL;
    CHECK(!callbacks_alias_maybe_deliver(f, str_of("never")));
    CHECK(seen.calls == 1);
    CHECK(no_error());
}

static uint32_t on_chunk(void *context, SliceU32 chunk) {
    Seen *seen = (Seen *)context;
    uint32_t sum = 0;
    for (size_t i = 0; i < chunk.len; i++) {
        sum += chunk.ptr[i];
    }
    seen->calls++;
    seen->total += sum;
    return (uint32_t)chunk.len;
}

static void borrowed_mut(void) {
    static const uint32_t values[5] = {1, 2, 3, 4, 5};
    Seen seen;
    OnChunk f;
    SliceU32 s;
    memset(&seen, 0, sizeof seen);
    f.call = on_chunk;
    f.context = &seen;
    f.drop = on_drop;
    s.ptr = values;
    s.len = 5;
    CHECK(callbacks_alias_visit(s, 2, f) == 5);
    CHECK(seen.calls == 3 && seen.total == 15 && seen.drops == 1);
    CHECK(no_error());
}

static void on_point(void *context, const CbPoint *p, String *ret) {
    char buf[64];
    int n = snprintf(buf, sizeof buf, "%g,%g", (double)p->x, (double)p->y);
    ((Seen *)context)->calls++;
    *ret = String_from(buf, (size_t)n);
}

static void owned_return(void) {
    Seen seen;
    OnPoint f;
    CbPoint p;
    String label;
    memset(&seen, 0, sizeof seen);
    f.call = on_point;
    f.context = &seen;
    f.drop = on_drop;
    p.x = 1.5f;
    p.y = -2.0f;
    label = callbacks_alias_label(p, f);
    CHECK(label.len == strlen("1.5,-2|-2,1.5") && memcmp(label.ptr, "1.5,-2|-2,1.5", label.len) == 0);
    CHECK(seen.calls == 2 && seen.drops == 1);
    CHECK(no_error());
    String_free(&label);
}

/* Ok: the word's length; "odd" words are refused with Odd, words over 5 bytes with TooLarge. */
static uint8_t on_word(void *context, Str w, uint32_t *ok, CbError *err) {
    ((Seen *)context)->calls++;
    if (w.len > 5) {
        *err = CB_ERROR_TOO_LARGE;
        return 1;
    }
    if (w.len == 3 && memcmp(w.ptr, "odd", 3) == 0) {
        *err = CB_ERROR_ODD;
        return 1;
    }
    *ok = (uint32_t)w.len;
    return 0;
}

static void result_return(void) {
    Seen seen;
    OnWord f;
    memset(&seen, 0, sizeof seen);
    f.call = on_word;
    f.context = &seen;
    f.drop = on_drop;
    CHECK(callbacks_alias_check_words(str_of("ab odd abcdefg x"), f) == 2 + 1000 + 2000 + 1);
    CHECK(seen.calls == 4 && seen.drops == 1);
    CHECK(no_error());
}

/* A Rust closure whose parameter borrows: the caller lends its string for the call. */
static void returned(void) {
    char heap[8];
    OnText measure = callbacks_alias_make_measure(10);
    CHECK(measure.call != NULL && measure.drop != NULL);
    if (measure.call == NULL) {
        return;
    }
    CHECK(measure.call(measure.context, str_of("h\xc3\xa9")) == 12);
    memcpy(heap, "abcd", 5);
    CHECK(measure.call(measure.context, str_of(heap)) == 14);
    CHECK(no_error());
    CHECK(measure.call(measure.context, str_of("\xc3")) == 0);
    CHECK(error_contains("UTF-8"));
    measure.drop(measure.context);
}

static void record(void) {
    Seen lines;
    Seen origin;
    AliasHandlers h;
    h.on_line = message_handler(&lines);
    memset(&origin, 0, sizeof origin);
    h.on_origin.call = on_point;
    h.on_origin.context = &origin;
    h.on_origin.drop = on_drop;
    CHECK(callbacks_alias_run(str_of("a\nbb\n"), h) == 102);
    CHECK(lines.calls == 2 && lines.drops == 1 && strcmp(lines.text, "a;bb;") == 0);
    CHECK(origin.calls == 1 && origin.drops == 1);
    /* No origin handler. */
    h.on_line = message_handler(&lines);
    h.on_origin.call = NULL;
    h.on_origin.drop = NULL;
    CHECK(callbacks_alias_run(str_of("x"), h) == 1);
    CHECK(lines.calls == 1 && lines.drops == 1);
    CHECK(no_error());
    /* A NULL required handler: refused naming the field; the optional one is still dropped once. */
    memset(&origin, 0, sizeof origin);
    h.on_line.call = NULL;
    h.on_line.drop = NULL;
    h.on_origin.call = on_point;
    h.on_origin.context = &origin;
    h.on_origin.drop = on_drop;
    CHECK(callbacks_alias_run(str_of("x"), h) == 0);
    CHECK(refused_contains("on_line"));
    CHECK(origin.calls == 0 && origin.drops == 1);
}

static void service(void) {
    Seen a;
    Seen b;
    AliasBus *bus = alias_bus_new();
    CHECK(bus != NULL);
    if (bus == NULL) {
        return;
    }
    CHECK(alias_bus_subscribe(bus, message_handler(&a)) == 1);
    CHECK(alias_bus_subscribe(bus, message_handler(&b)) == 2);
    CHECK(alias_bus_publish_on_thread(bus, str_of("ping")) == 2);
    CHECK(a.calls == 1 && b.calls == 1 && strcmp(a.text, "ping;") == 0);
    CHECK(a.drops == 0);
    alias_bus_clear(bus);
    CHECK(a.drops == 1 && b.drops == 1);
    CHECK(alias_bus_publish_on_thread(bus, str_of("none")) == 0);
    CHECK(alias_bus_subscribe(bus, message_handler(&a)) == 1);
    CHECK(no_error());
    alias_bus_dispose(bus);
    alias_bus_free(bus);
    CHECK(a.calls == 0 && a.drops == 1);
}

int main(void) {
    check_begin();
    kept();
    optional();
    borrowed_mut();
    owned_return();
    result_return();
    returned();
    record();
    service();
    return check_end();
}
