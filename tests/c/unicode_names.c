/*
 * Non-ASCII names (fixture feature `unicode_names`, issue 10 item 13): a record `Größe` with a field
 * `länge`, an enum `Richtung` with a variant `Rückwärts` (macro RICHTUNG_RÜCKWÄRTS) and a function
 * `grüße` whose symbol is ASCII (`#[ffi(export = "gruesse")]`), written in UTF-8 in the header and
 * used here as C99 and as C++17 (GCC 10+ and Clang read UTF-8 identifiers; see docs/c/names.md).
 */
#include "conformance.h"
#include "check.h"

int main(void) {
    Größe größe;
    check_begin();
    größe.länge = 3;
    größe.width = 4;
    CHECK(sizeof(Größe) == 8);
    CHECK(offsetof(Größe, width) == 4);
    CHECK(sizeof(Richtung) == 1);
    CHECK(RICHTUNG_LINKS == 1 && RICHTUNG_RÜCKWÄRTS == 2);
    CHECK(gruesse(größe, RICHTUNG_LINKS) == 12u);
    CHECK(gruesse(größe, RICHTUNG_RÜCKWÄRTS) == 24u);
    CHECK(*pending == 0);
    return check_end();
}
