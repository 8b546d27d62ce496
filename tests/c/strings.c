/*
 * Strings and slices from C: the functions of the conformance fixture's `strings` feature that take
 * and return text, C strings and slices (tests/c/strings_owned.c has vectors and records that own
 * data), through the generated header, with empty, non-ASCII and 1 MiB data, the checks of bad input
 * (invalid UTF-8, NULL with a length, misaligned pointers, invalid bools and enums in elements) and
 * every returned value freed with its helper (the program runs under valgrind). Valid C99 and C++17
 * (no compound literals).
 *
 * Prints "N passed, M failed" and exits non-zero when anything failed (see check.h).
 */
#include "conformance.h"
#include "check.h"
#include "strings_check.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MIB (1024u * 1024u)

static void test_c_strings(void) {
    CHECK(c_str_len("h\xc3\xa9llo") == 6);
    CHECK(c_str_len("") == 0);
    CHECK(c_str_len(NULL) == 0);
    CHECK(refused_contains("argument `s` of `c_str_len` must not be null"));
    CHECK(strcmp(c_str_empty(), "") == 0);
    CHECK(strcmp(c_str_version(), "1.2.3-\xc3\xa9") == 0);
    CHECK(c_str_byte_at("abc", 1) == 'b');
    CHECK(c_str_byte_at("abc", 9) == 0);

    /* Raw `*const c_char` / `*mut c_char` (feature c_strings): `const char *` / `char *`, so string
     * literals and char buffers pass without a cast in C and C++. */
    CHECK(c_strlen("h\xc3\xa9llo") == 6);
    CHECK(c_strlen(NULL) == -1);
    CHECK(c_byte_sum("ab") == 97u + 98u);
    char out[3] = {'x', 'x', 'x'};
    CHECK(c_write_hi(out, sizeof out));
    CHECK(strcmp(out, "hi") == 0);
    CHECK(!c_write_hi(out, 2));
    const char *greeting = c_greeting();
    CHECK(strcmp(greeting, "hello") == 0);
    CHECK(no_error());
}

static void test_strings(void) {
    const char *text = "h\xc3\xa9llo \xe6\x97\xa5\xe6\x9c\xac \xf0\x9f\xa6\x80"; /* héllo 日本 🦀 */
    String s = string_echo(str(text));
    CHECK(s.cap >= s.len);
    CHECK(string_is(&s, text));
    CHECK(string_len(str("\xc3\xa9")) == 2);
    s = string_make();
    CHECK(string_is(&s, "pattern_string_3"));
    string_consume(str("dropped"));
    str_ignore(str("ignored"));
    CHECK(no_error());

    CHECK(str_char_count(str("\xc3\xa9\xe6\x97\xa5\xe6\x9c\xac\xf0\x9f\xa6\x80")) == 4);
    CHECK(str_char_count(str("")) == 0);
    {
        Str empty;
        empty.ptr = NULL;
        empty.len = 0;
        CHECK(str_char_count(empty) == 0);
        CHECK(no_error());
        empty.len = 3;
        CHECK(str_char_count(empty) == 0);
        CHECK(refused_contains("argument `s` of `str_char_count`: NULL pointer with length 3"));
    }
    CHECK(str_char_count(str("ab\xff")) == 0);
    CHECK(refused_contains("invalid UTF-8 (the first 2 bytes are valid)"));
    /* A lone surrogate encoded as UTF-8 (CESU) is not UTF-8 either. */
    CHECK(str_char_count(str("\xed\xa0\x80")) == 0);
    CHECK(refused_contains("invalid UTF-8"));

    s = str_upper(str("stra\xc3\x9f" "e"));
    CHECK(string_is(&s, "STRASSE"));
    s = str_concat(str("a"), str(" - "), str("\xc3\xa9"));
    CHECK(string_is(&s, "a - \xc3\xa9"));
    s = string_reverse(str("\xe6\x97\xa5\xe6\x9c\xac"));
    CHECK(string_is(&s, "\xe6\x9c\xac\xe6\x97\xa5"));
    s = string_empty();
    CHECK(s.len == 0);
    CHECK(string_is(&s, ""));
    String_free(NULL);

    /* 1 MiB both ways. */
    s = str_repeat(str("ab"), MIB / 2);
    CHECK(s.len == MIB);
    CHECK(s.ptr[0] == 'a' && s.ptr[MIB - 1] == 'b');
    {
        Str big;
        big.ptr = s.ptr;
        big.len = s.len;
        CHECK(str_byte_len(big) == MIB);
        CHECK(str_char_count(big) == MIB);
    }
    String_free(&s);

    s = string_or_panic(false);
    CHECK(string_is(&s, "ok"));
    s = string_or_panic(true);
    CHECK(error_contains("panic in `string_or_panic`: no string today"));
    /* The documented failure value: empty (len 0, cap 0) with a ptr that is not NULL (trial5: the
     * header said NULL); freeing it does nothing. */
    CHECK(s.len == 0 && s.cap == 0 && s.ptr != NULL);
    CHECK(string_is(&s, ""));
    s = str_upper(str("\xff"));
    CHECK(refused_contains("argument `s` of `str_upper`: invalid UTF-8"));
    CHECK(s.len == 0 && s.cap == 0 && s.ptr != NULL);
    String_free(&s);
}

