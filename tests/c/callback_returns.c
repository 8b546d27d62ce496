/*
 * Closures returning owned data from C, the conformance fixture's `callback_returns` feature
 * (ADR 54): `call` writes its result to `*ret` (a `Result`: to `*ok` / `*err`). Allocated values
 * (`String_from`, `VecU32_from`, `VecString_alloc`) become the library's; literals with cap 0 are
 * borrowed and copied. Empty, non-ASCII and 1 MiB values; invalid UTF-8, len > cap and a bad
 * option tag fail the waiting call, and the library frees every cap > 0 buffer either way (this
 * program runs under valgrind). C99 and C++17. Prints "N passed, M failed".
 */
#include "conformance.h"
#include "check.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifdef __cplusplus
extern "C" {
#endif
/* Exported by every library (the bindings' trampolines call it); not in the C header. */
void interop_callback_failed(void);
#ifdef __cplusplus
}
#endif

typedef struct Tally {
    uint64_t calls;
    uint64_t drops;
} Tally;

static void counter_drop(void *context) { ((Tally *)context)->drops++; }

static Str str_of(const char *text) {
    Str s;
    s.ptr = text;
    s.len = strlen(text);
    return s;
}

/* `s` holds `expected`; frees it. */
static int string_is(String *s, const char *expected) {
    int same = s->len == strlen(expected) && (s->len == 0 || memcmp(s->ptr, expected, s->len) == 0);
    if (!same) {
        fprintf(stderr, "got \"%.*s\", expected \"%s\"\n", (int)s->len, s->ptr != NULL ? s->ptr : "",
                expected);
    }
    String_free(s);
    return same;
}

static bool str_is(Str s, const char *text) {
    return s.len == strlen(text) && (s.len == 0 || memcmp(s.ptr, text, s.len) == 0);
}

/* "n<i>", allocated. */
static void name_allocated(void *context, uint32_t i, String *ret) {
    char buf[32];
    int n = snprintf(buf, sizeof buf, "n%u", (unsigned)i);
    ((Tally *)context)->calls++;
    *ret = String_from(buf, (size_t)n);
}

/* Static text, borrowed (cap 0), non-ASCII included. */
static void name_literal(void *context, uint32_t i, String *ret) {
    static const char *const names[3] = {"zero", "one", "tv\xc3\xa5"};
    ((Tally *)context)->calls++;
    ret->ptr = (char *)names[i % 3];
    ret->len = strlen(names[i % 3]);
    ret->cap = 0;
}

/* Leaves `*ret` as the library zeroed it: the empty string. */
static void name_empty(void *context, uint32_t i, String *ret) {
    (void)i;
    (void)ret;
    ((Tally *)context)->calls++;
}

/* Allocated bytes that are not UTF-8. */
static void name_invalid(void *context, uint32_t i, String *ret) {
    (void)i;
    ((Tally *)context)->calls++;
    *ret = String_from("ok\xff", 3);
}

/* An allocated string whose len is over its cap. */
static void name_too_long(void *context, uint32_t i, String *ret) {
    (void)i;
    ((Tally *)context)->calls++;
    *ret = String_from("abc", 3);
    ret->len = 10;
}

/* Writes a value, then reports a failure (what a binding's trampoline does on an exception). */
static void name_failed(void *context, uint32_t i, String *ret) {
    (void)i;
    ((Tally *)context)->calls++;
    *ret = String_from("dropped", 7);
    interop_callback_failed();
}

static CallbackU32ToString names(void (*call)(void *, uint32_t, String *), Tally *t) {
    CallbackU32ToString f;
    f.call = call;
    f.context = t;
    f.drop = counter_drop;
    return f;
}

static void strings(void) {
    Tally t;
    String s;
    memset(&t, 0, sizeof t);
    s = callbacks_join_names(3, names(name_allocated, &t));
    CHECK(string_is(&s, "n0,n1,n2") && t.calls == 3 && t.drops == 1);
    s = callbacks_join_names(3, names(name_literal, &t));
    CHECK(string_is(&s, "zero,one,tv\xc3\xa5") && t.calls == 6 && t.drops == 2);
    s = callbacks_join_names(2, names(name_empty, &t));
    CHECK(string_is(&s, ",") && t.drops == 3);
    CHECK(no_error());
    s = callbacks_join_names(2, names(name_invalid, &t));
    CHECK(string_is(&s, "") && t.calls == 9 && t.drops == 4);
    CHECK(error_contains("invalid UTF-8 (the first 2 bytes are valid)"));
    s = callbacks_join_names(1, names(name_too_long, &t));
    CHECK(string_is(&s, "") && t.drops == 5);
    CHECK(error_contains("length 10 is over the buffer's capacity 3"));
    s = callbacks_join_names(2, names(name_failed, &t));
    CHECK(string_is(&s, ",") && t.calls == 12 && t.drops == 6);
    CHECK(error_contains("a callback raised an exception"));
    /* A kept closure called from a thread Rust starts. */
    s = callbacks_render_on_thread(3, names(name_allocated, &t));
    CHECK(string_is(&s, "n0,n1,n2") && t.drops == 7);
    CHECK(no_error());
}

