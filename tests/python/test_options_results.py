"""`Option<T>` and `Result<T, E>` from Python: every function of the conformance fixture's
`options_results` feature, against the INSTALLED wheel (tests/python/options_results.rs builds it
with `--features options_results`, installs it into a fresh venv and runs this file once per call
path).

Covers `None` in every position (parameters, results, record fields, nested options), every error
type (C-like enums with and without `Display`, records owning data, `Debug`-only records, `String`)
raised and caught by its class and its variant's subclass with its value and message, panics inside
functions returning options and results (still `RustPanic`, never an `Error`), the argument errors
(the same words on both paths), which functions the compiled path converts, and the memory use of
many calls that raise.
"""

from __future__ import annotations

import gc
import math
import os
import pickle
import resource
import types
from typing import Any, Callable

import pytest

import conformance as c
from conformance import (
    Error,
    FaultError,
    Item,
    LimitsError,
    OptInner,
    OptOuter,
    ParseError,
    ParseErrorError,
    Profile,
    RustPanic,
    Shade,
    ValidationError,
    ValidationErrorError,
    _native,
)

CALLS = os.environ.get("INTEROP_EXPECT_CALLS", "")


def test_call_path() -> None:
    assert _native.path == CALLS
    if CALLS != "compiled":
        return
    # Options of numbers, bool, enums, C-compatible records, strings and vectors of numbers (ADR
    # 53), records owning data by value and vectors of anything (ADR 55), and results whose `Ok`
    # is one of those, are compiled; the rest stays on ctypes, each with its reason.
    compiled = [
        "option_add", "option_negate", "option_half", "option_not", "option_flip", "option_upper",
        "option_chars", "option_inner_echo", "option_inner_or_nan", "option_panics", "option_sum",
        "result_parse", "result_echo", "result_unit", "result_reverse", "result_unit_text",
        "result_fault", "result_clamp", "result_maybe", "result_inner", "result_panics",
        "profile_birthday", "result_items", "option_outer_make", "option_outer_inner",
    ]
    for name in compiled:
        assert name not in _native.fallbacks, (name, _native.fallbacks.get(name))
        assert not isinstance(getattr(c, name), types.FunctionType), name
    for name in ["option_deep", "profiles_maybe"]:
        assert name in _native.fallbacks, name
        assert isinstance(getattr(c, name), types.FunctionType), name


def test_options_of_numbers_and_bools() -> None:
    assert c.option_add(1, 2) == 3
    assert c.option_add(None, 2) is None
    assert c.option_add(1, None) is None
    assert c.option_add(a=4294967295, b=1) == 0
    assert c.option_negate(-(2**63) + 1) == 2**63 - 1
    assert c.option_negate(None) is None
    assert c.option_half(3.0) == 1.5
    assert c.option_half(3) == 1.5
    assert c.option_half(None) is None
    assert c.option_not(True) is False
    assert c.option_not(False) is True
    assert c.option_not(None) is None


def test_options_of_enums_and_records() -> None:
    assert c.option_flip(Shade.LIGHT) is Shade.DARK
    assert c.option_flip(None) is None
    assert c.option_inner_echo(OptInner(2.5)) == OptInner(2.5)
    assert c.option_inner_echo(None) is None
    assert c.option_inner_or_nan(OptInner(1.0)) == OptInner(1.0)
    assert math.isnan(c.option_inner_or_nan(None).x)


def test_options_of_strings_and_vectors() -> None:
    assert c.option_upper("größe") == "GRÖSSE"
    assert c.option_upper("") == ""
    assert c.option_upper(None) is None
    assert c.option_chars("héé") == 3
    assert c.option_chars(None) == -1
    assert c.option_sum([1, 2, 3]) == 6
    assert c.option_sum([]) == 0
    assert c.option_sum(None) is None


def test_nested_options() -> None:
    assert c.option_deep(["a", None, "b"]) == ["A", None, "B"]
    assert c.option_deep([]) == []
    assert c.option_deep(None) is None


