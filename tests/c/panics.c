/*
 * Panics (fixture feature `panics`): a panic never crosses the boundary; the call returns the panic
 * value of its result type (0, a zeroed struct, the enum variant with discriminant 0), the
 * pending-panic counter says so, and interop_take_panic() hands over the message (tests/c/main.rs,
 * see check.h).
 */
#include "conformance.h"
#include "check.h"

static int vec_eq(Vec2f32 v, float x, float y, float z) {
    return v.x == x && v.y == y && v.z == z;
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

    /* Freeing NULL is allowed. */
    interop_string_free(NULL);
}

int main(void) {
    check_begin();
    test_panics();
    return check_end();
}
