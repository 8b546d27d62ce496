"""The package itself: installed from the wheel, the raw layer separate and typed, the mode and
the call path it was built and forced into, signatures, docs and keywords the same on both paths,
the stubs shipped.

tests/python/constructs.rs builds the conformance fixture (tests/fixtures/conformance), installs
its wheel into a fresh venv and runs this file, test_arguments.py and one file per construct
(tests/python/constructs/test_<feature>.py) with that venv's interpreter on both call paths
(INTEROP_EXPECT_CALLS=compiled: the library's own function objects; =ctypes: the ctypes fallback,
forced with INTEROP_PYTHON_CALLS=ctypes on CPython, chosen by itself on PyPy) and in both modes
(INTEROP_EXPECT_RELEASE_GIL=0: the GIL is held during calls; =1: `release-gil = true`). The tests
are the same on both paths: only the ones here about the path itself differ.
"""

from __future__ import annotations

import ctypes
import dis
import os
import sys
import sysconfig
import types
from typing import Final

import conformance as c
from conformance import _native, _raw

RELEASE_GIL: Final = os.environ.get("INTEROP_EXPECT_RELEASE_GIL", "") == "1"
CALLS: Final = os.environ.get("INTEROP_EXPECT_CALLS", "")
COMPILED: Final = CALLS == "compiled"


def test_imported_from_the_installed_wheel() -> None:
    site = os.path.realpath(sysconfig.get_paths()["platlib"])
    assert os.path.realpath(c.__file__).startswith(site + os.sep), (c.__file__, site)
    assert os.path.isfile(os.path.join(os.path.dirname(c.__file__), "libconformance.so"))
    assert os.path.isfile(os.path.join(os.path.dirname(c.__file__), "py.typed"))
    assert c.__version__ == "1.2.3"


def test_raw_layer_is_separate_and_typed() -> None:
    assert tuple(_raw.add_u8.argtypes) == (ctypes.c_uint8, ctypes.c_uint8)
    assert _raw.add_u8.restype is ctypes.c_uint8
    assert _raw.Wide_storage is ctypes.c_uint64
    assert _raw.Small_storage is ctypes.c_uint8
    assert _raw.Signed_storage is ctypes.c_int16
    assert _raw.Color_storage is ctypes.c_int32
    assert _raw.pending.value == 0


def test_built_in_the_expected_mode() -> None:
    assert os.environ.get("INTEROP_EXPECT_RELEASE_GIL") in ("0", "1")
    assert _raw.release_gil is RELEASE_GIL
    if not hasattr(ctypes, "PyDLL"):  # PyPy: CDLL either way
        assert type(_raw._lib) is ctypes.CDLL
        return
    # On the ctypes path, PyDLL keeps the GIL during the call; CDLL releases it.
    assert type(_raw._lib) is (ctypes.CDLL if RELEASE_GIL else ctypes.PyDLL)
    keeps_gil = bool(_raw._lib._FuncPtr._flags_ & ctypes._FUNCFLAG_PYTHONAPI)  # type: ignore[attr-defined]
    assert keeps_gil is not RELEASE_GIL