static void format_item(void *context, const CbItem *item, String *ret) {
    char buf[64];
    int n = snprintf(buf, sizeof buf, "#%u:%u", (unsigned)item->id, (unsigned)item->cents);
    ((Tally *)context)->calls++;
    *ret = String_from(buf, (size_t)n);
}

static void borrowed_parameters_and_a_service(void) {
    Tally t;
    CbItem items[2];
    SliceCbItem all;
    CallbackPtrCbItemToString format;
    CbLabeler *labeler;
    String s;
    memset(&t, 0, sizeof t);
    items[0].id = 1;
    items[0].cents = 250;
    items[1].id = 2;
    items[1].cents = 99;
    all.ptr = items;
    all.len = 2;
    format.call = format_item;
    format.context = &t;
    format.drop = counter_drop;
    s = callbacks_format_items(all, format);
    CHECK(string_is(&s, "#1:250|#2:99") && t.calls == 2 && t.drops == 1);
    labeler = cb_labeler_new(str_of("label "));
    CHECK(labeler != NULL);
    s = cb_labeler_label(labeler, 7, names(name_allocated, &t));
    CHECK(string_is(&s, "label n7") && t.drops == 2);
    cb_labeler_dispose(labeler);
    cb_labeler_free(labeler);
    CHECK(no_error());
}

static const uint8_t small_bytes[3] = {1, 2, 3};

/* "big": 1 MiB allocated; "small": three static bytes (cap 0). */
static void load_file(void *context, Str path, VecU8 *ret) {
    ((Tally *)context)->calls++;
    if (str_is(path, "big")) {
        size_t i;
        *ret = VecU8_alloc((size_t)1 << 20);
        for (i = 0; i < ret->len; i++) {
            ret->ptr[i] = (uint8_t)(i * 7);
        }
    } else if (str_is(path, "small")) {
        ret->ptr = (uint8_t *)small_bytes;
        ret->len = 3;
        ret->cap = 0;
    }
}

/* 1, 2, … i (copied from a local array). */
static void make_range(void *context, uint32_t i, VecU32 *ret) {
    uint32_t values[16];
    uint32_t k;
    ((Tally *)context)->calls++;
    for (k = 0; k < i && k < 16; k++) {
        values[k] = k + 1;
    }
    *ret = VecU32_from(values, k);
}

static void make_words(void *context, uint32_t n, VecString *ret) {
    static const char *const words[3] = {"alpha", "beta", "\xce\xb3"};
    uint32_t i;
    ((Tally *)context)->calls++;
    *ret = VecString_alloc(n);
    for (i = 0; i < ret->len; i++) {
        if (i == 1) {
            /* A borrowed element inside an allocated vector. */
            ret->ptr[i].ptr = (char *)words[1];
            ret->ptr[i].len = 4;
        } else {
            ret->ptr[i] = String_from(words[i % 3], strlen(words[i % 3]));
        }
    }
}

/* The second word is not UTF-8: the library frees the others and the vector. */
static void make_bad_words(void *context, uint32_t n, VecString *ret) {
    (void)n;
    ((Tally *)context)->calls++;
    *ret = VecString_alloc(3);
    ret->ptr[0] = String_from("fine", 4);
    ret->ptr[1] = String_from("\xc3", 1);
    ret->ptr[2] = String_from("also fine", 9);
}

static void vectors(void) {
    Tally t;
    CallbackStrToVecU8 load;
    CallbackU32ToVecU32 range;
    CallbackU32ToVecString words;
    VecU8 bytes;
    String s;
    memset(&t, 0, sizeof t);
    load.call = load_file;
    load.context = &t;
    load.drop = counter_drop;
    bytes = callbacks_load_bytes(str_of("big"), load);
    CHECK(bytes.len == ((size_t)1 << 20) && bytes.ptr != NULL && bytes.ptr[12345] == (uint8_t)(12345 * 7));
    VecU8_free(&bytes);
    bytes = callbacks_load_bytes(str_of("small"), load);
    CHECK(bytes.len == 3 && bytes.ptr != NULL && bytes.ptr != small_bytes && bytes.ptr[2] == 3);
    VecU8_free(&bytes);
    bytes = callbacks_load_bytes(str_of("none"), load);
    CHECK(bytes.len == 0 && t.calls == 3 && t.drops == 3);
    VecU8_free(&bytes);
    range.call = make_range;
    range.context = &t;
    range.drop = counter_drop;
    CHECK(callbacks_sum_vectors(4, range) == 10 && t.calls == 7 && t.drops == 4);
    CHECK(callbacks_sum_boxed(5, range) == 15 && t.drops == 5);
    words.call = make_words;
    words.context = &t;
    words.drop = counter_drop;
    s = callbacks_join_words(3, words);
    CHECK(string_is(&s, "alpha beta \xce\xb3") && t.drops == 6);
    s = callbacks_join_words(0, words);
    CHECK(string_is(&s, "") && t.drops == 7);
    CHECK(no_error());
    words.call = make_bad_words;
    s = callbacks_join_words(3, words);
    CHECK(string_is(&s, "") && t.drops == 8);
    CHECK(error_contains("invalid UTF-8"));
}

