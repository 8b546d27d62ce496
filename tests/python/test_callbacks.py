"""Callbacks, from Python: the functions of the conformance fixture's `callbacks` feature, against
the INSTALLED wheel (tests/python/callbacks.rs builds it with `--features callbacks,callback_args`,
installs it into a fresh venv and runs this file once per call path).

Covers functions, lambdas, bound methods and objects with `__call__`; visitors, predicates and
comparators; kept callables released when Rust drops them (weakref); 8 Rust threads x 100,000 calls
with no lost call; returned Rust closures (call, close, context manager, a panic inside); plain
function pointers; borrowed arguments (copies) and more shapes of Interoptopus's reference project.
Callbacks that fail (results, exceptions, arguments that do not convert) are in
test_callback_errors.py.
"""

from __future__ import annotations

import functools
import gc
import operator
import os
import platform
import threading
import time
import weakref
from typing import Any, List

import pytest

import conformance as c
from conformance import RustPanic, _raw
from conformance.callbacks import CbPoint, Emitter
from conformance import CbErrorError
from conformance.callbacks import CbError
from conformance.callbacks import (
    label_words,
    pass_pointer,
    tick_times,
    with_bytes,
)
from conformance.callbacks import (
    check_all,
)
from conformance.callbacks import (
    each_line,
    log_on_thread,
    measure,
    visit_chunks,
    visit_points,
)
from conformance.callbacks import (
    apply_fn,
    apply_optional_fn,
    call_from_threads,
    call_named,
    call_on_rust_thread,
    call_twice,
    combine,
    count_matching,
    count_to,
    get_triple,
    greet,
    make_adder,
    make_divider,
    map_point,
    sort_with,
    visit,
)

RELEASE_GIL = os.environ.get("INTEROP_EXPECT_RELEASE_GIL", "") == "1"
CALLS = os.environ.get("INTEROP_EXPECT_CALLS", "")


def test_call_path() -> None:
    # On the compiled path, closures of the generic impls (numbers, bool, records, owned strings;
    # borrowed, kept, optional, named) are compiled (ADR 33); closures `#[ffi]` expands itself
    # (borrowed arguments, `Result` returns), `&mut [T]` and plain function pointers stay on ctypes.
    from conformance import _native

    assert _native.path == CALLS
    if CALLS != "compiled":
        return
    import types

    print(_native.fallbacks)
    compiled = [
        (c.callbacks, "call_named"), (c.callbacks, "call_twice"), (c.callbacks, "count_to"),
        (c.callbacks, "visit"), (c.callbacks, "count_matching"), (c.callbacks, "combine"),
        (c.callbacks, "map_point"), (c.callbacks, "greet"), (c.callbacks, "call_from_threads"),
        (c.callbacks, "call_on_rust_thread"), (c.callbacks, "halve_with"),
        (c.callbacks, "sort_with"),
    ]
    for module, name in compiled:
        assert not isinstance(getattr(module, name), types.FunctionType), (
            name, {k: v for k, v in _native.fallbacks.items() if name in k}
        )
    for name in ["apply_fn", "each_line", "validate_up_to"]:
        assert isinstance(getattr(c.callbacks, name), types.FunctionType), name


def test_mode_and_raw_layer() -> None:
    assert _raw.release_gil is RELEASE_GIL
    assert c is not None
    assert _raw.pending.value == 0


def test_borrowed_callables_of_every_kind() -> None:
    assert call_named(lambda x: x * 2, 21) == 42
    assert call_twice(lambda x: x + 1, 5) == 7

    def plus_hundred(x: int) -> int:
        return x + 100

    assert call_twice(plus_hundred, 1) == 201

    class Adder:
        def __init__(self) -> None:
            self.total = 0

        def add(self, v: int) -> None:
            self.total += v

        def __call__(self, v: int) -> None:
            self.total += 10 * v

    adder = Adder()
    count_to(5, adder.add)
    assert adder.total == 10
    count_to(3, adder)
    assert adder.total == 40


