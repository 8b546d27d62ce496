/*
 * core::cmp::Ordering from C, the conformance fixture's `ordering` feature (ADR 57): an `int32_t`
 * typedef (`Ordering`) with the sign convention of qsort and strcmp. The library returns -1, 0 or
 * 1 and reads any value by its sign, so a qsort-style comparator body (`return a - b;`) works
 * unchanged: as a comparator closure, a closure's parameter, a record field, `Option<Ordering>`,
 * `Vec<Ordering>`, and a comparator the library returns. C99 and C++17, valgrind clean.
 */
#include "conformance.h"
#include "check.h"

#include <limits.h>
#include <stdint.h>
#include <stdlib.h>

typedef struct Tally {
    uint64_t calls;
    uint64_t drops;
} Tally;

static void tally_drop(void *context) { ((Tally *)context)->drops++; }

/* By rank, ascending, as qsort comparators are written: any magnitude, not just -1/0/1. */
static Ordering by_rank(void *context, const OrdItem *a, const OrdItem *b) {
    ((Tally *)context)->calls++;
    return (Ordering)(a->rank - b->rank) * 1000;
}

/* By rank, descending, returning the extremes of int32_t. */
static Ordering by_rank_desc(void *context, const OrdItem *a, const OrdItem *b) {
    ((Tally *)context)->calls++;
    return a->rank < b->rank ? INT32_MAX : a->rank > b->rank ? INT32_MIN : 0;
}

/* u32s compared like strcmp results (-5 / 0 / +7). */
static Ordering u32_odd(void *context, uint32_t a, uint32_t b) {
    (void)context;
    return a < b ? -5 : a > b ? 7 : 0;
}

/* What it was given, times 10. */
static int32_t seen(void *context, Ordering o) {
    ((Tally *)context)->calls++;
    return o * 10;
}

static int vec_is(VecU32 *v, const uint32_t *expected, size_t n) {
    int same = v->len == n;
    for (size_t i = 0; same && i < n; i++) {
        same = v->ptr[i] == expected[i];
    }
    VecU32_free(v);
    return same;
}

static void comparators(void) {
    const OrdItem items[5] = {{1, 30}, {2, -4}, {3, 30}, {4, 7}, {5, -100}};
    SliceOrdItem slice = {items, 5};
    Tally t = {0, 0};
    CallbackPtrOrdItemPtrOrdItemToOrdering cmp = {by_rank, &t, tally_drop};
    VecU32 ids = ordering_sort_ids(slice, cmp);
    const uint32_t ascending[5] = {5, 2, 4, 1, 3}; /* stable: 1 before 3 */
    CHECK(no_error());
    CHECK(vec_is(&ids, ascending, 5));
    CHECK(t.calls > 0 && t.drops == 1);

    Tally d = {0, 0};
    CallbackPtrOrdItemPtrOrdItemToOrdering desc = {by_rank_desc, &d, NULL};
    ids = ordering_sort_ids(slice, desc);
    const uint32_t descending[5] = {1, 3, 4, 2, 5};
    CHECK(vec_is(&ids, descending, 5));
    CHECK(d.calls > 0);

    SliceOrdItem empty = {NULL, 0};
    ids = ordering_sort_ids(empty, desc);
    CHECK(ids.len == 0);
    VecU32_free(&ids);

    const uint32_t values[4] = {3, 10, 1, 7};
    SliceU32 v = {values, 4};
    CallbackU32U32ToOrdering odd = {u32_odd, NULL, NULL};
    VecU32 sorted = ordering_sort_values(v, odd);
    const uint32_t up[4] = {1, 3, 7, 10};
    CHECK(vec_is(&sorted, up, 4));

    /* The library's own comparator: -1/0/1 only, and usable by another function. */
    CallbackU32U32ToOrdering largest_first = ordering_descending();
    CHECK(largest_first.call != NULL && largest_first.drop != NULL);
    CHECK(largest_first.call(largest_first.context, 1, 2) == 1);
    CHECK(largest_first.call(largest_first.context, 2, 1) == -1);
    CHECK(largest_first.call(largest_first.context, 9, 9) == 0);
    CallbackU32U32ToOrdering lent = {largest_first.call, largest_first.context, NULL};
    sorted = ordering_sort_values(v, lent);
    const uint32_t down[4] = {10, 7, 3, 1};
    CHECK(vec_is(&sorted, down, 4));
    largest_first.drop(largest_first.context);

    Tally s = {0, 0};
    CallbackOrderingToI32 on = {seen, &s, tally_drop};
    CHECK(ordering_on_compare(1, 2, on) == 90);
    CHECK(ordering_on_compare(2, 2, on) == 100);
    CHECK(ordering_on_compare(3, 2, on) == 110);
    CHECK(s.calls == 3 && s.drops == 3);
}

