/*
 * Caught panics are quiet: with RUST_BACKTRACE=1 in the environment, a panic that reaches the caller
 * as an error prints nothing (tests/channel/main.rs checks stderr), unless INTEROP_PRINT_PANICS=1.
 * Also: a destructor ignores NULL, and module functions have prefixed symbols.
 */
#include "common.h"

#include <stdint.h>

int main(void) {
    const uint32_t *pending = interop_panic_pending();
    int i;
    Gadget *g;

    CHECK(boom(0) == 0);
    for (i = 1; i <= 3; i++) {
        CHECK(boom((uint32_t)i) == 0);
        CHECK(*pending == 1);
        interop_string_free(interop_take_panic());
    }
    CHECK(boom(42) == 0);
    CHECK(took_message("panic in `boom`: boom 42"));
    CHECK(*pending == 0);

    gadget_destroy(NULL);
    CHECK(*pending == 0);
    g = gadget_new(3);
    CHECK(gadget_size(g) == 3);
    gadget_destroy(g);
    CHECK(*pending == 0);

    CHECK(pool_free(4) == 4);
    return summary();
}
