/* Call-overhead benchmark, C side. Generated bindings (the header cargo interop wrote) against
 * hand-written declarations of the fixture's raw_* twins, in the same process and run.
 * Usage: bench_c <ms-per-sample> <runs>. Prints SAMPLE/CHECK lines (see tests/bench/src/stats.rs). */
#define _POSIX_C_SOURCE 199309L
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bench_fixture.h"

/* Hand-written minimal declarations of the twins. */
typedef struct RawVec3 { float x, y, z; } RawVec3;
typedef struct RawCounter RawCounter;
extern void raw_noop(void);
extern uint64_t raw_add(uint64_t a, uint64_t b);
extern RawVec3 raw_vec_double(RawVec3 v);
extern float raw_vec_length_sq(const RawVec3 *v);
extern RawCounter *raw_counter_new(uint64_t start);
extern uint64_t raw_counter_increment(RawCounter *c, uint64_t by);
extern void raw_counter_destroy(RawCounter *c);
extern size_t raw_str_len(const uint8_t *ptr, size_t len);
extern size_t raw_bytes_len(const uint8_t *ptr, size_t len);
extern uint8_t *raw_string_make(size_t *len);
extern void raw_string_free(uint8_t *ptr, size_t len);
extern uint8_t *raw_bytes_make(size_t len, size_t *out_len);
extern void raw_bytes_free(uint8_t *ptr, size_t len);
typedef struct RawMeter RawMeter;
extern uint8_t raw_checked_add(uint64_t a, uint64_t b, uint64_t *sum);
extern RawMeter *raw_meter_new(uint64_t start);
extern uint64_t raw_meter_add(RawMeter *m, uint64_t by);
extern void raw_meter_free(RawMeter *m);
extern uint64_t raw_call_n(uint64_t n, uint64_t (*f)(uint64_t));

/* The data of the string, slice and vector cases. */
#define SHORT_TEXT "hello world"
#define KIB 1024u
#define MIB (1024u * 1024u)
static char long_text[KIB + 1];
static uint8_t small_bytes[KIB];
static uint8_t *large_bytes;

static const uint32_t *pending;

static void on_panic(void) {
    char *msg = interop_take_panic();
    fprintf(stderr, "unexpected panic: %s\n", msg ? msg : "(another thread)");
    interop_string_free(msg);
    exit(2);
}

static uint64_t now_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

static uint64_t float_bits(float f) {
    uint32_t u;
    memcpy(&u, &f, sizeof u);
    return u;
}

/* Each case runs `n` calls and returns a checksum that depends on every result. */
typedef uint64_t (*case_fn)(uint64_t n);

/* --- noop --- */
static uint64_t noop_generated(uint64_t n) {
    for (uint64_t i = 0; i < n; i++) {
        noop();
        if (*pending != 0) on_panic();
    }
    return n;
}
static uint64_t noop_shim(uint64_t n) {
    for (uint64_t i = 0; i < n; i++) noop();
    return n;
}
static uint64_t noop_raw(uint64_t n) {
    for (uint64_t i = 0; i < n; i++) raw_noop();
    return n;
}

/* --- add(u64, u64) --- */
static uint64_t add_generated(uint64_t n) {
    uint64_t acc = 0;
    for (uint64_t i = 0; i < n; i++) {
        acc = add(acc, i);
        if (*pending != 0) on_panic();
    }
    return acc;
}
static uint64_t add_shim(uint64_t n) {
    uint64_t acc = 0;
    for (uint64_t i = 0; i < n; i++) acc = add(acc, i);
    return acc;
}
static uint64_t add_raw(uint64_t n) {
    uint64_t acc = 0;
    for (uint64_t i = 0; i < n; i++) acc = raw_add(acc, i);
    return acc;
}

