"""Call-overhead benchmark, Python side: the generated package against a hand-written minimal ctypes
binding (argtypes/restype set) of the fixture's raw_* twins, in the same process and run. Also times the
generated package's own ctypes layer (`_raw`) directly, to show what the Python-level wrapper costs.

Usage: python bench.py <dir-containing-the-package> <libbench_fixture.so> <ms-per-sample> <runs>
Prints SAMPLE/CHECK lines (see tests/bench/src/stats.rs).
"""

import ctypes
import sys
import time

sys.path.insert(0, sys.argv[1])

import bench_fixture as gen  # noqa: E402  (the generated package)
from bench_fixture import _raw as gen_raw  # noqa: E402

lib = ctypes.CDLL(sys.argv[2])


class RawVec3(ctypes.Structure):
    _fields_ = [("x", ctypes.c_float), ("y", ctypes.c_float), ("z", ctypes.c_float)]


raw_noop = lib.raw_noop
raw_noop.argtypes = []
raw_noop.restype = None
raw_add = lib.raw_add
raw_add.argtypes = [ctypes.c_uint64, ctypes.c_uint64]
raw_add.restype = ctypes.c_uint64
raw_vec_double = lib.raw_vec_double
raw_vec_double.argtypes = [RawVec3]
raw_vec_double.restype = RawVec3
raw_vec_length_sq = lib.raw_vec_length_sq
raw_vec_length_sq.argtypes = [ctypes.POINTER(RawVec3)]
raw_vec_length_sq.restype = ctypes.c_float
raw_counter_new = lib.raw_counter_new
raw_counter_new.argtypes = [ctypes.c_uint64]
raw_counter_new.restype = ctypes.c_void_p
raw_counter_increment = lib.raw_counter_increment
raw_counter_increment.argtypes = [ctypes.c_void_p, ctypes.c_uint64]
raw_counter_increment.restype = ctypes.c_uint64
raw_counter_destroy = lib.raw_counter_destroy
raw_counter_destroy.argtypes = [ctypes.c_void_p]
raw_counter_destroy.restype = None


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


def handle_raw(n):
    c = raw_counter_new(0)
    inc = raw_counter_increment
    last = 0
    for _ in range(n):
        last = inc(c, 1)
    raw_counter_destroy(c)
    return last


CASES = [
    ("noop/generated", noop_with(gen.noop)),
    ("noop/ctypes_layer", noop_with(gen_raw.noop)),
    ("noop/raw", noop_with(raw_noop)),
    ("add/generated", add_with(gen.add)),
    ("add/ctypes_layer", add_with(gen_raw.add)),
    ("add/raw", add_with(raw_add)),
    ("struct_value/generated", struct_value_with(gen.vec_double, gen.Vec3)),
    ("struct_value/ctypes_layer", struct_value_with(gen_raw.vec_double, gen.Vec3)),
    ("struct_value/raw", struct_value_with(raw_vec_double, RawVec3)),
    ("struct_ref/generated", struct_ref_with(gen.vec_length_sq, gen.Vec3)),
    ("struct_ref/ctypes_layer", struct_ref_with(gen_raw.vec_length_sq, gen.Vec3)),
    ("struct_ref/raw", struct_ref_with(raw_vec_length_sq, RawVec3)),
    ("handle/generated", handle_generated),
    ("handle/ctypes_layer", handle_generated_ctypes),
    ("handle/raw", handle_raw),
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
