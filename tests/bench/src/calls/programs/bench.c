/* Call-overhead benchmark, C side. Generated bindings (the header cargo interop wrote) against
 * hand-written declarations of the fixture's raw_* twins, in the same process and run.
 * Usage: bench_c <ms-per-sample> <rounds>. Prints SAMPLE/CHECK lines (see tests/bench/src/stats.rs):
 * one sample per case and round, the variants of a construct back to back (the cases are listed
 * construct by construct), so that the harness can pair them.
 * The cases are in bench_calls.c and bench_data.c (declared in bench.h). */
#include "bench.h"

char long_text[KIB + 1];
uint8_t small_bytes[KIB];
uint8_t *large_bytes;

const uint32_t *pending;

void on_panic(void) {
    char *msg = interop_take_panic();
    fprintf(stderr, "unexpected panic: %s\n", msg ? msg : "(another thread)");
    interop_string_free(msg);
    exit(2);
}

static uint64_t clock_ns(clockid_t clock) {
    struct timespec ts;
    clock_gettime(clock, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

static uint64_t now_ns(void) { return clock_ns(CLOCK_MONOTONIC); }

/* CPU time of the whole process: what the sample cost, without the time other tenants had the core. */
static uint64_t cpu_ns(void) { return clock_ns(CLOCK_PROCESS_CPUTIME_ID); }

struct bench_case {
    const char *name;
    case_fn fn;
    uint64_t iters;
};

static struct bench_case cases[] = {
    {"noop/generated", noop_generated, 0},
    {"noop/shim", noop_shim, 0},
    {"noop/raw", noop_raw, 0},
    {"add/generated", add_generated, 0},
    {"add/shim", add_shim, 0},
    {"add/raw", add_raw, 0},
    {"struct_value/generated", struct_value_generated, 0},
    {"struct_value/shim", struct_value_shim, 0},
    {"struct_value/raw", struct_value_raw, 0},
    {"struct_ref/generated", struct_ref_generated, 0},
    {"struct_ref/shim", struct_ref_shim, 0},
    {"struct_ref/raw", struct_ref_raw, 0},
    {"handle/generated", handle_generated, 0},
    {"handle/shim", handle_shim, 0},
    {"handle/raw", handle_raw, 0},
    {"str_short/generated", str_short_generated, 0},
    {"str_short/shim", str_short_shim, 0},
    {"str_short/raw", str_short_raw, 0},
    {"str_long/generated", str_long_generated, 0},
    {"str_long/shim", str_long_shim, 0},
    {"str_long/raw", str_long_raw, 0},
    {"bytes_small/generated", bytes_small_generated, 0},
    {"bytes_small/shim", bytes_small_shim, 0},
    {"bytes_small/raw", bytes_small_raw, 0},
    {"bytes_large/generated", bytes_large_generated, 0},
    {"bytes_large/shim", bytes_large_shim, 0},
    {"bytes_large/raw", bytes_large_raw, 0},
    {"string_ret/generated", string_ret_generated, 0},
    {"string_ret/shim", string_ret_shim, 0},
    {"string_ret/raw", string_ret_raw, 0},
    {"vec_ret/generated", vec_ret_generated, 0},
    {"vec_ret/shim", vec_ret_shim, 0},
    {"vec_ret/raw", vec_ret_raw, 0},
    {"result_ok/generated", result_ok_generated, 0},
    {"result_ok/shim", result_ok_shim, 0},
    {"result_ok/raw", result_ok_raw, 0},
    {"result_err/generated", result_err_generated, 0},
    {"result_err/shim", result_err_shim, 0},
    {"result_err/raw", result_err_raw, 0},
    {"service/generated", service_generated, 0},
    {"service/shim", service_shim, 0},
    {"service/raw", service_raw, 0},
    {"service_locked/generated", service_locked_generated, 0},
    {"service_locked/shim", service_locked_shim, 0},
    {"service_locked/raw", service_locked_raw, 0},
    {"callback/generated", callback_generated, 0},
    {"callback/shim", callback_shim, 0},
    {"callback/raw", callback_raw, 0},
    {"callback_str/generated", callback_str_generated, 0},
    {"callback_str/shim", callback_str_shim, 0},
    {"callback_str/raw", callback_str_raw, 0},
    {"callback_str_lit/generated", callback_str_lit_generated, 0},
    {"callback_str_lit/shim", callback_str_lit_shim, 0},
    {"callback_str_lit/raw", callback_str_lit_raw, 0},
    {"callback_cmp/generated", callback_cmp_generated, 0},
    {"callback_cmp/shim", callback_cmp_shim, 0},
    {"callback_cmp/raw", callback_cmp_raw, 0},
};

static volatile uint64_t sink;

/* Grow n until a sample takes a tenth of the target, then scale it to the target. Doubles as warm-up.
 * Timed in CPU time, like the samples: a slice another process had the core must not shrink n. */
static uint64_t calibrate(case_fn fn, double target_ns) {
    uint64_t n = 1000;
    sink ^= fn(n); /* warm-up, untimed */
    for (;;) {
        uint64_t t0 = cpu_ns();
        sink ^= fn(n);
        uint64_t dt = cpu_ns() - t0;
        if ((double)dt >= target_ns / 10.0 || n >= (1ull << 40)) {
            double scaled = (double)n * target_ns / (double)(dt ? dt : 1);
            return scaled < 1.0 ? 1 : (uint64_t)scaled;
        }
        n *= 4;
    }
}

int main(int argc, char **argv) {
    if (argc != 3) {
        fprintf(stderr, "usage: %s <ms-per-sample> <rounds>\n", argv[0]);
        return 1;
    }
    double target_ns = atof(argv[1]) * 1e6;
    int rounds = atoi(argv[2]);
    size_t ncases = sizeof cases / sizeof cases[0];
    pending = interop_panic_pending();
    memset(long_text, 'a', KIB);
    long_text[KIB] = 0;
    memset(small_bytes, 1, KIB);
    large_bytes = (uint8_t *)calloc(MIB, 1);
    for (size_t c = 0; c < ncases; c++) {
        cases[c].iters = calibrate(cases[c].fn, target_ns);
        printf("CHECK %s %" PRIu64 "\n", cases[c].name, cases[c].fn(1000));
    }
    for (int r = 0; r < rounds; r++) {
        for (size_t k = 0; k < ncases; k++) {
            /* Reverse the order on every other round (ABBA) so neither side always goes first. */
            size_t c = (r % 2 == 0) ? k : ncases - 1 - k;
            uint64_t t0 = now_ns(), c0 = cpu_ns();
            sink ^= cases[c].fn(cases[c].iters);
            uint64_t dc = cpu_ns() - c0, dt = now_ns() - t0;
            printf("SAMPLE %s %d %" PRIu64 " %" PRIu64 " %" PRIu64 "\n", cases[c].name, r,
                   cases[c].iters, dt, dc);
        }
    }
    fflush(stdout);
    return 0;
}
