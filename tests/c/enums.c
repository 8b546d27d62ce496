/*
 * C-like enums (fixture feature `enums`): the exact width of each Rust repr, explicit, negative,
 * 64-bit and sparse discriminants, variants named like keywords, enums as arguments, results and
 * case labels (tests/c/main.rs, see check.h).
 */
#include "conformance.h"
#include "check.h"

static void test_layout(void) {
    /* Enums have the exact width of their Rust repr. */
    CHECK(sizeof(Color) == 4);
    CHECK(sizeof(Small) == 1);
    CHECK(sizeof(Signed) == 2);
    CHECK(sizeof(Wide) == 8);
    CHECK(sizeof(Sequence) == 4);
    CHECK(sizeof(Mode) == 4);
}

static void test_enums(void) {
    CHECK(COLOR_RED == 0 && COLOR_GREEN == 1 && COLOR_BLUE == 2);
    CHECK(color_next(COLOR_RED) == COLOR_GREEN);
    CHECK(color_next(COLOR_GREEN) == COLOR_BLUE);
    CHECK(color_next(COLOR_BLUE) == COLOR_RED);
    CHECK(SMALL_A == 1 && SMALL_B == 2 && SMALL_C == 255);
    CHECK(small_value(SMALL_A) == 1);
    CHECK(small_value(SMALL_C) == 255);
    CHECK(SIGNED_MIN == -32768 && SIGNED_MINUS_ONE == -1 && SIGNED_ZERO == 0 && SIGNED_BIG == 1000);
    CHECK(signed_flip(SIGNED_MINUS_ONE) == SIGNED_BIG);
    CHECK(signed_flip(SIGNED_BIG) == SIGNED_MINUS_ONE);
    CHECK(signed_flip(SIGNED_MIN) == SIGNED_ZERO);
    CHECK(signed_flip(SIGNED_ZERO) == SIGNED_MIN);
    CHECK(WIDE_SMALL == 1u);
    CHECK(WIDE_HUGE == UINT64_MAX);
    CHECK(wide_other(WIDE_SMALL) == WIDE_HUGE);
    CHECK(wide_other(WIDE_HUGE) == WIDE_SMALL);
    CHECK(SEQUENCE_A == 5 && SEQUENCE_B == 6 && SEQUENCE_C == 10 && SEQUENCE_D == 11);
    CHECK(sequence_next(SEQUENCE_A) == SEQUENCE_B);
    CHECK(sequence_next(SEQUENCE_B) == SEQUENCE_C);
    CHECK(sequence_next(SEQUENCE_C) == SEQUENCE_D);
    CHECK(sequence_next(SEQUENCE_D) == SEQUENCE_A);
    CHECK(MODE_NONE == 0u && MODE_TRUE == 1u && MODE_DEFAULT == 2u);
    CHECK(mode_code(MODE_NONE) == 100);
    CHECK(mode_code(MODE_TRUE) == 101);
    CHECK(mode_code(MODE_DEFAULT) == 102);
    /* Enum values work as case labels. */
    switch (color_next(COLOR_GREEN)) {
    case COLOR_BLUE:
        CHECK(1);
        break;
    default:
        CHECK(0);
    }
}

int main(void) {
    check_begin();
    test_layout();
    test_enums();
    return check_end();
}
