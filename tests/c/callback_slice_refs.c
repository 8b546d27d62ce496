/*
 * Closures taking `&[T]` of data owning types from C, the conformance fixture's
 * `callback_slice_refs` feature (ADR 62): `call` gets a view `{ptr, len}` borrowed for the call.
 * `String` and `Vec<u8>` elements are views into the library's own buffers (`cap == 0`); records
 * owning data are copies in C form that the library frees after `call` returns. A visitor over
 * batches, the lines of a text, a kept sink called from a Rust thread, chunks of bytes with a label,
 * and a record's vector of records; empty slices too. Runs under valgrind (every copy freed once,
 * by the library). C99 and C++17. Prints "N passed, M failed".
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
    uint32_t items;
    uint32_t ages;
    uint32_t views;
    char joined[256];
    /* The first element pointer `call` got. */
    const void *first;
} Seen;

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

static bool string_is(String s, const char *expected) {
    return s.len == strlen(expected) && (s.len == 0 || memcmp(s.ptr, expected, s.len) == 0);
}

static void join(Seen *seen, const char *bytes, size_t len) {
    size_t used = strlen(seen->joined);
    snprintf(seen->joined + used, sizeof seen->joined - used, "%.*s;", (int)len,
             len != 0 ? bytes : "");
}

static String ANN_TAGS[2];
static CbMember MEMBERS[3];

static void make_members(void) {
    ANN_TAGS[0] = text("admin");
    ANN_TAGS[1] = text("\xc3\xa9t\xc3\xa9"); /* "été" */
    MEMBERS[0].name = text("ann");
    MEMBERS[0].tags.ptr = ANN_TAGS;
    MEMBERS[0].tags.len = 2;
    MEMBERS[0].tags.cap = 0;
    MEMBERS[0].age = 41;
    MEMBERS[1].name = text("bo");
    MEMBERS[1].tags.ptr = NULL;
    MEMBERS[1].tags.len = 0;
    MEMBERS[1].tags.cap = 0;
    MEMBERS[1].age = 7;
    MEMBERS[2].name = text("");
    MEMBERS[2].tags.ptr = NULL;
    MEMBERS[2].tags.len = 0;
    MEMBERS[2].tags.cap = 0;
    MEMBERS[2].age = 30;
}

static SliceCbMember members(size_t n) {
    SliceCbMember s;
    s.ptr = n == 0 ? NULL : MEMBERS;
    s.len = n;
    return s;
}

static void on_drop(void *context) { ((Seen *)context)->drops++; }

static void on_batch(void *context, SliceCbMember batch) {
    Seen *seen = (Seen *)context;
    seen->calls++;
    if (seen->first == NULL && batch.len != 0) {
        seen->first = batch.ptr;
    }
    for (size_t i = 0; i < batch.len; i++) {
        const CbMember *m = &batch.ptr[i];
        seen->items++;
        seen->ages += m->age;
        join(seen, m->name.ptr, m->name.len);
        if (m->age == 41) {
            CHECK(m->tags.len == 2 && string_is(m->tags.ptr[1], "\xc3\xa9t\xc3\xa9"));
        }
    }
    join(seen, "|", 1);
}

static void batches(void) {
    Seen seen;
    CallbackSliceCbMember f;
    memset(&seen, 0, sizeof seen);
    f.call = on_batch;
    f.context = &seen;
    f.drop = on_drop;
    CHECK(callbacks_each_batch(members(3), 2, f) == 2);
    CHECK(seen.calls == 2);
    CHECK(seen.drops == 1);
    CHECK(seen.items == 3 && seen.ages == 78);
    CHECK(strcmp(seen.joined, "ann;bo;|;;|;") == 0);
    /* Copies in C form, not the caller's records. */
    CHECK(seen.first != NULL && seen.first != (const void *)MEMBERS);
    /* An empty slice: one call with no elements. */
    memset(&seen, 0, sizeof seen);
    CHECK(callbacks_each_batch(members(0), 2, f) == 1);
    CHECK(seen.calls == 1 && seen.items == 0 && seen.drops == 1);
    CHECK(no_error());
}

static void note_lines(Seen *seen, SliceString lines) {
    seen->calls++;
    for (size_t i = 0; i < lines.len; i++) {
        seen->items++;
        if (lines.ptr[i].cap == 0) {
            seen->views++;
        }
        join(seen, lines.ptr[i].ptr, lines.ptr[i].len);
    }
}

static uint32_t count_lines(void *context, SliceString lines) {
    note_lines((Seen *)context, lines);
    return (uint32_t)lines.len * 10;
}

