"""Feature `accessors` (issue 10 item 10): a getter named like its field (`pub width: f32` +
`fn width(&self) -> f32`, Rust's accessor idiom) works: the field keeps `width`, the getter is
`get_width()`; other methods keep their names.

Run against the INSTALLED wheel of the conformance fixture on both call paths and in both modes
by tests/python/constructs.rs (see tests/README.md).
"""

from __future__ import annotations

from conformance import Size


def test_fields_and_getters_named_alike() -> None:
    s = Size(3.0, 0.5)
    assert s.width == 3.0 and s.get_width() == 3.0
    assert s.height == 0.5
    assert s.get_height() == 1.0  # the getter's own logic: at least 1
    assert s.area() == 1.5
    s.width = 4.0
    assert s.get_width() == 4.0 and s.area() == 2.0


def test_the_class_has_both_names() -> None:
    public = sorted(m for m in vars(Size) if not m.startswith("_"))
    assert public == ["area", "get_height", "get_width", "height", "width"]
    assert repr(Size(1.0, 2.0)) == "Size(width=1.0, height=2.0)"
