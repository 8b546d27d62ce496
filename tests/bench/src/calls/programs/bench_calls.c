/* Call-overhead benchmark, C side: the cases of plain values, structs, handles, services and
 * callbacks (generated, shim, raw). */
#include "bench.h"

static uint64_t float_bits(float f) {
    uint32_t u;
    memcpy(&u, &f, sizeof u);
    return u;
}

/* --- noop --- */
uint64_t noop_generated(uint64_t n) {
    for (uint64_t i = 0; i < n; i++) {
        noop();
        if (*pending != 0) on_panic();
    }
    return n;
}
uint64_t noop_shim(uint64_t n) {
    for (uint64_t i = 0; i < n; i++) noop();
    return n;
}
uint64_t noop_raw(uint64_t n) {
    for (uint64_t i = 0; i < n; i++) raw_noop();
    return n;
}

/* --- add(u64, u64) --- */
uint64_t add_generated(uint64_t n) {
    uint64_t acc = 0;
    for (uint64_t i = 0; i < n; i++) {
        acc = add(acc, i);
        if (*pending != 0) on_panic();
    }
    return acc;
}
uint64_t add_shim(uint64_t n) {
    uint64_t acc = 0;
    for (uint64_t i = 0; i < n; i++) acc = add(acc, i);
    return acc;
}
uint64_t add_raw(uint64_t n) {
    uint64_t acc = 0;
    for (uint64_t i = 0; i < n; i++) acc = raw_add(acc, i);
    return acc;
}

