"""The measuring loop of the Python call benchmarks (bench.py gives it the cases): calibration,
then rounds of back-to-back samples of each construct's variants. Prints SAMPLE/CHECK lines
(tests/bench/src/stats.rs)."""

import sys
import time


def calibrate(f, target_ns):
    """Grow n until a sample takes a tenth of the target, then scale it to the target (also warms up).
    Timed in CPU time, like the samples: a slice another process had the core must not shrink n."""
    n = 100
    f(n)
    while True:
        t0 = time.process_time_ns()
        f(n)
        dt = time.process_time_ns() - t0
        if dt >= target_ns / 10 or n >= 1 << 34:
            return max(1, int(n * target_ns / max(dt, 1)))
        n *= 4


def measure(cases, constructs, target_ms, rounds):
    """The one measuring loop. Calibrates every case (which also warms it up) and prints its
    checksum; then, for each round, samples every variant of each construct once, back to back,
    construct after construct, the whole order reversed on every other round (ABBA: neither side of
    a pair always goes first, and the last construct of a round is followed by itself). The samples
    of one construct in one round are taken within a few tens of ms, so the harness pairs them.
    Each sample prints its wall-clock time and the process's CPU time."""
    groups = {c: [] for c in constructs}
    for name, f in cases.items():
        construct = name.split("/")[0]
        if construct in groups:
            groups[construct].append((name, f))
    order = [case for c in constructs for case in groups[c]]
    target_ns = target_ms * 1e6
    iters = []
    for name, f in order:
        iters.append(calibrate(f, target_ns))
        print(f"CHECK {name} {f(1000)}")
    for r in range(rounds):
        indices = range(len(order)) if r % 2 == 0 else reversed(range(len(order)))
        for c in indices:
            name, f = order[c]
            t0 = time.perf_counter_ns()
            c0 = time.process_time_ns()
            f(iters[c])
            dc = time.process_time_ns() - c0
            dt = time.perf_counter_ns() - t0
            print(f"SAMPLE {name} {r} {iters[c]} {dt} {dc}")
    sys.stdout.flush()
