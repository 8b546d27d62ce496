"""Feature `data_enums`: Rust enums whose variants carry data as one frozen dataclass per variant
(`ShapeCircle`), the enum a `Union` alias (`Shape`), in parameters, results, record fields, vector
and slice elements, nested enums and behind references (ADR 26).

Run against the INSTALLED wheel of the conformance fixture on both call paths and in both modes
by tests/python/constructs.rs (see tests/README.md); type-checked by `mypy --strict` (TYPED).
"""

from __future__ import annotations

import ctypes
import dataclasses
import gc
import os
import resource
import sys
import types
import typing
from typing import List, NoReturn

import pytest

import conformance as c
from conformance import RustPanic, _native, _raw, _types

P = c.Point
V = c.Vec3f32

ALL: List[c.Shape] = [
    c.ShapeEmpty(),
    c.ShapeCircle(P(1.0, 2.0), 3.0),
    c.ShapeRect(min=P(0.0, 0.0), max=P(2.0, 5.0)),
    c.ShapePolygon([P(0.0, 0.0), P(4.0, 0.0), P(0.0, 3.0)]),
    c.ShapeLabel(text="größe ✓", tags=["a", "bc"]),
]


def assert_never(value: NoReturn) -> NoReturn:
    """`typing.assert_never` (3.11+) for every supported version."""
    raise AssertionError(f"unhandled variant {value!r}")


def kind(s: c.Shape) -> str:
    """An exhaustive dispatch: mypy --strict rejects it when a variant is missing."""
    if isinstance(s, c.ShapeEmpty):
        return "empty"
    elif isinstance(s, c.ShapeCircle):
        return f"circle r={s._1}"
    elif isinstance(s, c.ShapeRect):
        return f"rect {s.max.x - s.min.x}x{s.max.y - s.min.y}"
    elif isinstance(s, c.ShapePolygon):
        return f"polygon of {len(s._0)}"
    elif isinstance(s, c.ShapeLabel):
        return f"label {s.text}"
    else:
        assert_never(s)


def test_variants_are_frozen_dataclasses_with_value_equality_and_repr() -> None:
    circle = c.ShapeCircle(P(1.0, 2.0), 3.0)
    assert dataclasses.is_dataclass(circle)
    assert circle == c.ShapeCircle(P(1.0, 2.0), 3.0)
    assert circle != c.ShapeCircle(P(1.0, 2.0), 4.0)
    assert c.ShapeEmpty() == c.ShapeEmpty() and hash(c.ShapeEmpty()) == hash(c.ShapeEmpty())
    assert c.ShapeEmpty() != typing.cast(object, c.EnumPayloadA())
    with pytest.raises(dataclasses.FrozenInstanceError):
        circle._1 = 5.0  # type: ignore[misc]
    assert repr(circle) == "ShapeCircle(Point(x=1.0, y=2.0), 3.0)"
    assert repr(c.ShapeRect(P(0, 0), P(1, 1))) == (
        "ShapeRect(min=Point(x=0.0, y=0.0), max=Point(x=1.0, y=1.0))"
    )
    assert repr(c.ShapeEmpty()) == "ShapeEmpty()"
    assert repr(c.EnumPayloadE(1, 2, 3)) == "EnumPayloadE(1, 2, 3)"
    assert [f.name for f in dataclasses.fields(c.ShapeLabel)] == ["text", "tags"]
    assert [f.name for f in dataclasses.fields(c.EnumPayloadE)] == ["_0", "_1", "_2"]
    assert c.ShapeCircle.__doc__ == "A circle around `0` with radius `1`."
    assert c.EnumPayloadD.__doc__ == "A struct variant."
    assert c.EnumRenamedX.__doc__ == "The variant `X` of `EnumRenamed`."


def test_union_alias_isinstance_and_exhaustive_dispatch() -> None:
    assert [kind(s) for s in ALL] == [
        "empty", "circle r=3.0", "rect 2.0x5.0", "polygon of 3", "label größe ✓",
    ]
    assert typing.get_args(c.Shape) == (
        c.ShapeEmpty, c.ShapeCircle, c.ShapeRect, c.ShapePolygon, c.ShapeLabel,
    )
    if sys.version_info >= (3, 10):
        assert isinstance(c.ShapeCircle(P(0, 0), 1.0), c.Shape)  # type: ignore[arg-type,misc,unused-ignore]
        assert not isinstance(c.EnumPayloadA(), c.Shape)  # type: ignore[arg-type,misc,unused-ignore]


