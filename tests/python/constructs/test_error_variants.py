"""Feature `error_variants`: a data enum as the error of a `Result` raises `ParseFailureError`
with one subclass per variant (`ParseFailureError.BadChar`), the variant's frozen dataclass on
`.value` and the error's `Display` as the message (ADR 23, ADR 26).

Run against the INSTALLED wheel of the conformance fixture on both call paths and in both modes
by tests/python/constructs.rs (see tests/README.md); type-checked by `mypy --strict` (TYPED).
"""

from __future__ import annotations

import pickle

import pytest

import conformance as c
from conformance import Error, ParseFailureError, RustPanic, _raw


def test_ok_values() -> None:
    assert c.parse_list("1,22,333") == [
        c.Parsed("1", 1), c.Parsed("22", 22), c.Parsed("333", 333),
    ]
    c.fail_with(0, None)  # returns (nothing) without raising
    c.fail_with(0, "x")


def test_every_variant_raised_and_caught_by_its_class() -> None:
    with pytest.raises(ParseFailureError.Empty) as empty:
        c.parse_list("")
    assert empty.value.value == c.ParseFailureEmpty()
    assert str(empty.value) == "empty text"
    with pytest.raises(ParseFailureError.UnexpectedEnd) as end:
        c.parse_list("1,,2")
    assert end.value.value == c.ParseFailureUnexpectedEnd(position=2)
    assert str(end.value) == "a number was expected at 2"
    with pytest.raises(ParseFailureError.BadChar) as bad:
        c.parse_list("12,3ä")
    assert bad.value.value == c.ParseFailureBadChar("ä", 4)
    assert str(bad.value) == 'bad character "ä" at 4'
    with pytest.raises(ParseFailureError.Overflow) as over:
        c.parse_list("99999999999")
    assert over.value.value == c.ParseFailureOverflow(text="99999999999")
    assert str(over.value) == "99999999999 is too large"


def test_the_variant_classes_and_their_values() -> None:
    raised = []
    for code, detail in [(1, None), (2, "four"), (3, "ß"), (4, None)]:
        try:
            c.fail_with(code, detail)
        except ParseFailureError as e:
            assert isinstance(e, Error) and isinstance(e, Exception)
            raised.append((type(e), e.value))
    assert raised == [
        (ParseFailureError.Empty, c.ParseFailureEmpty()),
        (ParseFailureError.UnexpectedEnd, c.ParseFailureUnexpectedEnd(4)),
        (ParseFailureError.BadChar, c.ParseFailureBadChar("ß", 7)),
        (ParseFailureError.Overflow, c.ParseFailureOverflow("none")),
    ]
    assert ParseFailureError.BadChar.__qualname__ == "ParseFailureError.BadChar"
    assert issubclass(ParseFailureError.Overflow, ParseFailureError)
    # An exhaustive dispatch on the error's value type-checks.
    value: c.ParseFailure = raised[2][1]
    if isinstance(value, c.ParseFailureBadChar):
        assert (value._0, value._1) == ("ß", 7)
    else:
        pytest.fail(f"{value!r}")


def test_a_variant_value_is_typed_per_variant() -> None:
    """`except ParseFailureError.UnexpectedEnd as e`: mypy types `e.value` as
    `ParseFailureUnexpectedEnd` (ADR 35), so its fields need no `isinstance` narrow.
    tests/python/typed_error_variants_bad.py (a field of another variant) must fail mypy."""
    try:
        c.parse_list("1,,2")
        pytest.fail("no error")
    except ParseFailureError.UnexpectedEnd as e:
        position: int = e.value.position
        assert position == 2
    try:
        c.parse_list("99999999999")
        pytest.fail("no error")
    except ParseFailureError.Overflow as over:
        text: str = over.value.text
        assert text == "99999999999"
    try:
        c.parse_list("x")
        pytest.fail("no error")
    except ParseFailureError.BadChar as bad:
        assert (bad.value._0, bad.value._1) == ("x", 0)
    except ParseFailureError as other:
        # The base still types `value` as the whole union.
        whole: c.ParseFailure = other.value
        pytest.fail(f"{whole!r}")


def test_errors_survive_pickling() -> None:
    with pytest.raises(ParseFailureError.BadChar) as bad:
        c.parse_list("x")
    copy = pickle.loads(pickle.dumps(bad.value))
    assert type(copy) is ParseFailureError.BadChar
    assert copy.value == c.ParseFailureBadChar("x", 0)
    assert str(copy) == 'bad character "x" at 0'


def test_a_panic_stays_a_panic() -> None:
    with pytest.raises(RustPanic, match=r"^panic in `fail_with`: fail_with: boom$") as e:
        c.fail_with(5, "boom")
    assert not isinstance(e.value, Error)
    assert _raw.pending.value == 0