def test_borrowed_callables_while_the_gil_changes_hands() -> None:
    # `call_twice` and `count_to` take closures without `Send` and keep the GIL: on the compiled
    # path their invocations run on the calling thread without taking the GIL again (ADR 43). A
    # callable that gives the GIL up (a thread started and joined, a sleep) while other threads
    # make the same calls: every call sees its own callable and its own results.
    errors: List[BaseException] = []

    def worker(k: int) -> None:
        try:
            for i in range(200):
                assert call_twice(lambda x: x + k, i) == i + 2 * k
        except BaseException as e:  # noqa: BLE001 (reported below)
            errors.append(e)

    def slow(x: int) -> int:
        t = threading.Thread(target=worker, args=(x,))
        t.start()
        t.join()
        time.sleep(0.001)
        return x * 3

    assert call_twice(slow, 2) == 18
    seen: List[int] = []
    count_to(4, lambda i: seen.append(call_twice(slow, i)))
    assert seen == [0, 9, 18, 27]
    assert errors == []


def test_callables_of_builtin_types_and_results_converted_inline() -> None:
    # Numbers and bools cross inline (ADR 43); callables with their own vectorcall (functions,
    # bound methods, builtins) are called through it, the others through `tp_call`.
    assert call_twice(functools.partial(operator.add, 10), 1) == 21
    assert call_twice((5).__add__, 1) == 11
    assert call_twice(abs, 3) == 3
    assert combine(lambda a, b: a - b, 2, 5) == -3
    assert combine(max, -7, -9) == -7
    assert count_matching(list(range(1, 11)), lambda v: v > 7) == 3

    class Int(int):
        pass

    assert call_twice(lambda x: Int(x + 1), 1) == 3, "an int subclass: the parameter's conversion"
    assert call_twice(lambda x: 2**32 - 1, 0) == 2**32 - 1
    if CALLS == "compiled":
        # A record from a callback: the compiled path only (ctypes cannot return one).
        assert map_point(CbPoint(x=1.5, y=2.0), lambda p: CbPoint(x=p.y, y=p.x)) == 2.5

        class Index:
            def __index__(self) -> int:
                return 7

        assert call_twice(lambda x: Index(), 0) == 7  # type: ignore[arg-type, return-value]
        with pytest.raises(OverflowError):
            call_twice(lambda x: 2**32, 0)
        with pytest.raises(OverflowError):
            call_twice(lambda x: -1, 0)
        with pytest.raises(TypeError):
            count_matching([1], lambda v: 1)  # type: ignore[arg-type, return-value]
    assert _raw.pending.value == 0


def test_visitor_predicate_comparator() -> None:
    seen: List[int] = []
    count_to(4, seen.append)
    assert seen == [0, 1, 2, 3]
    pairs: List[str] = []
    visit([10, 20, 30], lambda i, v: pairs.append(f"{i}:{v}"))
    assert pairs == ["0:10", "1:20", "2:30"]
    assert count_matching(list(range(1, 11)), lambda v: v % 2 == 0) == 5
    values = [5, -3, 9, 0, 2, 2]
    sort_with(values, lambda a, b: (a > b) - (a < b))
    assert values == [-3, 0, 2, 2, 5, 9]
    sort_with(values, lambda a, b: b - a)
    assert values == [9, 5, 2, 2, 0, -3]


def test_optional_callback_and_owned_string_argument() -> None:
    assert combine(None, 2, 3) == 5
    assert combine(lambda a, b: a * b, 2, 3) == 6
    got: List[str] = []
    greet("C\u00e9sar", got.append)
    assert got == ["Hello, C\u00e9sar!"]


