/*
 * C conformance program: calls every function of tests/fixtures/conformance through the generated
 * header and checks every result. Valid C99 and C++17 (tests/c/main.rs compiles it as both, with
 * -Wall -Wextra -pedantic -Werror, and runs it, also under valgrind).
 *
 * Prints "N passed, M failed" and exits non-zero when anything failed.
 */
#include "conformance.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

static int passed = 0;
static int failed = 0;

#define CHECK(cond)                                                                   \
    do {                                                                              \
        if (cond) {                                                                   \
            passed++;                                                                 \
        } else {                                                                      \
            failed++;                                                                 \
            fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond); \
        }                                                                             \
    } while (0)

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

/* Address of the pending-panic counter, read once. */
static const uint32_t *pending;

/* Takes this thread's panic message and compares it with `expected`; frees it. */
static int took_message(const char *expected) {
    char *message = interop_take_panic();
    int same = message != NULL && strcmp(message, expected) == 0;
    if (!same) {
        fprintf(stderr, "expected panic message \"%s\", got \"%s\"\n", expected,
                message != NULL ? message : "(NULL)");
    }
    interop_string_free(message);
    return same;
}

static int vec_eq(Vec2f32 v, float x, float y, float z) {
    return v.x == x && v.y == y && v.z == z;
}

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

