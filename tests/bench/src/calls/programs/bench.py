"""Call-overhead benchmark, Python side: the generated package against hand-written minimal ctypes
bindings (argtypes/restype set) of the fixture's raw_* twins, in the same process and run: one loaded
like the generated package's (`ctypes.PyDLL` or `ctypes.CDLL`, whichever `_raw` uses), the baseline, and
one with `ctypes.CDLL`, the usual choice. Also times the generated package's own ctypes layer (`_raw`)
called directly, to show what any Python-level wrapper costs.

Usage: python bench.py <dir-containing-the-package> <libbench_fixture.so> <ms-per-sample> <runs>
Prints SAMPLE/CHECK lines (see tests/bench/src/stats.rs).
"""

import ctypes
import sys
import time

sys.path.insert(0, sys.argv[1])

import bench_fixture as gen  # noqa: E402  (the generated package)
from bench_fixture import _raw as gen_raw  # noqa: E402

# The same loader as the generated package (PyDLL keeps the GIL; CDLL releases it around each call).
SAME_LOADER = type(gen_raw._lib)


class RawVec3(ctypes.Structure):
    _fields_ = [("x", ctypes.c_float), ("y", ctypes.c_float), ("z", ctypes.c_float)]


class Raw:
    """A hand-written minimal binding of the raw_* twins."""

    def __init__(self, loader):
        lib = loader(sys.argv[2])
        self.noop = lib.raw_noop
        self.noop.argtypes = []
        self.noop.restype = None
        self.add = lib.raw_add
        self.add.argtypes = [ctypes.c_uint64, ctypes.c_uint64]
        self.add.restype = ctypes.c_uint64
        self.vec_double = lib.raw_vec_double
        self.vec_double.argtypes = [RawVec3]
        self.vec_double.restype = RawVec3
        self.vec_length_sq = lib.raw_vec_length_sq
        self.vec_length_sq.argtypes = [ctypes.POINTER(RawVec3)]
        self.vec_length_sq.restype = ctypes.c_float
        self.counter_new = lib.raw_counter_new
        self.counter_new.argtypes = [ctypes.c_uint64]
        self.counter_new.restype = ctypes.c_void_p
        self.counter_increment = lib.raw_counter_increment
        self.counter_increment.argtypes = [ctypes.c_void_p, ctypes.c_uint64]
        self.counter_increment.restype = ctypes.c_uint64
        self.counter_destroy = lib.raw_counter_destroy
        self.counter_destroy.argtypes = [ctypes.c_void_p]
        self.counter_destroy.restype = None
        self.str_len = lib.raw_str_len
        self.str_len.argtypes = [ctypes.c_char_p, ctypes.c_size_t]
        self.str_len.restype = ctypes.c_size_t
        self.bytes_len = lib.raw_bytes_len
        self.bytes_len.argtypes = [ctypes.c_char_p, ctypes.c_size_t]
        self.bytes_len.restype = ctypes.c_size_t
        self.string_make = lib.raw_string_make
        self.string_make.argtypes = [ctypes.POINTER(ctypes.c_size_t)]
        self.string_make.restype = ctypes.c_void_p
        self.string_free = lib.raw_string_free
        self.string_free.argtypes = [ctypes.c_void_p, ctypes.c_size_t]
        self.string_free.restype = None
        self.bytes_make = lib.raw_bytes_make
        self.bytes_make.argtypes = [ctypes.c_size_t, ctypes.POINTER(ctypes.c_size_t)]
        self.bytes_make.restype = ctypes.c_void_p
        self.bytes_free = lib.raw_bytes_free
        self.bytes_free.argtypes = [ctypes.c_void_p, ctypes.c_size_t]
        self.bytes_free.restype = None


raw = Raw(SAME_LOADER)
raw_cdll = Raw(ctypes.CDLL)


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


def handle_generated(n):
    c = gen.Counter.new(0)
    inc = c.increment
    last = 0
    for _ in range(n):
        last = inc(1)
    gen.Counter.destroy(c)
    return last


def handle_generated_ctypes(n):
    c = gen.Counter.new(0)
    inc = gen_raw.counter_increment
    last = 0
    for _ in range(n):
        last = inc(c, 1)
    gen.Counter.destroy(c)
    return last


def handle_raw_with(r):
    def run(n):
        c = r.counter_new(0)
        inc = r.counter_increment
        last = 0
        for _ in range(n):
            last = inc(c, 1)
        r.counter_destroy(c)
        return last

    return run


SHORT_TEXT = "hello world"
LONG_TEXT = "a" * 1024
SMALL_BYTES = bytes(1024)
LARGE_BYTES = bytes(1024 * 1024)
MIB = 1024 * 1024

from bench_fixture import _types as gen_types  # noqa: E402


def str_generated(text):
    def run(n):
        f = gen.str_len
        acc = 0
        for _ in range(n):
            acc += f(text)
        return acc

    return run


def str_ctypes(text):
    def run(n):
        f = gen_raw.str_len
        view = gen_types._ViewIn
        acc = 0
        for _ in range(n):
            b = text.encode("utf-8")
            acc += f(view(b, len(b)))
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


def bytes_generated(data):
    def run(n):
        f = gen.bytes_len
        acc = 0
        for _ in range(n):
            acc += f(data)
        return acc

    return run


def bytes_ctypes(data):
    def run(n):
        f = gen_raw.bytes_len
        view = gen_types._ViewIn
        acc = 0
        for _ in range(n):
            acc += f(view(data, len(data)))
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


def string_ret_generated(n):
    f = gen.string_make
    acc = 0
    for _ in range(n):
        s = f()
        acc += len(s) + ord(s[0])
    return acc