def test_match_with_positional_and_keyword_patterns() -> None:
    if sys.version_info < (3, 10):
        # No `match` before 3.10 (the runner allows no skips): the dataclasses still say how.
        assert [f.name for f in dataclasses.fields(c.ShapeCircle)] == ["_0", "_1"]
        return
    assert c.ShapeCircle.__match_args__ == ("_0", "_1")  # type: ignore[attr-defined,unused-ignore]
    assert c.ShapeRect.__match_args__ == ("min", "max")  # type: ignore[attr-defined,unused-ignore]
    source = """
def describe(s):
    match s:
        case ShapeEmpty():
            return "empty"
        case ShapeCircle(Point(x=x, y=y), r):
            return f"circle ({x}, {y}) r={r}"
        case ShapeRect(min=lo, max=hi):
            return f"rect {lo.x},{lo.y} {hi.x},{hi.y}"
        case ShapePolygon(points):
            return f"polygon of {len(points)}"
        case ShapeLabel(text, tags):
            return f"label {text} {tags}"
"""
    scope = dict(vars(c))
    exec(compile(source, "<match>", "exec"), scope)
    assert [scope["describe"](s) for s in c.shapes_all()] == [
        "empty", "circle (1.0, 2.0) r=3.0", "rect 0.0,0.0 2.0,5.0", "polygon of 3",
        "label größe ✓ ['a', 'bc']",
    ]


def test_c_compatible_payloads_by_value() -> None:
    c.enums_1(c.EnumPayloadA())
    c.enums_1(c.EnumPayloadE(1, 2, 3))
    assert c.enums_2(c.EnumPayloadA()) == c.EnumPayloadA()
    assert c.enums_2(c.EnumPayloadB(V(1.0, 2.0, 3.0))) == c.EnumPayloadB(V(2.0, 4.0, 6.0))
    assert c.enums_2(c.EnumPayloadC(21)) == c.EnumPayloadC(42)
    assert c.enums_2(c.EnumPayloadD(x=V(1.0, -1.0, 0.5), on=True)) == c.EnumPayloadD(
        V(2.0, -2.0, 1.0), False
    )
    assert c.enums_2(c.EnumPayloadE(1, 2, 100)) == c.EnumPayloadE(2, 4, 200)
    assert c.enum_renamed_next(c.EnumRenamedY(-8)) == c.EnumRenamedY(-7)
    assert c.enum_renamed_next(c.EnumRenamedY(2**62)) == c.EnumRenamedY(2**62 + 1)
    assert c.enum_renamed_next(c.EnumRenamedX()) == c.EnumRenamedX()


def test_references_slices_and_the_mut_cell() -> None:
    cell: List[c.EnumPayload] = [c.EnumPayloadC(5)]
    assert c.enums_3(cell) == c.EnumPayloadC(10)
    assert cell == [c.EnumPayloadC(10)]  # written back through `&mut`
    cell = [c.EnumPayloadD(V(1.0, 1.0, 1.0), False)]
    assert c.enums_3(cell) == c.EnumPayloadD(V(2.0, 2.0, 2.0), True) == cell[0]
    assert c.enums_tag(c.EnumPayloadE(0, 0, 0)) == 4
    assert c.enums_tag(c.EnumPayloadA()) == 0
    assert c.enums_tag(None) == 99
    items: List[c.EnumPayload] = [c.EnumPayloadA(), c.EnumPayloadB(V(0, 0, 0)), c.EnumPayloadC(42), c.EnumPayloadE(1, 2, 3)]
    assert c.enums_sum(items) == 49
    assert c.enums_sum(tuple(items)) == 49
    assert c.enums_sum([]) == 0


