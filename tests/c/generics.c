/*
 * Generic records at concrete types and tuples, from C: each instantiation a signature uses is its
 * own struct (`PairU32`, `TaggedU8N4`, the alias `Pixels`), each tuple a struct with fields `_0`,
 * `_1`, … (`TupleF32F32`); a tuple owning data is freed with its helper (the program runs under
 * valgrind); an invalid `bool` element is reported through the error channel. Valid C99 and C++17.
 *
 * Prints "N passed, M failed" and exits non-zero when anything failed.
 */
#include "conformance.h"
#include "check.h"

#include <stdbool.h>

/* A string argument: the library copies it and ignores `cap`. */
static String arg_string(const char *s) {
    String v;
    v.ptr = (char *)s;
    v.len = strlen(s);
    v.cap = 0;
    return v;
}

static Str arg_str(const char *s) {
    Str v;
    v.ptr = s;
    v.len = strlen(s);
    return v;
}

static void generic_records(void) {
    PairU32 p;
    PairF32 f;
    PairF32 swapped;
    Pixels px;
    Pixels brighter;
    PairI16 d;
    TaggedU8N4 t;
    TaggedF64N2 made;
    uint32_t hidden = 77;
    BorrowedU32 b;

    p.a = 40;
    p.b = 2;
    CHECK(generic_pair_sum(p) == 42);
    CHECK(generic_pair_product(&p) == 80);
    f.a = 1.5f;
    f.b = -2.0f;
    swapped = generic_pair_swap(f);
    CHECK(swapped.a == -2.0f && swapped.b == 1.5f);
    px.a = 250;
    px.b = 10;
    brighter = generic_pixels_brighter(px, 10);
    CHECK(brighter.a == 255 && brighter.b == 20);
    CHECK(generic_pair_first(&px) == 250);
    CHECK(generic_pair_first(NULL) == 0);
    d.a = 3;
    d.b = -4;
    generic_pair_double(&d);
    CHECK(d.a == 6 && d.b == -8);
    t.value = 10;
    t.tags[0] = 1;
    t.tags[1] = 2;
    t.tags[2] = 3;
    t.tags[3] = 4;
    CHECK(generic_tagged_sum(t) == 20);
    CHECK(sizeof(t.tags) == 4);
    made = generic_tagged_make(2.5);
    CHECK(made.value == 2.5 && made.tags[0] == 1 && made.tags[1] == 2);
    b.value = &hidden;
    CHECK(generic_borrowed_read(b) == 77);
    b.value = NULL;
    CHECK(generic_borrowed_read(b) == 0);
    CHECK(refused_contains("argument `b` of `generic_borrowed_read`: field `value`: must not be null"));
    CHECK(no_error());
}

static void generic_records_owning_data(void) {
    NamedI32 n = generic_named_make(arg_str("héllo"), -5);
    NamedPairU16 w;
    CHECK(n.name.len == 6 && memcmp(n.name.ptr, "héllo", 6) == 0 && n.value == -5);
    NamedI32_free(&n);
    NamedI32_free(&n); /* emptied: a second free does nothing */
    w.name = arg_string("abc");
    w.value.a = 100;
    w.value.b = 20;
    CHECK(generic_named_weight(w) == 123);
    CHECK(no_error());
}

static void tuples(void) {
    TupleF32F32 polar = tuple_polar(3.0f, 4.0f);
    TupleI32I64U8 s;
    TupleU8F64 sw;
    TupleF64U8 swapped;
    TupleBoolU32 flagged;
    TuplePairU32U32 shift;
    PairU32 shifted;
    TupleStringU32 text;
    TupleStringU32 weight;

    CHECK(polar._0 == 5.0f && polar._1 > 0.92f && polar._1 < 0.93f);
    s._0 = -1;
    s._1 = 10000000000LL;
    s._2 = 200;
    CHECK(tuple_sum(s) == 10000000199LL);
    sw._0 = 9;
    sw._1 = 0.25;
    swapped = tuple_swap(sw);
    CHECK(swapped._0 == 0.25 && swapped._1 == 9);
    flagged._0 = true;
    flagged._1 = 7;
    CHECK(tuple_flagged(flagged) == 7);
    flagged._0 = false;
    CHECK(tuple_flagged(flagged) == 0);
    CHECK(no_error());
    memset(&flagged._0, 2, 1);
    CHECK(tuple_flagged(flagged) == 0);
    CHECK(refused_contains("argument `t` of `tuple_flagged`: field `_0`: 2 is not a bool (0 or 1)"));
    shift._0.a = 1;
    shift._0.b = 2;
    shift._1 = 10;
    shifted = tuple_shift(shift);
    CHECK(shifted.a == 11 && shifted.b == 12);
    text = tuple_text(12345);
    CHECK(text._0.len == 5 && memcmp(text._0.ptr, "12345", 5) == 0 && text._1 == 5);
    TupleStringU32_free(&text);
    weight._0 = arg_string("four");
    weight._1 = 3;
    CHECK(tuple_text_weight(weight) == 12);
    CHECK(no_error());
}

