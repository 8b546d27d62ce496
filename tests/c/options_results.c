/*
 * Options and results from C: every function of the conformance fixture's `options_results`
 * feature through the generated header: options of every kind in and out (and inside records),
 * every error read with its value and message, panics told apart from errors, an invalid option tag
 * refused through the error channel, and every returned value freed with its helper (the program
 * runs under valgrind). Valid C99 and C++17 (no compound literals).
 *
 * Prints "N passed, M failed" and exits non-zero when anything failed.
 */
#include "conformance.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int passed = 0;
static int failed = 0;

#define CHECK(cond)                                                                   \
    do {                                                                              \
        if (cond) {                                                                   \
            passed++;                                                                 \
        } else {                                                                      \
            failed++;                                                                 \
            fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond); \
        }                                                                             \
    } while (0)

/* This thread's panic message contains `part` (taken and freed). */
static int error_contains(const char *part) {
    char *message = interop_take_panic();
    int found = message != NULL && strstr(message, part) != NULL;
    if (!found) {
        fprintf(stderr, "expected an error containing \"%s\", got \"%s\"\n", part,
                message != NULL ? message : "(NULL)");
    }
    interop_string_free(message);
    return found;
}

/* This thread's error is an argument the library refused (INTEROP_ERROR_INVALID_ARGUMENT, not a
 * panic) and its message contains `part` (taken and freed). */
static int refused_contains(const char *part) {
    uint32_t kind = 0;
    char *message = interop_take_error(&kind);
    int found = message != NULL && kind == INTEROP_ERROR_INVALID_ARGUMENT && strstr(message, part) != NULL;
    if (!found) {
        fprintf(stderr, "expected a refused argument containing \"%s\", got kind %u \"%s\"\n", part,
                (unsigned)kind, message != NULL ? message : "(NULL)");
    }
    interop_string_free(message);
    return found;
}

static int no_error(void) {
    char *message = interop_take_panic();
    if (message != NULL) {
        fprintf(stderr, "unexpected error: %s\n", message);
        interop_string_free(message);
        return 0;
    }
    return 1;
}

/* A String argument: the library copies it and ignores `cap`. */
static String text(const char *s) {
    String v;
    v.ptr = (char *)s;
    v.len = strlen(s);
    v.cap = 0;
    return v;
}

/* A `String` parameter (a view the library copies). */
static Str view(const char *s) {
    Str v;
    v.ptr = s;
    v.len = strlen(s);
    return v;
}

static int same(const String *s, const char *expected) {
    int ok = s->len == strlen(expected) && memcmp(s->ptr, expected, s->len) == 0;
    if (!ok) {
        fprintf(stderr, "expected \"%s\", got \"%.*s\"\n", expected, (int)s->len, s->ptr);
    }
    return ok;
}

static OptionU32 some_u32(uint32_t v) {
    OptionU32 o;
    o.is_some = 1;
    o.value = v;
    return o;
}

static OptionU32 none_u32(void) {
    OptionU32 o;
    memset(&o, 0, sizeof o);
    return o;
}

static OptionString some_text(const char *s) {
    OptionString o;
    o.is_some = 1;
    o.value = text(s);
    return o;
}

static OptionString none_text(void) {
    OptionString o;
    memset(&o, 0, sizeof o);
    return o;
}

