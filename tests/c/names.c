/*
 * Names (fixture feature `names`): a renamed struct and function, an explicit symbol, a function of
 * the `math` module (prefixed C name), and a function in a private module (tests/c/main.rs, see
 * check.h).
 */
#include "conformance.h"
#include "check.h"

static void test_names(void) {
    Renamed r = {41};
    CHECK(sizeof(Renamed) == 2);
    CHECK(renamed_function(r) == 42u);
    CHECK(cf_explicit_symbol() == 5u);
    CHECK(math_clamp(5.0, 0.0, 1.0) == 1.0);
    CHECK(math_clamp(-1.0, 0.0, 1.0) == 0.0);
    CHECK(math_clamp(0.25, 0.0, 1.0) == 0.25);
    /* Defined in a private module (tests/fixtures/conformance/src/lib.rs, `mod hidden`). */
    CHECK(hidden_answer() == 42u);
}

int main(void) {
    check_begin();
    test_names();
    return check_end();
}
