/*
 * Optional borrowed views from C (the conformance fixture's `optional_views` feature, ADR 46):
 * `Option<&str>` and `Option<&[T]>` parameters take the structs of `Option<String>` and
 * `Option<Vec<T>>` arguments (`OptionString`, `OptionVecU32`, …; `cap` ignored, the caller keeps its
 * memory). `Option<&CStr>` is a `const char *` where NULL is None. None, Some(empty) and
 * Some(text) are told apart; a NULL pointer with a length inside Some, invalid UTF-8 and an
 * `is_some` of 2 are refused through the error channel. `Option<&mut [T]>` (ADR 53) is the view of
 * `&mut [T]` (`SliceMutU8`, …) where a NULL `ptr` with `len` 0 is None: NULL with a length, a
 * misaligned pointer, an invalid bool or enum value coming in are refused, and an empty view with
 * a pointer is Some(empty). Runs under valgrind; valid C99 and C++17.
 *
 * Prints "N passed, M failed" and exits non-zero when anything failed.
 */
#include "conformance.h"
#include "check.h"

static Str str_of(const char *s) {
    Str v;
    v.ptr = s;
    v.len = strlen(s);
    return v;
}

static OptionString none_text(void) {
    OptionString o;
    memset(&o, 0, sizeof o);
    return o;
}

static OptionString some_text_n(const char *s, size_t len) {
    OptionString o;
    memset(&o, 0, sizeof o);
    o.is_some = 1;
    o.value.ptr = (char *)s;
    o.value.len = len;
    o.value.cap = 0;
    return o;
}

static OptionString some_text(const char *s) {
    return some_text_n(s, strlen(s));
}

/* The returned string equals `expected`; frees it. */
static int text_is(String s, const char *expected) {
    int same = s.len == strlen(expected) && memcmp(s.ptr, expected, s.len) == 0;
    if (!same) {
        fprintf(stderr, "expected \"%s\", got \"%.*s\"\n", expected, (int)s.len, s.ptr);
    }
    String_free(&s);
    return same;
}

static void test_text(void) {
    static char big[1025];
    OptionString bad;
    memset(big, 'x', 1024);
    big[1024] = '\0';
    CHECK(optional_views_opt_text_len(none_text()) == -1);
    CHECK(optional_views_opt_text_len(some_text("")) == 0);
    /* Some with a NULL pointer and length 0 is the empty string. */
    CHECK(optional_views_opt_text_len(some_text_n(NULL, 0)) == 0);
    CHECK(optional_views_opt_text_len(some_text("\xe6\x97\xa5\xe6\x9c\xac")) == 6);
    CHECK(optional_views_opt_text_len(some_text(big)) == 1024);
    CHECK(no_error());
    CHECK(text_is(optional_views_opt_find(str_of("x"), none_text()), "x"));
    CHECK(text_is(optional_views_opt_find(str_of("x"), some_text("")), "/x"));
    CHECK(text_is(optional_views_opt_find(str_of("\xc3\xa9t\xc3\xa9"), some_text("\xe6\x97\xa5")),
                  "\xe6\x97\xa5/\xc3\xa9t\xc3\xa9"));
    /* A value that is not read when absent: garbage behind is_some 0 is ignored. */
    bad = some_text_n(NULL, 3);
    bad.is_some = 0;
    CHECK(optional_views_opt_text_len(bad) == -1);
    CHECK(no_error());
    /* Inside Some, the view's own checks. */
    bad.is_some = 1;
    CHECK(optional_views_opt_text_len(bad) == 0);
    CHECK(error_contains(
        "argument `s` of `opt_text_len`: NULL pointer with length 3"));
    CHECK(optional_views_opt_text_len(some_text("ok\xff")) == 0);
    CHECK(error_contains("invalid UTF-8 (the first 2 bytes are valid)"));
    /* A lone surrogate encoded as UTF-8 (CESU) is not UTF-8. */
    CHECK(optional_views_opt_text_len(some_text("\xed\xa0\x80")) == 0);
    CHECK(error_contains("invalid UTF-8"));
    bad = some_text("a");
    bad.is_some = 2;
    CHECK(optional_views_opt_text_len(bad) == 0);
    CHECK(error_contains(
        "argument `s` of `opt_text_len`: 2 is not an option tag (is_some must be 0 or 1)"));
    CHECK(text_is(optional_views_opt_find(str_of("x"), bad), ""));
    CHECK(error_contains("argument `scope` of `opt_find`: 2 is not an option tag"));
}

