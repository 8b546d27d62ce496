"""Call-overhead benchmark, Python side: the generated package against PyO3 (the same functions
written with PyO3, tests/bench/pyo3-twin, the baseline) and a hand-written minimal ctypes binding
of the fixture's raw_* twins (argtypes/restype set, `ctypes.PyDLL`), in the same process and run.

Usage: python bench.py <dir with the package> <libbench_fixture.so> <dir with bench_pyo3.so>
                       <ms-per-sample> <rounds> <compiled|release-gil|fallback> <construct>...
       python bench.py <dir with the package> <libbench_fixture.so> rss <count>
`compiled` times the package's compiled call path (variant `generated`), PyO3 (`pyo3`) and ctypes
(`ctypes`); `fallback` is run in a second process with INTEROP_PYTHON_CALLS=ctypes and times the
package's ctypes fallback (variant `fallback`) and PyO3; `release-gil` times the compiled path of the
package generated with `release-gil = true` (variant `release_gil`) and PyO3. Every process times
PyO3, so that each ratio pairs samples of one process. Prints SAMPLE/CHECK lines, one sample per case
and round (tests/bench/src/stats.rs); `bench_loop.measure` is the one measuring loop.
`rss` prints the RSS and C heap growth over `count` round trips of a String, a Vec<u32> and a Person
(on whichever call path INTEROP_PYTHON_CALLS selects).
"""

import ctypes
import sys

import bench_holdout  # the rows beyond the budget (next to this file)

package_dir, lib_path = sys.argv[1:3]
sys.path.insert(0, package_dir)

import bench_fixture as gen  # noqa: E402  (the generated package)
from bench_fixture import _native  # noqa: E402

SHORT_TEXT = "hello world"
LONG_TEXT = "a" * 1024
SMALL_BYTES = bytes(1024)
LARGE_BYTES = bytes(1024 * 1024)
MIB = 1024 * 1024


class RawVec3(ctypes.Structure):
    _fields_ = [("x", ctypes.c_float), ("y", ctypes.c_float), ("z", ctypes.c_float)]


class Raw:
    """A hand-written minimal ctypes binding of the raw_* twins."""

    def __init__(self):
        lib = ctypes.PyDLL(lib_path)

        def fn(name, argtypes, restype):
            f = lib[name]
            f.argtypes = argtypes
            f.restype = restype
            return f

        self.noop = fn("raw_noop", [], None)
        self.add = fn("raw_add", [ctypes.c_uint64, ctypes.c_uint64], ctypes.c_uint64)
        self.vec_double = fn("raw_vec_double", [RawVec3], RawVec3)
        self.vec_length_sq = fn("raw_vec_length_sq", [ctypes.POINTER(RawVec3)], ctypes.c_float)
        self.counter_new = fn("raw_counter_new", [ctypes.c_uint64], ctypes.c_void_p)
        self.counter_increment = fn(
            "raw_counter_increment", [ctypes.c_void_p, ctypes.c_uint64], ctypes.c_uint64
        )
        self.counter_destroy = fn("raw_counter_destroy", [ctypes.c_void_p], None)
        size_p = ctypes.POINTER(ctypes.c_size_t)
        self.str_len = fn("raw_str_len", [ctypes.c_char_p, ctypes.c_size_t], ctypes.c_size_t)
        self.bytes_len = fn("raw_bytes_len", [ctypes.c_char_p, ctypes.c_size_t], ctypes.c_size_t)
        self.string_make = fn("raw_string_make", [size_p], ctypes.c_void_p)
        self.string_free = fn("raw_string_free", [ctypes.c_void_p, ctypes.c_size_t], None)
        self.bytes_make = fn("raw_bytes_make", [ctypes.c_size_t, size_p], ctypes.c_void_p)
        self.bytes_free = fn("raw_bytes_free", [ctypes.c_void_p, ctypes.c_size_t], None)
        u64 = ctypes.c_uint64
        self.checked_add = fn("raw_checked_add", [u64, u64, ctypes.POINTER(u64)], ctypes.c_uint8)
        self.meter_new = fn("raw_meter_new", [u64], ctypes.c_void_p)
        self.meter_add = fn("raw_meter_add", [ctypes.c_void_p, u64], u64)
        self.meter_free = fn("raw_meter_free", [ctypes.c_void_p], None)
        self.call_n = fn("raw_call_n", [u64, U64_FN], u64)
        self.call_str_n = fn("raw_call_str_n", [u64, TEXT_FN], u64)
        self.cmp_n = fn("raw_cmp_n", [u64, CMP_FN], u64)