def test_options_in_records() -> None:
    assert c.option_outer_make(1.5, None) == OptOuter(OptInner(1.5), None)
    assert c.option_outer_make(None, 7) == OptOuter(None, 7)
    assert c.option_outer_inner(OptOuter(OptInner(3.0), 1)) == OptInner(3.0)
    assert math.isnan(c.option_outer_inner(OptOuter(None, None)).x)
    p = Profile("ann", None, 3, [1, 2], True, Shade.DARK, OptInner(1.0))
    older = c.profile_birthday(p)
    assert older.nickname == "ann" and older.age == 4 and list(older.scores or []) == [1, 2]
    assert older.shade is Shade.DARK and older.home == OptInner(1.0) and older.active is True
    empty = c.profile_birthday(Profile("bo", "b", None, None, None, None, None))
    assert empty == Profile("bo", "b", None, None, None, None, None)
    many = c.profiles_maybe(3)
    assert many is not None and [m.name for m in many] == ["p0", "p1", "p2"]
    assert many[1] == Profile("p1", None, None, None, None, None, None)
    assert many[2].nickname == "n2" and many[2].home == OptInner(2.0)
    assert c.profiles_maybe(0) is None


def test_option_argument_errors() -> None:
    with pytest.raises(TypeError, match=r"^option_add\(\) argument 'a' must be int or None, not str$"):
        c.option_add("x", 1)
    with pytest.raises(OverflowError, match=r"^option_add\(\) argument 'a' is out of range for u32"):
        c.option_add(-1, 1)
    with pytest.raises(TypeError, match=r"^option_not\(\) argument 'x' must be bool or None, not int$"):
        c.option_not(1)
    with pytest.raises(TypeError, match=r"must be OptInner or None, not int$"):
        c.option_inner_echo(3)
    with pytest.raises(TypeError, match=r"^option_upper\(\) argument 's': expected str, got int$"):
        c.option_upper(3)
    with pytest.raises(ValueError, match=r"lone surrogate"):
        c.option_upper("\udc80")
    with pytest.raises(TypeError, match=r"^option_deep\(\) argument '[a-z_]+'\[1\]: expected str, got int$"):
        c.option_deep(["a", 1])


def test_results_ok() -> None:
    assert c.result_parse("12") == 12
    assert c.result_echo(7, False) == 7
    assert c.result_unit(False) is None
    assert c.result_reverse("abc") == "cba"
    assert c.result_unit_text(False) is None
    assert c.result_items(2) == [Item("item0", 0), Item("item1", 10)]
    assert c.result_items(0) == []
    assert c.result_fault(2) is True
    assert c.result_clamp(1, 0, 3) == 1
    assert c.result_maybe(0) is None
    assert c.result_maybe(1) == "one"
    assert c.result_inner(1.5) == OptInner(1.5)
    assert c.result_panics(5) == 5


def test_docstrings_list_what_they_raise() -> None:
    # Issue 13: a Google-style `Raises:` section, the same on both call paths (the compiled function
    # carries the `def`'s docstring) and in the stub.
    import inspect
    import pathlib

    parse = inspect.cleandoc(c.result_parse.__doc__ or "")
    assert parse == (
        "A number, or why the text is not one.\n\n"
        "Raises:\n"
        "    ParseErrorError: the Rust function returned `Err`.\n"
        "    TypeError: an argument is not of its parameter's type.\n"
        "    ValueError: an argument the bindings or the library refuse.\n"
        "    RustPanic: the Rust function panicked."
    ), parse
    # Numbers and a bool: only their type is checked, so no `ValueError`.
    echo = inspect.cleandoc(c.result_echo.__doc__ or "")
    assert "Raises:\n    ParseErrorError: " in echo and "ValueError" not in echo, echo
    # No `Result` and nothing refused by value: no section.
    assert "Raises:" not in (c.add_u32.__doc__ or "")
    stub = (pathlib.Path(c.__file__).parent / "__init__.pyi").read_text(encoding="utf-8")
    assert "    Raises:\n        ParseErrorError: the Rust function returned `Err`.\n" in stub


