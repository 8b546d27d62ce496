/*
 * Rust closures the library returns whose results own data, from C: the conformance fixture's
 * `callback_returned_owned` feature (ADR 56). `call(context, args…, R *ret)` writes the result to
 * `*ret` (a `Result`: `uint8_t call(…, T *ok, E *err)`), overwriting it; the caller owns it and
 * frees it like any returned value. A panic in the closure, or an argument that does not lift
 * (invalid UTF-8), goes to the error channel and leaves an empty value (nothing to free; freeing
 * it is harmless). Empty, non-ASCII and 1 MiB strings. C99 and C++17, run under valgrind.
 * Prints "N passed, M failed".
 */
#include "conformance.h"
#include "check.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static Str str_of(const char *text) {
    Str s;
    s.ptr = text;
    s.len = strlen(text);
    return s;
}

/* `s` holds `expected`; frees it. */
static int string_is(String *s, const char *expected) {
    int same = s->len == strlen(expected) && s->len <= s->cap &&
               (s->len == 0 || memcmp(s->ptr, expected, s->len) == 0);
    if (!same) {
        fprintf(stderr, "got \"%.*s\", expected \"%s\"\n", (int)s->len, s->ptr != NULL ? s->ptr : "",
                expected);
    }
    String_free(s);
    return same;
}

static bool bytes_are(const VecU8 *v, const char *expected) {
    return v->len == strlen(expected) && memcmp(v->ptr, expected, v->len) == 0;
}

/* A slot holding garbage: `call` overwrites it without reading it. */
static String garbage_string(void) {
    String s;
    memset(&s, 0xA5, sizeof s);
    return s;
}

static void test_strings(void) {
    CallbackU32ToString format = callbacks_make_formatter(str_of("item-"));
    CallbackU32ToString repeat = callbacks_make_repeater(str_of("\xC3\xA9\xE2\x82\xAC\xF0\x9D\x84\x9E"));
    CallbackU32ToString bulk = callbacks_make_repeater(str_of("x"));
    String s = garbage_string();
    CHECK(format.call != NULL && format.drop != NULL);
    format.call(format.context, 42, &s);
    CHECK(string_is(&s, "item-42"));
    s = garbage_string();
    format.call(format.context, 0, &s);
    CHECK(string_is(&s, "item-0"));
    /* Empty: nothing allocated (cap 0), freeing it is harmless. */
    repeat.call(repeat.context, 0, &s);
    CHECK(s.len == 0 && s.cap == 0);
    CHECK(string_is(&s, ""));
    /* Non-ASCII (é € 𝄞), twice. */
    repeat.call(repeat.context, 2, &s);
    CHECK(string_is(&s, "\xC3\xA9\xE2\x82\xAC\xF0\x9D\x84\x9E\xC3\xA9\xE2\x82\xAC\xF0\x9D\x84\x9E"));
    /* 1 MiB. */
    bulk.call(bulk.context, 1u << 20, &s);
    {
        size_t i, xs = 0;
        for (i = 0; i < s.len; i++) {
            xs += s.ptr[i] == 'x';
        }
        CHECK(s.len == (size_t)1 << 20 && xs == s.len && s.cap >= s.len);
    }
    String_free(&s);
    CHECK(no_error());
    /* A panic: the error channel, an empty string in the slot. */
    s = garbage_string();
    format.call(format.context, UINT32_MAX, &s);
    CHECK(*interop_panic_pending() != 0);
    CHECK(error_contains("panic in closure returned by `make_formatter`: no format for u32::MAX"));
    CHECK(s.len == 0 && s.cap == 0);
    String_free(&s);
    /* A NULL slot: refused (the value is freed by the library). */
    format.call(format.context, 7, NULL);
    CHECK(refused_contains("the result slot passed to a closure the library returned is NULL"));
    format.drop(format.context);
    repeat.drop(repeat.context);
    bulk.drop(bulk.context);
    CHECK(no_error());
}

static void test_loader_and_splitter(void) {
    CallbackStrToOptionVecU8 load = callbacks_make_loader(str_of("/srv"));
    CallbackStrToVecString split = callbacks_make_splitter(str_of(", "));
    OptionVecU8 got;
    VecString parts;
    Str invalid;
    memset(&got, 0xA5, sizeof got);
    load.call(load.context, str_of("a.txt"), &got);
    CHECK(got.is_some == 1 && bytes_are(&got.value, "/srv/a.txt"));
    OptionVecU8_free(&got);
    load.call(load.context, str_of("missing.txt"), &got);
    CHECK(got.is_some == 0 && got.value.cap == 0);
    OptionVecU8_free(&got);
    load.call(load.context, str_of(""), &got);
    CHECK(got.is_some == 0);
    OptionVecU8_free(&got);
    /* Invalid UTF-8 in the `&str` argument: refused, naming the function; `None` in the slot. */
    invalid.ptr = "\xFF\xFE";
    invalid.len = 2;
    memset(&got, 0xA5, sizeof got);
    load.call(load.context, invalid, &got);
    CHECK(refused_contains("argument 1 of the closure returned by `make_loader`"));
    CHECK(got.is_some == 0 && got.value.cap == 0);
    OptionVecU8_free(&got);

    split.call(split.context, str_of("a, b, , \xC3\xA9"), &parts);
    CHECK(parts.len == 4);
    if (parts.len == 4) {
        CHECK(parts.ptr[0].len == 1 && memcmp(parts.ptr[0].ptr, "a", 1) == 0);
        CHECK(parts.ptr[1].len == 1 && memcmp(parts.ptr[1].ptr, "b", 1) == 0);
        CHECK(parts.ptr[2].len == 0);
        CHECK(parts.ptr[3].len == 2 && memcmp(parts.ptr[3].ptr, "\xC3\xA9", 2) == 0);
    }
    VecString_free(&parts);
    split.call(split.context, str_of(""), &parts);
    CHECK(parts.len == 1 && parts.ptr[0].len == 0);
    VecString_free(&parts);
    split.call(split.context, invalid, &parts);
    CHECK(refused_contains("argument 1 of the closure returned by `make_splitter`"));
    CHECK(parts.len == 0 && parts.cap == 0);
    VecString_free(&parts);
    load.drop(load.context);
    split.drop(split.context);
    CHECK(no_error());
}

