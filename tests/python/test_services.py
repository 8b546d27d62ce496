"""Services, from Python: every item of the conformance fixture's `services` feature, against the
INSTALLED wheel (tests/python/services.rs builds it with `--features "services services_results"`,
installs it into a fresh venv and runs this file once per call path and GIL mode).

Covers constructors (`__init__` for `new`, static ones), every method, services as parameters
(borrowed and moved) and results; the lifecycle (`services.live()` back to 0 after `with`, `close()`,
`del` + `gc.collect()` and consuming methods; double close; `ValueError` after close or consume);
8 threads on one object; `close()` from another thread during a call. Fallible constructors
(`services_results`): static ones returning the object or raising the error type's exception, a
fallible `new` as an `__init__` that raises, a panic in a constructor. The errors of a service's
lock raise `ServiceInUseError` (a busy second object, the same object twice in one call), also
from 8 threads merging two objects into each other.
"""

from __future__ import annotations

import array
import copy
import ctypes
import gc
import os
import pickle
import subprocess
import sys
import threading
import time
import types
from typing import Iterator, List

import pytest

import conformance as c
from conformance import (
    Error,
    Gate,
    KvStore,
    OpenErrorError,
    RustPanic,
    ServiceInUseError,
    Tally,
    _native,
    services,
)


@pytest.fixture(autouse=True)
def no_leaks() -> Iterator[None]:
    gc.collect()
    before = services.live()
    yield
    gc.collect()
    assert services.live() == before, "a service was not freed"


def test_runs_on_the_expected_call_path() -> None:
    assert _native.path == os.environ["INTEROP_EXPECT_CALLS"]
    assert c._raw.release_gil == (os.environ["INTEROP_EXPECT_RELEASE_GIL"] == "1")
    if _native.path == "compiled":
        # Every service function is compiled: methods, constructors, results, moved arguments and
        # `&mut [u8]` (ADR 55).
        ours = ("KvStore", "Tally", "Gate")
        fallbacks = {q: why for q, why in _native.fallbacks.items() if q.split(".")[0] in ours}
        assert fallbacks == {}
        assert not isinstance(KvStore.__dict__["copy_into"], types.FunctionType)
        assert not isinstance(KvStore.__dict__["len"], types.FunctionType)
        assert not isinstance(KvStore.__dict__["with_label"], types.FunctionType)


def test_constructors() -> None:
    with KvStore() as s:
        assert s.label() == "default"
        assert isinstance(s, KvStore)
    with KvStore.with_label("x") as w:
        assert w.label() == "x"
    with KvStore.with_label(label="é ü") as k:
        assert k.label() == "é ü"
    with Tally.starting_at(41) as t:
        assert t.count() == 41
    with pytest.raises(TypeError, match="has no constructor `new`"):
        Tally()
    # The compiled `__init__` names the call the user made (ADR 51); the `def` counts `self`.
    arity = (
        r"^KvStore\(\) takes 0 positional arguments but 1 was given$"
        if _native.path == "compiled"
        else "takes 1 positional argument but 2 were given"
    )
    with pytest.raises(TypeError, match=arity):
        KvStore(1)  # type: ignore[call-arg]


def test_every_method() -> None:
    with KvStore.with_label("m") as s:
        assert s.len() == 0
        s.put("a", b"1")
        s.put(key="b", value=bytearray(b"22"))
        s.put("a", [51, 52])
        assert s.get("a") == b"34"
        assert s.get("missing") == b""
        assert s.len() == 2
        assert s.add(5) == 5
        assert s.add(by=2) == 7
        assert s.counter() == 7
        assert s.slow_counter(1) == 7
        with pytest.raises(RustPanic, match="store panic"):
            s.fail()
        assert s.len() == 2, "usable after a panic"
        assert not hasattr(s, "rust_only")
        with Tally.starting_at(0) as t:
            assert [t.bump() for _ in range(3)] == [1, 2, 3]
            assert t.count() == 3


def test_argument_errors() -> None:
    with KvStore() as s:
        with pytest.raises(TypeError, match=r"^KvStore.put\(\) argument 'key': expected str, got int$"):
            s.put(1, b"")  # type: ignore[arg-type]
        with pytest.raises(OverflowError, match=r"KvStore.add\(\) argument 'by' is out of range"):
            s.add(-1)
        with pytest.raises(TypeError, match=r"KvStore.merge\(\) argument 'other' must be KvStore, not Tally"):
            with Tally.starting_at(0) as t:
                s.merge(t)  # type: ignore[arg-type]
        with pytest.raises(TypeError, match=r"KvStore.len\(\) argument 'self' must be KvStore, not int"):
            KvStore.len(3)  # type: ignore[arg-type]


