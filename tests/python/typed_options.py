"""Typed use of the options and results of the installed `conformance` bindings (built with the
`options_results` feature): `mypy --strict` must accept this file, and running it checks the
results.
"""

from __future__ import annotations

from typing import List, Literal, Optional

import conformance as c
from conformance import Error, Item, OptInner, ParseError, ParseErrorError, Profile, Shade


def parsed(text: str) -> Optional[int]:
    try:
        return c.result_parse(text)
    except ParseErrorError.Empty as empty:
        # A C-like enum's variant subclass types `value` as the member (ADR 35).
        member: Literal[ParseError.EMPTY] = empty.value
        assert member is ParseError.EMPTY
        return None
    except ParseErrorError as e:
        kind: ParseError = e.value
        return -int(kind)


def upper_all(values: Optional[List[Optional[str]]]) -> Optional[List[Optional[str]]]:
    return c.option_deep(values)


def items(n: int) -> List[Item]:
    try:
        return c.result_items(n)
    except Error:
        return []


def main() -> None:
    assert parsed("12") == 12 and parsed("") is None and parsed("x") == -2
    assert upper_all(["a", None]) == ["A", None]
    assert len(items(2)) == 2 and items(9) == []
    total: Optional[int] = c.option_add(1, None)
    assert total is None
    inner: Optional[OptInner] = c.option_inner_echo(OptInner(1.0))
    assert inner is not None and inner.x == 1.0
    shade: Optional[Shade] = c.option_flip(Shade.DARK)
    assert shade is Shade.LIGHT
    p: Profile = c.profile_birthday(Profile("a", None, None, None, None, None, None))
    nick: Optional[str] = p.nickname
    assert nick == "a"
    print("typed options ok")


main()