/* --- struct by value --- */
static uint64_t struct_value_generated(uint64_t n) {
    Vec3 v = {1.0f, 2.0f, 3.0f};
    float acc = 0.0f;
    for (uint64_t i = 0; i < n; i++) {
        Vec3 r = vec_double(v);
        if (*pending != 0) on_panic();
        acc += r.x;
        v.y = r.x;
    }
    return float_bits(acc);
}
static uint64_t struct_value_shim(uint64_t n) {
    Vec3 v = {1.0f, 2.0f, 3.0f};
    float acc = 0.0f;
    for (uint64_t i = 0; i < n; i++) {
        Vec3 r = vec_double(v);
        acc += r.x;
        v.y = r.x;
    }
    return float_bits(acc);
}
static uint64_t struct_value_raw(uint64_t n) {
    RawVec3 v = {1.0f, 2.0f, 3.0f};
    float acc = 0.0f;
    for (uint64_t i = 0; i < n; i++) {
        RawVec3 r = raw_vec_double(v);
        acc += r.x;
        v.y = r.x;
    }
    return float_bits(acc);
}

/* --- struct by reference --- */
static uint64_t struct_ref_generated(uint64_t n) {
    Vec3 v = {1.0f, 2.0f, 3.0f};
    float acc = 0.0f;
    for (uint64_t i = 0; i < n; i++) {
        acc += vec_length_sq(&v);
        if (*pending != 0) on_panic();
    }
    return float_bits(acc);
}
static uint64_t struct_ref_shim(uint64_t n) {
    Vec3 v = {1.0f, 2.0f, 3.0f};
    float acc = 0.0f;
    for (uint64_t i = 0; i < n; i++) acc += vec_length_sq(&v);
    return float_bits(acc);
}
static uint64_t struct_ref_raw(uint64_t n) {
    RawVec3 v = {1.0f, 2.0f, 3.0f};
    float acc = 0.0f;
    for (uint64_t i = 0; i < n; i++) acc += raw_vec_length_sq(&v);
    return float_bits(acc);
}

/* --- opaque handle --- */
static uint64_t handle_generated(uint64_t n) {
    Counter *c = counter_new(0);
    uint64_t last = 0;
    for (uint64_t i = 0; i < n; i++) {
        last = counter_increment(c, 1);
        if (*pending != 0) on_panic();
    }
    counter_destroy(c);
    return last;
}
static uint64_t handle_shim(uint64_t n) {
    Counter *c = counter_new(0);
    uint64_t last = 0;
    for (uint64_t i = 0; i < n; i++) last = counter_increment(c, 1);
    counter_destroy(c);
    return last;
}
static uint64_t handle_raw(uint64_t n) {
    RawCounter *c = raw_counter_new(0);
    uint64_t last = 0;
    for (uint64_t i = 0; i < n; i++) last = raw_counter_increment(c, 1);
    raw_counter_destroy(c);
    return last;
}

/* --- &str argument (11 chars, 1 KiB) --- */
static uint64_t str_with(const char *text, int generated, int check, uint64_t n) {
    size_t len = strlen(text);
    uint64_t acc = 0;
    for (uint64_t i = 0; i < n; i++) {
        if (generated) {
            Str s = {text, len};
            acc += str_len(s);
            if (check && *pending != 0) on_panic();
        } else {
            acc += raw_str_len((const uint8_t *)text, len);
        }
    }
    return acc;
}
static uint64_t str_short_generated(uint64_t n) { return str_with(SHORT_TEXT, 1, 1, n); }
static uint64_t str_short_shim(uint64_t n) { return str_with(SHORT_TEXT, 1, 0, n); }
static uint64_t str_short_raw(uint64_t n) { return str_with(SHORT_TEXT, 0, 0, n); }
static uint64_t str_long_generated(uint64_t n) { return str_with(long_text, 1, 1, n); }
static uint64_t str_long_shim(uint64_t n) { return str_with(long_text, 1, 0, n); }
static uint64_t str_long_raw(uint64_t n) { return str_with(long_text, 0, 0, n); }

/* --- &[u8] argument (1 KiB, 1 MiB) --- */
static uint64_t bytes_with(const uint8_t *data, size_t len, int generated, int check, uint64_t n) {
    uint64_t acc = 0;
    for (uint64_t i = 0; i < n; i++) {
        if (generated) {
            SliceU8 s = {data, len};
            acc += bytes_len(s);
            if (check && *pending != 0) on_panic();
        } else {
            acc += raw_bytes_len(data, len);
        }
    }
    return acc;
}
static uint64_t bytes_small_generated(uint64_t n) { return bytes_with(small_bytes, KIB, 1, 1, n); }
static uint64_t bytes_small_shim(uint64_t n) { return bytes_with(small_bytes, KIB, 1, 0, n); }
static uint64_t bytes_small_raw(uint64_t n) { return bytes_with(small_bytes, KIB, 0, 0, n); }
static uint64_t bytes_large_generated(uint64_t n) { return bytes_with(large_bytes, MIB, 1, 1, n); }
static uint64_t bytes_large_shim(uint64_t n) { return bytes_with(large_bytes, MIB, 1, 0, n); }
static uint64_t bytes_large_raw(uint64_t n) { return bytes_with(large_bytes, MIB, 0, 0, n); }