def test_payloads_that_own_data() -> None:
    assert [c.shape_area(s) for s in ALL] == [0.0, 27.0, 10.0, 6.0, 0.0]
    assert [c.shape_describe(s) for s in ALL] == [
        "empty",
        "circle (1, 2) r=3",
        "rect (0, 0)-(2, 5)",
        "polygon of 3",
        'label "größe ✓" [a, bc]',
    ]
    assert c.shape_scale(ALL[1], 2.0) == c.ShapeCircle(P(2.0, 4.0), 6.0)
    assert c.shape_scale(ALL[2], 0.5) == c.ShapeRect(P(0.0, 0.0), P(1.0, 2.5))
    assert c.shape_scale(ALL[3], 2.0) == c.ShapePolygon([P(0.0, 0.0), P(8.0, 0.0), P(0.0, 6.0)])
    assert c.shape_scale(c.ShapeLabel("", []), 1.5) == c.ShapeLabel("", ["1.5"])
    assert c.shape_scale(c.ShapeEmpty(), 2.0) == c.ShapeEmpty()
    # Any sequence for a vector field; a returned one is a list.
    assert c.shape_area(c.ShapePolygon((P(0, 0), P(2, 0), P(0, 2)))) == 2.0
    assert c.shape_describe(c.ShapeLabel("x", ("p", "q"))) == 'label "x" [p, q]'


def test_vectors_and_slices_of_data_enums() -> None:
    assert c.shapes_all() == ALL
    assert c.shapes_total_area(ALL) == 43.0
    assert c.shapes_total_area(c.shapes_all() * 3) == 129.0
    assert c.shapes_total_area([]) == 0.0


def test_nested_data_enums() -> None:
    assert c.event_echo(c.EventKey(code=41, name="ä")) == c.EventKey(42, "ä")
    assert c.event_echo(c.EventDraw(ALL[1])) == c.EventDraw(c.ShapeCircle(P(2.0, 4.0), 6.0))
    assert c.event_echo(c.EventPayload(c.EnumPayloadE(1, 2, 3))) == c.EventPayload(
        c.EnumPayloadE(1, 2, 3)
    )
    assert c.event_echo(c.EventBatch(ALL)) == c.EventBatch([c.shape_scale(s, 2.0) for s in ALL])
    assert c.event_echo(c.EventBatch([])) == c.EventBatch([])
    assert c.events_make(1.5) == [
        c.EventDraw(c.ShapeCircle(P(0.0, 0.0), 1.5)),
        c.EventPayload(c.EnumPayloadB(V(1.0, 2.0, 3.0))),
    ]


def test_data_enums_as_record_fields() -> None:
    layer = c.layer_make("top")
    assert layer == c.Layer(name="top", focus=ALL[4], shapes=ALL)
    assert c.layer_area(layer) == 43.0
    assert c.layer_area(c.Layer("x", c.ShapeCircle(P(0, 0), 2.0), [c.ShapeRect(P(0, 0), P(1, 1))])) == 13.0


def test_wrong_values_raise_type_error_naming_the_parameter() -> None:
    with pytest.raises(TypeError, match=r"^shape_area\(\) argument 's' must be Shape, not int$"):
        c.shape_area(3)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=r"argument 's' must be Shape, not EnumPayloadA$"):
        c.shape_area(c.EnumPayloadA())  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=r"argument 'x' must be EnumPayload, not ShapeEmpty$"):
        c.enums_2(c.ShapeEmpty())  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=r"argument 'x' must be EnumPayload or None, not str$"):
        c.enums_tag("A")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=r"argument 'x' must be a list of one EnumPayload"):
        c.enums_3(c.EnumPayloadA())  # type: ignore[arg-type]
    # A field of the wrong type names its path.
    with pytest.raises(TypeError, match=r"^shape_area\(\) argument 's'\._0: expected Point, got str$"):
        c.shape_area(c.ShapeCircle("centre", 1.0))  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=r"^shape_describe\(\) argument 's'\.tags\[1\]: expected str, got int$"):
        c.shape_describe(c.ShapeLabel("t", ["a", 2]))  # type: ignore[list-item]
    with pytest.raises(TypeError, match=r"^event_echo\(\) argument 'e'\._0\._0: expected Point, got NoneType$"):
        c.event_echo(c.EventDraw(c.ShapeCircle(None, 1.0)))  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=r"^shapes_total_area\(\) argument 'shapes'\[1\]: expected Shape, got int$"):
        c.shapes_total_area([c.ShapeEmpty(), 1])  # type: ignore[list-item]
    # An integer out of its field's range is refused, never wrapped.
    with pytest.raises(OverflowError, match=r"^enums_2\(\) argument 'x'\._0: -1 is out of range \(0 to 4294967295\)$"):
        c.enums_2(c.EnumPayloadC(-1))
    with pytest.raises(OverflowError, match=r"^enums_2\(\) argument 'x'\._2: 256 is out of range \(0 to 255\)$"):
        c.enums_2(c.EnumPayloadE(1, 2, 256))
    with pytest.raises(ValueError, match="lone surrogate"):
        c.shape_describe(c.ShapeLabel("\ud800", []))