def string_ret_ctypes(n):
    f = gen_raw.string_make
    take = gen_types._take_str
    acc = 0
    for _ in range(n):
        s = take(f())
        acc += len(s) + ord(s[0])
    return acc


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


def vec_ret_generated(n):
    f = gen.bytes_make
    acc = 0
    for _ in range(n):
        b = f(MIB)
        acc += len(b) + b[-1]
    return acc


def vec_ret_ctypes(n):
    f = gen_raw.bytes_make
    take = gen_types._take_bytes
    acc = 0
    for _ in range(n):
        b = take(f(MIB))
        acc += len(b) + b[-1]
    return acc


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


CASES = [
    ("noop/generated", noop_with(gen.noop)),
    ("noop/ctypes_layer", noop_with(gen_raw.noop)),
    ("noop/raw_cdll", noop_with(raw_cdll.noop)),
    ("noop/raw", noop_with(raw.noop)),
    ("add/generated", add_with(gen.add)),
    ("add/ctypes_layer", add_with(gen_raw.add)),
    ("add/raw_cdll", add_with(raw_cdll.add)),
    ("add/raw", add_with(raw.add)),
    ("struct_value/generated", struct_value_with(gen.vec_double, gen.Vec3)),
    ("struct_value/ctypes_layer", struct_value_with(gen_raw.vec_double, gen.Vec3)),
    ("struct_value/raw_cdll", struct_value_with(raw_cdll.vec_double, RawVec3)),
    ("struct_value/raw", struct_value_with(raw.vec_double, RawVec3)),
    ("struct_ref/generated", struct_ref_with(gen.vec_length_sq, gen.Vec3)),
    ("struct_ref/ctypes_layer", struct_ref_with(gen_raw.vec_length_sq, gen.Vec3)),
    ("struct_ref/raw_cdll", struct_ref_with(raw_cdll.vec_length_sq, RawVec3)),
    ("struct_ref/raw", struct_ref_with(raw.vec_length_sq, RawVec3)),
    ("handle/generated", handle_generated),
    ("handle/ctypes_layer", handle_generated_ctypes),
    ("handle/raw_cdll", handle_raw_with(raw_cdll)),
    ("handle/raw", handle_raw_with(raw)),
    ("str_short/generated", str_generated(SHORT_TEXT)),
    ("str_short/ctypes_layer", str_ctypes(SHORT_TEXT)),
    ("str_short/raw_cdll", str_raw(raw_cdll, SHORT_TEXT)),
    ("str_short/raw", str_raw(raw, SHORT_TEXT)),
    ("str_long/generated", str_generated(LONG_TEXT)),
    ("str_long/ctypes_layer", str_ctypes(LONG_TEXT)),
    ("str_long/raw_cdll", str_raw(raw_cdll, LONG_TEXT)),
    ("str_long/raw", str_raw(raw, LONG_TEXT)),
    ("bytes_small/generated", bytes_generated(SMALL_BYTES)),
    ("bytes_small/ctypes_layer", bytes_ctypes(SMALL_BYTES)),
    ("bytes_small/raw_cdll", bytes_raw(raw_cdll, SMALL_BYTES)),
    ("bytes_small/raw", bytes_raw(raw, SMALL_BYTES)),
    ("bytes_large/generated", bytes_generated(LARGE_BYTES)),
    ("bytes_large/ctypes_layer", bytes_ctypes(LARGE_BYTES)),
    ("bytes_large/raw_cdll", bytes_raw(raw_cdll, LARGE_BYTES)),
    ("bytes_large/raw", bytes_raw(raw, LARGE_BYTES)),
    ("string_ret/generated", string_ret_generated),
    ("string_ret/ctypes_layer", string_ret_ctypes),
    ("string_ret/raw_cdll", string_ret_raw(raw_cdll)),
    ("string_ret/raw", string_ret_raw(raw)),
    ("vec_ret/generated", vec_ret_generated),
    ("vec_ret/ctypes_layer", vec_ret_ctypes),
    ("vec_ret/raw_cdll", vec_ret_raw(raw_cdll)),
    ("vec_ret/raw", vec_ret_raw(raw)),
]


class MallInfo2(ctypes.Structure):
    _fields_ = [(name, ctypes.c_size_t) for name in (
        "arena", "ordblks", "smblks", "hblks", "hblkhd", "usmblks", "fsmblks", "uordblks", "fordblks",
        "keepcost")]


_mallinfo2 = ctypes.CDLL("libc.so.6").mallinfo2
_mallinfo2.restype = MallInfo2


def heap_bytes():
    """Bytes the C heap (malloc, where Rust and Python allocate) has in use."""
    m = _mallinfo2()
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
    sys.stdout.flush()


def calibrate(f, target_ns):
    """Grow n until a sample takes a tenth of the target, then scale it to the target (also warms up)."""
    n = 100
    while True:
        t0 = time.perf_counter_ns()
        f(n)
        dt = time.perf_counter_ns() - t0
        if dt >= target_ns / 10 or n >= 1 << 34:
            return max(1, int(n * target_ns / max(dt, 1)))
        n *= 4


def main():
    if sys.argv[3] == "rss":
        rss(int(sys.argv[4]))
        return
    target_ns = float(sys.argv[3]) * 1e6
    runs = int(sys.argv[4])
    print(f"LOADER {SAME_LOADER.__name__}")
    iters = []
    for name, f in CASES:
        iters.append(calibrate(f, target_ns))
        print(f"CHECK {name} {f(1000)}")
    for r in range(runs):
        order = range(len(CASES)) if r % 2 == 0 else reversed(range(len(CASES)))
        for c in order:
            name, f = CASES[c]
            t0 = time.perf_counter_ns()
            f(iters[c])
            dt = time.perf_counter_ns() - t0
            print(f"SAMPLE {name} {r} {iters[c]} {dt}")
    sys.stdout.flush()


main()