static void test_slices(void) {
    uint32_t words[4] = {1, 2, 3, 4};
    SliceU32 w;
    w.ptr = words;
    w.len = 4;
    CHECK(slice_len(w) == 4);
    w.ptr = NULL;
    w.len = 0;
    CHECK(slice_len(w) == 0);
    CHECK(no_error());
    /* A misaligned pointer is refused. */
    w.ptr = (const uint32_t *)(const void *)((const char *)words + 1);
    w.len = 2;
    CHECK(slice_len(w) == 0);
    CHECK(refused_contains("pointer is not aligned to 4 bytes"));
    /* A length whose bytes do not fit in memory is refused before anything is read. */
    w.ptr = words;
    w.len = SIZE_MAX / 2;
    CHECK(slice_len(w) == 0);
    CHECK(refused_contains("is too large"));
    {
        SliceMutU32 m;
        m.ptr = words;
        m.len = 3;
        CHECK(slice_mut_len(m) == 3);
    }
    {
        Vec3f32 vs[2] = {{1, 2, 3}, {4, 5, 6}};
        SliceVec3f32 v;
        Vec3f32 got;
        v.ptr = vs;
        v.len = 2;
        got = slice_vec3_get(v, 1);
        CHECK(got.x == 4 && got.y == 5 && got.z == 6);
        got = slice_vec3_get(v, 2);
        CHECK(isnan(got.x) && isnan(got.z));
        got = slice_vec3_get(v, -1);
        CHECK(isnan(got.y));
    }
    {
        uint8_t bytes[3] = {255, 7, 9};
        uint8_t to[2] = {0, 0};
        SliceMutU8 m;
        SliceU8 from;
        m.ptr = bytes;
        m.len = 3;
        slice_mut_bump_first(m);
        CHECK(bytes[0] == 0 && bytes[1] == 7);
        m.ptr = NULL;
        m.len = 0;
        slice_mut_bump_first(m);
        CHECK(no_error());
        from.ptr = bytes;
        from.len = 3;
        m.ptr = to;
        m.len = 2;
        CHECK(slice_copy(from, m) == 2);
        CHECK(to[0] == 0 && to[1] == 7);
    }
    {
        uint8_t *big = (uint8_t *)malloc(MIB);
        SliceU8 b;
        memset(big, 3, MIB);
        b.ptr = big;
        b.len = MIB;
        CHECK(bytes_sum(b) == 3u * MIB);
        free(big);
    }
    {
        double ds[3] = {0.5, 0.25, -1};
        float fs[2] = {1.5f, -2};
        SliceF64 d;
        SliceMutF32 f;
        d.ptr = ds;
        d.len = 3;
        CHECK(f64_sum(d) == -0.25);
        f.ptr = fs;
        f.len = 2;
        f32_scale(f, 2);
        CHECK(fs[0] == 3 && fs[1] == -4);
    }
    {
        bool flags[4] = {true, false, true, true};
        uint8_t raw[3] = {1, 2, 0};
        SliceBool b;
        b.ptr = flags;
        b.len = 4;
        CHECK(bools_count(b) == 3);
        b.ptr = (const bool *)(const void *)raw;
        b.len = 3;
        CHECK(bools_count(b) == 0);
        CHECK(refused_contains("argument `s` of `bools_count`: element `[1]`: 2 is not a bool"));
    }
    {
        Color colors[3] = {COLOR_RED, COLOR_GREEN, COLOR_BLUE};
        SliceMutColor c;
        c.ptr = colors;
        c.len = 3;
        colors_rotate(c);
        CHECK(colors[0] == COLOR_GREEN && colors[1] == COLOR_BLUE && colors[2] == COLOR_RED);
        colors[1] = (Color)7;
        colors_rotate(c);
        CHECK(refused_contains("element `[1]`: 7 is not a value of enum `Color`"));
        /* Nothing was written: the call did not happen. */
        CHECK(colors[0] == COLOR_GREEN && colors[2] == COLOR_RED);
    }
    {
        int64_t values[2] = {1, 2};
        SliceI64 v;
        v.ptr = values;
        v.len = 2;
        CHECK(slice_address(v) == (size_t)values);
    }
}

static void test_slices_of_strings(void) {
    String parts[3];
    SliceString s;
    String out;
    parts[0] = string_arg("ab");
    parts[1] = string_arg("\xe6\x97\xa5\xe6\x9c\xac");
    parts[2] = string_arg("");
    s.ptr = parts;
    s.len = 3;
    CHECK(strings_total_len(s) == 8);
    out = strings_join(s, str(", "));
    CHECK(string_is(&out, "ab, \xe6\x97\xa5\xe6\x9c\xac, "));
    out = strings_pick(s, 1);
    CHECK(string_is(&out, "\xe6\x97\xa5\xe6\x9c\xac"));
    out = strings_pick(s, 9);
    CHECK(string_is(&out, ""));
    /* The caller's strings are untouched (copied, never freed by the library). */
    CHECK(parts[0].cap == 0 && memcmp(parts[0].ptr, "ab", 2) == 0);
    parts[1] = string_arg("\xc3");
    CHECK(strings_total_len(s) == 0);
    CHECK(refused_contains("argument `s` of `strings_total_len`: element `[1]`: invalid UTF-8"));
    parts[1].ptr = NULL;
    parts[1].len = 5;
    out = strings_join(s, str("-"));
    CHECK(refused_contains("element `[1]`: NULL pointer with length 5"));
    CHECK(string_is(&out, ""));
}

int main(void) {
    check_begin();
    test_c_strings();
    test_strings();
    test_slices();
    test_slices_of_strings();
    return check_end();
}