/* --- String return (11 chars): read, then freed --- */
static uint64_t string_ret_generated(uint64_t n) {
    uint64_t acc = 0;
    for (uint64_t i = 0; i < n; i++) {
        String s = string_make();
        if (*pending != 0) on_panic();
        acc += s.len + (uint8_t)s.ptr[0];
        String_free(&s);
    }
    return acc;
}
static uint64_t string_ret_shim(uint64_t n) {
    uint64_t acc = 0;
    for (uint64_t i = 0; i < n; i++) {
        String s = string_make();
        acc += s.len + (uint8_t)s.ptr[0];
        String_free(&s);
    }
    return acc;
}
static uint64_t string_ret_raw(uint64_t n) {
    uint64_t acc = 0;
    for (uint64_t i = 0; i < n; i++) {
        size_t len;
        uint8_t *p = raw_string_make(&len);
        acc += len + p[0];
        raw_string_free(p, len);
    }
    return acc;
}

/* --- Vec<u8> return (1 MiB): read, then freed --- */
static uint64_t vec_ret_generated(uint64_t n) {
    uint64_t acc = 0;
    for (uint64_t i = 0; i < n; i++) {
        VecU8 v = bytes_make(MIB);
        if (*pending != 0) on_panic();
        acc += v.len + v.ptr[v.len - 1];
        VecU8_free(&v);
    }
    return acc;
}
static uint64_t vec_ret_shim(uint64_t n) {
    uint64_t acc = 0;
    for (uint64_t i = 0; i < n; i++) {
        VecU8 v = bytes_make(MIB);
        acc += v.len + v.ptr[v.len - 1];
        VecU8_free(&v);
    }
    return acc;
}
static uint64_t vec_ret_raw(uint64_t n) {
    uint64_t acc = 0;
    for (uint64_t i = 0; i < n; i++) {
        size_t len;
        uint8_t *p = raw_bytes_make(MIB, &len);
        acc += len + p[len - 1];
        raw_bytes_free(p, len);
    }
    return acc;
}

/* --- Result: the Ok return (the sum) and the Err return (the error value; its message freed) --- */
static uint64_t result_ok_generated(uint64_t n) {
    uint64_t acc = 0;
    for (uint64_t i = 0; i < n; i++) {
        ResultU64AddError r = checked_add(acc & 0xffff, i);
        if (*pending != 0) on_panic();
        if (r.status == INTEROP_STATUS_OK) {
            acc += r.value.ok;
        } else {
            acc += 1000u * r.value.err.value;
            ResultU64AddError_free(&r);
        }
    }
    return acc;
}
static uint64_t result_ok_shim(uint64_t n) {
    uint64_t acc = 0;
    for (uint64_t i = 0; i < n; i++) {
        ResultU64AddError r = checked_add(acc & 0xffff, i);
        if (r.status == INTEROP_STATUS_OK) {
            acc += r.value.ok;
        } else {
            acc += 1000u * r.value.err.value;
            ResultU64AddError_free(&r);
        }
    }
    return acc;
}
static uint64_t result_ok_raw(uint64_t n) {
    uint64_t acc = 0;
    for (uint64_t i = 0; i < n; i++) {
        uint64_t sum;
        uint8_t status = raw_checked_add(acc & 0xffff, i, &sum);
        if (status == 0) {
            acc += sum;
        } else {
            acc += 1000u * status;
        }
    }
    return acc;
}
static uint64_t result_err_generated(uint64_t n) {
    uint64_t acc = 0;
    for (uint64_t i = 0; i < n; i++) {
        ResultU64AddError r = checked_add(UINT64_MAX, i + 1);
        if (*pending != 0) on_panic();
        if (r.status == INTEROP_STATUS_OK) {
            acc += r.value.ok;
        } else {
            acc += 1000u * r.value.err.value;
            ResultU64AddError_free(&r);
        }
    }
    return acc;
}
static uint64_t result_err_shim(uint64_t n) {
    uint64_t acc = 0;
    for (uint64_t i = 0; i < n; i++) {
        ResultU64AddError r = checked_add(UINT64_MAX, i + 1);
        if (r.status == INTEROP_STATUS_OK) {
            acc += r.value.ok;
        } else {
            acc += 1000u * r.value.err.value;
            ResultU64AddError_free(&r);
        }
    }
    return acc;
}
static uint64_t result_err_raw(uint64_t n) {
    uint64_t acc = 0;
    for (uint64_t i = 0; i < n; i++) {
        uint64_t sum;
        uint8_t status = raw_checked_add(UINT64_MAX, i + 1, &sum);
        if (status == 0) {
            acc += sum;
        } else {
            acc += 1000u * status;
        }
    }
    return acc;
}

