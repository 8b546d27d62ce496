/*
 * Closures returning data enums and tuples, and `Result`s whose error is a data enum, from C: the
 * conformance fixture's `callback_data_returns` feature (ADR 63). A value owning data (`CbToken`,
 * `TupleU32String`, `TupleF64F64`: tuples always) is written to `*ret` (a `Result`: `*ok` /
 * `*err`), its strings from `String_from` (the library's) or literals with cap 0 (borrowed); a
 * C-compatible data enum (`CbStep`) is returned by value. A tag that is no variant, invalid UTF-8
 * inside a variant and a reported failure fail the waiting call, and the library frees every
 * cap > 0 buffer either way (this program runs under valgrind). Returned Rust closures write the
 * same shapes; the caller frees them with `CbToken_free` / `TupleU32String_free` /
 * `CbJobError_free`. C99 and C++17. Prints "N passed, M failed".
 */
#include "conformance.h"
#include "check.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifdef __cplusplus
extern "C" {
#endif
/* Exported by every library (the bindings' trampolines call it); not in the C header. */
void interop_callback_failed(void);
#ifdef __cplusplus
}
#endif

typedef struct Tally {
    uint64_t calls;
    uint64_t drops;
} Tally;

static void counter_drop(void *context) { ((Tally *)context)->drops++; }

static Str str_of(const char *text) {
    Str s;
    s.ptr = text;
    s.len = strlen(text);
    return s;
}

/* `s` holds `expected`; frees it. */
static int string_is(String *s, const char *expected) {
    int same = s->len == strlen(expected) && (s->len == 0 || memcmp(s->ptr, expected, s->len) == 0);
    if (!same) {
        fprintf(stderr, "got \"%.*s\", expected \"%s\"\n", (int)s->len, s->ptr != NULL ? s->ptr : "",
                expected);
    }
    String_free(s);
    return same;
}

/* A borrowed (cap 0) string of static text. */
static String literal(const char *text) {
    String s;
    s.ptr = (char *)text;
    s.len = strlen(text);
    s.cap = 0;
    return s;
}

/* ---- data enums owning data ------------------------------------------------------------------ */

/* `Word("h\xc3\xa9llo")` allocated, `Number(2.5)`, `Word("lit")` borrowed, then `End`. */
static void token_next(void *context, uint32_t i, CbToken *ret) {
    ((Tally *)context)->calls++;
    switch (i) {
    case 0:
        ret->tag = CB_TOKEN_WORD;
        ret->body.word._0 = String_from("h\xc3\xa9llo", 6);
        break;
    case 1:
        ret->tag = CB_TOKEN_NUMBER;
        ret->body.number._0 = 2.5;
        break;
    case 2:
        ret->tag = CB_TOKEN_WORD;
        ret->body.word._0 = literal("lit");
        break;
    default:
        ret->tag = CB_TOKEN_END;
        break;
    }
}

/* Leaves the zeroed slot: `Word("")` (tag 0, an empty string). */
static void token_untouched(void *context, uint32_t i, CbToken *ret) {
    (void)i;
    (void)ret;
    ((Tally *)context)->calls++;
}

/* A tag that is no variant, over an allocated string the library cannot know it holds. */
static void token_bad_tag(void *context, uint32_t i, CbToken *ret) {
    (void)i;
    ((Tally *)context)->calls++;
    ret->tag = (CbTokenTag)7;
}

/* A word that is not UTF-8 (allocated: the library frees it). */
static void token_invalid_utf8(void *context, uint32_t i, CbToken *ret) {
    (void)i;
    ((Tally *)context)->calls++;
    ret->tag = CB_TOKEN_WORD;
    ret->body.word._0 = String_from("ok\xff", 3);
}

/* Writes an allocated word, then reports a failure (what a binding does on an exception). */
static void token_failed(void *context, uint32_t i, CbToken *ret) {
    (void)i;
    ((Tally *)context)->calls++;
    ret->tag = CB_TOKEN_WORD;
    ret->body.word._0 = String_from("dropped", 7);
    interop_callback_failed();
}

static CallbackU32ToCbToken tokens(void (*call)(void *, uint32_t, CbToken *), Tally *t) {
    CallbackU32ToCbToken f;
    f.call = call;
    f.context = t;
    f.drop = counter_drop;
    return f;
}

