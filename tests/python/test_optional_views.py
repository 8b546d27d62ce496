"""Optional borrowed views (the conformance fixture's `optional_views` feature, ADR 46), against the
INSTALLED wheel on both call paths: `Option<&str>` is `Optional[str]` and `Option<&[T]>` an optional
buffer or sequence, exactly as `Option<String>` / `Option<Vec<T>>` arguments; None, Some(empty) and
Some(text) are told apart; lone surrogates and buffers of the wrong format are refused before the
call, naming the parameter."""

import array
import os
import types

import pytest

import conformance as c
from conformance import Directory, _native, optional_views as ov

CALLS = os.environ.get("INTEROP_EXPECT_CALLS", "")


def test_call_path() -> None:
    assert _native.path == CALLS
    if CALLS != "compiled":
        return
    # Optional text is compiled (as `Option<String>` is), and so are C strings, optional or not
    # (ADR 52); optional slices stay on ctypes (as `Option<Vec<T>>` does), each with its reason.
    for name in ["opt_text_len", "opt_find", "opt_c_len", "opt_open"]:
        assert name not in _native.fallbacks, (name, _native.fallbacks.get(name))
        assert not isinstance(getattr(ov, name), types.FunctionType), name
    for name in ["opt_hash", "opt_sum", "opt_join"]:
        assert name in _native.fallbacks, name


def test_optional_text() -> None:
    assert ov.opt_text_len(None) == -1
    assert ov.opt_text_len("") == 0
    assert ov.opt_text_len("日本") == 6
    assert ov.opt_text_len("x" * 1024) == 1024
    assert ov.opt_text_len(s=None) == -1
    assert ov.opt_find("x", None) == "x"
    assert ov.opt_find("x", "") == "/x"
    assert ov.opt_find("été", "日") == "日/été"


def test_optional_text_refuses_what_is_not_text() -> None:
    with pytest.raises(ValueError, match="surrogate"):
        ov.opt_text_len("a\udc80")
    with pytest.raises(ValueError, match="surrogate"):
        ov.opt_find("x", "\ud800")
    with pytest.raises(TypeError, match="scope"):
        ov.opt_find("x", b"bytes")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="s"):
        ov.opt_text_len(3)  # type: ignore[arg-type]


def test_optional_slices_take_every_buffer() -> None:
    data = b"\x01\x02\x03"
    assert ov.opt_hash(data, None) == -7
    assert ov.opt_hash(data, b"") == 6
    assert ov.opt_hash(data, b"\x0a\x14") == 2036
    assert ov.opt_hash(data, bytearray(b"\x0a\x14")) == 2036
    assert ov.opt_hash(data, memoryview(b"\x0a\x14")) == 2036
    assert ov.opt_hash(data, array.array("B", [10, 20])) == 2036
    assert ov.opt_hash(data, [10, 20]) == 2036
    assert ov.opt_sum(None) == -1
    assert ov.opt_sum([]) == 0
    assert ov.opt_sum([1, 2, 3, 4000000000]) == 4000000006
    assert ov.opt_sum(array.array("I", [1] * 1024)) == 1024
    assert ov.opt_join(None) == "none"
    assert ov.opt_join([]) == ""
    assert ov.opt_join(["aé", "b"]) == "aé+b"


def test_optional_slices_refuse_bad_elements() -> None:
    with pytest.raises((TypeError, ValueError, OverflowError), match="key"):
        ov.opt_hash(b"", array.array("i", [1]))
    with pytest.raises((TypeError, ValueError, OverflowError)):
        ov.opt_sum([-1])
    with pytest.raises(ValueError, match="surrogate"):
        ov.opt_join(["ok", "\udcff"])


def test_optional_c_strings() -> None:
    assert ov.opt_c_len(None) == -1
    assert ov.opt_c_len("") == 0
    assert ov.opt_c_len(b"") == 0
    assert ov.opt_c_len("日本") == 6
    assert ov.opt_c_len(b"\xff\xfe") == 2
    assert ov.opt_open("a.txt", None) == "a.txt:r"
    assert ov.opt_open("a.txt", "") == "a.txt:"
    assert ov.opt_open(b"a.txt", b"w+") == "a.txt:w+"
    assert ov.opt_open("日", "w") == "日:w"
    with pytest.raises(ValueError, match="mode"):
        ov.opt_open("a", "w\0")
    with pytest.raises(ValueError, match="surrogate"):
        ov.opt_c_len("\udc80")
    # The path is a `&CStr`, not optional.
    with pytest.raises(TypeError, match="path"):
        ov.opt_open(None, "w")  # type: ignore[arg-type]


def test_a_service_method_takes_optional_views() -> None:
    with Directory("home") as d:
        assert d.lookup("a", None) == "home/a"
        assert d.lookup("a", "") == "/a"
        assert d.lookup("a", "日") == "日/a"
        assert d.retag(None, None) == -1
        assert d.lookup("a", None) == "home/a"
        assert d.retag("work", b"\x01\x02\x03") == 3
        assert d.retag(None, bytearray()) == 0
        assert d.lookup("b", None) == "work/b"
        with pytest.raises(ValueError, match="surrogate"):
            d.lookup("a", "\udc80")


def test_the_package_exports_the_module() -> None:
    assert c.optional_views is ov
