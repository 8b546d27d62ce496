/*
 * Opaque handles (fixture feature `opaque_handles`): a type only ever behind a pointer, its
 * constructor, `&self` and `&mut self` methods and destructor (NULL ignored), and a NULL handle
 * where `self` is required (an error through the panic channel) (tests/c/main.rs, see check.h).
 */
#include "conformance.h"
#include "check.h"

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
    CHECK(*pending == 0);
}

/* A NULL handle where `self` is required: an error, not undefined behaviour. */
static void test_null_handle(void) {
    CHECK(counter_get(NULL) == 0u);
    CHECK(refused("argument `self` of `counter_get` must not be null"));
    CHECK(counter_increment(NULL, 1) == 0u);
    CHECK(refused("argument `self` of `counter_increment` must not be null"));
    CHECK(counter_increments(NULL) == 0u);
    CHECK(refused("argument `self` of `counter_increments` must not be null"));
    CHECK(*pending == 0);
}

int main(void) {
    check_begin();
    test_methods();
    test_null_handle();
    return check_end();
}