static void test_slices(void) {
    static const uint8_t data[3] = {1, 2, 3};
    static const uint8_t key[2] = {10, 20};
    static const uint32_t nums[4] = {1, 2, 3, 4000000000u};
    SliceU8 d;
    OptionVecU8 k;
    OptionVecU32 v;
    OptionVecString w;
    String words[2];
    d.ptr = data;
    d.len = 3;
    memset(&k, 0, sizeof k);
    CHECK(optional_views_opt_hash(d, k) == -7);
    k.is_some = 1;
    CHECK(optional_views_opt_hash(d, k) == 6);
    k.value.ptr = (uint8_t *)key;
    k.value.len = 2;
    CHECK(optional_views_opt_hash(d, k) == 6 + 2000 + 30);
    CHECK(no_error());
    memset(&v, 0, sizeof v);
    CHECK(optional_views_opt_sum(v) == -1);
    v.is_some = 1;
    CHECK(optional_views_opt_sum(v) == 0);
    v.value.ptr = (uint32_t *)nums;
    v.value.len = 4;
    CHECK(optional_views_opt_sum(v) == 4000000006LL);
    CHECK(no_error());
    /* NULL with a length inside Some, a misaligned pointer, an invalid tag. */
    v.value.ptr = NULL;
    CHECK(optional_views_opt_sum(v) == 0);
    CHECK(error_contains("argument `v` of `opt_sum`: NULL pointer with length 4"));
    v.value.ptr = (uint32_t *)((const uint8_t *)nums + 1);
    v.value.len = 1;
    CHECK(optional_views_opt_sum(v) == 0);
    CHECK(error_contains("argument `v` of `opt_sum`"));
    v.value.ptr = (uint32_t *)nums;
    v.is_some = 2;
    CHECK(optional_views_opt_sum(v) == 0);
    CHECK(error_contains("argument `v` of `opt_sum`: 2 is not an option tag"));
    /* Elements that own data (copied in for the call). */
    memset(&w, 0, sizeof w);
    CHECK(text_is(optional_views_opt_join(w), "none"));
    w.is_some = 1;
    CHECK(text_is(optional_views_opt_join(w), ""));
    words[0].ptr = (char *)"a\xc3\xa9";
    words[0].len = 3;
    words[0].cap = 0;
    words[1].ptr = (char *)"b";
    words[1].len = 1;
    words[1].cap = 0;
    w.value.ptr = words;
    w.value.len = 2;
    CHECK(text_is(optional_views_opt_join(w), "a\xc3\xa9+b"));
    words[1].ptr = NULL;
    words[1].len = 5;
    CHECK(text_is(optional_views_opt_join(w), ""));
    CHECK(error_contains("element `[1]`: NULL pointer with length 5"));
}

static void test_c_strings(void) {
    CHECK(optional_views_opt_c_len(NULL) == -1);
    CHECK(optional_views_opt_c_len("") == 0);
    CHECK(optional_views_opt_c_len("\xe6\x97\xa5\xe6\x9c\xac") == 6);
    /* A C string is bytes: not checked for UTF-8. */
    CHECK(optional_views_opt_c_len("\xff\xfe") == 2);
    CHECK(no_error());
    CHECK(text_is(optional_views_opt_open("a.txt", NULL), "a.txt:r"));
    CHECK(text_is(optional_views_opt_open("a.txt", ""), "a.txt:"));
    CHECK(text_is(optional_views_opt_open("\xe6\x97\xa5", "w+"), "\xe6\x97\xa5:w+"));
    CHECK(no_error());
    /* The path is a `&CStr`: NULL is refused, unlike the optional mode. */
    CHECK(text_is(optional_views_opt_open(NULL, "w"), ""));
    CHECK(error_contains("argument `path` of `opt_open`"));
}

static SliceMutU8 bytes_of(uint8_t *ptr, size_t len) {
    SliceMutU8 v;
    v.ptr = ptr;
    v.len = len;
    return v;
}