static void test_layout(void) {
    CHECK(sizeof(Vec2f32) == 12);
    CHECK(offsetof(Vec2f32, z) == 8);
    CHECK(sizeof(Pair) == 16);
    CHECK(offsetof(Pair, _0) == 0);
    CHECK(offsetof(Pair, _1) == 8);
    CHECK(sizeof(Packed) == 5);
    CHECK(offsetof(Packed, tag) == 0);
    CHECK(offsetof(Packed, value) == 1);
    CHECK(sizeof(Matrix) == 36);
    CHECK(sizeof(((Matrix *)0)->m[0]) == 3 * sizeof(float));
    CHECK(sizeof(Buffer) == 9);
    CHECK(offsetof(Buffer, len) == 8);
    CHECK(sizeof(Primitives) == 64);
    CHECK(offsetof(Primitives, u_8) == 1);
    CHECK(offsetof(Primitives, u_16) == 2);
    CHECK(offsetof(Primitives, u_32) == 4);
    CHECK(offsetof(Primitives, u_64) == 8);
    CHECK(offsetof(Primitives, u_size) == 16);
    CHECK(offsetof(Primitives, i_8) == 24);
    CHECK(offsetof(Primitives, i_16) == 26);
    CHECK(offsetof(Primitives, i_32) == 28);
    CHECK(offsetof(Primitives, i_64) == 32);
    CHECK(offsetof(Primitives, i_size) == 40);
    CHECK(offsetof(Primitives, f_32) == 48);
    CHECK(offsetof(Primitives, f_64) == 56);
    CHECK(sizeof(Keywords) == 36);
    CHECK(offsetof(Keywords, new_) == 32);
    CHECK(sizeof(Node) == 16);
    CHECK(offsetof(Node, next) == 8);
    CHECK(sizeof(Tagged) == 16);
    CHECK(offsetof(Tagged, distance) == 8);
    CHECK(sizeof(Meters) == sizeof(double));
    CHECK(sizeof(Renamed) == 2);
    /* Enums have the exact width of their Rust repr. */
    CHECK(sizeof(Color) == 4);
    CHECK(sizeof(Small) == 1);
    CHECK(sizeof(Signed) == 2);
    CHECK(sizeof(Wide) == 8);
    CHECK(sizeof(Sequence) == 4);
    CHECK(sizeof(Mode) == 4);
    CHECK(sizeof(bool) == 1);
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

static void test_primitives(void) {
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

static void test_structs(void) {
    Vec2f32 v = {1.0f, 2.0f, 3.0f};
    Vec2f32 doubled = my_game_function(&v);
    CHECK(vec_eq(doubled, 2.0f, 4.0f, 6.0f));
    CHECK(vec_eq(v, 1.0f, 2.0f, 3.0f));
    CHECK(vec_eq(my_game_function(NULL), 2.0f, 4.0f, 6.0f));
    CHECK(*pending == 0);

    vec_double_in_place(&v);
    CHECK(vec_eq(v, 2.0f, 4.0f, 6.0f));
    CHECK(vec_reset(&v) == true);
    CHECK(vec_eq(v, 1.0f, 1.0f, 1.0f));
    CHECK(vec_reset(NULL) == false);
    CHECK(*pending == 0);
    v.x = 7.5f;
    CHECK(vec_x(&v) == 7.5f);

    {
        Pair p = {21, -4};
        Pair q = pair_scale(p);
        CHECK(q._0 == 42 && q._1 == -12);
        p._0 = INT32_MAX;
        p._1 = INT64_MAX;
        q = pair_scale(p);
        CHECK(q._0 == -2 && q._1 == INT64_MAX - 2);
    }
    {
        Packed p = packed_make(9, 0x01020304u);
        CHECK(p.tag == 9 && p.value == 0x01020304u);
        CHECK(packed_sum(&p) == 9u + 0x01020304u);
        p.value = UINT32_MAX;
        CHECK(packed_sum(&p) == (uint64_t)UINT32_MAX + 9u);
    }
    {
        Matrix m = matrix_identity();
        int i, j, ok = 1;
        for (i = 0; i < 3; i++) {
            for (j = 0; j < 3; j++) {
                ok = ok && m.m[i][j] == (i == j ? 1.0f : 0.0f);
            }
        }
        CHECK(ok);
        CHECK(matrix_trace(&m) == 3.0f);
        m.m[1][1] = 5.0f;
        m.m[0][2] = 100.0f;
        CHECK(matrix_trace(&m) == 7.0f);
    }
    {
        Buffer b = {{1, 2, 3, 4, 5, 6, 7, 8}, 3};
        CHECK(buffer_sum(b) == 6u);
        b.len = 8;
        CHECK(buffer_sum(b) == 36u);
        b.len = 200;
        CHECK(buffer_sum(b) == 36u);
    }
    {
        Primitives p = {false, 255, 1, 2, 3, 4, -1, 5, 6, 7, 8, 0.5f, 0.25};
        Primitives q = primitives_bump(p);
        CHECK(q.flag == true);
        CHECK(q.u_8 == 0);
        CHECK(q.u_16 == 2);
        CHECK(q.u_32 == 3u);
        CHECK(q.u_64 == 4u);
        CHECK(q.u_size == 5u);
        CHECK(q.i_8 == 0);
        CHECK(q.i_16 == 6);
        CHECK(q.i_32 == 7);
        CHECK(q.i_64 == 8);
        CHECK(q.i_size == 9);
        CHECK(q.f_32 == 1.5f);
        CHECK(q.f_64 == 1.25);
        q = primitives_bump(q);
        CHECK(q.flag == false);
    }
    {
        Keywords k = {1, 2, 3, 4, 5, 6, 7, 8, 9};
        Keywords n = keywords_negate(k);
        CHECK(n.lambda == -1 && n.class_ == -2 && n.from == -3 && n.params == -4 &&
              n.object == -5 && n.string == -6 && n.event == -7 && n.int_ == -8 && n.new_ == -9);
        CHECK(keywords_sum(1, 2, 3, 4, 5, 6, 7, 8, 9) == 285);
        CHECK(keywords_sum(0, 0, 0, 0, 0, 0, 0, 0, 1) == 9);
        CHECK(keywords_sum(1, 0, 0, 0, 0, 0, 0, 0, 0) == 1);
    }
    {
        Node n3 = {3, NULL};
        Node n2 = {20, &n3};
        Node n1 = {100, &n2};
        CHECK(list_sum(&n1) == 123);
        CHECK(list_sum(&n3) == 3);
        CHECK(list_sum(NULL) == 0);
    }
    {
        Meters a = {1.5};
        Meters b = {2.25};
        Tagged t = tagged_make(COLOR_GREEN, b);
        CHECK(meters_add(a, b)._0 == 3.75);
        CHECK(t.color == COLOR_GREEN && t.distance._0 == 2.25);
    }
    {
        Renamed r = {41};
        CHECK(renamed_function(r) == 42u);
    }
}

static void test_pointers(void) {
    int32_t values[4] = {1, 2, 3, -10};
    uint8_t bytes[6] = {0, 0, 0, 0, 0, 0};
    int x = 0;
    CHECK(sum_raw(values, 4) == -4);
    CHECK(sum_raw(values, 3) == 6);
    CHECK(sum_raw(NULL, 5) == 0);
    fill_raw(bytes + 1, 4, 0xAB);
    CHECK(bytes[0] == 0 && bytes[1] == 0xAB && bytes[4] == 0xAB && bytes[5] == 0);
    fill_raw(NULL, 4, 1);
    CHECK(is_null(NULL) == true);
    CHECK(is_null(&x) == false);
    CHECK(*pending == 0);
}

static void test_methods(void) {
    Counter *c = counter_new(10);
    CHECK(c != NULL);
    CHECK(counter_get(c) == 10u);
    CHECK(counter_increment(c, 5) == 15u);
    CHECK(counter_increment(c, UINT64_MAX) == 14u);
    CHECK(counter_get(c) == 14u);
    CHECK(counter_increments(c) == 2u);
    counter_destroy(c);
    counter_destroy(NULL);

    {
        Vec2f32 v = vec2f32_zero();
        CHECK(vec_eq(v, 0.0f, 0.0f, 0.0f));
        v.x = 3.0f;
        v.y = 4.0f;
        CHECK(vec2f32_length(&v) == 5.0f);
        vec2f32_scale(&v, 2.0f);
        CHECK(vec_eq(v, 6.0f, 8.0f, 0.0f));
        v.z = 0.5f;
        CHECK(vec2f32_sum(v) == 14.5f);
    }
    CHECK(*pending == 0);
}

static void test_other_items(void) {
    CHECK(cf_explicit_symbol() == 5u);
    CHECK(math_clamp(5.0, 0.0, 1.0) == 1.0);
    CHECK(math_clamp(-1.0, 0.0, 1.0) == 0.0);
    CHECK(math_clamp(0.25, 0.0, 1.0) == 0.25);
    CHECK(doc_edge_cases() == 1u);
    CHECK(hidden_answer() == 42u);
    CHECK(dep_double(21) == 42u);
    CHECK(extra_answer() == 99u);
}

static void test_panics(void) {
    CHECK(*pending == 0);
    CHECK(interop_take_panic() == NULL);

    CHECK(panic_if(false) == 7u);
    CHECK(*pending == 0);

    CHECK(panic_if(true) == 0u); /* the panic value of an integer: 0 */
    CHECK(*pending == 1);
    CHECK(took_message("panic in `panic_if`: boom: requested panic"));
    CHECK(*pending == 0);
    CHECK(interop_take_panic() == NULL);

    {
        Vec2f32 v = panic_struct(3);
        CHECK(vec_eq(v, 0.0f, 0.0f, 0.0f));
        CHECK(*pending == 1);
        CHECK(took_message("panic in `panic_struct`: struct panic 3"));
        CHECK(*pending == 0);
    }

    /* An enum's panic value is its variant with discriminant 0 (else its first variant). */
    CHECK(panic_enum(5) == SIGNED_ZERO);
    CHECK(*pending == 1);
    CHECK(took_message("panic in `panic_enum`: enum panic 5"));
    CHECK(*pending == 0);

    /* A second panic before the first is taken replaces it; the count stays 1 for this thread. */
    panic_if(true);
    panic_struct(-8);
    CHECK(*pending == 1);
    CHECK(took_message("panic in `panic_struct`: struct panic -8"));
    CHECK(*pending == 0);

    /* NULL where a reference is required: an error, not undefined behaviour. */
    CHECK(vec_x(NULL) == 0.0f);
    CHECK(*pending == 1);
    CHECK(took_message("panic in `vec_x`: argument `v` of `vec_x` must not be null"));
    vec_double_in_place(NULL);
    CHECK(took_message(
        "panic in `vec_double_in_place`: argument `v` of `vec_double_in_place` must not be null"));
    CHECK(packed_sum(NULL) == 0u);
    CHECK(took_message("panic in `packed_sum`: argument `p` of `packed_sum` must not be null"));
    CHECK(matrix_trace(NULL) == 0.0f);
    CHECK(took_message("panic in `matrix_trace`: argument `m` of `matrix_trace` must not be null"));
    CHECK(counter_get(NULL) == 0u);
    CHECK(took_message("panic in `counter_get`: argument `self` of `counter_get` must not be null"));
    CHECK(counter_increment(NULL, 1) == 0u);
    CHECK(took_message(
        "panic in `counter_increment`: argument `self` of `counter_increment` must not be null"));
    CHECK(counter_increments(NULL) == 0u);
    CHECK(took_message(
        "panic in `counter_increments`: argument `self` of `counter_increments` must not be null"));
    CHECK(vec2f32_length(NULL) == 0.0f);
    CHECK(took_message(
        "panic in `vec2f32_length`: argument `self` of `vec2f32_length` must not be null"));
    vec2f32_scale(NULL, 2.0f);
    CHECK(took_message(
        "panic in `vec2f32_scale`: argument `self` of `vec2f32_scale` must not be null"));
    CHECK(*pending == 0);

    /* Freeing NULL is allowed. */
    interop_string_free(NULL);
}

int main(void) {
    /* The version guard: this header was generated from this very library. */
    CHECK(conformance_library_matches());
    CHECK(interop_inventory_hash() != NULL);
    pending = interop_panic_pending();
    CHECK(pending != NULL);
    CHECK(pending == interop_panic_pending());

    test_constants();
    test_layout();
    test_enums();
    test_primitives();
    test_structs();
    test_pointers();
    test_methods();
    test_other_items();
    test_panics();

    CHECK(*pending == 0);
    printf("%d passed, %d failed\n", passed, failed);
    return failed == 0 ? 0 : 1;
}
