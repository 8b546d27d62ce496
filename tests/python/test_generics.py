"""Generic records at concrete types and tuples (the conformance fixture's `generics` feature):
each instantiation is its own class (`PairU32`, `TaggedU8N4`, the alias `Pixels`), each tuple a
record class with fields `_0`, `_1`, ... (`TupleF32F32`)."""

import math

import pytest

import conformance as c


def test_instantiations_are_their_own_classes() -> None:
    assert c.generic_pair_sum(c.PairU32(40, 2)) == 42
    assert c.generic_pair_swap(c.PairF32(1.5, -2.0)) == c.PairF32(-2.0, 1.5)
    assert c.generic_pixels_brighter(c.Pixels(250, 10), 10) == c.Pixels(255, 20)
    assert c.generic_pair_product(c.PairU32(40, 2)) == 80
    assert c.generic_pair_first(c.Pixels(7, 8)) == 7
    assert c.generic_pair_first(None) == 0


def test_const_arguments_and_arrays() -> None:
    assert c.generic_tagged_sum(c.TaggedU8N4(10, [1, 2, 3, 4])) == 20
    made = c.generic_tagged_make(2.5)
    assert made.value == 2.5 and list(made.tags) == [1, 2]


def test_generic_records_owning_data() -> None:
    assert c.generic_named_make("héllo", -5) == c.NamedI32("héllo", -5)
    assert c.generic_named_weight(c.NamedPairU16("abc", c.PairU16(100, 20))) == 123


def test_a_null_reference_field_is_an_error() -> None:
    with pytest.raises(c.RustPanic, match="field `value`: must not be null"):
        c.generic_borrowed_read(c.BorrowedU32(None))


def test_tuples() -> None:
    polar = c.tuple_polar(3.0, 4.0)
    assert polar._0 == 5.0 and math.isclose(polar._1, math.atan2(4.0, 3.0), rel_tol=1e-6)
    assert c.tuple_sum(c.TupleI32I64U8(-1, 10**10, 200)) == 10**10 + 199
    assert c.tuple_swap(c.TupleU8F64(9, 0.25)) == c.TupleF64U8(0.25, 9)
    assert c.tuple_flagged(c.TupleBoolU32(True, 7)) == 7
    assert c.tuple_flagged(c.TupleBoolU32(False, 7)) == 0
    assert c.tuple_shift(c.TuplePairU32U32(c.PairU32(1, 2), 10)) == c.PairU32(11, 12)


def test_tuples_owning_data() -> None:
    assert c.tuple_text(12345) == c.TupleStringU32("12345", 5)
    assert c.tuple_text_weight(c.TupleStringU32("four", 3)) == 12
    for _ in range(10_000):
        assert c.tuple_text(7)._0 == "7"
