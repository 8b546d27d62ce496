/*
 * Validation at the boundary: an enum value that is no discriminant, a bool byte other than 0/1,
 * and such values inside records (by value, through a pointer, nested, packed) never reach Rust:
 * the call returns the panic value and the error channel names the argument, the function and the
 * value. Valid calls are unaffected.
 */
#include "common.h"

#include <stddef.h>
#include <stdint.h>

static const uint32_t *pending;

/* `negate` called with a raw byte, as a caller that does not use the header's `bool` might. */
typedef uint8_t (*raw_negate_fn)(uint8_t);

static void test_enums(void) {
    CHECK(color_code(COLOR_BLUE) == 102);
    CHECK(*pending == 0);

    CHECK(color_code((Color)7) == 0);
    CHECK(*pending == 1);
    CHECK(refused("argument `c` of `color_code`: 7 is not a value of enum `Color`"));
    CHECK(*pending == 0);

    CHECK(color_code((Color)-1) == 0);
    CHECK(refused("argument `c` of `color_code`: -1 is not a value of enum `Color`"));

    CHECK(small_code(SMALL_C) == 255);
    CHECK(small_code((Small)0) == 0);
    CHECK(refused("argument `s` of `small_code`: 0 is not a value of enum `Small`"));
    CHECK(small_code((Small)3) == 0);
    CHECK(refused("argument `s` of `small_code`: 3 is not a value of enum `Small`"));

    /* The first invalid argument is the one reported; the function is not called. */
    CHECK(two_colors(COLOR_GREEN, COLOR_BLUE) == 12);
    CHECK(two_colors((Color)9, (Color)8) == 0);
    CHECK(refused("argument `a` of `two_colors`: 9 is not a value of enum `Color`"));
    CHECK(two_colors(COLOR_RED, (Color)8) == 0);
    CHECK(refused("argument `b` of `two_colors`: 8 is not a value of enum `Color`"));
    CHECK(*pending == 0);
}

static void test_bools(void) {
    raw_negate_fn raw = (raw_negate_fn)(void (*)(void))negate;
    CHECK(negate(true) == false);
    CHECK(raw(0) == 1);
    CHECK(raw(2) == 0);
    CHECK(refused("argument `b` of `negate`: 2 is not a bool (0 or 1)"));
    CHECK(raw(255) == 0);
    CHECK(refused("argument `b` of `negate`: 255 is not a bool (0 or 1)"));
    CHECK(*pending == 0);
}

/* Writes `value` into the byte at `offset` of `object` (as memory, whatever the field's type). */
static void poke(void *object, size_t offset, unsigned char value) {
    ((unsigned char *)object)[offset] = value;
}

static void test_records(void) {
    Flags good;
    Flags bad_bool;
    Flags bad_color;
    Nested nested;
    Tight tight;
    Plain plain;

    memset(&good, 0, sizeof good);
    good.on = true;
    good.color = COLOR_GREEN;
    good.count = 7;
    CHECK(flags_value_of(good) == 1107);
    CHECK(flags_value_at(&good) == 1107);
    CHECK(flags_value_maybe(&good) == 1107);
    CHECK(flags_value_maybe(NULL) == 0);
    CHECK(*pending == 0);

    bad_bool = good;
    poke(&bad_bool, offsetof(Flags, on), 3);
    CHECK(flags_value_of(bad_bool) == 0);
    CHECK(refused("argument `f` of `flags_value_of`: field `on`: 3 is not a bool (0 or 1)"));

    bad_color = good;
    bad_color.color = (Color)5;
    CHECK(flags_value_of(bad_color) == 0);
    CHECK(refused("argument `f` of `flags_value_of`: field `color`: 5 is not a value of enum `Color`"));
    CHECK(flags_value_at(&bad_color) == 0);
    CHECK(refused("argument `f` of `flags_value_at`: field `color`: 5 is not a value of enum `Color`"));
    CHECK(flags_value_maybe(&bad_bool) == 0);
    CHECK(refused("argument `f` of `flags_value_maybe`: field `on`: 3 is not a bool (0 or 1)"));

    /* Through `&mut`: checked before the function may write, and left untouched. */
    flags_reset(&bad_color);
    CHECK(refused("argument `f` of `flags_reset`: field `color`: 5 is not a value of enum `Color`"));
    CHECK(bad_color.color == (Color)5 && bad_color.count == 7);
    flags_reset(&good);
    CHECK(good.count == 0 && good.color == COLOR_RED && !good.on);

    memset(&nested, 0, sizeof nested);
    nested.inner.color = COLOR_BLUE;
    nested.smalls[0] = SMALL_A;
    nested.smalls[1] = SMALL_C;
    CHECK(nested_value(nested) == 200 + 1 + 255);
    nested.smalls[1] = (Small)9;
    CHECK(nested_value(nested) == 0);
    CHECK(refused("argument `n` of `nested_value`: field `smalls`: 9 is not a value of enum `Small`"));
    nested.smalls[1] = SMALL_B;
    poke(&nested, offsetof(Nested, inner) + offsetof(Flags, on), 2);
    CHECK(nested_value(nested) == 0);
    CHECK(refused("argument `n` of `nested_value`: field `inner.on`: 2 is not a bool (0 or 1)"));

    memset(&tight, 0, sizeof tight);
    tight.tag = 4;
    tight.color = COLOR_GREEN;
    CHECK(tight_value(tight) == 104);
    tight.color = (Color)70000;
    CHECK(tight_value(tight) == 0);
    CHECK(refused("argument `t` of `tight_value`: field `color`: 70000 is not a value of enum `Color`"));

    plain.a = 2;
    plain.b = 3.5;
    CHECK(plain_sum(plain) == 5);
    CHECK(*pending == 0);
}

int main(void) {
    pending = interop_panic_pending();
    test_enums();
    test_bools();
    test_records();
    return summary();
}