static void tuples_in_data(void) {
    Segment seg;
    Segment back;
    Labeled lab;
    Labeled next;
    OptionTupleF32F32 some;
    OptionTupleF32F32 none;
    OptionTupleF32F32 got;
    TupleU32U32 pairs[2];
    SliceTupleU32U32 slice;
    VecTupleStringU32 made;
    SliceTupleStringU32 made_view;
    TupleU8U16U32U64I8I16I32I64 eight;
    TupleTupleU8U8String nested;
    TupleStringTupleU8U8 unnested;

    seg.from._0 = 0.0f;
    seg.from._1 = 0.0f;
    seg.to._0 = 3.0f;
    seg.to._1 = 4.0f;
    CHECK(tuple_segment_length(seg) == 5.0f);
    back = tuple_segment_reverse(seg);
    CHECK(back.from._0 == 3.0f && back.from._1 == 4.0f && back.to._0 == 0.0f);
    lab.label._0 = arg_string("n");
    lab.label._1 = 41;
    lab.at._0 = -1;
    lab.at._1 = 2;
    next = tuple_labeled_next(lab);
    CHECK(next.label._0.len == 1 && next.label._0.ptr[0] == 'n' && next.label._1 == 42);
    CHECK(next.at._0 == 0 && next.at._1 == 2);
    Labeled_free(&next);
    some.is_some = 1;
    some.value._0 = 1.0f;
    some.value._1 = 2.0f;
    got = tuple_option_swap(some);
    CHECK(got.is_some == 1 && got.value._0 == 2.0f && got.value._1 == 1.0f);
    memset(&none, 0, sizeof none);
    got = tuple_option_swap(none);
    CHECK(got.is_some == 0);
    pairs[0]._0 = 1;
    pairs[0]._1 = 2;
    pairs[1]._0 = 3;
    pairs[1]._1 = 4;
    slice.ptr = pairs;
    slice.len = 2;
    CHECK(tuple_slice_sum(slice) == 10);
    made = tuple_vec_make(3);
    CHECK(made.len == 3 && made.ptr[2]._1 == 2 && made.ptr[2]._0.len == 1 && made.ptr[2]._0.ptr[0] == '2');
    made_view.ptr = made.ptr;
    made_view.len = made.len;
    CHECK(tuple_vec_weight(made_view) == 6);
    VecTupleStringU32_free(&made);
    VecTupleStringU32_free(&made);
    eight._0 = 1;
    eight._1 = 2;
    eight._2 = 3;
    eight._3 = 4;
    eight._4 = -5;
    eight._5 = -6;
    eight._6 = -7;
    eight._7 = -8;
    CHECK(tuple_eight(eight) == -16);
    nested._0._0 = 1;
    nested._0._1 = 2;
    nested._1 = arg_string("x");
    unnested = tuple_nested(nested);
    CHECK(unnested._0.len == 1 && unnested._0.ptr[0] == 'x' && unnested._1._0 == 2 && unnested._1._1 == 1);
    TupleStringTupleU8U8_free(&unnested);
    CHECK(no_error());
}

static void generic_enums(void) {
    MaybeU32 m;
    MaybeU32 doubled;
    MaybeU32 ms[3];
    SliceMaybeU32 slice;
    MaybeString text;
    EitherStringPairU32 e;
    EitherU8F32 flip;
    EitherF32U8 flipped;

    memset(&m, 0, sizeof m);
    m.tag = MAYBE_U32_JUST;
    m.body.just._0 = 21;
    doubled = generic_maybe_double(m);
    CHECK(doubled.tag == MAYBE_U32_JUST && doubled.body.just._0 == 42);
    m.tag = MAYBE_U32_NOTHING;
    doubled = generic_maybe_double(m);
    CHECK(doubled.tag == MAYBE_U32_NOTHING);
    CHECK(no_error());
    m.tag = 7;
    generic_maybe_double(m);
    CHECK(refused_contains("argument `m` of `generic_maybe_double`"));
    memset(ms, 0, sizeof ms);
    ms[0].tag = MAYBE_U32_JUST;
    ms[0].body.just._0 = 5;
    ms[2].tag = MAYBE_U32_JUST;
    ms[2].body.just._0 = 6;
    slice.ptr = ms;
    slice.len = 3;
    CHECK(generic_maybe_sum(slice) == 11);
    text = generic_maybe_text(1234);
    CHECK(text.tag == MAYBE_STRING_JUST && text.body.just._0.len == 4 && memcmp(text.body.just._0.ptr, "1234", 4) == 0);
    MaybeString_free(&text);
    MaybeString_free(&text);
    text = generic_maybe_text(-1);
    CHECK(text.tag == MAYBE_STRING_NOTHING);
    MaybeString_free(&text);
    e = generic_either_make(true);
    CHECK(e.tag == EITHER_STRING_PAIR_U32_LEFT && e.body.left._0.len == 4);
    EitherStringPairU32_free(&e);
    e = generic_either_make(false);
    CHECK(e.tag == EITHER_STRING_PAIR_U32_RIGHT && e.body.right.value.a == 1 && e.body.right.value.b == 2);
    CHECK(generic_either_weight(e) == 3);
    EitherStringPairU32_free(&e);
    memset(&e, 0, sizeof e);
    e.tag = EITHER_STRING_PAIR_U32_LEFT;
    e.body.left._0 = arg_string("abcde");
    CHECK(generic_either_weight(e) == 5);
    memset(&flip, 0, sizeof flip);
    flip.tag = EITHER_U8F32_LEFT;
    flip.body.left._0 = 9;
    flipped = generic_either_flip(flip);
    CHECK(flipped.tag == EITHER_F32U8_RIGHT && flipped.body.right.value == 9);
    flip.tag = EITHER_U8F32_RIGHT;
    flip.body.right.value = 2.5f;
    flipped = generic_either_flip(flip);
    CHECK(flipped.tag == EITHER_F32U8_LEFT && flipped.body.left._0 == 2.5f);
    CHECK(no_error());
}

int main(void) {
    check_begin();
    generic_records();
    generic_records_owning_data();
    tuples();
    tuples_in_data();
    generic_enums();
    return check_end();
}