/* Classifies by the first letter: `n…` a number (its length), `e…` the end, else the word. */
static void classify(void *context, Str word, CbToken *ret) {
    ((Tally *)context)->calls++;
    if (word.len > 0 && word.ptr[0] == 'n') {
        ret->tag = CB_TOKEN_NUMBER;
        ret->body.number._0 = (double)word.len;
    } else if (word.len > 0 && word.ptr[0] == 'e') {
        ret->tag = CB_TOKEN_END;
    } else {
        ret->tag = CB_TOKEN_WORD;
        ret->body.word._0 = String_from(word.ptr, word.len);
    }
}

static void data_enums(void) {
    Tally t;
    String s;
    CbToken token;
    CallbackStrToCbToken c;
    memset(&t, 0, sizeof t);
    s = callbacks_read_tokens(10, tokens(token_next, &t));
    CHECK(string_is(&s, "w:h\xc3\xa9llo,n:2.5,w:lit,end") && t.calls == 4 && t.drops == 1);
    s = callbacks_read_tokens(2, tokens(token_untouched, &t));
    CHECK(string_is(&s, "w:,w:") && t.calls == 6 && t.drops == 2);
    CHECK(no_error());
    s = callbacks_read_tokens(3, tokens(token_bad_tag, &t));
    CHECK(string_is(&s, "") && t.calls == 7 && t.drops == 3);
    CHECK(error_contains("7 is not a value of enum `CbToken`"));
    s = callbacks_read_tokens(3, tokens(token_invalid_utf8, &t));
    CHECK(string_is(&s, "") && t.calls == 8 && t.drops == 4);
    CHECK(error_contains("invalid UTF-8 (the first 2 bytes are valid)"));
    /* A failure: the panic value (`Word("")`), the allocated word freed, the exception reported. */
    s = callbacks_read_tokens(2, tokens(token_failed, &t));
    CHECK(string_is(&s, "w:,w:") && t.calls == 10 && t.drops == 5);
    CHECK(error_contains("a callback raised an exception"));

    c.call = classify;
    c.context = &t;
    c.drop = counter_drop;
    token = callbacks_classify_word(str_of("t\xc3\xa5g"), c);
    CHECK(token.tag == CB_TOKEN_WORD && token.body.word._0.len == 4 &&
          memcmp(token.body.word._0.ptr, "t\xc3\xa5g", 4) == 0);
    CbToken_free(&token);
    token = callbacks_classify_word(str_of("nine"), c);
    CHECK(token.tag == CB_TOKEN_NUMBER && token.body.number._0 == 4.0);
    token = callbacks_classify_word(str_of("end"), c);
    CHECK(token.tag == CB_TOKEN_END && t.calls == 13 && t.drops == 8);
    CHECK(no_error());
}

/* ---- C-compatible data enums, by value ------------------------------------------------------- */

/* Even steps move by (i, -1), odd ones stay. */
static CbStep step_of(void *context, uint32_t i) {
    CbStep step;
    ((Tally *)context)->calls++;
    memset(&step, 0, sizeof step);
    if (i % 2 == 0) {
        step.tag = CB_STEP_MOVE;
        step.body.move.dx = (int32_t)i;
        step.body.move.dy = -1;
    } else {
        step.tag = CB_STEP_STAY;
    }
    return step;
}

static CbStep step_bad_tag(void *context, uint32_t i) {
    CbStep step;
    (void)i;
    ((Tally *)context)->calls++;
    memset(&step, 0, sizeof step);
    step.tag = (CbStepTag)9;
    return step;
}

static void steps(void) {
    Tally t;
    String s;
    CallbackU32ToCbStep f;
    memset(&t, 0, sizeof t);
    f.call = step_of;
    f.context = &t;
    f.drop = counter_drop;
    s = callbacks_walk(5, f);
    CHECK(string_is(&s, "6,-3") && t.calls == 5 && t.drops == 1);
    CHECK(no_error());
    f.call = step_bad_tag;
    s = callbacks_walk(2, f);
    CHECK(string_is(&s, "") && t.calls == 6 && t.drops == 2);
    CHECK(error_contains("9 is not a value of enum `CbStep`"));
}

/* ---- Result<T, E> with E a data enum ---------------------------------------------------------- */

/* 0: ok 10; 1: retry after 250; 2: fatal (allocated); 3: fatal (borrowed); then status 1 with a
 * tag that is no variant. */
