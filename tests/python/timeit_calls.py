"""Per-call cost of noop() and add_u64(a, b): hand-written ctypes (CDLL and PyDLL, argtypes/restype
set) against the generated conformance package in both modes (numbers in docs/python.md).

Usage: python timeit_calls.py <dir with the default-mode package> <dir with the release-gil package>
(the `out-dir`s of two `cargo interop build --release` runs of tests/fixtures/conformance).
"""
import ctypes
import importlib
import sys
import timeit

N = 200_000
REPEAT = 7


def load(dir_):
    for k in [m for m in sys.modules if m == "conformance" or m.startswith("conformance.")]:
        del sys.modules[k]
    sys.path.insert(0, dir_)
    try:
        return importlib.import_module("conformance")
    finally:
        sys.path.pop(0)


direct = load(sys.argv[1])
lib_path = direct._raw._lib._name
released = load(sys.argv[2])
assert direct._raw.release_gil is False and released._raw.release_gil is True


def hand(loader):
    lib = loader(lib_path)
    noop = lib.noop
    noop.argtypes = ()
    noop.restype = None
    add = lib.add_u64
    add.argtypes = (ctypes.c_uint64, ctypes.c_uint64)
    add.restype = ctypes.c_uint64
    return noop, add


cases = {
    "hand-written CDLL": hand(ctypes.CDLL),
    "hand-written PyDLL": hand(ctypes.PyDLL),
    "generated, default (PyDLL, direct)": (direct.noop, direct.add_u64),
    "generated, release-gil = true": (released.noop, released.add_u64),
}
best = {}
for rnd in range(3):  # interleaved rounds: the machine is shared, take the best of all
    for name, (noop, add) in cases.items():
        t_noop = min(timeit.repeat("f()", globals={"f": noop}, number=N, repeat=REPEAT)) / N * 1e9
        t_add = min(timeit.repeat("f(12345, 67890)", globals={"f": add}, number=N, repeat=REPEAT)) / N * 1e9
        b = best.setdefault(name, [t_noop, t_add])
        b[0] = min(b[0], t_noop)
        b[1] = min(b[1], t_add)
base = best["hand-written CDLL"]
print(f"| path | noop, ns | add_u64, ns | noop / hand CDLL | add_u64 / hand CDLL |")
print("|---|---|---|---|---|")
for name, (a, b) in best.items():
    print(f"| {name} | {a:.1f} | {b:.1f} | {a / base[0]:.2f} | {b / base[1]:.2f} |")
