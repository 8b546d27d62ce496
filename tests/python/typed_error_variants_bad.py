"""Must FAIL `mypy --strict` (tests/python/constructs.rs checks the error): the subclass of a
variant types `value` as that variant (ADR 35), so a field of another variant is an error.
Never run."""

from __future__ import annotations

import conformance as c
from conformance import ParseFailureError


def wrong_variant() -> None:
    try:
        c.parse_list("1,,2")
    except ParseFailureError.UnexpectedEnd as e:
        print(e.value.text)  # error: UnexpectedEnd has `position`, not `text`