/* --- struct by value --- */
uint64_t struct_value_generated(uint64_t n) {
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
uint64_t struct_value_shim(uint64_t n) {
    Vec3 v = {1.0f, 2.0f, 3.0f};
    float acc = 0.0f;
    for (uint64_t i = 0; i < n; i++) {
        Vec3 r = vec_double(v);
        acc += r.x;
        v.y = r.x;
    }
    return float_bits(acc);
}
uint64_t struct_value_raw(uint64_t n) {
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
uint64_t struct_ref_generated(uint64_t n) {
    Vec3 v = {1.0f, 2.0f, 3.0f};
    float acc = 0.0f;
    for (uint64_t i = 0; i < n; i++) {
        acc += vec_length_sq(&v);
        if (*pending != 0) on_panic();
    }
    return float_bits(acc);
}
uint64_t struct_ref_shim(uint64_t n) {
    Vec3 v = {1.0f, 2.0f, 3.0f};
    float acc = 0.0f;
    for (uint64_t i = 0; i < n; i++) acc += vec_length_sq(&v);
    return float_bits(acc);
}
uint64_t struct_ref_raw(uint64_t n) {
    RawVec3 v = {1.0f, 2.0f, 3.0f};
    float acc = 0.0f;
    for (uint64_t i = 0; i < n; i++) acc += raw_vec_length_sq(&v);
    return float_bits(acc);
}

/* --- opaque handle --- */
uint64_t handle_generated(uint64_t n) {
    Counter *c = counter_new(0);
    uint64_t last = 0;
    for (uint64_t i = 0; i < n; i++) {
        last = counter_increment(c, 1);
        if (*pending != 0) on_panic();
    }
    counter_destroy(c);
    return last;
}
uint64_t handle_shim(uint64_t n) {
    Counter *c = counter_new(0);
    uint64_t last = 0;
    for (uint64_t i = 0; i < n; i++) last = counter_increment(c, 1);
    counter_destroy(c);
    return last;
}
uint64_t handle_raw(uint64_t n) {
    RawCounter *c = raw_counter_new(0);
    uint64_t last = 0;
    for (uint64_t i = 0; i < n; i++) last = raw_counter_increment(c, 1);
    raw_counter_destroy(c);
    return last;
}


/* --- service method --- */
uint64_t service_generated(uint64_t n) {
    Meter *m = meter_new(0);
    uint64_t last = 0;
    for (uint64_t i = 0; i < n; i++) {
        last = meter_add(m, 1);
        if (*pending != 0) on_panic();
    }
    meter_free(m);
    return last;
}
uint64_t service_shim(uint64_t n) {
    Meter *m = meter_new(0);
    uint64_t last = 0;
    for (uint64_t i = 0; i < n; i++) last = meter_add(m, 1);
    meter_free(m);
    return last;
}
uint64_t service_raw(uint64_t n) {
    RawMeter *m = raw_meter_new(0);
    uint64_t last = 0;
    for (uint64_t i = 0; i < n; i++) last = raw_meter_add(m, 1);
    raw_meter_free(m);
    return last;
}

/* The same calls against a hand-written thread-safe twin (a `Mutex` per object). */
uint64_t service_locked_generated(uint64_t n) { return service_generated(n); }
uint64_t service_locked_shim(uint64_t n) { return service_shim(n); }
uint64_t service_locked_raw(uint64_t n) {
    RawLockedMeter *m = raw_locked_meter_new(0);
    uint64_t last = 0;
    for (uint64_t i = 0; i < n; i++) last = raw_locked_meter_add(m, 1);
    raw_locked_meter_free(m);
    return last;
}

/* --- callback: Rust calls the C function n times (one call of call_n, timed per invocation) --- */
static uint64_t plus_one_ctx(void *context, uint64_t x) {
    (void)context;
    return x + 1;
}
static uint64_t plus_one(uint64_t x) { return x + 1; }
uint64_t callback_generated(uint64_t n) {
    CallbackU64ToU64 f = {plus_one_ctx, NULL, NULL};
    uint64_t r = call_n(n, f);
    if (*pending != 0) on_panic();
    return r;
}
uint64_t callback_shim(uint64_t n) {
    CallbackU64ToU64 f = {plus_one_ctx, NULL, NULL};
    return call_n(n, f);
}
uint64_t callback_raw(uint64_t n) { return raw_call_n(n, plus_one); }

/* --- callback returning a String (ADR 54): the same 11 characters each time, n invocations --- */
/* Allocated: the library takes the buffer (String_from: interop_buffer_alloc + memcpy). */
static void text_allocated(void *context, uint64_t x, String *ret) {
    (void)context;
    (void)x;
    *ret = String_from(SHORT_TEXT, sizeof SHORT_TEXT - 1);
}
/* Borrowed: a literal with cap 0, which the library copies. */
static void text_borrowed(void *context, uint64_t x, String *ret) {
    (void)context;
    (void)x;
    ret->ptr = (char *)SHORT_TEXT;
    ret->len = sizeof SHORT_TEXT - 1;
    ret->cap = 0;
}
/* The classic C way: write into the caller's buffer, return the length. */
static size_t text_into(uint64_t x, uint8_t *buf, size_t cap) {
    (void)x;
    if (cap < sizeof SHORT_TEXT - 1) return 0;
    memcpy(buf, SHORT_TEXT, sizeof SHORT_TEXT - 1);
    return sizeof SHORT_TEXT - 1;
}
uint64_t callback_str_generated(uint64_t n) {
    CallbackU64ToString f = {text_allocated, NULL, NULL};
    uint64_t r = call_str_n(n, f);
    if (*pending != 0) on_panic();
    return r;
}
uint64_t callback_str_shim(uint64_t n) {
    CallbackU64ToString f = {text_allocated, NULL, NULL};
    return call_str_n(n, f);
}
uint64_t callback_str_raw(uint64_t n) { return raw_call_str_n(n, text_into); }
uint64_t callback_str_lit_generated(uint64_t n) {
    CallbackU64ToString f = {text_borrowed, NULL, NULL};
    uint64_t r = call_str_n(n, f);
    if (*pending != 0) on_panic();
    return r;
}
uint64_t callback_str_lit_shim(uint64_t n) {
    CallbackU64ToString f = {text_borrowed, NULL, NULL};
    return call_str_n(n, f);
}
uint64_t callback_str_lit_raw(uint64_t n) { return callback_str_raw(n); }

/* --- a comparator (ADR 57): `Ordering` is an int32_t read by its sign, returned by value --- */
static Ordering cmp_u32_ctx(void *context, uint32_t a, uint32_t b) {
    (void)context;
    return (a > b) - (a < b);
}
static int32_t cmp_u32(uint32_t a, uint32_t b) { return (a > b) - (a < b); }
uint64_t callback_cmp_generated(uint64_t n) {
    CallbackU32U32ToOrdering cmp = {cmp_u32_ctx, NULL, NULL};
    uint64_t r = cmp_n(n, cmp);
    if (*pending != 0) on_panic();
    return r;
}
uint64_t callback_cmp_shim(uint64_t n) {
    CallbackU32U32ToOrdering cmp = {cmp_u32_ctx, NULL, NULL};
    return cmp_n(n, cmp);
}
uint64_t callback_cmp_raw(uint64_t n) { return raw_cmp_n(n, cmp_u32); }