def test_the_exception_hierarchy() -> None:
    assert issubclass(Error, Exception) and not issubclass(Error, RustPanic)
    assert not issubclass(RustPanic, Error)
    for cls in (ParseErrorError, ValidationErrorError, FaultError, LimitsError):
        assert issubclass(cls, Error)
    for variant in ("Empty", "NotANumber", "TooLarge"):
        sub = getattr(ParseErrorError, variant)
        assert issubclass(sub, ParseErrorError)
        assert sub.__qualname__ == f"ParseErrorError.{variant}"
        assert sub.__module__ == ParseErrorError.__module__


@pytest.mark.parametrize(
    "call, cls, value, message",
    [
        (lambda: c.result_parse(""), ParseErrorError.Empty, ParseError.EMPTY, "the text is empty"),
        (lambda: c.result_parse("x"), ParseErrorError.NotANumber, ParseError.NOT_A_NUMBER, "the text is not a number"),
        (lambda: c.result_parse("99999999999"), ParseErrorError.TooLarge, ParseError.TOO_LARGE, "the number is too large"),
        (lambda: c.result_echo(1, True), ParseErrorError.NotANumber, ParseError.NOT_A_NUMBER, "the text is not a number"),
        (lambda: c.result_unit(True), ParseErrorError.Empty, ParseError.EMPTY, "the text is empty"),
        (lambda: c.result_maybe(2), ParseErrorError.TooLarge, ParseError.TOO_LARGE, "the number is too large"),
        (lambda: c.result_inner(float("nan")), ParseErrorError.NotANumber, ParseError.NOT_A_NUMBER, "the text is not a number"),
        (lambda: c.result_panics(1), ParseErrorError.Empty, ParseError.EMPTY, "the text is empty"),
        (lambda: c.result_fault(-1), FaultError.Minor, c.Fault.MINOR, "Fault::Minor"),
        (lambda: c.result_fault(-2), FaultError.Major, c.Fault.MAJOR, "Fault::Major"),
        (lambda: c.result_glitch(True), c.GlitchError.Broken, c.Glitch.BROKEN, "(the error's message could not be formatted: it panicked)"),
        (lambda: c.result_glitch(False), c.GlitchError.Calm, c.Glitch.CALM, "all calm"),
        (lambda: c.result_clamp(5, 0, 3), LimitsError, c.Limits(0, 3), "Limits { min: 0, max: 3 }"),
        (lambda: c.result_items(5), ValidationErrorError, ValidationError("n", 5), "invalid n (code 5)"),
        (lambda: c.result_reverse(""), Error, "nothing to reverse", "nothing to reverse"),
        (lambda: c.result_unit_text(True), Error, "failed on purpose", "failed on purpose"),
    ],
)
def test_every_error_is_raised_by_its_class(
    call: Callable[[], Any], cls: type, value: Any, message: str
) -> None:
    with pytest.raises(cls) as info:
        call()
    assert type(info.value) is cls
    assert info.value.value == value
    assert str(info.value) == message
    assert info.value.args == (message,)
    # `value` is in the slot of `Error` (ADR 52): the exception's own dict stays empty, on both
    # paths; other attributes can still be set.
    assert "value" in Error.__slots__ and vars(info.value) == {}
    info.value.note = 1  # type: ignore[attr-defined]
    assert vars(info.value) == {"note": 1} and info.value.value == value
    copy = pickle.loads(pickle.dumps(info.value))
    assert type(copy) is cls and copy.value == value and str(copy) == message
    assert vars(copy) == {}
    with pytest.raises(cls) as again:
        call()
    assert str(again.value) == message, "the same message every time (ADR 35)"