def test_methods_and_constructors_name_what_is_wrong_with_their_arguments() -> None:
    """A keyword that is no parameter, a missing argument, one too many, `None` for a number: the
    messages of CPython's own functions, naming the method and the parameter, on both call paths
    (an interpreter older than CPython 3.10, PyPy 3.9 here, leaves the class name out of its own
    arity messages: the ctypes path's `def`s say `add()` there)."""
    with KvStore() as s:
        with pytest.raises(TypeError, match=r"(KvStore\.)?add\(\) got an unexpected keyword argument 'bye'$"):
            s.add(bye=1)  # type: ignore[call-arg]
        with pytest.raises(TypeError, match=r"(KvStore\.)?add\(\) missing 1 required positional argument: 'by'$"):
            s.add()  # type: ignore[call-arg]
        with pytest.raises(TypeError, match=r"(KvStore\.)?add\(\) takes 2 positional arguments but 3 were given$"):
            s.add(1, 2)  # type: ignore[call-arg]
        with pytest.raises(TypeError, match=r"(KvStore\.)?add\(\) got multiple values for argument 'by'$"):
            s.add(1, by=2)  # type: ignore[misc]
        with pytest.raises(TypeError, match=r"KvStore.add\(\) argument 'by' must be int, not None$"):
            s.add(None)  # type: ignore[arg-type]
        with pytest.raises(TypeError, match=r"(KvStore\.)?put\(\) missing 1 required positional argument: 'value'$"):
            s.put("k")  # type: ignore[call-arg]
        assert s.add(by=3) == 3, "usable after the refused calls"
    with pytest.raises(TypeError, match=r"with_label\(\) missing 1 required positional argument: 'label'$"):
        KvStore.with_label()  # type: ignore[call-arg]
    with pytest.raises(TypeError, match=r"with_label\(\) got an unexpected keyword argument 'name'$"):
        KvStore.with_label(name="x")  # type: ignore[call-arg]
    with pytest.raises(TypeError, match=r"Tally.starting_at\(\) argument '\w+' must be int, not None$"):
        Tally.starting_at(None)  # type: ignore[arg-type]


def test_services_as_parameters_and_results() -> None:
    with KvStore.with_label("a") as a, KvStore.with_label("b") as b:
        a.put("x", b"1")
        b.put("y", b"2")
        assert a.merge(b) == 2
        assert b.len() == 1, "borrowed: unchanged"
        with a.snapshot() as snap:
            assert isinstance(snap, KvStore)
            assert snap.label() == "a snapshot"
            assert snap.get("y") == b"2"
            a.put("z", b"3")
            assert snap.len() == 2, "a copy"
        before = services.live()
        assert a.absorb(b) == 3
        assert b.closed
        assert services.live() == before - 1, "the moved store is dropped by Rust"
        with pytest.raises(ValueError, match="KvStore was consumed"):
            b.len()
        b.close()  # spent: closing does nothing
        with pytest.raises(ServiceInUseError, match="already in use by this thread") as e:
            a.merge(a)
        assert not isinstance(e.value, RustPanic)
        assert a.len() == 3


def test_lifecycle_with_close_del_and_consume() -> None:
    base = services.live()
    with KvStore() as s:
        assert services.live() == base + 1
    assert services.live() == base
    assert s.closed
    s2 = KvStore.with_label("c")
    assert not s2.closed
    s2.close()
    s2.close()
    assert services.live() == base
    s3 = KvStore()
    del s3
    gc.collect()
    assert services.live() == base, "the finalizer frees a forgotten object"
    cycle: List[object] = [KvStore()]
    cycle.append(cycle)
    del cycle
    gc.collect()
    assert services.live() == base, "also in a reference cycle"
    s4 = KvStore()
    s4.put("k", b"v")
    assert s4.into_len() == 1
    assert services.live() == base
    assert "consumed" in repr(s4)
    assert "closed" in repr(s2)
    del s4
    gc.collect()
    assert services.live() == base


def test_use_after_close_or_consume_raises_value_error() -> None:
    s = KvStore()
    s.close()
    for call in (s.len, s.label, s.snapshot, s.into_len, lambda: s.add(1), lambda: s.put("a", b"")):
        with pytest.raises(ValueError, match=r"^KvStore is closed$"):
            call()
    with KvStore() as live:
        with pytest.raises(ValueError, match="KvStore is closed"):
            live.merge(s)
        with pytest.raises(ValueError, match="KvStore is closed"):
            live.absorb(s)
        assert live.len() == 0
    t = Tally.starting_at(1)
    t.close()
    with pytest.raises(ValueError, match="Tally is closed"):
        t.bump()
    spent = KvStore()
    spent.into_len()
    with pytest.raises(ValueError, match=r"^KvStore was consumed \(a method took it by value\)$"):
        spent.len()
    with pytest.raises(ValueError, match="KvStore was consumed"):
        spent.into_len()