U64_FN = ctypes.CFUNCTYPE(ctypes.c_uint64, ctypes.c_uint64)
# The classic C way of returning text: write into the caller's buffer, return the length.
TEXT_FN = ctypes.CFUNCTYPE(ctypes.c_size_t, ctypes.c_uint64, ctypes.c_void_p, ctypes.c_size_t)
# A comparator (ADR 57): an int whose sign is the answer.
CMP_FN = ctypes.CFUNCTYPE(ctypes.c_int32, ctypes.c_uint32, ctypes.c_uint32)


class RawAddError(Exception):
    """The exception of the hand-written status-code binding (the code in `code`)."""

    def __init__(self, code):
        super().__init__("the sum overflows u64")
        self.code = code


def raw_checked_add(r):
    """A hand-written status-code binding: the status checked, the error raised."""
    f = r.checked_add
    out = ctypes.c_uint64()
    ref = ctypes.byref(out)

    def checked_add(a, b):
        status = f(a, b, ref)
        if status:
            raise RawAddError(status)
        return out.value

    return checked_add


def plus_one(x):
    return x + 1


# The best hand-written callback: one CFUNCTYPE object, made once.
PLUS_ONE = U64_FN(plus_one)


def text(x):
    return SHORT_TEXT


SHORT_UTF8 = SHORT_TEXT.encode("utf-8")
SHORT_UTF8_LEN = len(SHORT_UTF8)


def text_into(x, buf, cap):
    """The pre-encoded text copied into the buffer Rust lends (nothing if it does not fit)."""
    if cap < SHORT_UTF8_LEN:
        return 0
    ctypes.memmove(buf, SHORT_UTF8, SHORT_UTF8_LEN)
    return SHORT_UTF8_LEN


TEXT_INTO = TEXT_FN(text_into)


def cmp(a, b):
    return (a > b) - (a < b)


CMP = CMP_FN(cmp)


def noop_with(f):
    def run(n):
        for _ in range(n):
            f()
        return n

    return run


def add_with(f):
    def run(n):
        acc = 0
        for i in range(n):
            acc = f(acc, i)
        return acc

    return run


def struct_value_with(f, make):
    def run(n):
        v = make(1.0, 2.0, 3.0)
        acc = 0.0
        for _ in range(n):
            r = f(v)
            acc += r.x
            v.y = r.x
        return int(acc)

    return run


def struct_ref_with(f, make):
    def run(n):
        v = make(1.0, 2.0, 3.0)
        acc = 0.0
        for _ in range(n):
            acc += f(v)
        return int(acc)

    return run


def handle_method(new, destroy):
    """`counter.increment(1)`: a method call on an object, looked up each time."""

    def run(n):
        c = new(0)
        last = 0
        for _ in range(n):
            last = c.increment(1)
        destroy(c)
        return last

    return run


def handle_raw(r):
    def run(n):
        c = r.counter_new(0)
        inc = r.counter_increment
        last = 0
        for _ in range(n):
            last = inc(c, 1)
        r.counter_destroy(c)
        return last

    return run


def len_with(f, value):
    """`f(value)` returning a length: `str_len(text)`, `bytes_len(data)`."""

    def run(n):
        acc = 0
        for _ in range(n):
            acc += f(value)
        return acc

    return run


def str_raw(r, text):
    def run(n):
        f = r.str_len
        acc = 0
        for _ in range(n):
            b = text.encode("utf-8")
            acc += f(b, len(b))
        return acc

    return run


def bytes_raw(r, data):
    def run(n):
        f = r.bytes_len
        acc = 0
        for _ in range(n):
            acc += f(data, len(data))
        return acc

    return run


def string_ret_with(f):
    def run(n):
        acc = 0
        for _ in range(n):
            s = f()
            acc += len(s) + ord(s[0])
        return acc

    return run


