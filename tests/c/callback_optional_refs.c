/*
 * Closures taking `Option<&str>`, `Option<&[T]>` and `&[&str]` from C, the conformance fixture's
 * `callback_optional_refs` feature (ADR 66). `call` gets the C form of the owned twin borrowed for
 * the call: an `OptionString` / `OptionVecU8` / `OptionVecU32` whose `is_some` is 0 for `None` and
 * whose buffer has `cap == 0` (the library's memory: freeing it does nothing, keeping its pointer
 * is a bug), and a `SliceString` of `cap == 0` views into the library's text for `&[&str]`. An
 * error callback, optional bytes and chunks, a kept sink called from a Rust thread, the words of a
 * tokenizer in one call and in batches with an optional label. Runs under valgrind. C99 and
 * C++17. Prints "N passed, M failed".
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
    uint32_t nones;
    uint32_t borrowed; /* arguments whose cap was 0, as promised */
    uint64_t sum;
    char joined[256];
} Seen;

static void on_drop(void *context) { ((Seen *)context)->drops++; }

static String text(const char *s) {
    String t;
    t.ptr = (char *)s;
    t.len = strlen(s);
    t.cap = 0;
    return t;
}

static Str view(const char *s) {
    Str v;
    v.ptr = s;
    v.len = strlen(s);
    return v;
}

static OptionString some_text(const char *s) {
    OptionString o;
    o.is_some = 1;
    o.value = text(s);
    return o;
}

static OptionString no_text(void) {
    OptionString o;
    memset(&o, 0, sizeof o);
    return o;
}

static void join(Seen *seen, const char *bytes, size_t len) {
    size_t used = strlen(seen->joined);
    snprintf(seen->joined + used, sizeof seen->joined - used, "%.*s;", (int)len,
             len != 0 ? bytes : "");
}

/* Joins an optional text ("-" for None) and counts borrowed buffers. */
static void join_optional(Seen *seen, OptionString s) {
    if (s.is_some == 0) {
        seen->nones++;
        join(seen, "-", 1);
        return;
    }
    if (s.value.cap == 0) {
        seen->borrowed++;
    }
    join(seen, s.value.ptr, s.value.len);
}

static uint32_t on_error(void *context, uint32_t code, OptionString message) {
    Seen *seen = (Seen *)context;
    seen->calls++;
    join_optional(seen, message);
    uint32_t len = message.is_some ? (uint32_t)message.value.len : 1000;
    /* The header allows freeing it: with cap 0 this does nothing (valgrind checks). */
    OptionString_free(&message);
    return code * 10000 + len;
}

static void error_callback(void) {
    Seen seen;
    memset(&seen, 0, sizeof seen);
    CallbackU32OptionStringToU32 f;
    f.call = on_error;
    f.context = &seen;
    f.drop = on_drop;
    CHECK(callbacks_report(7, some_text("disk full"), f) == 70009);
    CHECK(callbacks_report(3, no_text(), f) == 31000);
    CHECK(callbacks_report(1, some_text(""), f) == 10000);
    /* "été: é" is 9 bytes */
    CHECK(callbacks_report(2, some_text("\xc3\xa9t\xc3\xa9: \xc3\xa9"), f) == 20009);
    CHECK(seen.calls == 4 && seen.drops == 4 && seen.nones == 1 && seen.borrowed == 3);
    CHECK(strcmp(seen.joined, "disk full;-;;\xc3\xa9t\xc3\xa9: \xc3\xa9;") == 0);
}

static uint64_t sum_bytes(void *context, OptionVecU8 data) {
    Seen *seen = (Seen *)context;
    seen->calls++;
    if (data.is_some == 0) {
        seen->nones++;
        return 1000000;
    }
    if (data.value.cap == 0) {
        seen->borrowed++;
    }
    uint64_t sum = 0;
    for (size_t i = 0; i < data.value.len; i++) {
        sum += data.value.ptr[i];
    }
    return sum;
}

static void optional_bytes(void) {
    Seen seen;
    memset(&seen, 0, sizeof seen);
    CallbackOptionVecU8ToU64 f;
    f.call = sum_bytes;
    f.context = &seen;
    f.drop = on_drop;
    uint8_t bytes[4] = {1, 2, 3, 250};
    OptionVecU8 data;
    data.is_some = 1;
    data.value.ptr = bytes;
    data.value.len = 4;
    data.value.cap = 0;
    CHECK(callbacks_maybe_bytes(data, f) == 256);
    data.value.ptr = NULL;
    data.value.len = 0;
    CHECK(callbacks_maybe_bytes(data, f) == 0);
    OptionVecU8 none;
    memset(&none, 0, sizeof none);
    CHECK(callbacks_maybe_bytes(none, f) == 1000000);
    CHECK(seen.calls == 3 && seen.drops == 3 && seen.nones == 1 && seen.borrowed == 2);
}

