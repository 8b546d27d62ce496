/*
 * Items from other crates (fixture feature `dependencies`): a transparent type from a dependency
 * crate by value and inside a record next to an enum, a dependency's function, and a crate linked
 * only through `use ... as _` (tests/c/main.rs, see check.h).
 */
#include "conformance.h"
#include "check.h"

static void test_layout(void) {
    CHECK(sizeof(Tagged) == 16);
    CHECK(offsetof(Tagged, distance) == 8);
    CHECK(sizeof(Meters) == sizeof(double));
}

static void test_dependencies(void) {
    Meters a = {1.5};
    Meters b = {2.25};
    Tagged t = tagged_make(COLOR_GREEN, b);
    CHECK(meters_add(a, b)._0 == 3.75);
    CHECK(t.color == COLOR_GREEN && t.distance._0 == 2.25);
    CHECK(dep_double(21) == 42u);
    CHECK(extra_answer() == 99u);
}

int main(void) {
    check_begin();
    test_layout();
    test_dependencies();
    return check_end();
}
