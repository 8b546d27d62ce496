/*
 * What the programs of the conformance fixture's `strings` feature (tests/c/strings.c and
 * tests/c/strings_owned.c) share: views and String arguments made from C strings, and the check of
 * a returned String (freed). Included after conformance.h and check.h.
 */
#ifndef INTEROP_TESTS_STRINGS_H
#define INTEROP_TESTS_STRINGS_H

#include <stdio.h>
#include <string.h>

#define MIB (1024u * 1024u)

static inline Str str(const char *s) {
    Str v;
    v.ptr = s;
    v.len = strlen(s);
    return v;
}

/* A String argument: the library copies it and ignores `cap`. */
static inline String string_arg(const char *s) {
    String v;
    v.ptr = (char *)s;
    v.len = strlen(s);
    v.cap = 0;
    return v;
}

/* The returned string equals `expected`; then it is freed (twice: the second does nothing). */
static inline int string_is(String *s, const char *expected) {
    int same = s->len == strlen(expected) && memcmp(s->ptr, expected, s->len) == 0;
    if (!same) {
        fprintf(stderr, "expected \"%s\", got \"%.*s\"\n", expected, (int)s->len, s->ptr);
    }
    String_free(s);
    String_free(s);
    return same && s->ptr == NULL && s->len == 0 && s->cap == 0;
}

#endif