static void on_chunk(void *context, OptionVecU32 chunk) {
    Seen *seen = (Seen *)context;
    seen->calls++;
    if (chunk.is_some == 0) {
        seen->nones++;
        return;
    }
    if (chunk.value.cap == 0) {
        seen->borrowed++;
    }
    for (size_t i = 0; i < chunk.value.len; i++) {
        seen->sum = seen->sum * 10 + chunk.value.ptr[i];
    }
    seen->sum = seen->sum * 10; /* a 0 between chunks */
}

static void optional_chunks(void) {
    Seen seen;
    memset(&seen, 0, sizeof seen);
    CallbackOptionVecU32 f;
    f.call = on_chunk;
    f.context = &seen;
    f.drop = on_drop;
    uint32_t values[5] = {1, 2, 3, 4, 5};
    SliceU32 s;
    s.ptr = values;
    s.len = 5;
    CHECK(callbacks_maybe_chunks(s, 2, f) == 3);
    CHECK(seen.sum == 12034050 && seen.borrowed == 3 && seen.nones == 0);
    CHECK(callbacks_maybe_chunks(s, 0, f) == 1);
    CHECK(seen.calls == 4 && seen.nones == 1 && seen.drops == 2);
}

static void on_line(void *context, uint32_t index, OptionString line) {
    Seen *seen = (Seen *)context;
    seen->calls++;
    seen->sum += index;
    join_optional(seen, line);
}

static void kept_on_a_thread(void) {
    Seen seen;
    memset(&seen, 0, sizeof seen);
    String lines[3];
    lines[0] = text("first");
    lines[1] = text("");
    lines[2] = text("\xc3\xa9t\xc3\xa9");
    SliceString s;
    s.ptr = lines;
    s.len = 3;
    CallbackU32OptionString f;
    f.call = on_line;
    f.context = &seen;
    f.drop = on_drop;
    CHECK(callbacks_report_on_thread(s, f) == 3);
    CHECK(seen.calls == 3 && seen.sum == 3 && seen.nones == 1 && seen.borrowed == 2);
    CHECK(strcmp(seen.joined, "first;-;\xc3\xa9t\xc3\xa9;") == 0);
    CHECK(seen.drops == 1);
}

static uint32_t on_words(void *context, SliceString words) {
    Seen *seen = (Seen *)context;
    seen->calls++;
    for (size_t i = 0; i < words.len; i++) {
        if (words.ptr[i].cap == 0) {
            seen->borrowed++;
        }
        join(seen, words.ptr[i].ptr, words.ptr[i].len);
    }
    return (uint32_t)words.len;
}

static void tokenizer(void) {
    Seen seen;
    memset(&seen, 0, sizeof seen);
    CallbackSliceStringToU32 f;
    f.call = on_words;
    f.context = &seen;
    f.drop = on_drop;
    CHECK(callbacks_tokenize(view("the quick  \xc3\xa9t\xc3\xa9\tfox "), f) == 4);
    CHECK(strcmp(seen.joined, "the;quick;\xc3\xa9t\xc3\xa9;fox;") == 0 && seen.borrowed == 4);
    CHECK(callbacks_tokenize(view("   "), f) == 0);
    CHECK(callbacks_tokenize(view(""), f) == 0);
    CHECK(seen.calls == 3 && seen.drops == 3);
}

static void on_batch(void *context, OptionString label, SliceString words) {
    Seen *seen = (Seen *)context;
    seen->calls++;
    join_optional(seen, label);
    seen->sum += words.len;
    for (size_t i = 0; i < words.len; i++) {
        join(seen, words.ptr[i].ptr, words.ptr[i].len);
    }
}

static void tokenizer_batches(void) {
    Seen seen;
    memset(&seen, 0, sizeof seen);
    CallbackOptionStringSliceString f;
    f.call = on_batch;
    f.context = &seen;
    f.drop = on_drop;
    CHECK(callbacks_tokenize_batches(view("a b c"), 2, some_text("L"), f) == 2);
    CHECK(strcmp(seen.joined, "L;a;b;L;c;") == 0 && seen.sum == 3);
    memset(seen.joined, 0, sizeof seen.joined);
    CHECK(callbacks_tokenize_batches(view("x y"), 0, no_text(), f) == 1);
    CHECK(strcmp(seen.joined, "-;x;y;") == 0 && seen.nones == 1);
    CHECK(callbacks_tokenize_batches(view(""), 3, no_text(), f) == 1);
    CHECK(seen.calls == 4 && seen.sum == 5 && seen.drops == 3);
}

/* A label that is not UTF-8 is refused before anything is called (the function's argument). */
static void invalid_label(void) {
    Seen seen;
    memset(&seen, 0, sizeof seen);
    CallbackOptionStringSliceString f;
    f.call = on_batch;
    f.context = &seen;
    f.drop = on_drop;
    OptionString bad = some_text("\xff");
    CHECK(callbacks_tokenize_batches(view("a"), 1, bad, f) == 0);
    CHECK(refused_contains("label"));
    CHECK(seen.calls == 0 && seen.drops == 1);
}

int main(void) {
    check_begin();
    error_callback();
    optional_bytes();
    optional_chunks();
    kept_on_a_thread();
    tokenizer();
    tokenizer_batches();
    invalid_label();
    return check_end();
}