static void values(void) {
    OrdVersion a = {1, 2, 3};
    OrdVersion b = {1, 10, 0};
    CHECK(ordering_compare_versions(a, b) == -1);
    CHECK(ordering_compare_versions(b, a) == 1);
    CHECK(ordering_compare_versions(a, a) == 0);

    OptionOrdering o = ordering_compare_floats(1.5, 0.5);
    CHECK(o.is_some == 1 && o.value == 1);
    o = ordering_compare_floats(0.5, 0.5);
    CHECK(o.is_some == 1 && o.value == 0);
    double zero = 0.0;
    o = ordering_compare_floats(zero / zero, 1.0);
    CHECK(o.is_some == 0);

    /* Any value in, by its sign; -1/0/1 out. */
    CHECK(ordering_reverse(-1) == 1);
    CHECK(ordering_reverse(INT32_MIN) == 1);
    CHECK(ordering_reverse(0) == 0);
    CHECK(ordering_reverse(42) == -1);
    CHECK(ordering_reverse(INT32_MAX) == -1);

    OptionOrdering none = {0, 0};
    OptionOrdering some = {1, -9};
    CHECK(ordering_or_else(none, 77) == 1);
    CHECK(ordering_or_else(some, 77) == -1);
    OptionOrdering bad_tag = {2, 0};
    (void)ordering_or_else(bad_tag, 0);
    CHECK(error_contains("order"));

    OrdItem left = {7, 3};
    OrdItem right = {8, 5};
    OrdVerdict v = ordering_verdict(left, right);
    CHECK(v.left == 7 && v.right == 8 && v.order == -1);
    v = ordering_verdict(right, left);
    CHECK(v.order == 1);
    v.order = -123456;
    CHECK(ordering_verdict_sign(v) == -1);
    v.order = 0;
    CHECK(ordering_verdict_sign(v) == 0);
    v.order = 5;
    CHECK(ordering_verdict_sign(v) == 1);

    const int64_t numbers[5] = {-3, 0, 12, INT64_MIN, 1};
    SliceI64 n = {numbers, 5};
    VecOrdering signs = ordering_signs(n);
    CHECK(signs.len == 5);
    CHECK(signs.len == 5 && signs.ptr[0] == -1 && signs.ptr[1] == 0 && signs.ptr[2] == 1 &&
          signs.ptr[3] == -1 && signs.ptr[4] == 1);
    SliceOrdering back = {signs.ptr, signs.len};
    CHECK(ordering_tally(back) == 20102);
    VecOrdering_free(&signs);

    const Ordering odd[6] = {-7, 0, 0, 3, INT32_MIN, INT32_MAX};
    SliceOrdering raw = {odd, 6};
    CHECK(ordering_tally(raw) == 20202);
    SliceOrdering none_at_all = {NULL, 0};
    CHECK(ordering_tally(none_at_all) == 0);
}

int main(void) {
    check_begin();
    comparators();
    values();
    return check_end();
}
