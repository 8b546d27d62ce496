/*
 * References (fixture feature `references`): `&T`, `&mut T`, `Option<&T>` and `Option<&mut T>`
 * parameters as pointers, NULL where the reference is optional, and NULL where it is required (an
 * error through the panic channel, not undefined behaviour) (tests/c/main.rs, see check.h).
 */
#include "conformance.h"
#include "check.h"

static int vec_eq(Vec2f32 v, float x, float y, float z) {
    return v.x == x && v.y == y && v.z == z;
}

static void test_references(void) {
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
}

/* NULL where a reference is required: an error, not undefined behaviour. */
static void test_null_references(void) {
    CHECK(vec_x(NULL) == 0.0f);
    CHECK(*pending == 1);
    CHECK(refused("argument `v` of `vec_x` must not be null"));
    vec_double_in_place(NULL);
    CHECK(refused("argument `v` of `vec_double_in_place` must not be null"));
    CHECK(*pending == 0);
}

int main(void) {
    check_begin();
    test_references();
    test_null_references();
    return check_end();
}
