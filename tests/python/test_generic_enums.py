"""Generic enums with data (the conformance fixture's `generic_enums` feature): each instantiation
is its own family of frozen dataclasses (`MaybeU32Just`, `MaybeU32Nothing`) with a `Union` alias
(`MaybeU32`), usable with `isinstance` and `match`."""

import dataclasses

import pytest

import conformance as c


def test_c_compatible_instantiation_round_trips() -> None:
    doubled = c.generic_maybe_double(c.MaybeU32Just(21))
    assert isinstance(doubled, c.MaybeU32Just)
    assert doubled == c.MaybeU32Just(42)
    assert c.generic_maybe_double(c.MaybeU32Nothing()) == c.MaybeU32Nothing()
    assert c.generic_maybe_double(c.MaybeU32Just(0xFFFF_FFFF)) == c.MaybeU32Just(0xFFFF_FFFE)


def test_instantiation_owning_data() -> None:
    assert c.generic_maybe_text(1234) == c.MaybeStringJust("1234")
    assert isinstance(c.generic_maybe_text(-1), c.MaybeStringNothing)


def test_two_type_parameters_and_struct_variants() -> None:
    left = c.generic_either_make(True)
    assert left == c.EitherStringPairU32Left("left")
    right = c.generic_either_make(False)
    assert isinstance(right, c.EitherStringPairU32Right)
    assert right.value == c.PairU32(1, 2)
    assert c.generic_either_weight(right) == 3
    assert c.generic_either_weight(c.EitherStringPairU32Left("abcde")) == 5
    assert c.generic_either_flip(c.EitherU8F32Left(9)) == c.EitherF32U8Right(9.0)
    assert c.generic_either_flip(c.EitherU8F32Right(2.5)) == c.EitherF32U8Left(2.5)


def test_slice_of_instantiation() -> None:
    values = [c.MaybeU32Just(5), c.MaybeU32Nothing(), c.MaybeU32Just(6)]
    assert c.generic_maybe_sum(values) == 11
    assert c.generic_maybe_sum([]) == 0


def test_variants_are_frozen_and_distinct_per_instantiation() -> None:
    just = c.MaybeU32Just(1)
    with pytest.raises(dataclasses.FrozenInstanceError):
        just._0 = 2  # type: ignore[misc]
    assert c.MaybeU32Just is not c.MaybeStringJust


def test_wrong_variant_or_value_is_refused() -> None:
    with pytest.raises(TypeError):
        c.generic_maybe_double(c.MaybeStringJust("x"))  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        c.generic_either_weight(c.EitherU8F32Left(1))  # type: ignore[arg-type]
    with pytest.raises(OverflowError):
        c.generic_either_flip(c.EitherU8F32Left(300))
