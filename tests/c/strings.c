/*
 * Strings, slices, vectors and records that own them, from C: every function of the conformance
 * fixture's `strings` feature through the generated header, with empty, non-ASCII and 1 MiB data,
 * the checks of bad input (invalid UTF-8, NULL with a length, misaligned pointers, invalid bools and
 * enums in elements and fields) and every returned value freed with its helper (the program runs
 * under valgrind). Valid C99 and C++17 (no compound literals).
 *
 * Prints "N passed, M failed" and exits non-zero when anything failed (see check.h).
 */
#include "conformance.h"
#include "check.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MIB (1024u * 1024u)

static Str str(const char *s) {
    Str v;
    v.ptr = s;
    v.len = strlen(s);
    return v;
}

/* A String argument: the library copies it and ignores `cap`. */
static String string_arg(const char *s) {
    String v;
    v.ptr = (char *)s;
    v.len = strlen(s);
    v.cap = 0;
    return v;
}

/* The returned string equals `expected`; then it is freed (twice: the second does nothing). */
static int string_is(String *s, const char *expected) {
    int same = s->len == strlen(expected) && memcmp(s->ptr, expected, s->len) == 0;
    if (!same) {
        fprintf(stderr, "expected \"%s\", got \"%.*s\"\n", expected, (int)s->len, s->ptr);
    }
    String_free(s);
    String_free(s);
    return same && s->ptr == NULL && s->len == 0 && s->cap == 0;
}

static void test_c_strings(void) {
    CHECK(c_str_len("h\xc3\xa9llo") == 6);
    CHECK(c_str_len("") == 0);
    CHECK(c_str_len(NULL) == 0);
    CHECK(error_contains("argument `s` of `c_str_len` must not be null"));
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
        CHECK(error_contains("argument `s` of `str_char_count`: NULL pointer with length 3"));
    }
    CHECK(str_char_count(str("ab\xff")) == 0);
    CHECK(error_contains("invalid UTF-8 (the first 2 bytes are valid)"));
    /* A lone surrogate encoded as UTF-8 (CESU) is not UTF-8 either. */
    CHECK(str_char_count(str("\xed\xa0\x80")) == 0);
    CHECK(error_contains("invalid UTF-8"));

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
    CHECK(string_is(&s, ""));
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
    CHECK(error_contains("pointer is not aligned to 4 bytes"));
    /* A length whose bytes do not fit in memory is refused before anything is read. */
    w.ptr = words;
    w.len = SIZE_MAX / 2;
    CHECK(slice_len(w) == 0);
    CHECK(error_contains("is too large"));
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
        CHECK(error_contains("argument `s` of `bools_count`: element `[1]`: 2 is not a bool"));
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
        CHECK(error_contains("element `[1]`: 7 is not a value of enum `Color`"));
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
    CHECK(error_contains("argument `s` of `strings_total_len`: element `[1]`: invalid UTF-8"));
    parts[1].ptr = NULL;
    parts[1].len = 5;
    out = strings_join(s, str("-"));
    CHECK(error_contains("element `[1]`: NULL pointer with length 5"));
    CHECK(string_is(&out, ""));
}

