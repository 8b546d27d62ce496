/*
 * Doc comments (fixture feature `docs`): a function whose docs hold characters every language must
 * escape (a C comment end among them) is declared and callable; the header text itself is compared
 * with its golden file by tests/c/main.rs (see check.h).
 */
#include "conformance.h"
#include "check.h"

int main(void) {
    check_begin();
    CHECK(doc_edge_cases() == 1u);
    return check_end();
}
