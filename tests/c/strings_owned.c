/*
 * Vectors and records that own data from C: the functions of the conformance fixture's `strings`
 * feature that take and return `Vec<T>` and records owning strings and vectors (tests/c/strings.c
 * has text and slices), through the generated header, with empty and large data, the checks of bad
 * input (invalid UTF-8, invalid bools and enums in elements and fields) and every returned value
 * freed with its helper (the program runs under valgrind). Valid C99 and C++17 (no compound
 * literals).
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
        CHECK(refused_contains("argument `x` of `use_strings_pick`: element `[1].s2`: invalid UTF-8"));
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
    CHECK(refused_contains("argument `p` of `person_birthday`: field `active`: 2 is not a bool"));
    CHECK(older.name.len == 0 && older.tags.len == 0);
    Person_free(&older);
    p.active = true;
    tags[1] = string_arg("\xc0\xaf");
    older = person_birthday(p);
    CHECK(refused_contains("argument `p` of `person_birthday`: field `tags[1]`: invalid UTF-8"));
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
    CHECK(refused_contains("argument `l` of `label_summary`: field `text`: invalid UTF-8"));
    CHECK(string_is(&s, ""));
}

int main(void) {
    check_begin();
    test_vectors();
    test_records();
    test_people();
    test_labels();
    return check_end();
}