static uint8_t job(void *context, uint32_t i, uint32_t *ok, CbJobError *err) {
    ((Tally *)context)->calls++;
    switch (i) {
    case 0:
        *ok = 10;
        return 0;
    case 1:
        err->tag = CB_JOB_ERROR_RETRY;
        err->body.retry.after_ms = 250;
        return 1;
    case 2:
        err->tag = CB_JOB_ERROR_FATAL;
        err->body.fatal._0 = String_from("disk \xe2\x82\xac", 8);
        return 1;
    case 3:
        err->tag = CB_JOB_ERROR_FATAL;
        err->body.fatal._0 = literal("gone");
        return 1;
    default:
        err->tag = (CbJobErrorTag)5;
        return 1;
    }
}

/* A fatal error whose text is not UTF-8 (allocated: the library frees it). */
static uint8_t job_bad_text(void *context, uint32_t i, uint32_t *ok, CbJobError *err) {
    (void)i;
    (void)ok;
    ((Tally *)context)->calls++;
    err->tag = CB_JOB_ERROR_FATAL;
    err->body.fatal._0 = String_from("\xc3", 1);
    return 1;
}

/* Writes an allocated error, then returns 0: the error slot is freed, `ok` taken. */
static uint8_t job_ok_after_err(void *context, uint32_t i, uint32_t *ok, CbJobError *err) {
    ((Tally *)context)->calls++;
    err->tag = CB_JOB_ERROR_FATAL;
    err->body.fatal._0 = String_from("ignored", 7);
    *ok = i + 1;
    return 0;
}

/* Fatal for odd ids (allocated), done for even ones. */
static uint8_t unit_job(void *context, uint32_t id, CbJobError *err) {
    ((Tally *)context)->calls++;
    if (id % 2 == 0) {
        return 0;
    }
    err->tag = CB_JOB_ERROR_FATAL;
    err->body.fatal._0 = String_from("odd", 3);
    return 1;
}

/* A string for even n, `Move(n, -n)` for odd n below 10, else `Stay`. */
static uint8_t try_step(void *context, uint32_t n, String *ok, CbStep *err) {
    ((Tally *)context)->calls++;
    if (n % 2 == 0) {
        *ok = String_from("even", 4);
        return 0;
    }
    if (n < 10) {
        err->tag = CB_STEP_MOVE;
        err->body.move.dx = (int32_t)n;
        err->body.move.dy = -(int32_t)n;
    } else {
        err->tag = CB_STEP_STAY;
    }
    return 1;
}

static void results(void) {
    Tally t;
    String s;
    CallbackU32ToResultU32CbJobError f;
    CallbackU32ToResultUnitCbJobError u;
    CallbackU32ToResultStringCbStep st;
    memset(&t, 0, sizeof t);
    f.call = job;
    f.context = &t;
    f.drop = counter_drop;
    s = callbacks_run_jobs(4, f);
    CHECK(string_is(&s, "ok:10,retry:250,fatal:disk \xe2\x82\xac,fatal:gone") && t.calls == 4 &&
          t.drops == 1);
    CHECK(no_error());
    s = callbacks_run_jobs(5, f);
    CHECK(string_is(&s, "") && t.calls == 9 && t.drops == 2);
    CHECK(error_contains("5 is not a value of enum `CbJobError`"));
    f.call = job_bad_text;
    s = callbacks_run_jobs(3, f);
    CHECK(string_is(&s, "") && t.calls == 10 && t.drops == 3);
    CHECK(error_contains("invalid UTF-8 (the first 0 bytes are valid)"));
    f.call = job_ok_after_err;
    s = callbacks_run_jobs(2, f);
    CHECK(string_is(&s, "ok:1,ok:2") && t.drops == 4);

    u.call = unit_job;
    u.context = &t;
    u.drop = counter_drop;
    s = callbacks_run_job(2, u);
    CHECK(string_is(&s, "done"));
    s = callbacks_run_job(3, u);
    CHECK(string_is(&s, "fatal:odd") && t.drops == 6);

    st.call = try_step;
    st.context = &t;
    st.drop = counter_drop;
    s = callbacks_try_step(4, st);
    CHECK(string_is(&s, "even"));
    s = callbacks_try_step(3, st);
    CHECK(string_is(&s, "3,-3"));
    s = callbacks_try_step(11, st);
    CHECK(string_is(&s, "stay") && t.drops == 9);
    CHECK(no_error());
}

