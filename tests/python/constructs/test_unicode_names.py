"""Feature `unicode_names` (issue 10 item 13): non-ASCII Rust names are Python identifiers
(PEP 3131) in their NFKC form, the form Python's parser gives every identifier it reads: the
record `Größe` with its field `länge`, the enum `Richtung` with `RÜCKWÄRTS`, the function `grüße`
(symbol `gruesse`) with its parameter `größe`, by position and by keyword, on both call paths
(a function with a non-ASCII parameter keeps its `def`, so `inspect.signature` works).

Run against the INSTALLED wheel of the conformance fixture on both call paths and in both modes
by tests/python/constructs.rs (see tests/README.md).
"""

from __future__ import annotations

import ctypes
import inspect
import unicodedata

import conformance as c
from conformance import Größe, Richtung, _native, _raw


def test_a_record_with_a_non_ascii_name_and_field() -> None:
    g = Größe(3, 4)
    assert g.länge == 3 and g.width == 4
    assert Größe(länge=5, width=1).länge == 5
    assert ctypes.sizeof(Größe) == 8
    assert Größe.width.offset == 4  # type: ignore[attr-defined]
    assert repr(g) == "Größe(länge=3, width=4)"
    assert g == Größe(3, 4)
    g.länge = 7
    assert g.länge == 7


def test_an_enum_with_a_non_ascii_member() -> None:
    assert Richtung.LINKS.value == 1 and Richtung.RÜCKWÄRTS.value == 2
    assert Richtung(2) is Richtung.RÜCKWÄRTS
    assert Richtung["RÜCKWÄRTS"] is Richtung.RÜCKWÄRTS


def test_a_function_with_non_ascii_names() -> None:
    g = Größe(3, 4)
    assert c.grüße(g, Richtung.LINKS) == 12
    assert c.grüße(g, Richtung.RÜCKWÄRTS) == 24
    assert c.grüße(größe=Größe(5, 1), richtung=Richtung.LINKS) == 5
    assert list(inspect.signature(c.grüße).parameters) == ["größe", "richtung"]
    assert "grüße" in c.__all__ and "Größe" in c.__all__
    assert _raw.gruesse(g, Richtung.RÜCKWÄRTS) == 24  # the C symbol stays ASCII
    if _native.path == "compiled":
        # `inspect` reads a built-in's signature as ASCII: this one keeps its `def`.
        assert "non-ASCII" in _native.fallbacks["grüße"], _native.fallbacks


def test_the_names_are_in_their_nfkc_form() -> None:
    # What the package defines is what Python finds under any spelling it normalizes to it:
    # `ﬁ`-style compatibility forms and the decomposed `u` + U+0308 read the same.
    for name in ("grüße", "Größe", "Richtung"):
        assert unicodedata.normalize("NFKC", name) == name
        assert getattr(c, unicodedata.normalize("NFKC", unicodedata.normalize("NFD", name)))
    # PyPy's ctypes refuses non-ASCII names in `_fields_`: `länge` is stored under an ASCII name
    # and read and written through a property of its own name.
    assert [f[0] for f in Größe._fields_] == ["_interop_field0", "width"]
    g = Größe(länge=2, width=3)
    assert g.länge == 2 and g._interop_field0 == 2
    g.länge = 9
    assert g._interop_field0 == 9
