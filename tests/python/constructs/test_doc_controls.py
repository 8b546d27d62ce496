"""Feature `doc_controls` (issue 10 item 12): control characters in a Rust doc comment (NUL, bell,
escape, vertical tab, DEL) are escaped in the generated source, so the package imports and the
docstring holds the characters of the Rust doc; a tab becomes four spaces.

Run against the INSTALLED wheel of the conformance fixture on both call paths and in both modes
by tests/python/constructs.rs (see tests/README.md).
"""

from __future__ import annotations

import inspect
import pathlib

import conformance as c

DOC = (
    "Control characters: NUL \0, bell \x07, escape \x1b[31m, vertical tab \x0b, DEL \x7f.\n"
    "Tabs    and the other whitespace stay."
)


def test_the_function_works_and_its_doc_is_the_rust_doc() -> None:
    assert c.doc_controls() == 3
    assert inspect.getdoc(c.doc_controls) == DOC


def test_the_generated_sources_hold_no_control_character() -> None:
    package = pathlib.Path(c.__file__).parent
    for name in ("__init__.py", "__init__.pyi"):
        assert "bell \\x07, escape \\x1b[31m" in (package / name).read_text(encoding="utf-8")
    for source in [*package.glob("*.py"), *package.glob("*.pyi")]:
        text = source.read_text(encoding="utf-8")
        bad = [ch for ch in text if (ord(ch) < 32 and ch != "\n") or ch == "\x7f"]
        assert not bad, f"{source.name}: {bad!r}"