def string_ret_raw(r):
    def run(n):
        make, free = r.string_make, r.string_free
        length = ctypes.c_size_t()
        ref = ctypes.byref(length)
        acc = 0
        for _ in range(n):
            p = make(ref)
            try:
                s = ctypes.string_at(p, length.value).decode("utf-8")
            finally:
                free(p, length.value)
            acc += len(s) + ord(s[0])
        return acc

    return run


def vec_ret_with(f):
    def run(n):
        acc = 0
        for _ in range(n):
            b = f(MIB)
            acc += len(b) + b[-1]
        return acc

    return run


def vec_ret_raw(r):
    def run(n):
        make, free = r.bytes_make, r.bytes_free
        length = ctypes.c_size_t()
        ref = ctypes.byref(length)
        acc = 0
        for _ in range(n):
            p = make(MIB, ref)
            try:
                b = ctypes.string_at(p, length.value)
            finally:
                free(p, length.value)
            acc += len(b) + b[-1]
        return acc

    return run


def result_ok_with(f):
    def run(n):
        acc = 0
        for i in range(n):
            acc += f(acc & 0xFFFF, i)
        return acc

    return run


def result_err_with(f, error, code):
    """`f` raising `error` on every call; the checksum adds the error's code."""

    def run(n):
        acc = 0
        big = (1 << 64) - 1
        for i in range(n):
            try:
                acc += f(big, i + 1)
            except error as e:
                acc += 1000 * code(e)
        return acc

    return run


def service_method(new, close):
    """`meter.add(1)`: a service method call on an object."""

    def run(n):
        m = new(0)
        last = 0
        for _ in range(n):
            last = m.add(1)
        close(m)
        return last

    return run


def service_raw(r):
    def run(n):
        m = r.meter_new(0)
        add = r.meter_add
        last = 0
        for _ in range(n):
            last = add(m, 1)
        r.meter_free(m)
        return last

    return run


def callback_with(f, callable_):
    """One call of `f(n, callable_)`, which calls it n times: the time is per invocation."""

    def run(n):
        return f(n, callable_)

    return run


def module_cases(m, variant, vec3, counter, api):
    """The cases of a module with the fixture's functions (the package, PyO3's twin); `api` holds
    the `Result` error class, how to read its code, and the service's constructor and closer."""
    error, code, meter_new, meter_close = api
    return {
        f"result_ok/{variant}": result_ok_with(m.checked_add),
        f"result_err/{variant}": result_err_with(m.checked_add, error, code),
        f"service/{variant}": service_method(meter_new, meter_close),
        f"callback/{variant}": callback_with(m.call_n, plus_one),
        f"callback_str/{variant}": callback_with(m.call_str_n, text),
        f"callback_cmp/{variant}": callback_with(m.cmp_n, cmp),
        f"noop/{variant}": noop_with(m.noop),
        f"add/{variant}": add_with(m.add),
        f"struct_value/{variant}": struct_value_with(m.vec_double, vec3),
        f"struct_ref/{variant}": struct_ref_with(m.vec_length_sq, vec3),
        f"handle/{variant}": counter,
        f"str_short/{variant}": len_with(m.str_len, SHORT_TEXT),
        f"str_long/{variant}": len_with(m.str_len, LONG_TEXT),
        f"bytes_small/{variant}": len_with(m.bytes_len, SMALL_BYTES),
        f"bytes_large/{variant}": len_with(m.bytes_len, LARGE_BYTES),
        f"string_ret/{variant}": string_ret_with(m.string_make),
        f"vec_ret/{variant}": vec_ret_with(m.bytes_make),
    }


def package_cases(variant):
    api = (gen.AddErrorError, lambda e: int(e.value), gen.Meter, gen.Meter.close)
    cases = module_cases(
        gen, variant, gen.Vec3, handle_method(gen.Counter.new, gen.Counter.destroy), api
    )
    cases.update(bench_holdout.cases(variant, gen))
    return cases