def test_invalid_tags_go_through_the_error_channel() -> None:
    forged = _types._Shape_abi()
    forged.tag = 9
    # Into the library: refused before the Rust function runs, raised as a ValueError (kind 5).
    assert _raw.shape_area(forged) == 0.0
    with pytest.raises(ValueError, match=r"^argument `s` of `shape_area`: 9 is not a value of enum `Shape`$"):
        _raw.raise_panic()
    # Out of the library: what both paths do with a returned value (`_enum_at` on the compiled
    # path, `_take` on the ctypes path) refuses the tag.
    with pytest.raises(ValueError, match=r"^Shape: the tag 9 names no variant \(the enum has 5\)$"):
        _types._enum_at(ctypes.addressof(forged), _types._c_Shape, True)
    with pytest.raises(ValueError, match="the tag 9 names no variant"):
        _types._take(forged, _types._c_Shape)


def test_panic_returns_no_value() -> None:
    with pytest.raises(RustPanic, match=r"^panic in `shape_panic`: shape panic 3$"):
        c.shape_panic(3)
    assert _raw.pending.value == 0


def test_abi_forms_match_the_library() -> None:
    assert ctypes.sizeof(_types._Shape_abi) == 56
    assert ctypes.sizeof(_types._EnumPayload_abi) == 20
    assert ctypes.sizeof(_types._EnumRenamed_abi) == 16
    assert ctypes.sizeof(_types._Event_abi) == 64
    # A value the C ABI passes in registers keeps its float eightbytes as floats (x86-64 System
    # V merges the classes of a union's members): checked on a hand-made enum.
    body = type("_B", (ctypes.Structure,), {"_fields_": [("v", ctypes.c_double)]})
    form = _types._enum_abi("F", ctypes.c_uint8, 16, 8, (None, body))
    assert [t for _, t in form._fields_] == [ctypes.c_uint8, ctypes.c_double]
    mixed = type("_M", (ctypes.Structure,), {"_fields_": [("v", ctypes.c_int64)]})
    form = _types._enum_abi("G", ctypes.c_uint8, 16, 8, (None, body, mixed))
    assert [t for _, t in form._fields_] == [ctypes.c_uint8, ctypes.c_uint64]


def test_which_functions_the_compiled_path_converts() -> None:
    if _native.path != "compiled":
        return
    for name in ["shape_area", "shape_describe", "shape_scale", "event_echo", "enums_2", "shape_panic"]:
        assert name not in _native.fallbacks, (name, _native.fallbacks.get(name))
        assert not isinstance(getattr(c, name), types.FunctionType), name


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


def test_memory_of_round_trips() -> None:
    """RSS stays bounded over many round trips of data enums that own data (each returned value
    freed exactly once: a double free would crash, a leak grow). Set `INTEROP_ROUND_TRIPS`."""
    n = max(1000, int(int(os.environ.get("INTEROP_ROUND_TRIPS", "50000")) * SCALE))
    label = c.ShapeLabel("x" * 64, ["tag"] * 4)
    batch = c.EventBatch([label, ALL[3]])

    def round_(count: int) -> None:
        for _ in range(count):
            c.shape_scale(label, 2.0)
            c.event_echo(batch)
        for _ in range(count // 20):
            c.shapes_all()
            c.layer_make("layer")

    if sys.implementation.name == "pypy":
        # PyPy 7.3.11's ctypes itself keeps about 48-64 bytes of malloc'd memory per call of any
        # function returning a struct by value (measured with a two-line C library returning
        # `struct {double a, b;}`: +2.8 MB per 60,000 calls after gc.collect(), CPython +0), and
        # its GC heap grows to a plateau of ~200 MB here. The library's own frees are the same
        # code on both interpreters, checked on CPython on both call paths.
        return
    round_(n // 10)
    gc.collect()
    before = rss_kib()
    round_(n)
    gc.collect()
    growth = rss_kib() - before
    assert growth < 5 * 1024, f"RSS grew by {growth} KiB over {n} round trips"
