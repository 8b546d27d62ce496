"""Typed usage of services, checked with `mypy --strict` against the installed package and then run
(tests/python/services.rs): constructors, `with` (the target is typed as the class), methods,
services as parameters and results, close()."""

from __future__ import annotations

from typing import Optional

from conformance import KvStore, Tally, services


def fill(store: KvStore, n: int) -> int:
    for i in range(n):
        store.put(f"k{i}", bytes([i]))
    return store.len()


def main() -> None:
    with KvStore.with_label("typed") as store:
        label: str = store.label()
        assert label == "typed"
        assert fill(store, 3) == 3
        value: bytes = store.get("k1")
        assert value == b"\x01"
        count: int = store.add(by=2)
        assert count == 2
        snap: KvStore = store.snapshot()
        with snap:
            merged: int = store.merge(snap)
            assert merged == 3
        other = KvStore()
        assert store.absorb(other) == 3
        closed: bool = other.closed
        assert closed
    tally: Optional[Tally] = Tally.starting_at(1)
    assert tally is not None
    assert tally.bump() == 2
    tally.close()
    assert services.live() == 0
    print("typed services ok")


main()