static void test_writable(void) {
    uint8_t buf[16];
    uint32_t nums[3] = {1, 2, 3};
    double halves[2] = {3.0, -1.0};
    Toggle toggles[2];
    Signal signals[3] = {SIGNAL_RED, SIGNAL_AMBER, SIGNAL_GREEN};
    SliceMutU32 v;
    SliceMutF64 f;
    SliceMutToggle t;
    SliceMutSignal s;
    /* None asks for the size; Some(empty) (a pointer, length 0) writes nothing. */
    memset(buf, 0, sizeof buf);
    CHECK(optional_views_opt_read(bytes_of(NULL, 0)) == 8);
    CHECK(optional_views_opt_read(bytes_of(buf, 0)) == 0);
    CHECK(optional_views_opt_read(bytes_of(buf, 3)) == 3);
    CHECK(memcmp(buf, "opt", 3) == 0 && buf[3] == 0);
    CHECK(optional_views_opt_read(bytes_of(buf, sizeof buf)) == 8);
    CHECK(memcmp(buf, "optional", 8) == 0 && buf[8] == 0);
    CHECK(no_error());
    /* NULL with a length is refused, as for `&mut [T]`. */
    CHECK(optional_views_opt_read(bytes_of(NULL, 4)) == 0);
    CHECK(error_contains("argument `out` of `opt_read`: NULL pointer with length 4"));
    v.ptr = NULL;
    v.len = 0;
    CHECK(optional_views_opt_scale(v, 2) == -1);
    v.ptr = nums;
    v.len = 3;
    CHECK(optional_views_opt_scale(v, 2) == 3);
    CHECK(nums[0] == 2 && nums[1] == 4 && nums[2] == 6);
    v.ptr = (uint32_t *)((uint8_t *)nums + 1);
    v.len = 1;
    CHECK(optional_views_opt_scale(v, 2) == 0);
    CHECK(error_contains("argument `v` of `opt_scale`: pointer is not aligned to 4 bytes"));
    CHECK(nums[0] == 2);
    f.ptr = NULL;
    f.len = 0;
    CHECK(optional_views_opt_halve(f) == -1);
    f.ptr = halves;
    f.len = 2;
    CHECK(optional_views_opt_halve(f) == 2);
    CHECK(halves[0] == 1.5 && halves[1] == -0.5);
    CHECK(no_error());
    /* Records and enums: each element is checked before the call (nothing written on error). */
    toggles[0].x = 1;
    toggles[0].on = true;
    toggles[1].x = -5;
    toggles[1].on = false;
    t.ptr = NULL;
    t.len = 0;
    CHECK(optional_views_opt_toggle(t) == -1);
    t.ptr = toggles;
    t.len = 2;
    CHECK(optional_views_opt_toggle(t) == 2);
    CHECK(toggles[0].x == 2 && !toggles[0].on && toggles[1].x == -4 && toggles[1].on);
    CHECK(no_error());
    memset(&toggles[1].on, 2, 1);
    CHECK(optional_views_opt_toggle(t) == 0);
    CHECK(error_contains("argument `toggles` of `opt_toggle`: element `[1].on`: 2 is not a bool"));
    CHECK(toggles[0].x == 2);
    s.ptr = NULL;
    s.len = 0;
    CHECK(optional_views_opt_cycle(s) == -1);
    s.ptr = signals;
    s.len = 3;
    CHECK(optional_views_opt_cycle(s) == 3);
    CHECK(signals[0] == SIGNAL_AMBER && signals[1] == SIGNAL_GREEN && signals[2] == SIGNAL_RED);
    CHECK(no_error());
    signals[2] = (Signal)7;
    CHECK(optional_views_opt_cycle(s) == 0);
    CHECK(error_contains("element `[2]`: 7 is not a value of enum `Signal`"));
    CHECK(signals[0] == SIGNAL_AMBER);
}

static void test_service(void) {
    Directory *dir = directory_new(str_of("home"));
    OptionVecU8 tag;
    static const uint8_t bytes[3] = {1, 2, 3};
    CHECK(dir != NULL);
    CHECK(text_is(directory_lookup(dir, str_of("a"), none_text()), "home/a"));
    CHECK(text_is(directory_lookup(dir, str_of("a"), some_text("")), "/a"));
    CHECK(text_is(directory_lookup(dir, str_of("a"), some_text("\xe6\x97\xa5")), "\xe6\x97\xa5/a"));
    memset(&tag, 0, sizeof tag);
    CHECK(directory_retag(dir, none_text(), tag) == -1);
    CHECK(text_is(directory_lookup(dir, str_of("a"), none_text()), "home/a"));
    tag.is_some = 1;
    tag.value.ptr = (uint8_t *)bytes;
    tag.value.len = 3;
    CHECK(directory_retag(dir, some_text("work"), tag) == 3);
    CHECK(text_is(directory_lookup(dir, str_of("b"), none_text()), "work/b"));
    CHECK(no_error());
    tag.is_some = 2;
    CHECK(directory_retag(dir, none_text(), tag) == 0);
    CHECK(error_contains("argument `tag`"));
    /* An optional output buffer on a service method. */
    {
        uint8_t out[8];
        memset(out, 0, sizeof out);
        CHECK(directory_scope_into(dir, bytes_of(NULL, 0)) == 4);
        CHECK(directory_scope_into(dir, bytes_of(out, 2)) == 4);
        CHECK(memcmp(out, "wo", 2) == 0 && out[2] == 0);
        CHECK(directory_scope_into(dir, bytes_of(out, sizeof out)) == 4);
        CHECK(memcmp(out, "work", 4) == 0);
        CHECK(directory_scope_into(dir, bytes_of(NULL, 1)) == 0);
        CHECK(error_contains("argument `out`"));
    }
    /* An enum argument of a service method and of a static one (issue 13): a value that is no
       variant is refused (kind 5), the library's text naming the C symbol. */
    CHECK(directory_signal_rank(dir, SIGNAL_GREEN) == 2);
    (void)directory_signal_rank(dir, (Signal)7);
    CHECK(refused("argument `signal` of `directory_signal_rank`: 7 is not a value of enum `Signal`"));
    CHECK(directory_rank_of(SIGNAL_AMBER) == 1);
    (void)directory_rank_of((Signal)5);
    CHECK(refused("argument `signal` of `directory_rank_of`: 5 is not a value of enum `Signal`"));
    directory_dispose(dir);
    directory_free(dir);
}

int main(void) {
    check_begin();
    test_text();
    test_slices();
    test_c_strings();
    test_writable();
    test_service();
    return check_end();
}