def test_the_expected_call_path_runs() -> None:
    assert CALLS in ("compiled", "ctypes")
    assert _native.path == CALLS, _native.reason
    if COMPILED:
        assert _native.reason is None
        # Every function of the fixture is compiled, but those taking or returning C strings
        # (`*const c_char`, feature `c_strings`), which the ctypes path converts, and those with
        # a non-ASCII parameter name (feature `unicode_names`), whose signature only a `def` has.
        intended = ("c_char", "non-ASCII")
        # Features `data_enums` and `error_variants`: slices, vectors and references of data
        # enums, records holding them and vectors of records that own data (ADR 26).
        sequences = {
            "enums_3", "enums_sum", "enums_tag", "events_make", "layer_area", "layer_make",
            "parse_list", "shapes_all", "shapes_total_area",
        }
        assert {
            f: why
            for f, why in _native.fallbacks.items()
            if not any(i in why for i in intended) and f not in sequences
        } == {}
        # Native function objects with CPython's vectorcall: functions, and methods that bind.
        assert type(c.add_u64).__name__ == "function" and type(c.Vec2f32.length).__name__ == "method"
        assert not isinstance(c.add_u64, types.FunctionType)
        assert repr(c.add_u64) == "<built-in function add_u64>"
        assert repr(c.Vec2f32.length) == "<method 'length' of 'Vec2f32' objects>"
        assert c.math.clamp.__module__ == "conformance.math"
        assert c.Vec2f32.length.__qualname__ == "Vec2f32.length"
        if sys.version_info >= (3, 10):
            # Immutable types (ADR 50): nothing can patch them, and CPython specializes `obj.m`.
            for kind in (type(c.add_u64), type(c.Vec2f32.length)):
                try:
                    setattr(kind, "extra", 1)
                except TypeError:
                    pass
                else:
                    raise AssertionError(f"{kind!r} is mutable")
    else:
        assert _native.reason is not None
        # The def of the public module, checking its arguments and the pending counter.
        assert type(c.add_u64).__name__ == "function" and c.add_u64.__module__ == "conformance"


def test_signatures_docs_and_keywords_are_the_same_on_both_paths() -> None:
    import inspect

    assert list(inspect.signature(c.add_u64).parameters) == ["a", "b"]
    assert list(inspect.signature(c.Vec2f32.scale).parameters) == ["self", "k"]
    assert list(inspect.signature(c.Vec2f32(1.0, 2.0, 3.0).scale).parameters) == ["k"]
    assert list(inspect.signature(c.Vec2f32.zero).parameters) == []
    assert c.add_u64.__name__ == "add_u64"
    assert c.add_u64.__doc__ == "Wrapping addition."
    assert c.math.clamp.__doc__ == "Clamps `x` to `[lo, hi]` (in the `math` module)."
    assert c.Vec2f32.length.__doc__ == "Euclidean length."
    assert c.add_u64(a=1, b=2) == 3 and c.add_u64(1, b=2) == 3
    assert c.math.clamp(x=5.0, lo=0.0, hi=1.0) == 1.0
    v = c.Vec2f32(1.0, 2.0, 3.0)
    assert v.scale(k=2.0) is None and v == c.Vec2f32(2.0, 4.0, 6.0)
    assert c.Counter.new(start=3) is not None


def test_stubs_ship_in_both_modes() -> None:
    here = os.path.dirname(c.__file__)
    for stub in ("__init__.pyi", "math.pyi"):
        assert os.path.isfile(os.path.join(here, stub))


def test_method_lookups_are_specialized_by_cpython() -> None:
    """CPython 3.11+ replaces the lookup of `v.length` in a warm loop by a specialized one (the
    type's version, no MRO walk, no instance dict probe) only when the method's type is immutable
    (ADR 50). Whenever CPython specializes a `def` method of a subclass of the same class (not on
    every version: 3.12 specializes neither), it must specialize ours as well."""
    if sys.implementation.name != "cpython" or sys.version_info < (3, 11):
        return

    class Probe(c.Vec2f32):
        def probe(self) -> float:
            return 0.0

    def lookups(v: c.Vec2f32, name: str) -> list[str]:
        def loop(n: int) -> float:
            total = 0.0
            for _ in range(n):
                total += v.length() if name == "length" else v.probe()  # type: ignore[attr-defined]
            return total

        loop(1000)
        loop(1000)
        ops = dis.get_instructions(loop, adaptive=True)
        return [
            i.opname
            for i in ops
            if i.argval == name and i.opname.startswith(("LOAD_METHOD", "LOAD_ATTR"))
        ]

    def specialized(ops: list[str]) -> bool:
        return bool(ops) and all("METHOD_" in o and "ADAPTIVE" not in o for o in ops)

    if specialized(lookups(Probe(1.0, 2.0, 3.0), "probe")):
        ours = lookups(Probe(1.0, 2.0, 3.0), "length")
        assert specialized(ours), ours