def test_borrowed_arguments_are_copies_the_callable_may_keep() -> None:
    # `&str` arrives as `str`, `&[u64]` as `array.array`, `&[T]` of records as a list, `&T` as a
    # copy of the record: copied out of the memory Rust lends for the call, so they stay valid.
    lines: List[str] = []
    assert each_line("one\nd\u00e9j\u00e0 vu\n\nlast", lines.append) == 4
    assert lines == ["one", "d\u00e9j\u00e0 vu", "", "last"]

    chunks: List[Any] = []

    def chunk_sum(chunk: Any) -> int:
        chunks.append(chunk)
        return sum(chunk) * 10

    assert visit_chunks([1, 2, 3, 4, 5, 6, 7], 3, chunk_sum) == 280
    assert [list(c) for c in chunks] == [[1, 2, 3], [4, 5, 6], [7]], "kept chunks are intact"
    assert all(c.typecode == "Q" for c in chunks)
    assert visit_chunks([], 2, lambda chunk: 1) == 0

    seen: List[Any] = []

    def visitor(i: int, p: CbPoint) -> bool:
        seen.append((i, p))
        return i < 1

    points = [CbPoint(1, 2), CbPoint(3, 4), CbPoint(5, 6)]
    assert visit_points(points, visitor) == 2
    assert [(i, p.x, p.y) for i, p in seen] == [(0, 1, 2), (1, 3, 4)]
    assert isinstance(seen[0][1], CbPoint)

    assert measure(None, "h\u00e9") == 3
    assert measure(len, "h\u00e9") == 2

    def collecting(text: str) -> int:
        gc.collect()
        return len(text)

    assert measure(collecting, "gc") == 2

    logged: List[str] = []
    log_on_thread(logged.append, "from Rust")
    assert logged == ["from Rust", "9 bytes"]

    error = RuntimeError("bad line")

    def failing(line: str) -> None:
        raise error

    with pytest.raises(RuntimeError) as info:
        each_line("a\nb", failing)
    assert info.value is error
    assert _raw.pending.value == 0


def test_shapes_of_the_interoptopus_reference_project() -> None:
    ticks: List[int] = []
    assert tick_times(3, lambda: ticks.append(1)) == 3
    assert len(ticks) == 3
    kept: List[bytes] = []

    def last_plus_len(b: bytes) -> int:
        kept.append(b)
        return b[4] + len(b)

    assert with_bytes(5, last_plus_len) == 9
    assert kept == [b"\x00\x01\x02\x03\x04"], "&[u8] as bytes (a copy)"
    seen: List[Any] = []
    assert pass_pointer(1234, lambda p: seen.append(p) is None)
    assert seen == [1234], "the opaque pointer came back"
    assert pass_pointer(None, lambda p: p is None)
    labels: List[str] = []
    assert label_words("alpha beta  gamma", lambda l: labels.append(f"{l.index}={l.text}")) == 3
    assert labels == ["0=ALPHA", "1=BETA", "2=GAMMA"]


def test_struct_return_from_a_callback_is_refused_clearly() -> None:
    if CALLS == "compiled":
        # The compiled path's trampoline returns records by value (ADR 33).
        assert map_point(CbPoint(1, 2), lambda p: CbPoint(p.x * 3, p.y * 2)) == 5.0
        with pytest.raises(TypeError):
            map_point(CbPoint(1, 2), lambda p: 7)  # type: ignore[arg-type, return-value]
        return
    # ctypes cannot return a struct by value from a callback.
    with pytest.raises(NotImplementedError, match="ctypes cannot make this callback"):
        map_point(CbPoint(1, 2), lambda p: p)


def test_kept_callable_released_when_rust_drops_it() -> None:
    emitter = Emitter.create()
    sink: List[int] = []

    class Handler:
        def __call__(self, v: int) -> None:
            sink.append(v)

    handler = Handler()
    ref = weakref.ref(handler)
    assert emitter.subscribe(handler) == 1
    del handler
    gc.collect()
    assert ref() is not None, "alive while Rust holds it"
    assert emitter.emit(7) == 1
    emitter.emit_on_thread(3)
    assert sink == [7, 0, 1, 2]

    error = LookupError("handler failed")

    def failing(v: int) -> None:
        if v == 99:
            raise error

    emitter.subscribe(failing)
    with pytest.raises(LookupError) as info:
        emitter.emit(99)
    assert info.value is error

    emitter.clear()
    gc.collect()
    assert ref() is None, "released when Rust drops it"
    assert emitter.emit(1) == 0

    logged: List[int] = []
    emitter.set_logger(logged.append)
    assert emitter.log(40) and emitter.log(2)
    assert logged == [40, 2]
    emitter.set_logger(None)
    assert not emitter.log(1)
    Emitter.destroy(emitter)


