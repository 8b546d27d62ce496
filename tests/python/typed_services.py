"""Typed usage of services, checked with `mypy --strict` against the installed package and then run
(tests/python/services.rs): constructors, `with` (the target is typed as the class), methods,
services as parameters and results, close()."""

from __future__ import annotations

from typing import Callable, List, Optional

from conformance import Journal, KvStore, Tally, Watcher, services, services_callbacks


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
    saved: int = services.journal_saved()
    with Journal() as journal:
        entries: int = journal.record(2)
        assert entries == 2
    journal.close()  # closed already by `with`: does nothing
    assert journal.closed and services.journal_saved() == saved + 2
    seen: List[int] = []
    listener: Callable[[int], None] = seen.append
    with Watcher.named(b"typed") as w:
        w.on_change(listener)
        accepted: bool = w.set(3)
        assert accepted and seen == [3]
        w.visit(seen.append)
        new_value: int = w.update(lambda v: v * 2)
        assert new_value == 6
        kind: str = w.kind()
        assert kind == "watcher"
    with Watcher.with_filter(lambda v: v > 1) as f:
        assert not f.set(1)
    assert services_callbacks.watchers_live() == 0
    print("typed services ok")


main()
