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
]


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
