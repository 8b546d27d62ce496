/*
 * Closures taking `&T` of records owning data from C, the conformance fixture's `callback_refs`
 * feature (ADR 58): `call` gets a `const CbMember *` (never NULL) to a copy in C form that the
 * library frees after `call` returns. A visitor, a comparator (the order is observable), a kept
 * closure called from a Rust thread, a service method and a record holding a vector of records.
 * The members passed in are C literals (cap 0): the library copies them. Runs under valgrind
 * (every copy freed once, by the library). C99 and C++17. Prints "N passed, M failed".
 */
#include "conformance.h"
#include "check.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct Seen {
    uint32_t calls;
    uint32_t drops;
    uint32_t ages;
    uint32_t tags;
    char names[256];
    /* The first member pointer `call` got (the library's copy, not the caller's memory). */
    const CbMember *first;
} Seen;

static String text(const char *s) {
    String t;
    t.ptr = (char *)s;
    t.len = strlen(s);
    t.cap = 0;
    return t;
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

static SliceCbMember all_members(void) {
    SliceCbMember s;
    s.ptr = MEMBERS;
    s.len = 3;
    return s;
}

static void note(Seen *seen, const CbMember *m) {
    size_t used = strlen(seen->names);
    if (seen->first == NULL) {
        seen->first = m;
    }
    seen->calls++;
    seen->ages += m->age;
    seen->tags += (uint32_t)m->tags.len;
    snprintf(seen->names + used, sizeof seen->names - used, "%.*s;", (int)m->name.len,
             m->name.len != 0 ? m->name.ptr : "");
}

static void on_member(void *context, const CbMember *m) { note((Seen *)context, m); }

static void on_drop(void *context) { ((Seen *)context)->drops++; }

static void visitor(void) {
    Seen seen;
    CallbackPtrCbMember f;
    memset(&seen, 0, sizeof seen);
    f.call = on_member;
    f.context = &seen;
    f.drop = on_drop;
    CHECK(callbacks_visit_members(all_members(), f) == 3);
    CHECK(seen.calls == 3);
    CHECK(seen.drops == 1);
    CHECK(strcmp(seen.names, "ann;bo;;") == 0);
    CHECK(seen.ages == 78);
    CHECK(seen.tags == 3);
    /* The library's copy in C form, not the caller's record. */
    CHECK(seen.first != NULL && seen.first != &MEMBERS[0]);
    CHECK(no_error());
}

/* Checks what it is handed field by field (the UTF-8 tag, the empty one). */
static void check_member(void *context, const CbMember *m) {
    Seen *seen = (Seen *)context;
    note(seen, m);
    if (m->age == 41) {
        CHECK(string_is(m->name, "ann"));
        CHECK(m->tags.len == 2);
        CHECK(string_is(m->tags.ptr[0], "admin"));
        CHECK(string_is(m->tags.ptr[1], "\xc3\xa9t\xc3\xa9"));
    } else if (m->age == 7) {
        CHECK(m->tags.len == 1 && m->tags.ptr[0].len == 0);
    }
}

static bool younger(void *context, const CbMember *a, const CbMember *b) {
    ((Seen *)context)->calls++;
    return a->age < b->age;
}

static bool longer_name(void *context, const CbMember *a, const CbMember *b) {
    ((Seen *)context)->calls++;
    return a->name.len > b->name.len;
}

static bool names_are(VecString *v, const char *const *expected, size_t n) {
    bool same = v->len == n;
    for (size_t i = 0; same && i < n; i++) {
        same = string_is(v->ptr[i], expected[i]);
    }
    VecString_free(v);
    return same;
}

static void comparator(void) {
    static const char *const by_age[] = {"bo", "", "ann"};
    static const char *const by_name[] = {"ann", "bo", ""};
    Seen seen;
    CallbackPtrCbMemberPtrCbMemberToBool less;
    VecString sorted;
    memset(&seen, 0, sizeof seen);
    less.call = younger;
    less.context = &seen;
    less.drop = on_drop;
    sorted = callbacks_sort_members(all_members(), less);
    CHECK(names_are(&sorted, by_age, 3));
    CHECK(seen.calls >= 2);
    CHECK(seen.drops == 1);
    less.call = longer_name;
    sorted = callbacks_sort_members(all_members(), less);
    CHECK(names_are(&sorted, by_name, 3));
    CHECK(seen.drops == 2);
}

static void kept_on_a_thread(void) {
    Seen seen;
    CallbackPtrCbMember f;
    memset(&seen, 0, sizeof seen);
    f.call = check_member;
    f.context = &seen;
    f.drop = on_drop;
    CHECK(callbacks_watch_on_thread(all_members(), f) == 3);
    CHECK(seen.calls == 3);
    CHECK(seen.drops == 1);
    CHECK(strcmp(seen.names, "ann;bo;;") == 0);
}

static uint32_t weigh_team(void *context, const CbTeam *team) {
    uint32_t total = 0;
    ((Seen *)context)->calls++;
    for (size_t i = 0; i < team->members.len; i++) {
        total += team->members.ptr[i].age + (uint32_t)team->members.ptr[i].tags.len * 100;
    }
    return total + (string_is(team->name, "crew") ? 10000 : 0);
}

static void team(void) {
    Seen seen;
    CallbackPtrCbTeamToU32 f;
    CbTeam t;
    memset(&seen, 0, sizeof seen);
    t.name = text("crew");
    t.members.ptr = MEMBERS;
    t.members.len = 3;
    t.members.cap = 0;
    f.call = weigh_team;
    f.context = &seen;
    f.drop = on_drop;
    /* 78 years, 3 tags, the name, and the same answer twice. */
    CHECK(callbacks_inspect_team(t, f) == 78 + 300 + 10000 + 1000);
    CHECK(seen.calls == 2);
    CHECK(seen.drops == 1);
}

static bool adult(void *context, const CbMember *m) {
    ((Seen *)context)->calls++;
    return m->age >= 18;
}

static void service(void) {
    Seen seen;
    CallbackPtrCbMemberToBool keep;
    CbRoster *roster = cb_roster_new(all_members());
    CHECK(roster != NULL);
    memset(&seen, 0, sizeof seen);
    keep.call = adult;
    keep.context = &seen;
    keep.drop = on_drop;
    CHECK(cb_roster_count_where(roster, keep) == 2);
    CHECK(seen.calls == 3);
    CHECK(seen.drops == 1);
    CHECK(no_error());
    cb_roster_dispose(roster);
    cb_roster_free(roster);
}

int main(void) {
    check_begin();
    make_members();
    visitor();
    comparator();
    kept_on_a_thread();
    team();
    service();
    return check_end();
}
