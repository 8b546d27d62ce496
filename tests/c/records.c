/*
 * Records (fixture feature `records`): the layout of named, tuple and packed structs, arrays in
 * fields, every primitive in a field, fields named like keywords (a trailing `_`), records by value
 * and by reference, methods on a value type, and NULL where a record reference is required
 * (tests/c/main.rs, see check.h).
 */
#include "conformance.h"
#include "check.h"

static int vec_eq(Vec2f32 v, float x, float y, float z) {
    return v.x == x && v.y == y && v.z == z;
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
}

static void test_structs(void) {
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
}

static void test_methods(void) {
    Vec2f32 v = vec2f32_zero();
    CHECK(vec_eq(v, 0.0f, 0.0f, 0.0f));
    v.x = 3.0f;
    v.y = 4.0f;
    CHECK(vec2f32_length(&v) == 5.0f);
    vec2f32_scale(&v, 2.0f);
    CHECK(vec_eq(v, 6.0f, 8.0f, 0.0f));
    v.z = 0.5f;
    CHECK(vec2f32_sum(v) == 14.5f);
    CHECK(*pending == 0);
}

/* NULL where a reference is required: an error, not undefined behaviour. */
static void test_null_references(void) {
    CHECK(packed_sum(NULL) == 0u);
    CHECK(refused("argument `p` of `packed_sum` must not be null"));
    CHECK(matrix_trace(NULL) == 0.0f);
    CHECK(refused("argument `m` of `matrix_trace` must not be null"));
    CHECK(vec2f32_length(NULL) == 0.0f);
    CHECK(refused("argument `self` of `vec2f32_length` must not be null"));
    vec2f32_scale(NULL, 2.0f);
    CHECK(refused("argument `self` of `vec2f32_scale` must not be null"));
    CHECK(*pending == 0);
}

int main(void) {
    check_begin();
    test_layout();
    test_structs();
    test_methods();
    test_null_references();
    return check_end();
}