static void make_ada(void *context, uint32_t age, CbPerson *ret) {
    ((Tally *)context)->calls++;
    ret->name = String_from("Ada", 3);
    ret->tags = VecString_alloc(2);
    if (ret->tags.ptr != NULL) {
        ret->tags.ptr[0] = String_from("x", 1);
        ret->tags.ptr[1] = String_from("yz", 2);
    }
    ret->age = age;
}

/* A tag whose len is over its cap, after a good name: everything is freed. */
static void make_broken(void *context, uint32_t age, CbPerson *ret) {
    make_ada(context, age, ret);
    if (ret->tags.ptr != NULL) {
        ret->tags.ptr[1].len = 3;
    }
}

static void records(void) {
    Tally t;
    CallbackU32ToCbPerson make;
    CbPerson p;
    String s;
    memset(&t, 0, sizeof t);
    make.call = make_ada;
    make.context = &t;
    make.drop = counter_drop;
    p = callbacks_make_person(36, make);
    CHECK(p.age == 36 && p.tags.len == 2 && p.name.len == 3 && memcmp(p.name.ptr, "Ada", 3) == 0);
    CHECK(p.tags.ptr != NULL && p.tags.ptr[1].len == 2 && memcmp(p.tags.ptr[1].ptr, "yz", 2) == 0);
    CbPerson_free(&p);
    s = callbacks_describe_person(7, make);
    CHECK(string_is(&s, "Ada (7): x,yz") && t.calls == 2 && t.drops == 2);
    CHECK(no_error());
    make.call = make_broken;
    s = callbacks_describe_person(7, make);
    CHECK(string_is(&s, "") && t.drops == 3);
    CHECK(error_contains("length 3 is over the buffer's capacity 2"));
}

static void find_value(void *context, Str key, OptionString *ret) {
    ((Tally *)context)->calls++;
    if (str_is(key, "k")) {
        ret->is_some = 1;
        ret->value = String_from("value", 5);
    } else if (str_is(key, "bad")) {
        ret->is_some = 7;
        ret->value = String_from("freed", 5);
    }
}

static uint8_t render_even(void *context, uint32_t n, String *ok, CbError *err) {
    ((Tally *)context)->calls++;
    if (n % 2 == 0) {
        *ok = String_from("even", 4);
        return 0;
    }
    *err = CB_ERROR_ODD;
    return 1;
}

static void options_and_results(void) {
    Tally t;
    CallbackStrToOptionString find;
    CallbackU32ToResultStringCbError render;
    String s;
    memset(&t, 0, sizeof t);
    find.call = find_value;
    find.context = &t;
    find.drop = counter_drop;
    s = callbacks_find_or(str_of("k"), str_of("fallback"), find);
    CHECK(string_is(&s, "value"));
    s = callbacks_find_or(str_of("other"), str_of("fallback"), find);
    CHECK(string_is(&s, "fallback") && t.drops == 2);
    CHECK(no_error());
    s = callbacks_find_or(str_of("bad"), str_of("fallback"), find);
    CHECK(string_is(&s, "") && t.drops == 3);
    CHECK(error_contains("7 is not an option tag"));
    render.call = render_even;
    render.context = &t;
    render.drop = counter_drop;
    s = callbacks_render_or_error(4, render);
    CHECK(string_is(&s, "even"));
    s = callbacks_render_or_error(5, render);
    CHECK(string_is(&s, "error: odd value") && t.drops == 5);
    CHECK(no_error());
}

/* The helpers: NULL-safe and empty for nothing to allocate. */
static void helpers(void) {
    String s = String_from(NULL, 3);
    VecU32 v = VecU32_from(NULL, 2);
    VecString w = VecString_alloc(0);
    CHECK(s.ptr == NULL && s.len == 0 && s.cap == 0);
    CHECK(v.ptr == NULL && w.ptr == NULL && w.len == 0);
    CHECK(interop_buffer_alloc(0, 4, 4) == NULL && interop_buffer_alloc(SIZE_MAX, 2, 1) == NULL);
    s = String_from("abc", 3);
    CHECK(s.cap == 3 && s.len == 3);
    String_free(&s);
}

int main(void) {
    check_begin();
    strings();
    borrowed_parameters_and_a_service();
    vectors();
    records();
    options_and_results();
    helpers();
    return check_end();
}