def test_an_object_ends_with_its_last_reference() -> None:
    """The Rust object is dropped when the last reference to its object goes, without a garbage
    collection (on the compiled path natively, ADR 51), and constructors name the class."""
    # The ctypes path's finalizer may wait for a collection (`weakref.finalize`).
    settle = gc.collect if _native.path == "ctypes" else (lambda: 0)
    base = services.live()
    KvStore()
    settle()
    assert services.live() == base, "dropped with its last reference"
    s = KvStore.with_label("x")
    snap = s.snapshot()
    del s
    settle()
    assert services.live() == base + 1
    del snap
    settle()
    assert services.live() == base
    with pytest.raises(TypeError, match=r"^Gate\(\) argument 'code' must be int, not None$"):
        Gate(None)  # type: ignore[arg-type]
    if _native.path == "compiled":
        assert not isinstance(KvStore.__dict__["__init__"], types.FunctionType)
        assert repr(KvStore.__init__) == "<method '__init__' of 'KvStore' objects>"
        # The guard's slot is the library's: Python code cannot replace or delete it.
        assert "_guard" not in c._types._Service.__dict__
        with Tally.starting_at(0) as t:
            with pytest.raises(TypeError, match="requires a 'KvStore' object"):
                KvStore.__init__(t)  # type: ignore[arg-type]
            assert t.count() == 0


