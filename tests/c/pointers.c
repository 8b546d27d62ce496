/*
 * Raw pointers (fixture feature `pointers`): a struct pointing to its own type, `*const T`,
 * `*mut T`, `*const c_void`, NULL accepted where the Rust code checks for it (tests/c/main.rs, see
 * check.h).
 */
#include "conformance.h"
#include "check.h"

static void test_layout(void) {
    CHECK(sizeof(Node) == 16);
    CHECK(offsetof(Node, next) == 8);
}

static void test_linked_list(void) {
    Node n3 = {3, NULL};
    Node n2 = {20, &n3};
    Node n1 = {100, &n2};
    CHECK(list_sum(&n1) == 123);
    CHECK(list_sum(&n3) == 3);
    CHECK(list_sum(NULL) == 0);
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

int main(void) {
    check_begin();
    test_layout();
    test_linked_list();
    test_pointers();
    return check_end();
}