static void test_counter_and_person(void) {
    CallbackU32ToVecU32 count = callbacks_make_counter(10);
    CallbackU32ToCbPerson make = callbacks_make_person_factory(str_of("Zo\xC3\xAB"));
    VecU32 v;
    CbPerson p;
    count.call(count.context, 5, &v);
    CHECK(v.len == 5 && v.ptr[0] == 10 && v.ptr[4] == 14);
    VecU32_free(&v);
    count.call(count.context, 0, &v);
    CHECK(v.len == 0 && v.cap == 0);
    VecU32_free(&v);
    memset(&p, 0xA5, sizeof p);
    make.call(make.context, 42, &p);
    CHECK(p.age == 42 && p.name.len == 4 && memcmp(p.name.ptr, "Zo\xC3\xAB", 4) == 0);
    CHECK(p.tags.len == 2);
    if (p.tags.len == 2) {
        CHECK(p.tags.ptr[0].len == 6 && memcmp(p.tags.ptr[0].ptr, "age:42", 6) == 0);
        CHECK(p.tags.ptr[1].len == 5 && memcmp(p.tags.ptr[1].ptr, "adult", 5) == 0);
    }
    CbPerson_free(&p);
    make.call(make.context, 3, &p);
    CHECK(p.age == 3 && p.tags.len == 2 && memcmp(p.tags.ptr[1].ptr, "minor", 5) == 0);
    CbPerson_free(&p);
    count.drop(count.context);
    make.drop(make.context);
    CHECK(no_error());
}

static void test_results(void) {
    CallbackStrToResultStringCbError parse = callbacks_make_parser(100);
    CallbackStrToResultU32CbError length = callbacks_make_length_checker(3);
    CallbackU32ToResultUnitCbError even = callbacks_make_even_validator();
    String ok;
    CbError err = CB_ERROR_UNKNOWN;
    uint32_t n = 0;
    Str invalid;
    invalid.ptr = "ab\xC0";
    invalid.len = 3;
    ok = garbage_string();
    CHECK(parse.call(parse.context, str_of("42"), &ok, &err) == 0);
    CHECK(string_is(&ok, "#42"));
    ok = garbage_string();
    CHECK(parse.call(parse.context, str_of("41"), &ok, &err) == 1);
    CHECK(err == CB_ERROR_ODD);
    CHECK(parse.call(parse.context, str_of("1000"), &ok, &err) == 1);
    CHECK(err == CB_ERROR_TOO_LARGE);
    /* A panic: status 2, the message in the error channel, empty values in both slots. */
    ok = garbage_string();
    err = CB_ERROR_ODD;
    CHECK(parse.call(parse.context, str_of("x"), &ok, &err) == 2);
    CHECK(error_contains("panic in closure returned by `make_parser`: not a number: \"x\""));
    CHECK(ok.len == 0 && ok.cap == 0 && err == CB_ERROR_UNKNOWN);
    String_free(&ok);
    CHECK(parse.call(parse.context, invalid, &ok, &err) == 2);
    CHECK(refused_contains("argument 1 of the closure returned by `make_parser`"));
    String_free(&ok);

    CHECK(length.call(length.context, str_of("\xC3\xA9t\xC3\xA9"), &n, &err) == 0 && n == 3);
    CHECK(length.call(length.context, str_of("four"), &n, &err) == 1 && err == CB_ERROR_TOO_LARGE);
    CHECK(even.call(even.context, 4, &err) == 0);
    CHECK(even.call(even.context, 5, &err) == 1 && err == CB_ERROR_ODD);
    parse.drop(parse.context);
    length.drop(length.context);
    even.drop(even.context);
    CHECK(no_error());
}

static void test_service(void) {
    CbGreeter *greeter = cb_greeter_new(str_of("Hello"));
    CallbackStrToString greet = cb_greeter_greeter(greeter);
    String s;
    CHECK(greet.call != NULL);
    /* The closure outlives the service. */
    cb_greeter_dispose(greeter);
    cb_greeter_free(greeter);
    greet.call(greet.context, str_of("w\xC3\xB6rld"), &s);
    CHECK(string_is(&s, "Hello, w\xC3\xB6rld!"));
    greet.drop(greet.context);
    CHECK(no_error());
}

int main(void) {
    check_begin();
    test_strings();
    test_loader_and_splitter();
    test_counter_and_person();
    test_results();
    test_service();
    return check_end();
}