static void test_vectors(void) {
    VecU8 v = vec_u8_make();
    CHECK(v.len == 3 && v.ptr[0] == 1 && v.ptr[2] == 3);
    VecU8_free(&v);
    VecU8_free(&v);
    CHECK(v.ptr == NULL);
    VecU8_free(NULL);
    {
        uint8_t bytes[4] = {9, 8, 7, 6};
        SliceU8 b;
        b.ptr = bytes;
        b.len = 4;
        vec_u8_consume(b);
        v = vec_u8_echo(b);
        CHECK(v.len == 4 && v.ptr != bytes && memcmp(v.ptr, bytes, 4) == 0);
        VecU8_free(&v);
        v = vec_u8_from_slice(b);
        CHECK(v.len == 4 && v.ptr[3] == 6);
        VecU8_free(&v);
        b.ptr = NULL;
        b.len = 0;
        v = vec_u8_echo(b);
        CHECK(v.len == 0);
        VecU8_free(&v);
    }
    {
        String parts[2];
        SliceString s;
        VecString out;
        parts[0] = string_arg("un");
        parts[1] = string_arg("\xc3\xa9t\xc3\xa9");
        s.ptr = parts;
        s.len = 2;
        out = vec_string_echo(s);
        CHECK(out.len == 2);
        CHECK(out.ptr[1].len == 5 && memcmp(out.ptr[1].ptr, "\xc3\xa9t\xc3\xa9", 5) == 0);
        VecString_free(&out);
        out = vec_string_words(str("a bb ccc"));
        CHECK(out.len == 3 && out.ptr[2].len == 3 && out.ptr[2].ptr[0] == 'c');
        VecString_free(&out);
        VecString_free(&out);
    }
    {
        Vec3f32 vs[2] = {{1, 2, 3}, {4, 5, 6}};
        SliceVec3f32 s;
        VecVec3f32 out;
        s.ptr = vs;
        s.len = 2;
        out = vec_vec3_echo(s);
        CHECK(out.len == 2 && out.ptr[1].z == 6);
        VecVec3f32_free(&out);
    }
    {
        uint64_t sum = 0;
        size_t i;
        v = vec_u8_filled(MIB, 7);
        CHECK(v.len == MIB);
        for (i = 0; i < v.len; i++) {
            sum += v.ptr[i];
        }
        CHECK(sum == 7u * MIB);
        VecU8_free(&v);
    }
    {
        VecU32 r = vec_u32_range(5);
        SliceU32 s;
        VecU32 d;
        CHECK(r.len == 5 && r.ptr[4] == 4);
        s.ptr = r.ptr;
        s.len = r.len;
        d = vec_u32_double(s);
        CHECK(d.len == 5 && d.ptr[4] == 8 && d.ptr[0] == 0);
        VecU32_free(&d);
        VecU32_free(&r);
    }
    {
        VecF64 e = vec_f64_empty();
        VecBool b = vec_bool_alternating(5);
        VecColor c = vec_color_all();
        CHECK(e.len == 0);
        CHECK(b.len == 5 && b.ptr[0] && !b.ptr[1] && b.ptr[4]);
        CHECK(c.len == 3 && c.ptr[0] == COLOR_RED && c.ptr[2] == COLOR_BLUE);
        VecF64_free(&e);
        VecBool_free(&b);
        VecColor_free(&c);
    }
    {
        VecU8 rows[3];
        uint8_t two[2] = {1, 1};
        uint8_t three[3] = {1, 2, 3};
        SliceVecU8 s;
        VecU64 lengths;
        VecVecU8 made;
        rows[0].ptr = two;
        rows[0].len = 2;
        rows[0].cap = 0;
        rows[1].ptr = NULL;
        rows[1].len = 0;
        rows[1].cap = 0;
        rows[2].ptr = three;
        rows[2].len = 3;
        rows[2].cap = 0;
        s.ptr = rows;
        s.len = 3;
        lengths = vec_nested_lengths(s);
        CHECK(lengths.len == 3 && lengths.ptr[0] == 2 && lengths.ptr[1] == 0 && lengths.ptr[2] == 3);
        VecU64_free(&lengths);
        made = vec_nested_make(4);
        CHECK(made.len == 4 && made.ptr[0].len == 0 && made.ptr[3].len == 3 && made.ptr[3].ptr[2] == 3);
        VecVecU8_free(&made);
    }
    {
        int16_t values[3] = {-1, 0, 300};
        SliceI16 s;
        VecI16 r;
        s.ptr = values;
        s.len = 3;
        r = boxed_reverse(s);
        CHECK(r.len == 3 && r.ptr[0] == 300 && r.ptr[2] == -1);
        VecI16_free(&r);
    }
    {
        VecU32 r = vec_or_panic(false);
        CHECK(r.len == 1 && r.ptr[0] == 7);
        VecU32_free(&r);
        r = vec_or_panic(true);
        CHECK(error_contains("panic in `vec_or_panic`: no vector today"));
        CHECK(r.len == 0);
        VecU32_free(&r);
    }
}

static Person person_arg(const char *name, String *tags, size_t n, uint32_t age) {
    Person p;
    p.name = string_arg(name);
    p.tags.ptr = tags;
    p.tags.len = n;
    p.tags.cap = 0;
    p.age = age;
    p.active = true;
    return p;
}

static void test_records(void) {
    UseString u;
    UseString out;
    u.s1 = string_arg("one");
    u.s2 = string_arg("\xe6\x97\xa5");
    out = use_string_echo(u);
    CHECK(out.s1.len == 3 && memcmp(out.s2.ptr, "\xe6\x97\xa5", 3) == 0);
    UseString_free(&out);
    UseString_free(&out);
    CHECK(out.s1.ptr == NULL && out.s2.ptr == NULL);
    UseString_free(NULL);
    out = use_string_swap(u);
    CHECK(memcmp(out.s1.ptr, "\xe6\x97\xa5", 3) == 0 && out.s2.len == 3);
    UseString_free(&out);
    {
        UseString many[2];
        SliceUseString s;
        String first;
        many[0] = u;
        many[1].s1 = string_arg("x");
        many[1].s2 = string_arg("y");
        s.ptr = many;
        s.len = 2;
        out = use_strings_pick(s, 1);
        CHECK(out.s1.len == 1 && out.s1.ptr[0] == 'x' && out.s2.ptr[0] == 'y');
        UseString_free(&out);
        out = use_strings_pick(s, 2);
        CHECK(out.s1.len == 0 && out.s2.len == 0);
        UseString_free(&out);
        first = use_strings_first_s1(s);
        CHECK(string_is(&first, "one"));
        many[1].s2 = string_arg("\xff");
        out = use_strings_pick(s, 0);
        CHECK(error_contains("argument `x` of `use_strings_pick`: element `[1].s2`: invalid UTF-8"));
        UseString_free(&out);
    }
}

