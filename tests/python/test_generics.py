"""Generic records at concrete types and tuples (the conformance fixture's `generics` feature):
each instantiation is its own class (`PairU32`, `TaggedU8N4`, the alias `Pixels`); a tuple is a
Python `tuple` (any sequence of the right length as an argument)."""

import math
import os
import types

import pytest

import conformance as c

CALLS = os.environ.get("INTEROP_EXPECT_CALLS", "")


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
    with pytest.raises(ValueError, match="^argument `b` of `generic_borrowed_read`: field `value`: must not be null$"):
        c.generic_borrowed_read(c.BorrowedU32(None))


def test_tuples() -> None:
    r, phi = c.tuple_polar(3.0, 4.0)
    assert r == 5.0 and math.isclose(phi, math.atan2(4.0, 3.0), rel_tol=1e-6)
    assert type(c.tuple_polar(1.0, 0.0)) is tuple
    assert c.tuple_sum((-1, 10**10, 200)) == 10**10 + 199
    assert c.tuple_sum([-1, 10**10, 200]) == 10**10 + 199
    assert c.tuple_swap((9, 0.25)) == (0.25, 9)
    assert c.tuple_flagged((True, 7)) == 7
    assert c.tuple_flagged((False, 7)) == 0
    assert c.tuple_shift((c.PairU32(1, 2), 10)) == c.PairU32(11, 12)
    assert c.tuple_eight((1, 2, 3, 4, -5, -6, -7, -8)) == -16
    assert c.tuple_nested(((1, 2), "x")) == ("x", (2, 1))
    # Lists, nested lists and a `str` subclass take the package's own conversion on the compiled
    # path; the results are the same.
    assert c.tuple_nested([[1, 2], "x"]) == ("x", (2, 1))
    assert c.tuple_nested(((1, 2), type("S", (str,), {})("y"))) == ("y", (2, 1))
    assert c.tuple_swap((9, 1)) == (1.0, 9)
    assert c.tuple_option_swap([1.0, 2.0]) == (2.0, 1.0)


def test_tuples_owning_data() -> None:
    assert c.tuple_text(12345) == ("12345", 5)
    assert c.tuple_text_weight(("four", 3)) == 12
    for _ in range(10000):
        assert c.tuple_text(7)[0] == "7"


def test_tuples_in_records_options_and_sequences() -> None:
    seg = c.Segment((0.0, 0.0), (3.0, 4.0))
    assert c.tuple_segment_length(seg) == 5.0
    assert c.tuple_segment_reverse(seg) == c.Segment((3.0, 4.0), (0.0, 0.0))
    assert c.tuple_labeled_next(c.Labeled(("n", 41), (-1, 2))) == c.Labeled(("n", 42), (0, 2))
    assert c.tuple_option_swap((1.0, 2.0)) == (2.0, 1.0)
    assert c.tuple_option_swap(None) is None
    assert c.tuple_slice_sum([(1, 2), (3, 4)]) == 10
    assert c.tuple_slice_sum([]) == 0
    made = c.tuple_vec_make(3)
    assert made == [("0", 0), ("1", 1), ("2", 2)]
    assert c.tuple_vec_weight(made) == 6


def test_a_wrong_tuple_is_a_type_error() -> None:
    with pytest.raises(TypeError, match=r"^tuple_sum\(\) argument 't': expected a sequence of 3, got 2 items$"):
        c.tuple_sum((1, 2))  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=r"^tuple_swap\(\) argument 't': expected a sequence of 2, got int$"):
        c.tuple_swap(5)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=r"argument 't': expected a sequence of 2, got str"):
        c.tuple_swap("ab")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=r"^tuple_text_weight\(\) argument 't'\[1\]: expected int, got str$"):
        c.tuple_text_weight(("four", "3"))  # type: ignore[arg-type]
    with pytest.raises(OverflowError, match=r"argument 't'\[0\]: 256 is out of range \(0 to 255\)"):
        c.tuple_swap((256, 0.5))
    with pytest.raises(TypeError, match=r"^tuple_nested\(\) argument 't'\[0\]\[1\]: expected int, got str$"):
        c.tuple_nested(((1, "2"), "x"))  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=r"^tuple_flagged\(\) argument 't'\[0\]: expected bool, got int$"):
        c.tuple_flagged((1, 7))  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=r"^tuple_sum\(\) argument 't'\[0\]: expected int, got bool$"):
        c.tuple_sum((True, 1, 2))
    # An option's value is named as every argument is: the function and the parameter.
    with pytest.raises(TypeError, match=r"^tuple_option_swap\(\) argument 't': expected a sequence of 2, got bytes$"):
        c.tuple_option_swap(b"ab")  # type: ignore[arg-type]


def test_call_path() -> None:
    # On the compiled path, tuples are converted natively (ADR 33's addendum): as parameters and
    # results, nested, in options, holding strings or records. Slices and vectors of them and
    # records holding them too (the package's `_slice_in`, `_take_vec`, `_record_in`, `_take`:
    # ADR 55).
    from conformance import _native

    assert _native.path == CALLS
    if CALLS != "compiled":
        return
    compiled = [
        "tuple_polar", "tuple_sum", "tuple_swap", "tuple_flagged", "tuple_shift", "tuple_text",
        "tuple_text_weight", "tuple_option_swap", "tuple_eight", "tuple_nested",
        "tuple_slice_sum", "tuple_vec_weight", "tuple_vec_make", "tuple_labeled_next",
        "generic_named_make", "generic_named_weight", "tuple_segment_length",
        "tuple_segment_reverse",
    ]
    for name in compiled:
        assert not isinstance(getattr(c, name), types.FunctionType), (
            name, {k: v for k, v in _native.fallbacks.items() if name in k}
        )
    assert _native.fallbacks == {}, _native.fallbacks
