/*
 * Constants (fixture feature `constants`): every constant as a macro of the right type and value,
 * usable by the preprocessor, one of them in the `math` module (tests/c/main.rs, see check.h).
 */
#include "conformance.h"
#include "check.h"

/* Compile-time checks: the macros are usable by the preprocessor and have the right values. */
#if MAX_PLAYERS != 16
#error "MAX_PLAYERS"
#endif
#if BIG != 18446744073709551615u
#error "BIG"
#endif
#if MIN_I64 >= 0 || MIN_I64 + 1 != -9223372036854775807
#error "MIN_I64"
#endif
#if NEGATIVE != -42
#error "NEGATIVE"
#endif
#if COMPUTED != 1099511627776
#error "COMPUTED"
#endif

static void test_constants(void) {
    CHECK(MAX_PLAYERS == 16u);
    CHECK(sizeof(MAX_PLAYERS) == sizeof(uint32_t));
    CHECK(COMPUTED == (UINT64_C(1) << 40));
    CHECK(NEGATIVE == -42);
    CHECK(BIG == UINT64_MAX);
    CHECK(sizeof(BIG) == 8);
    CHECK(MIN_I64 == INT64_MIN);
    CHECK(sizeof(MIN_I64) == 8);
    CHECK(PI_ISH == 3.14159);
    CHECK(sizeof(PI_ISH) == sizeof(double));
    CHECK(HALF == 0.5f);
    CHECK(sizeof(HALF) == sizeof(float));
    CHECK(ENABLED == true);
    CHECK(RENAMED_CONST == 7);
    CHECK(TAU == 6.283185307179586);
}

int main(void) {
    check_begin();
    test_constants();
    return check_end();
}