def ctypes_cases(raw):
    return {
        "noop/ctypes": noop_with(raw.noop),
        "add/ctypes": add_with(raw.add),
        "struct_value/ctypes": struct_value_with(raw.vec_double, RawVec3),
        "struct_ref/ctypes": struct_ref_with(raw.vec_length_sq, RawVec3),
        "handle/ctypes": handle_raw(raw),
        "str_short/ctypes": str_raw(raw, SHORT_TEXT),
        "str_long/ctypes": str_raw(raw, LONG_TEXT),
        "bytes_small/ctypes": bytes_raw(raw, SMALL_BYTES),
        "bytes_large/ctypes": bytes_raw(raw, LARGE_BYTES),
        "string_ret/ctypes": string_ret_raw(raw),
        "vec_ret/ctypes": vec_ret_raw(raw),
        "result_ok/ctypes": result_ok_with(raw_checked_add(raw)),
        "result_err/ctypes": result_err_with(raw_checked_add(raw), RawAddError, lambda e: e.code),
        "service/ctypes": service_raw(raw),
        "callback/ctypes": callback_with(raw.call_n, PLUS_ONE),
        "callback_str/ctypes": callback_with(raw.call_str_n, TEXT_INTO),
        "callback_cmp/ctypes": callback_with(raw.cmp_n, CMP),
    }


class MallInfo2(ctypes.Structure):
    _fields_ = [(name, ctypes.c_size_t) for name in (
        "arena", "ordblks", "smblks", "hblks", "hblkhd", "usmblks", "fsmblks", "uordblks", "fordblks",
        "keepcost")]


def heap_bytes():
    """Bytes the C heap (malloc, where Rust and Python allocate) has in use."""
    mallinfo2 = ctypes.CDLL("libc.so.6").mallinfo2
    mallinfo2.restype = MallInfo2
    m = mallinfo2()
    return m.uordblks + m.hblkhd


def rss_bytes():
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * 4096


def rss(count):
    """`rss <count>`: the RSS growth (bytes) over `count` round trips of a String, a Vec<u32> and a
    Person, after a warm-up of a tenth of that."""
    import array
    import gc

    values = array.array("I", range(64))
    person = gen.Person("Ann", ["a", "b"], 41)
    trips = [
        ("string", lambda: gen.string_echo("round trip \u00e9 \u65e5\u672c")),
        ("vec_u32", lambda: gen.vec_u32_echo(values)),
        ("person", lambda: gen.person_echo(person)),
    ]
    for name, trip in trips:
        for _ in range(count // 10):
            trip()
        gc.collect()
        before = rss_bytes()
        heap_before = heap_bytes()
        for _ in range(count):
            trip()
        gc.collect()
        print(f"RSS {name} {count} {rss_bytes() - before} {heap_bytes() - heap_before}")
    print(f"PATH {_native.path}")
    sys.stdout.flush()


def pyo3_cases(pyo3_dir):
    """PyO3's twin of every construct: the baseline, timed in every process."""
    sys.path.insert(0, pyo3_dir)
    import bench_pyo3 as p

    api = (p.AddError, lambda e: e.args[0], p.Meter, lambda m: None)
    cases = module_cases(p, "pyo3", p.Vec3, handle_method(p.Counter, lambda c: None), api)
    cases.update(bench_holdout.cases("pyo3", p))
    return cases


def cases_for(mode, pyo3_dir):
    """Every case of a process, `{"<construct>/<variant>": run}` with `run(n)` making n calls and
    returning a checksum. Rows from another module are added here as one more dict of that shape
    (its cases are grouped with the others of their construct by `bench_loop.measure`)."""
    if mode == "compiled":
        cases = package_cases("generated")
        cases.update(ctypes_cases(Raw()))
    elif mode == "release-gil":
        cases = package_cases("release_gil")
    else:
        cases = package_cases("fallback")
    cases.update(pyo3_cases(pyo3_dir))
    return cases


def calls(pyo3_dir, target_ms, rounds, mode, constructs):
    from bench_fixture import _raw
    from bench_loop import measure

    expected = "ctypes" if mode == "fallback" else "compiled"
    if _native.path != expected:
        sys.exit(f"the package uses the {_native.path} call path, expected {expected}: {_native.reason}")
    if _raw.release_gil is not (mode == "release-gil"):
        sys.exit(f"the package was generated with release-gil = {_raw.release_gil} ({mode})")
    measure(cases_for(mode, pyo3_dir), constructs, target_ms, rounds)


if sys.argv[3] == "rss":
    rss(int(sys.argv[4]))
else:
    calls(sys.argv[3], float(sys.argv[4]), int(sys.argv[5]), sys.argv[6], sys.argv[7:])