def test_compiled_errors_are_raised_by_the_library() -> None:
    """On the compiled path an `Err` whose type converts natively (enums, records, `String`) is
    raised by the library itself (ADR 32): no frame of the package's raiser (`_types._Raise`) is on
    the traceback; on the ctypes path the raiser raises it."""
    calls: list[Callable[[], Any]] = [
        lambda: c.result_parse(""),
        lambda: c.result_fault(-2),
        lambda: c.result_clamp(5, 0, 3),
        lambda: c.result_reverse(""),
    ]
    for call in calls:
        with pytest.raises(Error) as info:
            call()
        tb = info.value.__traceback__
        assert tb is not None
        while tb.tb_next is not None:
            tb = tb.tb_next
        in_raiser = tb.tb_frame.f_code.co_filename.endswith("_types.py")
        assert in_raiser == (CALLS != "compiled"), (CALLS, tb.tb_frame.f_code.co_filename)


def test_caught_by_base_and_variant() -> None:
    try:
        c.result_parse("")
    except ParseErrorError.NotANumber:
        raise AssertionError("wrong variant caught")
    except ParseErrorError.Empty as e:
        assert e.value is ParseError.EMPTY
    with pytest.raises(Error):
        c.result_items(9)


def test_panics_stay_panics() -> None:
    with pytest.raises(RustPanic, match="result_panics: zero") as info:
        c.result_panics(0)
    assert not isinstance(info.value, Error)
    with pytest.raises(RustPanic, match="option_panics: boom"):
        c.option_panics("boom")
    assert c.option_panics(None) == "fine"
    # The channel is clean afterwards.
    assert c.result_panics(3) == 3


def test_a_refused_argument_of_a_result_function_is_a_value_error() -> None:
    # A bool byte of 2 only reaches the library through the raw symbol: status 2 (panic) with kind 5
    # (a refused argument, ADR 47) in the channel, raised as ValueError, not RustPanic nor an Error.
    import ctypes

    from conformance import _raw

    raw = ctypes.CDLL(_raw._lib._name).result_echo
    raw.argtypes = (ctypes.c_uint32, ctypes.c_uint8)
    raw.restype = _raw.result_echo.restype
    result = raw(7, 2)
    assert result.status == 2 and _raw.pending.value == 1
    with pytest.raises(ValueError, match=r"^argument `fail` of `result_echo`: 2 is not a bool \(0 or 1\)$") as info:
        _raw.raise_panic()
    assert type(info.value) is ValueError
    assert _raw.pending.value == 0
    assert c.result_echo(7, False) == 7


def rss_kib() -> int:
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


# INTEROP_TEST_SCALE (a fraction, default 1) scales the long loops below: the same wheel's runs on
# the other interpreters (tests/python/interpreters.rs) set it below 1, where the point is that the
# wheel works there; the full counts run on the main interpreter, on both call paths.
SCALE = float(os.environ.get("INTEROP_TEST_SCALE", "1"))


def test_memory_of_calls_that_raise() -> None:
    """RSS stays bounded over many calls that raise (errors owning data, `String` errors and
    messages are freed; the static messages of fieldless enums, ADR 35, are never freed nor copied
    into the library's heap). 1,000,000 on the compiled path, 100,000 on ctypes (slower); set
    `INTEROP_RAISES` to change it (times `INTEROP_TEST_SCALE`)."""
    n = int(os.environ.get("INTEROP_RAISES", "1000000" if CALLS == "compiled" else "100000"))
    n = max(20000, int(n * SCALE))
    def round_(count: int) -> None:
        for _ in range(count):
            try:
                c.result_items(7)
            except ValidationErrorError:
                pass
            try:
                c.result_unit_text(True)
            except Error:
                pass
            try:
                c.result_parse("")
            except ParseErrorError:
                pass
            try:
                c.result_fault(-1)
            except FaultError:
                pass
    round_(min(n, 20000))
    gc.collect()
    before = rss_kib()
    round_(n // 2)
    gc.collect()
    growth = rss_kib() - before
    assert growth < 5 * 1024, f"RSS grew by {growth} KiB over {n} raising calls"
