/* What the call-overhead benchmark's C sources share (bench.c runs the cases; bench_calls.c holds
 * the calls of plain values, handles, services and callbacks; bench_data.c those moving strings,
 * slices, vectors and results): the generated header, hand-written declarations of the fixture's
 * raw_* twins, the cases' data and the cases themselves. */
#ifndef BENCH_H
#define BENCH_H

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
typedef struct RawLockedMeter RawLockedMeter;
extern RawLockedMeter *raw_locked_meter_new(uint64_t start);
extern uint64_t raw_locked_meter_add(const RawLockedMeter *m, uint64_t by);
extern void raw_locked_meter_free(RawLockedMeter *m);
extern uint64_t raw_call_n(uint64_t n, uint64_t (*f)(uint64_t));
extern uint64_t raw_call_str_n(uint64_t n, size_t (*f)(uint64_t, uint8_t *, size_t));
extern uint64_t raw_cmp_n(uint64_t n, int32_t (*cmp)(uint32_t, uint32_t));

/* The data of the string, slice and vector cases (defined in bench.c). */
#define SHORT_TEXT "hello world"
#define KIB 1024u
#define MIB (1024u * 1024u)
extern char long_text[KIB + 1];
extern uint8_t small_bytes[KIB];
extern uint8_t *large_bytes;

/* The library's pending-panic counter; a case that sees it set calls on_panic(), which exits. */
extern const uint32_t *pending;
void on_panic(void);

/* Each case runs `n` calls and returns a checksum that depends on every result. */
typedef uint64_t (*case_fn)(uint64_t n);
uint64_t noop_generated(uint64_t n);
uint64_t noop_shim(uint64_t n);
uint64_t noop_raw(uint64_t n);
uint64_t add_generated(uint64_t n);
uint64_t add_shim(uint64_t n);
uint64_t add_raw(uint64_t n);
uint64_t struct_value_generated(uint64_t n);
uint64_t struct_value_shim(uint64_t n);
uint64_t struct_value_raw(uint64_t n);
uint64_t struct_ref_generated(uint64_t n);
uint64_t struct_ref_shim(uint64_t n);
uint64_t struct_ref_raw(uint64_t n);
uint64_t handle_generated(uint64_t n);
uint64_t handle_shim(uint64_t n);
uint64_t handle_raw(uint64_t n);
uint64_t service_generated(uint64_t n);
uint64_t service_shim(uint64_t n);
uint64_t service_raw(uint64_t n);
uint64_t service_locked_generated(uint64_t n);
uint64_t service_locked_shim(uint64_t n);
uint64_t service_locked_raw(uint64_t n);
uint64_t callback_generated(uint64_t n);
uint64_t callback_shim(uint64_t n);
uint64_t callback_raw(uint64_t n);
uint64_t callback_str_generated(uint64_t n);
uint64_t callback_str_shim(uint64_t n);
uint64_t callback_str_raw(uint64_t n);
uint64_t callback_str_lit_generated(uint64_t n);
uint64_t callback_str_lit_shim(uint64_t n);
uint64_t callback_str_lit_raw(uint64_t n);
uint64_t callback_cmp_generated(uint64_t n);
uint64_t callback_cmp_shim(uint64_t n);
uint64_t callback_cmp_raw(uint64_t n);
uint64_t str_short_generated(uint64_t n);
uint64_t str_short_shim(uint64_t n);
uint64_t str_short_raw(uint64_t n);
uint64_t str_long_generated(uint64_t n);
uint64_t str_long_shim(uint64_t n);
uint64_t str_long_raw(uint64_t n);
uint64_t bytes_small_generated(uint64_t n);
uint64_t bytes_small_shim(uint64_t n);
uint64_t bytes_small_raw(uint64_t n);
uint64_t bytes_large_generated(uint64_t n);
uint64_t bytes_large_shim(uint64_t n);
uint64_t bytes_large_raw(uint64_t n);
uint64_t string_ret_generated(uint64_t n);
uint64_t string_ret_shim(uint64_t n);
uint64_t string_ret_raw(uint64_t n);
uint64_t vec_ret_generated(uint64_t n);
uint64_t vec_ret_shim(uint64_t n);
uint64_t vec_ret_raw(uint64_t n);
uint64_t result_ok_generated(uint64_t n);
uint64_t result_ok_shim(uint64_t n);
uint64_t result_ok_raw(uint64_t n);
uint64_t result_err_generated(uint64_t n);
uint64_t result_err_shim(uint64_t n);
uint64_t result_err_raw(uint64_t n);

#endif
