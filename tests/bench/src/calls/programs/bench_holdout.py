"""The Python rows beyond the budget (issue 15): the calls a maintainer's own side-by-side benchmark
makes the way a Python user writes them, which the budget rows of bench.py do not take. The
generated package (tests/bench/fixture/src/holdout.rs) against the same functions written with PyO3
(tests/bench/pyo3-twin/src/holdout.rs). bench.py imports `cases` and times them with its own loop.

Each case is `run(n) -> int`: n calls, a checksum that both variants must agree on.
"""

import array
import threading

LIST_1K = list(range(1024))
ARRAY_1K = array.array("I", LIST_1K)


class Api:
    """How one variant spells the calls: the module, the enum, the class, the getter, and the
    function a thread calls (with the GIL released where the variant does that)."""

    def __init__(self, m, color, tally, total, threaded_add):
        self.m = m
        self.color = color
        self.tally = tally
        self.total = total
        self.threaded_add = threaded_add


def kwargs(api):
    """`add(a=…, b=…)`: keyword arguments."""
    add = api.m.add

    def run(n):
        acc = 0
        for i in range(n):
            acc = add(a=acc, b=i)
        return acc

    return run


def method_args(api):
    """`t.record(amount, times, double)`: a method with three arguments of mixed types."""

    def run(n):
        t = api.tally(0)
        last = 0
        for i in range(n):
            last = t.record(i & 7, 3, True)
        return last

    return run


def ctor_drop(api):
    """`Tally(5)`, dropped right away (its reference count reaches zero)."""
    tally = api.tally

    def run(n):
        for _ in range(n):
            tally(5)
        return n

    return run


def getter(api):
    """The tally's total: `t.total()` (a method) or `t.total` (PyO3's `#[getter]`)."""
    total = api.total

    def run(n):
        t = api.tally(7)
        acc = 0
        for _ in range(n):
            acc += total(t)
        return acc

    return run


def static_method(api):
    """`Tally.limit()`: a static method, looked up on the class each time."""
    tally = api.tally

    def run(n):
        acc = 0
        for _ in range(n):
            acc += tally.limit()
        return acc & 0xFFFFFFFF

    return run


def opt_none(api):
    f = api.m.opt_double

    def run(n):
        acc = 0
        for _ in range(n):
            if f(None) is None:
                acc += 1
        return acc

    return run


def opt_some(api):
    f = api.m.opt_double

    def run(n):
        acc = 0
        for i in range(n):
            acc += f(i & 0xFFFF)
        return acc

    return run


def f64_bool(api):
    """`scale(x: f64, flip: bool) -> f64`."""
    f = api.m.scale

    def run(n):
        acc = 0.0
        for i in range(n):
            acc += f(2.0, i & 1 == 0)
        return int(acc)

    return run


def bool_ret(api):
    """`is_even(u64) -> bool`."""
    f = api.m.is_even

    def run(n):
        acc = 0
        for i in range(n):
            if f(i):
                acc += 1
        return acc

    return run


def enum_arg(api):
    """`next_color(Color) -> Color`."""
    f = api.m.next_color
    blue = api.color

    def run(n):
        c = blue
        acc = 0
        for _ in range(n):
            c = f(c)
            if c == blue:
                acc += 1
        return acc

    return run


def record_ret(api):
    """`vec_make(x, y, z) -> Vec3`: a record returned by value."""
    f = api.m.vec_make

    def run(n):
        acc = 0.0
        for _ in range(n):
            acc += f(1.0, 2.0, 3.0).y
        return int(acc)

    return run


def vec_u32_ret(api):
    """`range_u32(1024) -> Vec<u32>` (an `array.array` in the package, a `list` from PyO3)."""
    f = api.m.range_u32

    def run(n):
        acc = 0
        for _ in range(n):
            v = f(1024)
            acc += len(v) + v[-1]
        return acc

    return run


def slice_with(api, values):
    """`sum_u32(values)`: 1 K `u32` from a `list` or an `array.array('I')`."""
    f = api.m.sum_u32

    def run(n):
        acc = 0
        for _ in range(n):
            acc += f(values)
        return acc

    return run


def mix6(api):
    """`mix(u8, i32, f64, bool, u64, &str) -> f64`: six arguments of mixed types."""
    f = api.m.mix

    def run(n):
        acc = 0.0
        for i in range(n):
            acc += f(1, -2, 3.5, True, i, "abc")
        return int(acc)

    return run


def plus(a, b):
    return (a + b) & 0xFFFFFFFF


def callback2(api):
    """One invocation of a callback with two arguments and a result (`fold_n(n, plus)`)."""
    f = api.m.fold_n

    def run(n):
        return f(n, plus)

    return run


def thread_add(api):
    """`add(acc, i)` called n times on a thread of its own (with `release-gil`: the GIL released
    around each call; PyO3: `py.detach`)."""
    add = api.threaded_add

    def run(n):
        out = [0]

        def work():
            acc = 0
            for i in range(n):
                acc = add(acc, i)
            out[0] = acc

        t = threading.Thread(target=work)
        t.start()
        t.join()
        return out[0]

    return run


# (key, case): the table's rows (their labels: tests/bench/src/calls/python.rs, `HOLDOUT`).
ROWS = [
    ("kwargs", kwargs),
    ("method_args", method_args),
    ("ctor_drop", ctor_drop),
    ("getter", getter),
    ("static", static_method),
    ("opt_none", opt_none),
    ("opt_some", opt_some),
    ("f64_bool", f64_bool),
    ("bool_ret", bool_ret),
    ("enum", enum_arg),
    ("record_ret", record_ret),
    ("vec_u32_ret", vec_u32_ret),
    ("slice_list", lambda api: slice_with(api, LIST_1K)),
    ("slice_array", lambda api: slice_with(api, ARRAY_1K)),
    ("mix6", mix6),
    ("callback2", callback2),
    ("thread", thread_add),
]


def package_api(gen):
    return Api(gen, gen.Color.BLUE, gen.Tally, gen.Tally.total, gen.add)


def pyo3_api(p):
    return Api(p, p.Color.Blue, p.Tally, lambda t: t.total, p.add_detached)


def cases(variant, module):
    """The cases of `variant` (`generated`, `release_gil`, `fallback`: the generated package;
    `pyo3`: the PyO3 twin), keyed `<row>/<variant>`."""
    api = pyo3_api(module) if variant == "pyo3" else package_api(module)
    return {f"{key}/{variant}": make(api) for key, make in ROWS}
