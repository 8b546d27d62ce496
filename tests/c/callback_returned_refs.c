/*
 * Rust closures the library returns taking `&T` of records owning data, from C: the conformance
 * fixture's `callback_returned_refs` feature (ADR 61). `call` takes a `const CbMember *` to the
 * caller's own record in C form (here C literals with cap 0: borrowed views): the library checks
 * and copies what it reads, never frees or keeps it. Invalid UTF-8, NULL with a length and a NULL
 * record are refused through the error channel (kind 5, naming the argument), and `call` returns
 * the panic value (false, an empty string, 0). C99 and C++17, valgrind clean.
 */
#include "conformance.h"
#include "check.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static String text(const char *s) {
    String t;
    t.ptr = (char *)s;
    t.len = strlen(s);
    t.cap = 0;
    return t;
}

static Str str_of(const char *s) {
    Str v;
    v.ptr = s;
    v.len = strlen(s);
    return v;
}

static bool string_is(String s, const char *expected) {
    return s.len == strlen(expected) && (s.len == 0 || memcmp(s.ptr, expected, s.len) == 0);
}

static String ANN_TAGS[2];
static String BO_TAGS[1];
static CbMember MEMBERS[3];

static void make_members(void) {
    ANN_TAGS[0] = text("admin");
    ANN_TAGS[1] = text("\xc3\xa9t\xc3\xa9"); /* "été" */
    BO_TAGS[0] = text("");
    MEMBERS[0].name = text("ann");
    MEMBERS[0].tags.ptr = ANN_TAGS;
    MEMBERS[0].tags.len = 2;
    MEMBERS[0].tags.cap = 0;
    MEMBERS[0].age = 41;
    MEMBERS[1].name = text("bo");
    MEMBERS[1].tags.ptr = BO_TAGS;
    MEMBERS[1].tags.len = 1;
    MEMBERS[1].tags.cap = 0;
    MEMBERS[1].age = 7;
    MEMBERS[2].name = text("");
    MEMBERS[2].tags.ptr = NULL;
    MEMBERS[2].tags.len = 0;
    MEMBERS[2].tags.cap = 0;
    MEMBERS[2].age = 30;
}

/* Returned closures taking `const CbMember *` (ADR 61): the caller's own record (here C literals,
 * cap 0), borrowed for the call: the library copies what it reads and never frees it. */
static void returned_matcher(void) {
    CallbackPtrCbMemberToBool matcher = callbacks_make_matcher(18);
    CbMember bad;
    CHECK(matcher.call != NULL && matcher.drop != NULL);
    CHECK(matcher.call(matcher.context, &MEMBERS[0]) == true);
    CHECK(matcher.call(matcher.context, &MEMBERS[1]) == false);
    CHECK(matcher.call(matcher.context, &MEMBERS[2]) == true);
    CHECK(no_error());
    /* The caller's records are untouched (still its own cap-0 views). */
    CHECK(MEMBERS[0].name.cap == 0 && MEMBERS[0].tags.cap == 0 && MEMBERS[0].tags.ptr == ANN_TAGS);
    /* Invalid UTF-8 in the name: refused (kind 5) naming the function; `false` (the panic value). */
    bad = MEMBERS[0];
    bad.name.ptr = (char *)"\xFF\xFE";
    bad.name.len = 2;
    CHECK(matcher.call(matcher.context, &bad) == false);
    CHECK(refused_contains("argument 1 of the closure returned by `make_matcher`"));
    /* A NULL pointer with a length in a tag vector, then a NULL record: refused the same way. */
    bad = MEMBERS[0];
    bad.tags.ptr = NULL;
    CHECK(matcher.call(matcher.context, &bad) == false);
    CHECK(refused_contains("argument 1 of the closure returned by `make_matcher`"));
    CHECK(matcher.call(matcher.context, NULL) == false);
    CHECK(refused_contains("argument 1 of the closure returned by `make_matcher`"));
    matcher.drop(matcher.context);
    CHECK(no_error());
}

static void returned_describer(void) {
    CallbackPtrCbMemberToString describe = callbacks_make_describer(str_of("- "));
    CbMember bad;
    String got;
    memset(&got, 0xA5, sizeof got);
    describe.call(describe.context, &MEMBERS[0], &got);
    CHECK(string_is(got, "- ann (41): admin, \xc3\xa9t\xc3\xa9"));
    String_free(&got);
    describe.call(describe.context, &MEMBERS[2], &got);
    CHECK(string_is(got, "-  (30): "));
    String_free(&got);
    /* Invalid UTF-8 in a tag: refused, an empty string in the slot (nothing to free). */
    bad = MEMBERS[1];
    bad.tags.ptr = (String *)malloc(sizeof(String));
    bad.tags.ptr[0].ptr = (char *)"ab\xC0";
    bad.tags.ptr[0].len = 3;
    bad.tags.ptr[0].cap = 0;
    memset(&got, 0xA5, sizeof got);
    describe.call(describe.context, &bad, &got);
    CHECK(refused_contains("argument 1 of the closure returned by `make_describer`"));
    CHECK(got.len == 0 && got.cap == 0);
    String_free(&got);
    free(bad.tags.ptr);
    describe.drop(describe.context);
    CHECK(no_error());
}

static void returned_order(void) {
    CallbackPtrCbMemberPtrCbMemberToOrdering order = callbacks_make_member_order(false);
    CallbackPtrCbMemberPtrCbMemberToOrdering reverse = callbacks_make_member_order(true);
    CbMember bad;
    CHECK(order.call(order.context, &MEMBERS[1], &MEMBERS[0]) < 0);
    CHECK(order.call(order.context, &MEMBERS[0], &MEMBERS[2]) > 0);
    CHECK(order.call(order.context, &MEMBERS[0], &MEMBERS[0]) == 0);
    CHECK(reverse.call(reverse.context, &MEMBERS[1], &MEMBERS[0]) > 0);
    /* The second argument invalid: refused naming it. */
    bad = MEMBERS[2];
    bad.name.ptr = (char *)"\xC3";
    bad.name.len = 1;
    CHECK(order.call(order.context, &MEMBERS[0], &bad) == 0);
    CHECK(refused_contains("argument 2 of the closure returned by `make_member_order`"));
    order.drop(order.context);
    reverse.drop(reverse.context);
    CHECK(no_error());
}

int main(void) {
    check_begin();
    make_members();
    returned_matcher();
    returned_describer();
    returned_order();
    return check_end();
}