def test_objects_alive_at_exit_are_dropped() -> None:
    code = (
        "import atexit\n"
        "def check():\n"
        "    from conformance import services\n"
        "    print('at exit', services.live())\n"
        "atexit.register(check)\n"
        "from conformance import KvStore, Tally, services\n"
        "print('before', services.live())\n"
        "kept = [KvStore(), KvStore.with_label('x'), Tally.starting_at(3)]\n"
        "kept.append(kept)\n"
        "print('with', services.live())\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.split("\n")[:3] == ["before 0", "with 3", "at exit 0"], out


def test_objects_cannot_be_copied_or_pickled() -> None:
    with KvStore() as s:
        for attempt in (lambda: pickle.dumps(s), lambda: copy.copy(s), lambda: copy.deepcopy(s)):
            with pytest.raises(TypeError, match="cannot pickle or copy KvStore"):
                attempt()
        with pytest.raises(RuntimeError, match="called on an initialized object"):
            s.__init__()  # type: ignore[misc]
        assert s.len() == 0


def test_eight_threads_on_one_object() -> None:
    per_thread = 2000
    with KvStore() as s, Tally.starting_at(0) as t:

        def work(i: int) -> None:
            for n in range(per_thread):
                s.add(1)  # &mut self: exclusive
                t.bump()  # &self of a !Sync type: serialized
                if n % 100 == 0:
                    s.put(f"{i}-{n}", b"x")
                    s.len()  # &self of a Sync type: shared
                    s.counter()

        threads = [threading.Thread(target=work, args=(i,)) for i in range(8)]
        for th in threads:
            th.start()
        for th in threads:
            th.join()
        assert s.counter() == 8 * per_thread
        assert t.count() == 8 * per_thread
        assert s.len() == 8 * (per_thread // 100)


def test_close_from_another_thread_during_a_call() -> None:
    base = services.live()
    s = KvStore()
    s.add(7)
    results: List[object] = []
    started = threading.Event()

    def slow() -> None:
        started.set()
        results.append(s.slow_counter(300))

    th = threading.Thread(target=slow)
    th.start()
    started.wait()
    time.sleep(0.05)
    s.close()  # never waits, never frees under the running call
    assert s.closed
    with pytest.raises(ValueError, match="KvStore is closed"):
        s.len()
    th.join()
    assert results == [7], "the call in progress finished with its object"
    assert services.live() == base, "freed by the last call out"


def test_close_and_calls_racing_free_exactly_once() -> None:
    base = services.live()
    for _ in range(20):
        s = KvStore()
        errors: List[BaseException] = []

        def hammer() -> None:
            try:
                while True:
                    s.add(1)
            except ValueError:
                pass
            except BaseException as e:  # noqa: BLE001
                errors.append(e)

        threads = [threading.Thread(target=hammer) for _ in range(4)]
        for th in threads:
            th.start()
        time.sleep(0.002)
        s.close()
        for th in threads:
            th.join()
        assert errors == []
        assert services.live() == base


def test_fallible_constructors() -> None:
    base = services.live()
    with KvStore.open("opened") as s:
        assert s.label() == "opened"
        assert services.live() == base + 1
    for label, variant, message in (
        ("", OpenErrorError.EmptyLabel, "the label is empty"),
        ("reserved-1", OpenErrorError.Reserved, "labels starting with `reserved` are reserved"),
    ):
        with pytest.raises(OpenErrorError) as e:
            KvStore.open(label)
        assert type(e.value) is variant
        assert e.value.value == services.OpenError(2 if variant is OpenErrorError.Reserved else 1)
        assert str(e.value) == message
    with pytest.raises(RustPanic, match="^panic in `kv_store_open`: open panic$"):
        KvStore.open("panic")
    with KvStore.open_or_message("m") as m:
        assert m.label() == "m"
    with pytest.raises(Error) as err:
        KvStore.open_or_message("")
    assert type(err.value) is Error and err.value.value == "the label is empty"
    with Gate(7) as g:
        assert g.code() == 7
    with pytest.raises(OpenErrorError.EmptyLabel):
        Gate(0)
    with pytest.raises(OpenErrorError.Reserved) as e:
        Gate(1)
    assert e.value.value == services.OpenError(2)
    with pytest.raises(RustPanic, match="unlucky gate"):
        Gate(13)
    gc.collect()
    assert services.live() == base, "failed constructors leave nothing alive"


def test_a_busy_second_object_raises_service_in_use() -> None:
    with KvStore() as a, KvStore() as b:
        started = threading.Event()

        def hold() -> None:
            started.set()
            b.slow_add(1, 500)

        th = threading.Thread(target=hold)
        th.start()
        started.wait()
        time.sleep(0.1)
        if c._raw.release_gil or sys.implementation.name == "pypy":
            # (PyPy's ctypes releases the GIL around every foreign call.)
            with pytest.raises(ServiceInUseError, match="is in use by another thread") as e:
                a.merge(b)  # holds `a`, does not wait for `b`
            assert isinstance(e.value, RuntimeError)
        else:
            # Calls keep the GIL: this one starts only after `slow_add` returned.
            assert a.merge(b) == 0
        th.join()
        assert b.counter() == 1
        assert a.merge(b) == 0


def test_eight_threads_merging_two_objects_into_each_other() -> None:
    rounds = 300
    with KvStore.with_label("a") as a, KvStore.with_label("b") as b:
        a.put("ka", b"1")
        b.put("kb", b"2")
        merged = [0] * 8
        busy = [0] * 8
        other: List[BaseException] = []

        def work(i: int) -> None:
            into, source = (a, b) if i % 2 == 0 else (b, a)
            for _ in range(rounds):
                try:
                    into.merge(source)
                except ServiceInUseError as e:
                    if "is in use by another thread" not in str(e):
                        other.append(e)
                    busy[i] += 1
                    continue
                except BaseException as e:  # noqa: BLE001
                    other.append(e)
                    continue
                merged[i] += 1
                into.add(1)

        threads = [threading.Thread(target=work, args=(i,)) for i in range(8)]
        for th in threads:
            th.start()
        for th in threads:
            th.join()
        assert other == []
        assert sum(merged) + sum(busy) == 8 * rounds
        assert a.counter() == sum(merged[0::2])
        assert b.counter() == sum(merged[1::2])
        assert a.len() >= 2


def test_result_methods_and_a_dependent_constructor() -> None:
    with KvStore() as store:
        with pytest.raises(OpenErrorError.EmptyLabel):
            Gate.from_store(store)
        store.add(8)
        with Gate.from_store(store) as g:
            assert g.code() == 8
            assert g.check(8) is None
            with pytest.raises(OpenErrorError.Reserved):
                g.check(9)
            assert g.pick([10, 20, 30], 1) == 20
            assert g.pick(array.array("I", [10, 20, 30]), 2) == 30
            with pytest.raises(OpenErrorError.EmptyLabel):
                g.pick([10], 1)
            assert g.name() == "gate 8"
            assert g.half() == 4
        with Gate(7) as odd:
            assert odd.half() is None


def test_slices_references_and_owned_arguments() -> None:
    with KvStore.from_label("owned") as s:
        assert s.label() == "owned"
        s.put("k", b"value")
        buf = bytearray(3)
        assert s.copy_into("k", buf) == 3
        assert bytes(buf) == b"val"
        out = [0, 0, 0, 0, 0, 0]
        assert s.copy_into("k", out) == 5
        assert out == [118, 97, 108, 117, 101, 0]
        s.add(5)
        by = ctypes.c_uint64(3)
        total = ctypes.c_uint64(0)
        assert s.add_to(by, total) == 8
        assert total.value == 8
