"""Named callback types sharing a signature (the conformance fixture's `callback_twins` feature,
ADR 42): `OnProgress` and `OnResize` (both `dyn Fn(u64, u64)`), `OnEvent` and `OnChange` (both
`dyn Fn(u32)`) are four aliases; the stubs annotate each parameter, return and record field with
the one its Rust source spelled, a closure spelled without an alias with its `Callable`. Any
callable is accepted for each, and the calls work."""

import pathlib
import re
from typing import List, Tuple

import conformance as c
import conformance.callbacks as cb

PACKAGE = pathlib.Path(c.__file__).parent


def stub_def(file: str, name: str) -> str:
    """The `def name(...) -> ...:` line of `name` in the typed source `file` of the package."""
    text = (PACKAGE / file).read_text(encoding="utf-8")
    found = re.search(rf"^\s*def {name}\(.*$", text, re.MULTILINE)
    assert found is not None, f"no `def {name}` in {file}"
    return found.group(0)


def test_the_stubs_name_each_twin() -> None:
    assert "on_progress: OnProgress)" in stub_def("callbacks.pyi", "twin_progress")
    assert "on_resize: OnResize," in stub_def("callbacks.pyi", "twin_resize")
    assert "on_resize: Optional[OnResize]," in stub_def("callbacks.pyi", "twin_maybe_resize")
    both = stub_def("callbacks.pyi", "twin_event_then_change")
    assert "on_event: OnEvent, on_change: OnChange," in both, both
    assert "-> _RustClosure[OnResize]:" in stub_def("callbacks.pyi", "twin_make_resize")
    unnamed = stub_def("callbacks.pyi", "twin_unnamed")
    assert "f: typing.Callable[[int, int], None]," in unnamed, unnamed
    # The other items keep theirs (their classes are typed in `_types.py`).
    assert "handler: OnEvent)" in stub_def("_types.py", "subscribe")
    assert "listener: OnChange)" in stub_def("_types.py", "on_change")


def test_the_record_fields_name_each_twin() -> None:
    text = (PACKAGE / "_types.py").read_text(encoding="utf-8")
    record = text[text.index("class TwinHandlers") :]
    record = record[: record.index("\nclass ")] if "\nclass " in record else record
    assert "on_progress: OnProgress" in record, record
    assert "on_resize: Optional[OnResize]" in record, record
    assert "on_change: OnChange" in record, record


def test_the_aliases_are_exported() -> None:
    import conformance.services_callbacks as sc

    for name in ("OnProgress", "OnResize", "OnEvent"):
        assert name in cb.__all__
    assert "OnChange" in sc.__all__
    # Aliases of `typing.Callable`: any callable fits either twin.
    assert cb.OnProgress == cb.OnResize
    assert cb.OnEvent == sc.OnChange


def test_calls_with_each_twin() -> None:
    seen: List[Tuple[int, int]] = []
    assert cb.twin_progress(3, lambda done, total: seen.append((done, total))) == 6
    assert seen == [(1, 3), (2, 3), (3, 3)]
    seen.clear()
    assert cb.twin_resize(lambda w, h: seen.append((w, h)), 4, 5) == 20
    assert seen == [(4, 5)]
    assert cb.twin_maybe_resize(lambda w, h: seen.append((w, h)), 6, 7)
    assert not cb.twin_maybe_resize(None, 6, 7)
    assert seen == [(4, 5), (6, 7)]
    events: List[Tuple[str, int]] = []
    assert (
        cb.twin_event_then_change(
            lambda x: events.append(("event", x)), lambda x: events.append(("change", x)), 10
        )
        == 11
    )
    assert events == [("event", 10), ("change", 11)]
    pair: List[int] = []
    cb.twin_unnamed(lambda a, b: pair.extend((a, b)), 2, 3)
    assert pair == [2, 3]


def test_a_returned_twin() -> None:
    before = cb.twin_resized_area()
    with cb.twin_make_resize(2) as resize:
        resize(3, 4)
        resize(1, 1)
    assert cb.twin_resized_area() - before == 2 * 12 + 2 * 1


def test_a_record_of_twins() -> None:
    progress: List[Tuple[int, int]] = []
    resized: List[Tuple[int, int]] = []
    changes: List[int] = []
    handlers = cb.TwinHandlers(
        on_progress=lambda d, t: progress.append((d, t)),
        on_resize=lambda w, h: resized.append((w, h)),
        on_change=changes.append,
    )
    assert cb.twin_run(3, handlers) == 3
    assert progress == [(1, 3), (2, 3), (3, 3)]
    assert resized == [(3, 3)]
    assert changes == [0, 1, 2]
    handlers = cb.TwinHandlers(on_progress=lambda d, t: None, on_resize=None, on_change=changes.append)
    assert cb.twin_run(1, handlers) == 1
    assert changes == [0, 1, 2, 0]