static void test_primitives(void) {
    OptionU32 r = option_add(some_u32(2), some_u32(40));
    CHECK(r.is_some == 1 && r.value == 42);
    r = option_add(some_u32(2), none_u32());
    CHECK(r.is_some == 0);
    {
        OptionI64 x;
        OptionI64 n;
        x.is_some = 1;
        x.value = INT64_MIN + 1;
        n = option_negate(x);
        CHECK(n.is_some == 1 && n.value == INT64_MAX);
        x.is_some = 0;
        CHECK(option_negate(x).is_some == 0);
    }
    {
        OptionF64 x;
        OptionF64 h;
        x.is_some = 1;
        x.value = 5.0;
        h = option_half(x);
        CHECK(h.is_some == 1 && h.value == 2.5);
    }
    {
        OptionBool b;
        OptionBool r2;
        b.is_some = 1;
        b.value = true;
        r2 = option_not(b);
        CHECK(r2.is_some == 1 && r2.value == false);
        b.is_some = 0;
        CHECK(option_not(b).is_some == 0);
    }
    {
        OptionShade s;
        OptionShade f;
        s.is_some = 1;
        s.value = SHADE_LIGHT;
        f = option_flip(s);
        CHECK(f.is_some == 1 && f.value == SHADE_DARK);
        /* An invalid enum inside a present option is refused. */
        s.value = 7;
        f = option_flip(s);
        CHECK(f.is_some == 0);
        CHECK(refused_contains("argument `x` of `option_flip`: 7 is not a value of enum `Shade`"));
        /* An absent option's value is never read. */
        s.is_some = 0;
        CHECK(option_flip(s).is_some == 0);
        CHECK(no_error());
    }
    /* An invalid tag is refused through the error channel. */
    {
        OptionU32 bad = some_u32(1);
        bad.is_some = 2;
        r = option_add(bad, some_u32(1));
        CHECK(r.is_some == 0);
        CHECK(refused_contains(
            "argument `a` of `option_add`: 2 is not an option tag (is_some must be 0 or 1)"));
    }
}

static void test_records(void) {
    OptionOptInner in;
    OptionOptInner out;
    OptInner plain;
    OptOuter outer;
    in.is_some = 1;
    in.value.x = 1.5f;
    out = option_inner_echo(in);
    CHECK(out.is_some == 1 && out.value.x == 1.5f);
    in.is_some = 0;
    out = option_inner_echo(in);
    CHECK(out.is_some == 0);
    plain = option_inner_or_nan(in);
    CHECK(isnan(plain.x));
    in.is_some = 1;
    CHECK(option_inner_or_nan(in).x == 1.5f);
    {
        OptionF32 x;
        OptionU16 count;
        x.is_some = 1;
        x.value = 3.0f;
        count.is_some = 0;
        count.value = 0;
        outer = option_outer_make(x, count);
        CHECK(outer.inner.is_some == 1 && outer.inner.value.x == 3.0f);
        CHECK(outer.count.is_some == 0);
        CHECK(option_outer_inner(outer).x == 3.0f);
        outer.inner.is_some = 0;
        CHECK(isnan(option_outer_inner(outer).x));
        outer.inner.is_some = 9;
        CHECK(option_outer_inner(outer).x == 0.0f); /* the panic value */
        CHECK(refused_contains("argument `x` of `option_outer_inner`: field `inner`: 9 is not an option tag"));
    }
}