static void lines(void) {
    Seen seen;
    CallbackSliceStringToU32 f;
    memset(&seen, 0, sizeof seen);
    f.call = count_lines;
    f.context = &seen;
    f.drop = on_drop;
    CHECK(callbacks_on_lines(view("one\n\xc3\xa9t\xc3\xa9\n\nlast"), f) == 40);
    CHECK(seen.calls == 1 && seen.drops == 1);
    CHECK(strcmp(seen.joined, "one;\xc3\xa9t\xc3\xa9;;last;") == 0);
    /* Views into the library's strings: nothing allocated per element. */
    CHECK(seen.views == 4);
    memset(&seen, 0, sizeof seen);
    CHECK(callbacks_on_lines(view(""), f) == 0);
    CHECK(seen.calls == 1 && seen.items == 0);
    CHECK(no_error());
}

static void sink(void *context, SliceString lines) { note_lines((Seen *)context, lines); }

static void kept_on_a_thread(void) {
    String in[3];
    SliceString s;
    Seen seen;
    CallbackSliceString f;
    in[0] = text("a");
    in[1] = text("bb");
    in[2] = text("ccc");
    s.ptr = in;
    s.len = 3;
    memset(&seen, 0, sizeof seen);
    f.call = sink;
    f.context = &seen;
    f.drop = on_drop;
    CHECK(callbacks_log_lines_on_thread(s, 2, f) == 2);
    CHECK(seen.calls == 2 && seen.items == 3 && seen.views == 3);
    CHECK(seen.drops == 1);
    CHECK(strcmp(seen.joined, "a;bb;ccc;") == 0);
    memset(&seen, 0, sizeof seen);
    CHECK(callbacks_log_lines_on_thread(s, 0, f) == 1);
    CHECK(seen.calls == 1 && seen.items == 3);
}

static uint64_t sum_chunks(void *context, Str label, SliceVecU8 chunks) {
    Seen *seen = (Seen *)context;
    uint64_t total = 0;
    uint64_t lengths = 0;
    seen->calls++;
    join(seen, label.ptr, label.len);
    for (size_t i = 0; i < chunks.len; i++) {
        seen->items++;
        if (chunks.ptr[i].cap == 0) {
            seen->views++;
        }
        for (size_t j = 0; j < chunks.ptr[i].len; j++) {
            total = total * 10 + chunks.ptr[i].ptr[j];
        }
        lengths += 1000 * chunks.ptr[i].len;
    }
    return total + lengths;
}

static void chunks(void) {
    static const uint8_t data[5] = {1, 2, 3, 4, 5};
    SliceU8 d;
    Seen seen;
    CallbackStrSliceVecU8ToU64 f;
    Str label;
    d.ptr = data;
    d.len = 5;
    label = view("bytes");
    memset(&seen, 0, sizeof seen);
    f.call = sum_chunks;
    f.context = &seen;
    f.drop = on_drop;
    /* [1,2] [3,4] [5]: digits 12345 plus 1000 per byte. */
    CHECK(callbacks_chunked(d, 2, label, f) == 12345 + 5000);
    CHECK(seen.items == 3 && seen.views == 3);
    CHECK(strcmp(seen.joined, "bytes;") == 0);
    memset(&seen, 0, sizeof seen);
    CHECK(callbacks_chunked(d, 0, label, f) == 0);
    CHECK(seen.calls == 1 && seen.items == 0 && seen.drops == 1);
}

static uint32_t weigh(void *context, Str name, SliceCbMember all) {
    uint32_t total = 0;
    ((Seen *)context)->calls++;
    for (size_t i = 0; i < all.len; i++) {
        total += all.ptr[i].age + (uint32_t)all.ptr[i].tags.len * 100;
    }
    return total + (name.len == 4 && memcmp(name.ptr, "crew", 4) == 0 ? 10000 : 0);
}

static void team(void) {
    Seen seen;
    CallbackStrSliceCbMemberToU32 f;
    CbTeam t;
    memset(&seen, 0, sizeof seen);
    t.name = text("crew");
    t.members.ptr = MEMBERS;
    t.members.len = 3;
    t.members.cap = 0;
    f.call = weigh;
    f.context = &seen;
    f.drop = on_drop;
    CHECK(callbacks_team_members(t, f) == 78 + 200 + 10000);
    CHECK(seen.calls == 1 && seen.drops == 1);
    CHECK(no_error());
}

int main(void) {
    check_begin();
    make_members();
    batches();
    lines();
    kept_on_a_thread();
    chunks();
    team();
    return check_end();
}
