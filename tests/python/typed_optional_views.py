"""Typed use of the optional borrowed views of the installed `conformance` bindings (built with the
`optional_views` feature): `mypy --strict` must accept this file, and running it checks the results.
"""

from __future__ import annotations

import array
from typing import Optional

from conformance import Directory, optional_views as ov


def scoped(name: str, scope: Optional[str] = None) -> str:
    return ov.opt_find(name, scope)


def keyed(data: bytes, key: Optional[bytes]) -> int:
    return ov.opt_hash(data, key)


def main() -> None:
    assert scoped("x") == "x"
    assert scoped("x", "y") == "y/x"
    assert keyed(b"\x01", None) == -2
    assert keyed(b"\x01", b"") == 1
    total: int = ov.opt_sum(array.array("I", [1, 2]))
    assert total == 3
    assert ov.opt_c_len(None) == -1
    mode: Optional[bytes] = b"w"
    assert ov.opt_open("f", mode) == "f:w"
    out: Optional[bytearray] = bytearray(8)
    assert ov.opt_read(out) == 8
    assert ov.opt_read(None) == 8
    nums = array.array("I", [1, 2])
    scaled: int = ov.opt_scale(nums, 3)
    assert scaled == 2 and list(nums) == [3, 6]
    joined: str = ov.opt_join(None)
    assert joined == "none"
    with Directory("home") as d:
        found: str = d.lookup("a", None)
        assert found == "home/a"
        assert d.retag(None, bytearray(b"ab")) == 2
        assert d.scope_into(None) == 4
    print("typed optional views ok")


main()