# INTEROP_TEST_SCALE (a fraction, default 1) scales the long loops below: the same wheel's runs on
# the other interpreters (tests/python/interpreters.rs) set it below 1, where the point is that the
# wheel works there; the full counts run on the main interpreter, on both call paths.
SCALE = float(os.environ.get("INTEROP_TEST_SCALE", "1"))


def test_eight_rust_threads_times_100000_calls() -> None:
    threads, calls = 8, max(1000, int(100_000 * SCALE))
    count = [0]
    lock = threading.Lock()

    def f(x: int) -> int:
        with lock:
            count[0] += 1
            if count[0] % max(1, threads * calls // 4) == 0:
                gc.collect()
        return x % 1000

    expected = sum(i % 1000 for i in range(threads * calls))
    assert call_from_threads(f, threads, calls) == expected
    assert count[0] == threads * calls


def test_returned_closures() -> None:
    with make_adder(10) as add:
        assert add(5) == 15
        assert call_twice(add, 0) == 20, "a Rust closure passed back to Rust"
        results: List[int] = []

        def worker() -> None:
            results.append(sum(add(i) for i in range(1000)))

        workers = [threading.Thread(target=worker) for _ in range(4)]
        for w in workers:
            w.start()
        for w in workers:
            w.join()
        assert results == [499500 + 10000] * 4
    with pytest.raises(ValueError, match="closed"):
        add(1)
    add.close()

    with make_adder(1) as add:
        # Arguments are checked as a function's are (ctypes alone would wrap 2**32 to 0).
        with pytest.raises(OverflowError, match=r"^argument 1: 4294967296 is out of range"):
            add(2**32)
        with pytest.raises(OverflowError, match=r"^argument 1: -1 is out of range"):
            add(-1)
        with pytest.raises(TypeError, match=r"^argument 1: expected int, got str$"):
            add("x")  # type: ignore[arg-type]
        assert add(4294967294) == 4294967295

    divide = make_divider()
    assert divide(4) == 25
    with pytest.raises(RustPanic, match="^panic in closure returned by `make_divider`: division by zero$"):
        divide(0)
    assert divide(5) == 20
    divide.close()
    for i in range(100):
        make_adder(i)  # never closed: the finalizer frees it
    gc.collect()


def test_function_pointers() -> None:
    assert apply_fn(lambda x: x * 5, 3) == 15
    assert apply_optional_fn(None, 3) == 3
    assert apply_optional_fn(lambda x: x * 5, 4) == 20
    triple = get_triple()
    assert triple is not None
    assert triple(4) == 12
    assert apply_fn(triple, 5) == 15
    with pytest.raises(TypeError):
        apply_fn(None, 1)  # type: ignore[arg-type]


def rss_kib() -> int:
    with open("/proc/self/statm") as f:
        pages = int(f.read().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") // 1024


def grows_by_kib(n: int, round_trip: Any) -> int:
    # Warm up allocators and caches; PyPy's JIT and GC heap keep growing for longer (about 10 MiB
    # over the first 20,000 round trips of a returned closure, then nothing).
    warm_up = n if platform.python_implementation() == "PyPy" else n // 10
    for _ in range(warm_up):
        round_trip()
    gc.collect()
    before = rss_kib()
    for _ in range(n):
        round_trip()
    gc.collect()
    return rss_kib() - before


def test_callback_round_trips_do_not_leak() -> None:
    emitter = Emitter.create()

    def kept() -> None:
        emitter.subscribe(lambda v: None)
        emitter.clear()

    def odd(v: int) -> int:
        if v == 1:
            raise CbErrorError(CbError.ODD)
        return v

    def closure() -> None:
        with make_adder(1) as add:
            add(1)

    trips = {
        "kept": kept,
        "borrowed &str": lambda: each_line("a\nb", lambda line: None),
        "Result": lambda: check_all([1, 2], odd),
        "returned closure": closure,
    }
    for name, trip in trips.items():
        trips_n = max(1000, int(20000 * SCALE))
        grown = grows_by_kib(trips_n, trip)
        assert grown < 5 * 1024, f"{name}: RSS grew by {grown} KiB over {trips_n} round trips"
    assert not _raw.pending.value
    Emitter.destroy(emitter)
