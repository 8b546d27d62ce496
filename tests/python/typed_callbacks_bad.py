"""A returned Rust closure is typed by its signature: `mypy --strict` must reject this file with
exactly the two errors below (tests/python/callbacks.rs)."""

from __future__ import annotations

from conformance.callbacks import make_adder

with make_adder(2) as add:
    text: str = add(3)  # error: the closure returns an int
    add("3")  # error: it takes an int
