/*
 * Primitives (fixture feature `primitives`): every integer width wrapping, floats, bool, no
 * arguments and no result (tests/c/main.rs, see check.h).
 */
#include "conformance.h"
#include "check.h"

#include <stddef.h>

static void test_primitives(void) {
    CHECK(sizeof(bool) == 1);
    noop();
    CHECK(add_u8(200, 100) == 44);
    CHECK(add_u16(65535, 2) == 1);
    CHECK(add_u32(UINT32_MAX, 1) == 0u);
    CHECK(add_u64(UINT64_MAX, 2) == 1u);
    CHECK(add_usize(SIZE_MAX, 1) == 0u);
    CHECK(add_usize(40, 2) == 42u);
    CHECK(add_i8(127, 1) == -128);
    CHECK(add_i8(-5, 3) == -2);
    CHECK(add_i16(32767, 1) == -32768);
    CHECK(add_i32(INT32_MAX, 1) == INT32_MIN);
    CHECK(add_i32(-40, -2) == -42);
    CHECK(add_i64(INT64_MAX, 1) == INT64_MIN);
    CHECK(add_isize(PTRDIFF_MAX, 1) == PTRDIFF_MIN);
    CHECK(add_isize(-3, 1) == -2);
    CHECK(add_f32(0.5f, 0.25f) == 0.75f);
    CHECK(add_f64(1e300, 1e300) == 2e300);
    CHECK(negate(true) == false);
    CHECK(negate(false) == true);
    CHECK(max_u64() == UINT64_MAX);
    CHECK(min_i64() == INT64_MIN);
}

int main(void) {
    check_begin();
    test_primitives();
    return check_end();
}