static void test_strings_and_vectors(void) {
    OptionString s = option_upper(some_text("stra\xc3\x9f" "e"));
    CHECK(s.is_some == 1 && same(&s.value, "STRASSE"));
    OptionString_free(&s);
    OptionString_free(&s);
    OptionString_free(NULL);
    s = option_upper(none_text());
    CHECK(s.is_some == 0);
    OptionString_free(&s);
    CHECK(option_chars(some_text("\xc3\xa9t\xc3\xa9")) == 3);
    CHECK(option_chars(none_text()) == -1);
    /* Invalid UTF-8 inside an option. */
    CHECK(option_chars(some_text("a\xff")) == 0);
    CHECK(refused_contains("argument `s` of `option_chars`: invalid UTF-8"));
    {
        uint32_t values[3] = {1, 2, 3};
        OptionVecU32 v;
        OptionU64 sum;
        v.is_some = 1;
        v.value.ptr = values;
        v.value.len = 3;
        v.value.cap = 0;
        sum = option_sum(v);
        CHECK(sum.is_some == 1 && sum.value == 6);
        v.is_some = 0;
        CHECK(option_sum(v).is_some == 0);
    }
    {
        OptionString items[3];
        OptionVecOptionString v;
        OptionVecOptionString r;
        items[0] = some_text("a");
        items[1] = none_text();
        items[2] = some_text("\xc3\xa9");
        v.is_some = 1;
        v.value.ptr = items;
        v.value.len = 3;
        v.value.cap = 0;
        r = option_deep(v);
        CHECK(r.is_some == 1 && r.value.len == 3);
        if (r.is_some == 1 && r.value.len == 3) {
            CHECK(r.value.ptr[0].is_some == 1 && same(&r.value.ptr[0].value, "A"));
            CHECK(r.value.ptr[1].is_some == 0);
            CHECK(r.value.ptr[2].is_some == 1 && same(&r.value.ptr[2].value, "\xc3\x89"));
        }
        OptionVecOptionString_free(&r);
        v.is_some = 0;
        r = option_deep(v);
        CHECK(r.is_some == 0);
        OptionVecOptionString_free(&r);
    }
    {
        OptionOptionOptionString x;
        OptionOptionOptionString r;
        x.is_some = 1;
        x.value.is_some = 1;
        x.value.value = some_text("deep");
        r = option_nested(x);
        CHECK(r.is_some == 1 && r.value.is_some == 1 && r.value.value.is_some == 1 &&
              same(&r.value.value.value, "deep"));
        OptionOptionOptionString_free(&r);
        x.value.is_some = 0;
        r = option_nested(x);
        CHECK(r.is_some == 1 && r.value.is_some == 0);
        OptionOptionOptionString_free(&r);
        x.is_some = 0;
        r = option_nested(x);
        CHECK(r.is_some == 0);
    }
    s = option_panics(none_text());
    CHECK(s.is_some == 1 && same(&s.value, "fine"));
    OptionString_free(&s);
    s = option_panics(some_text("boom"));
    CHECK(s.is_some == 0);
    CHECK(error_contains("panic in `option_panics`: option_panics: boom"));
}

static void test_profiles(void) {
    Profile p;
    Profile q;
    uint32_t scores[2] = {7, 8};
    memset(&p, 0, sizeof p);
    p.name = text("ann");
    p.age.is_some = 1;
    p.age.value = 41;
    p.scores.is_some = 1;
    p.scores.value.ptr = scores;
    p.scores.value.len = 2;
    p.active.is_some = 1;
    p.active.value = true;
    q = profile_birthday(p);
    CHECK(same(&q.name, "ann"));
    CHECK(q.nickname.is_some == 1 && same(&q.nickname.value, "ann"));
    CHECK(q.age.is_some == 1 && q.age.value == 42);
    CHECK(q.scores.is_some == 1 && q.scores.value.len == 2 && q.scores.value.ptr[1] == 8);
    CHECK(q.active.is_some == 1 && q.active.value == true);
    CHECK(q.shade.is_some == 0 && q.home.is_some == 0);
    Profile_free(&q);
    Profile_free(&q);
    {
        OptionVecProfile many = profiles_maybe(3);
        CHECK(many.is_some == 1 && many.value.len == 3);
        if (many.is_some == 1 && many.value.len == 3) {
            Profile *two = &many.value.ptr[2];
            CHECK(same(&two->name, "p2"));
            CHECK(two->nickname.is_some == 1 && same(&two->nickname.value, "n2"));
            CHECK(two->scores.is_some == 1 && two->scores.value.len == 2);
            CHECK(two->shade.is_some == 1 && two->shade.value == SHADE_DARK);
            CHECK(two->home.is_some == 1 && two->home.value.x == 2.0f);
            CHECK(many.value.ptr[1].nickname.is_some == 0 && many.value.ptr[1].age.is_some == 0);
        }
        OptionVecProfile_free(&many);
        many = profiles_maybe(0);
        CHECK(many.is_some == 0);
        OptionVecProfile_free(&many);
    }
}

