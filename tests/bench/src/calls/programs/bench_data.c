/* Call-overhead benchmark, C side: the cases moving strings, slices, vectors and results
 * (generated, shim, raw). */
#include "bench.h"

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
uint64_t str_short_generated(uint64_t n) { return str_with(SHORT_TEXT, 1, 1, n); }
uint64_t str_short_shim(uint64_t n) { return str_with(SHORT_TEXT, 1, 0, n); }
uint64_t str_short_raw(uint64_t n) { return str_with(SHORT_TEXT, 0, 0, n); }
uint64_t str_long_generated(uint64_t n) { return str_with(long_text, 1, 1, n); }
uint64_t str_long_shim(uint64_t n) { return str_with(long_text, 1, 0, n); }
uint64_t str_long_raw(uint64_t n) { return str_with(long_text, 0, 0, n); }

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
uint64_t bytes_small_generated(uint64_t n) { return bytes_with(small_bytes, KIB, 1, 1, n); }
uint64_t bytes_small_shim(uint64_t n) { return bytes_with(small_bytes, KIB, 1, 0, n); }
uint64_t bytes_small_raw(uint64_t n) { return bytes_with(small_bytes, KIB, 0, 0, n); }
uint64_t bytes_large_generated(uint64_t n) { return bytes_with(large_bytes, MIB, 1, 1, n); }
uint64_t bytes_large_shim(uint64_t n) { return bytes_with(large_bytes, MIB, 1, 0, n); }
uint64_t bytes_large_raw(uint64_t n) { return bytes_with(large_bytes, MIB, 0, 0, n); }

/* --- String return (11 chars): read, then freed --- */
uint64_t string_ret_generated(uint64_t n) {
    uint64_t acc = 0;
    for (uint64_t i = 0; i < n; i++) {
        String s = string_make();
        if (*pending != 0) on_panic();
        acc += s.len + (uint8_t)s.ptr[0];
        String_free(&s);
    }
    return acc;
}
uint64_t string_ret_shim(uint64_t n) {
    uint64_t acc = 0;
    for (uint64_t i = 0; i < n; i++) {
        String s = string_make();
        acc += s.len + (uint8_t)s.ptr[0];
        String_free(&s);
    }
    return acc;
}
uint64_t string_ret_raw(uint64_t n) {
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
uint64_t vec_ret_generated(uint64_t n) {
    uint64_t acc = 0;
    for (uint64_t i = 0; i < n; i++) {
        VecU8 v = bytes_make(MIB);
        if (*pending != 0) on_panic();
        acc += v.len + v.ptr[v.len - 1];
        VecU8_free(&v);
    }
    return acc;
}
uint64_t vec_ret_shim(uint64_t n) {
    uint64_t acc = 0;
    for (uint64_t i = 0; i < n; i++) {
        VecU8 v = bytes_make(MIB);
        acc += v.len + v.ptr[v.len - 1];
        VecU8_free(&v);
    }
    return acc;
}
uint64_t vec_ret_raw(uint64_t n) {
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
uint64_t result_ok_generated(uint64_t n) {
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
uint64_t result_ok_shim(uint64_t n) {
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
uint64_t result_ok_raw(uint64_t n) {
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
uint64_t result_err_generated(uint64_t n) {
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
uint64_t result_err_shim(uint64_t n) {
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
uint64_t result_err_raw(uint64_t n) {
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