static void test_people(void) {
    String tags[2];
    Person p;
    Person older;
    String described;
    tags[0] = string_arg("a");
    tags[1] = string_arg("\xc3\xa9");
    p = person_new(str("Zo\xc3\xab"), 30);
    CHECK(p.name.len == 4 && memcmp(p.name.ptr, "Zo\xc3\xab", 4) == 0);
    CHECK(p.age == 30 && p.active && p.tags.len == 0);
    Person_free(&p);
    Person_free(&p);
    CHECK(p.name.ptr == NULL);
    Person_free(NULL);

    p = person_arg("Ann", tags, 2, 41);
    older = person_birthday(p);
    CHECK(older.age == 42 && older.tags.len == 3);
    CHECK(older.tags.ptr[2].len == 8 && memcmp(older.tags.ptr[2].ptr, "birthday", 8) == 0);
    CHECK(memcmp(older.tags.ptr[1].ptr, "\xc3\xa9", 2) == 0);
    Person_free(&older);
    described = person_describe(p);
    CHECK(string_is(&described, "Ann (41): a, \xc3\xa9"));

    /* Bad fields are reported with their path; nothing is leaked. */
    *(unsigned char *)&p.active = 2;
    older = person_birthday(p);
    CHECK(error_contains("argument `p` of `person_birthday`: field `active`: 2 is not a bool"));
    CHECK(older.name.len == 0 && older.tags.len == 0);
    Person_free(&older);
    p.active = true;
    tags[1] = string_arg("\xc0\xaf");
    older = person_birthday(p);
    CHECK(error_contains("argument `p` of `person_birthday`: field `tags[1]`: invalid UTF-8"));
    Person_free(&older);
    tags[1] = string_arg("b");

    {
        VecPerson people = people_make(3);
        SlicePerson s;
        Person oldest;
        CHECK(people.len == 3);
        CHECK(people.ptr[2].tags.len == 2 && memcmp(people.ptr[2].tags.ptr[1].ptr, "t1", 2) == 0);
        CHECK(people.ptr[1].age == 21 && !people.ptr[1].active && people.ptr[2].active);
        s.ptr = people.ptr;
        s.len = people.len;
        CHECK(people_total_age(s) == 20 + 21 + 22);
        oldest = people_oldest(s);
        CHECK(oldest.age == 22 && oldest.name.len == 2 && oldest.name.ptr[1] == '2');
        Person_free(&oldest);
        VecPerson_free(&people);
        VecPerson_free(&people);
        s.ptr = NULL;
        s.len = 0;
        oldest = people_oldest(s);
        CHECK(oldest.age == 0 && oldest.name.len == 0);
        Person_free(&oldest);
    }
    {
        Person members[2];
        SlicePerson m;
        Team team;
        members[0] = person_arg("Bo", tags, 1, 20);
        members[1] = person_arg("Carl", NULL, 0, 21);
        m.ptr = members;
        m.len = 2;
        team = team_make(p, m);
        CHECK(team.lead.age == 41 && team.members.len == 2);
        CHECK(team.scores.len == 2 && team.scores.ptr[0] == 2 && team.scores.ptr[1] == 4);
        CHECK(team.members.ptr[0].tags.len == 1);
        CHECK(team_size(team) == 3);
        Team_free(&team);
        Team_free(&team);
        CHECK(team.members.ptr == NULL && team.lead.name.ptr == NULL);
    }
    {
        Person q = person_or_panic(false);
        CHECK(q.name.len == 2);
        Person_free(&q);
        q = person_or_panic(true);
        CHECK(error_contains("panic in `person_or_panic`: nobody today"));
        CHECK(q.name.len == 0 && q.tags.len == 0 && q.age == 0);
        Person_free(&q);
    }
}

static void test_labels(void) {
    uint8_t bytes[3] = {1, 2, 3};
    float weights[2] = {0.5f, 1};
    Label l;
    String s;
    l.text = str("w\xc3\xa9");
    l.bytes.ptr = bytes;
    l.bytes.len = 3;
    l.weights.ptr = weights;
    l.weights.len = 2;
    s = label_summary(l);
    CHECK(string_is(&s, "w\xc3\xa9:3:1.5"));
    label_ignore(l);
    CHECK(no_error());
    l.text = str("\xff");
    s = label_summary(l);
    CHECK(error_contains("argument `l` of `label_summary`: field `text`: invalid UTF-8"));
    CHECK(string_is(&s, ""));
}

int main(void) {
    check_begin();
    test_c_strings();
    test_strings();
    test_slices();
    test_slices_of_strings();
    test_vectors();
    test_records();
    test_people();
    test_labels();
    return check_end();
}