/* --- service method --- */
static uint64_t service_generated(uint64_t n) {
    Meter *m = meter_new(0);
    uint64_t last = 0;
    for (uint64_t i = 0; i < n; i++) {
        last = meter_add(m, 1);
        if (*pending != 0) on_panic();
    }
    meter_free(m);
    return last;
}
static uint64_t service_shim(uint64_t n) {
    Meter *m = meter_new(0);
    uint64_t last = 0;
    for (uint64_t i = 0; i < n; i++) last = meter_add(m, 1);
    meter_free(m);
    return last;
}
static uint64_t service_raw(uint64_t n) {
    RawMeter *m = raw_meter_new(0);
    uint64_t last = 0;
    for (uint64_t i = 0; i < n; i++) last = raw_meter_add(m, 1);
    raw_meter_free(m);
    return last;
}

/* --- callback: Rust calls the C function n times (one call of call_n, timed per invocation) --- */
static uint64_t plus_one_ctx(void *context, uint64_t x) {
    (void)context;
    return x + 1;
}
static uint64_t plus_one(uint64_t x) { return x + 1; }
static uint64_t callback_generated(uint64_t n) {
    CallbackU64ToU64 f = {plus_one_ctx, NULL, NULL};
    uint64_t r = call_n(n, f);
    if (*pending != 0) on_panic();
    return r;
}
static uint64_t callback_shim(uint64_t n) {
    CallbackU64ToU64 f = {plus_one_ctx, NULL, NULL};
    return call_n(n, f);
}
static uint64_t callback_raw(uint64_t n) { return raw_call_n(n, plus_one); }

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
    {"callback/generated", callback_generated, 0},
    {"callback/shim", callback_shim, 0},
    {"callback/raw", callback_raw, 0},
};

static volatile uint64_t sink;

/* Grow n until a sample takes a tenth of the target, then scale it to the target. Doubles as warm-up. */
static uint64_t calibrate(case_fn fn, double target_ns) {
    uint64_t n = 1000;
    for (;;) {
        uint64_t t0 = now_ns();
        sink ^= fn(n);
        uint64_t dt = now_ns() - t0;
        if ((double)dt >= target_ns / 10.0 || n >= (1ull << 40)) {
            double scaled = (double)n * target_ns / (double)(dt ? dt : 1);
            return scaled < 1.0 ? 1 : (uint64_t)scaled;
        }
        n *= 4;
    }
}

int main(int argc, char **argv) {
    if (argc != 3) {
        fprintf(stderr, "usage: %s <ms-per-sample> <runs>\n", argv[0]);
        return 1;
    }
    double target_ns = atof(argv[1]) * 1e6;
    int runs = atoi(argv[2]);
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
    for (int r = 0; r < runs; r++) {
        for (size_t k = 0; k < ncases; k++) {
            /* Alternate the order between runs so neither side always goes first. */
            size_t c = (r % 2 == 0) ? k : ncases - 1 - k;
            uint64_t t0 = now_ns();
            sink ^= cases[c].fn(cases[c].iters);
            uint64_t dt = now_ns() - t0;
            printf("SAMPLE %s %d %" PRIu64 " %" PRIu64 "\n", cases[c].name, r, cases[c].iters, dt);
        }
    }
    fflush(stdout);
    return 0;
}