/* ---- tuples ----------------------------------------------------------------------------------- */

/* `(i * 10, "l<i>")`, the name allocated for even i and borrowed for odd ones. */
static void label(void *context, uint32_t i, TupleU32String *ret) {
    static const char *const odd = "odd";
    char buf[32];
    int n = snprintf(buf, sizeof buf, "l%u", (unsigned)i);
    ((Tally *)context)->calls++;
    ret->_0 = i * 10;
    ret->_1 = i % 2 == 0 ? String_from(buf, (size_t)n) : literal(odd);
}

static void label_invalid(void *context, uint32_t i, TupleU32String *ret) {
    ((Tally *)context)->calls++;
    ret->_0 = i;
    ret->_1 = String_from("\xfe", 1);
}

static void point(void *context, uint32_t i, TupleF64F64 *ret) {
    ((Tally *)context)->calls++;
    ret->_0 = (double)i;
    ret->_1 = 0.5;
}

static void tuples(void) {
    Tally t;
    String s;
    CallbackU32ToTupleU32String f;
    CallbackU32ToTupleF64F64 p;
    memset(&t, 0, sizeof t);
    f.call = label;
    f.context = &t;
    f.drop = counter_drop;
    s = callbacks_label_all(3, f);
    CHECK(string_is(&s, "0=l0,10=odd,20=l2") && t.calls == 3 && t.drops == 1);
    f.call = label_invalid;
    s = callbacks_label_all(2, f);
    CHECK(string_is(&s, "") && t.drops == 2);
    CHECK(error_contains("invalid UTF-8"));
    p.call = point;
    p.context = &t;
    p.drop = counter_drop;
    CHECK(callbacks_sum_points(4, p) == 8.0 && t.drops == 3);
    CHECK(no_error());
}

/* ---- returned Rust closures ------------------------------------------------------------------- */

static void returned(void) {
    CallbackStrToCbToken tok = callbacks_make_tokenizer();
    CallbackU32ToTupleU32String lab = callbacks_make_labeller(str_of("id-"));
    CallbackU32ToResultU32CbJobError run = callbacks_make_job_runner();
    CbToken token;
    TupleU32String pair;
    CbJobError err;
    uint32_t ok = 0;
    uint8_t status;

    CHECK(tok.call != NULL && lab.call != NULL && run.call != NULL);
    /* Garbage in the slot: overwritten, never read. */
    memset(&token, 0xA5, sizeof token);
    tok.call(tok.context, str_of("h\xc3\xa9"), &token);
    CHECK(token.tag == CB_TOKEN_WORD && token.body.word._0.len == 3 &&
          memcmp(token.body.word._0.ptr, "H\xc3\x89", 3) == 0);
    CbToken_free(&token);
    tok.call(tok.context, str_of("1.5"), &token);
    CHECK(token.tag == CB_TOKEN_NUMBER && token.body.number._0 == 1.5);
    CbToken_free(&token);
    tok.call(tok.context, str_of(""), &token);
    CHECK(token.tag == CB_TOKEN_END);
    CHECK(no_error());
    /* A panic: the error channel, the panic value (an empty word) in the slot. */
    tok.call(tok.context, str_of("panic"), &token);
    CHECK(token.tag == CB_TOKEN_WORD && token.body.word._0.len == 0);
    CbToken_free(&token);
    CHECK(error_contains("no token for panic"));

    lab.call(lab.context, 21, &pair);
    CHECK(pair._0 == 42 && pair._1.len == 5 && memcmp(pair._1.ptr, "id-21", 5) == 0);
    TupleU32String_free(&pair);

    status = run.call(run.context, 8, &ok, &err);
    CHECK(status == 0 && ok == 4);
    status = run.call(run.context, 7, &ok, &err);
    CHECK(status == 1 && err.tag == CB_JOB_ERROR_RETRY && err.body.retry.after_ms == 7);
    CbJobError_free(&err);
    status = run.call(run.context, 101, &ok, &err);
    CHECK(status == 1 && err.tag == CB_JOB_ERROR_FATAL &&
          string_is(&err.body.fatal._0, "too big: 101"));
    CbJobError_free(&err);
    CHECK(no_error());

    tok.drop(tok.context);
    lab.drop(lab.context);
    run.drop(run.context);
}

int main(void) {
    check_begin();
    data_enums();
    steps();
    results();
    tuples();
    returned();
    return check_end();
}