static void test_results(void) {
    ResultU32ParseError r = result_parse(view("42"));
    CHECK(r.status == INTEROP_STATUS_OK && r.value.ok == 42);
    ResultU32ParseError_free(&r);
    r = result_parse(view(""));
    CHECK(r.status == INTEROP_STATUS_ERROR && r.value.err.value == PARSE_ERROR_EMPTY);
    CHECK(same(&r.value.err.message, "the text is empty"));
    ResultU32ParseError_free(&r);
    ResultU32ParseError_free(&r);
    r = result_parse(view("x"));
    CHECK(r.status == INTEROP_STATUS_ERROR && r.value.err.value == PARSE_ERROR_NOT_A_NUMBER);
    ResultU32ParseError_free(&r);
    r = result_parse(view("99999999999"));
    CHECK(r.status == INTEROP_STATUS_ERROR && r.value.err.value == PARSE_ERROR_TOO_LARGE);
    CHECK(same(&r.value.err.message, "the number is too large"));
    ResultU32ParseError_free(&r);
    r = result_echo(7, false);
    CHECK(r.status == INTEROP_STATUS_OK && r.value.ok == 7);
    r = result_echo(7, true);
    CHECK(r.status == INTEROP_STATUS_ERROR && r.value.err.value == PARSE_ERROR_NOT_A_NUMBER);
    ResultU32ParseError_free(&r);
    {
        ResultUnitParseError u = result_unit(false);
        CHECK(u.status == INTEROP_STATUS_OK);
        ResultUnitParseError_free(&u);
        u = result_unit(true);
        CHECK(u.status == INTEROP_STATUS_ERROR && u.value.err.value == PARSE_ERROR_EMPTY);
        ResultUnitParseError_free(&u);
    }
    {
        ResultStringString s = result_reverse(view("abc"));
        CHECK(s.status == INTEROP_STATUS_OK && same(&s.value.ok, "cba"));
        ResultStringString_free(&s);
        s = result_reverse(view(""));
        CHECK(s.status == INTEROP_STATUS_ERROR && same(&s.value.err.value, "nothing to reverse"));
        CHECK(same(&s.value.err.message, "nothing to reverse"));
        ResultStringString_free(&s);
        ResultStringString_free(&s);
    }
    {
        ResultUnitString u = result_unit_text(true);
        CHECK(u.status == INTEROP_STATUS_ERROR && same(&u.value.err.value, "failed on purpose"));
        ResultUnitString_free(&u);
        u = result_unit_text(false);
        CHECK(u.status == INTEROP_STATUS_OK);
        ResultUnitString_free(&u);
    }
    {
        ResultVecItemValidationError v = result_items(2);
        CHECK(v.status == INTEROP_STATUS_OK && v.value.ok.len == 2);
        if (v.status == INTEROP_STATUS_OK && v.value.ok.len == 2) {
            CHECK(same(&v.value.ok.ptr[1].name, "item1") && v.value.ok.ptr[1].value == 10);
        }
        ResultVecItemValidationError_free(&v);
        v = result_items(5);
        CHECK(v.status == INTEROP_STATUS_ERROR);
        CHECK(same(&v.value.err.value.field, "n") && v.value.err.value.code == 5);
        CHECK(same(&v.value.err.message, "invalid n (code 5)"));
        ResultVecItemValidationError_free(&v);
        ResultVecItemValidationError_free(&v);
    }
    {
        ResultBoolFault f = result_fault(4);
        CHECK(f.status == INTEROP_STATUS_OK && f.value.ok == true);
        f = result_fault(-1);
        CHECK(f.status == INTEROP_STATUS_ERROR && f.value.err.value == FAULT_MINOR);
        CHECK(same(&f.value.err.message, "Fault::Minor"));
        ResultBoolFault_free(&f);
        f = result_fault(-5);
        CHECK(f.status == INTEROP_STATUS_ERROR && f.value.err.value == FAULT_MAJOR);
        CHECK(same(&f.value.err.message, "Fault::Major"));
        /* ADR 35: the message of a fieldless enum is the library's static text (cap 0). */
        CHECK(f.value.err.message.cap == 0);
        ResultBoolFault_free(&f);
    }
    {
        /* ADR 35: a fieldless enum's Display is rendered once per variant, then the same static
         * text (cap 0) every time; String_free does nothing to it. */
        ResultU32ParseError a = result_parse(view(""));
        ResultU32ParseError b = result_parse(view(""));
        CHECK(a.value.err.message.cap == 0 && a.value.err.message.ptr == b.value.err.message.ptr);
        CHECK(same(&b.value.err.message, "the text is empty"));
        ResultU32ParseError_free(&a);
        ResultU32ParseError_free(&b);
        size_t bad = 0;
        for (int i = 0; i < 100000; i++) {
            ResultU32ParseError e = result_parse(view("x"));
            bad += e.status != INTEROP_STATUS_ERROR ||
                   !same(&e.value.err.message, "the text is not a number");
            ResultU32ParseError_free(&e);
        }
        CHECK(bad == 0);
        /* A Display that panics: the documented fallback, every time. */
        for (int i = 0; i < 2; i++) {
            ResultU32Glitch g = result_glitch(true);
            CHECK(g.status == INTEROP_STATUS_ERROR && g.value.err.value == GLITCH_BROKEN &&
                  same(&g.value.err.message,
                       "(the error's message could not be formatted: it panicked)"));
            ResultU32Glitch_free(&g);
        }
        ResultU32Glitch g = result_glitch(false);
        CHECK(g.value.err.value == GLITCH_CALM && same(&g.value.err.message, "all calm"));
        ResultU32Glitch_free(&g);
        CHECK(no_error());
    }
    {
        ResultI32Limits l = result_clamp(5, 0, 10);
        CHECK(l.status == INTEROP_STATUS_OK && l.value.ok == 5);
        l = result_clamp(11, 0, 10);
        CHECK(l.status == INTEROP_STATUS_ERROR && l.value.err.value.min == 0 &&
              l.value.err.value.max == 10);
        CHECK(same(&l.value.err.message, "Limits { min: 0, max: 10 }"));
        ResultI32Limits_free(&l);
    }
    {
        ResultOptionStringParseError m = result_maybe(0);
        CHECK(m.status == INTEROP_STATUS_OK && m.value.ok.is_some == 0);
        ResultOptionStringParseError_free(&m);
        m = result_maybe(1);
        CHECK(m.status == INTEROP_STATUS_OK && m.value.ok.is_some == 1 &&
              same(&m.value.ok.value, "one"));
        ResultOptionStringParseError_free(&m);
        m = result_maybe(2);
        CHECK(m.status == INTEROP_STATUS_ERROR && m.value.err.value == PARSE_ERROR_TOO_LARGE);
        ResultOptionStringParseError_free(&m);
    }
    {
        ResultOptInnerParseError i = result_inner(2.5f);
        CHECK(i.status == INTEROP_STATUS_OK && i.value.ok.x == 2.5f);
        i = result_inner(NAN);
        CHECK(i.status == INTEROP_STATUS_ERROR && i.value.err.value == PARSE_ERROR_NOT_A_NUMBER);
        ResultOptInnerParseError_free(&i);
    }
    /* A panic is a panic, not an error. */
    r = result_panics(0);
    CHECK(r.status == INTEROP_STATUS_PANIC);
    CHECK(error_contains("panic in `result_panics`: result_panics: zero"));
    ResultU32ParseError_free(&r);
    r = result_panics(1);
    CHECK(r.status == INTEROP_STATUS_ERROR && r.value.err.value == PARSE_ERROR_EMPTY);
    CHECK(no_error());
    ResultU32ParseError_free(&r);
    r = result_panics(3);
    CHECK(r.status == INTEROP_STATUS_OK && r.value.ok == 3);
    /* An argument that does not lift is reported as a panic too. */
    {
        Str bad = view("\xff");
        r = result_parse(bad);
        CHECK(r.status == INTEROP_STATUS_PANIC);
        CHECK(refused_contains("argument `s` of `result_parse`: invalid UTF-8"));
    }
}

int main(void) {
    test_primitives();
    test_records();
    test_strings_and_vectors();
    test_profiles();
    test_results();
    printf("%d passed, %d failed\n", passed, failed);
    return failed == 0 ? 0 : 1;
}
