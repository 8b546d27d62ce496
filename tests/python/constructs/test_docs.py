"""Feature `docs`: doc comments with characters Python must escape.

Run against the INSTALLED wheel of the conformance fixture on both call paths and in both modes
by tests/python/constructs.rs (see tests/README.md).
"""

from __future__ import annotations

import conformance as c


def test_doc_edge_cases() -> None:
    assert c.doc_edge_cases() == 1
    doc = c.doc_edge_cases.__doc__
    assert doc is not None
    assert 'a Python docstring end """ here, and a backslash \\ too.' in doc
    assert "a < b && b > c" in doc and "*/" in doc
