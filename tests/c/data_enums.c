/*
 * Enums whose variants carry data, from C: every function of the conformance fixture's `data_enums`
 * feature through the generated header (a tag plus a union of variant structs), payloads that own
 * data built by hand as arguments and freed with their helpers when returned, invalid tags and
 * payloads reported through the error channel (the program runs under valgrind). Valid C99 and
 * C++17 (no compound literals, no designated initializers).
 *
 * Prints "N passed, M failed" and exits non-zero when anything failed.
 */
#include "conformance.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int passed = 0;
static int failed = 0;

#define CHECK(cond)                                                                   \
    do {                                                                              \
        if (cond) {                                                                   \
            passed++;                                                                 \
        } else {                                                                      \
            failed++;                                                                 \
            fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond); \
        }                                                                             \
    } while (0)

/* This thread's panic message contains `part` (taken and freed). */
static int error_contains(const char *part) {
    char *message = interop_take_panic();
    int found = message != NULL && strstr(message, part) != NULL;
    if (!found) {
        fprintf(stderr, "expected an error containing \"%s\", got \"%s\"\n", part,
                message != NULL ? message : "(NULL)");
    }
    interop_string_free(message);
    return found;
}

/* This thread's error is an argument the library refused (INTEROP_ERROR_INVALID_ARGUMENT, not a
 * panic) and its message contains `part` (taken and freed). */
static int refused_contains(const char *part) {
    uint32_t kind = 0;
    char *message = interop_take_error(&kind);
    int found = message != NULL && kind == INTEROP_ERROR_INVALID_ARGUMENT && strstr(message, part) != NULL;
    if (!found) {
        fprintf(stderr, "expected a refused argument containing \"%s\", got kind %u \"%s\"\n", part,
                (unsigned)kind, message != NULL ? message : "(NULL)");
    }
    interop_string_free(message);
    return found;
}

/* No error is pending on this thread. */
static int no_error(void) {
    char *message = interop_take_panic();
    if (message != NULL) {
        fprintf(stderr, "unexpected error: %s\n", message);
        interop_string_free(message);
        return 0;
    }
    return 1;
}

/* A string argument: the library copies it and ignores `cap`. */
static String arg_string(const char *s) {
    String v;
    v.ptr = (char *)s;
    v.len = strlen(s);
    v.cap = 0;
    return v;
}

static Str str(const char *s) {
    Str v;
    v.ptr = s;
    v.len = strlen(s);
    return v;
}

/* A returned string equals `expected` (and is freed). */
static int take_string(String s, const char *expected) {
    int ok = s.len == strlen(expected) && memcmp(s.ptr, expected, s.len) == 0;
    if (!ok) {
        fprintf(stderr, "expected \"%s\", got \"%.*s\"\n", expected, (int)s.len, s.ptr);
    }
    String_free(&s);
    return ok;
}

static Point point(double x, double y) {
    Point p;
    p.x = x;
    p.y = y;
    return p;
}

static Vec3f32 vec3(float x, float y, float z) {
    Vec3f32 v;
    v.x = x;
    v.y = y;
    v.z = z;
    return v;
}

static Shape circle(double x, double y, double r) {
    Shape s;
    memset(&s, 0, sizeof s);
    s.tag = SHAPE_CIRCLE;
    s.body.circle._0 = point(x, y);
    s.body.circle._1 = r;
    return s;
}

static Shape rect(double x0, double y0, double x1, double y1) {
    Shape s;
    memset(&s, 0, sizeof s);
    s.tag = SHAPE_RECT;
    s.body.rect.min = point(x0, y0);
    s.body.rect.max = point(x1, y1);
    return s;
}

static void payloads(void) {
    EnumPayload a, b, c, d, e, out;
    memset(&a, 0, sizeof a);
    a.tag = ENUM_PAYLOAD_A;
    enums_1(a);
    CHECK(no_error());

    out = enums_2(a);
    CHECK(out.tag == ENUM_PAYLOAD_A);

    memset(&b, 0, sizeof b);
    b.tag = ENUM_PAYLOAD_B;
    b.body.b._0 = vec3(1.0f, 2.0f, 3.0f);
    out = enums_2(b);
    CHECK(out.tag == ENUM_PAYLOAD_B);
    CHECK(out.body.b._0.x == 2.0f && out.body.b._0.y == 4.0f && out.body.b._0.z == 6.0f);

    memset(&c, 0, sizeof c);
    c.tag = ENUM_PAYLOAD_C;
    c.body.c._0 = 21;
    out = enums_2(c);
    CHECK(out.tag == ENUM_PAYLOAD_C && out.body.c._0 == 42);

    memset(&d, 0, sizeof d);
    d.tag = ENUM_PAYLOAD_D;
    d.body.d.x = vec3(0.5f, 0.0f, -1.0f);
    d.body.d.on = true;
    out = enums_2(d);
    CHECK(out.tag == ENUM_PAYLOAD_D && out.body.d.x.x == 1.0f && out.body.d.x.z == -2.0f);
    CHECK(out.body.d.on == false);

    memset(&e, 0, sizeof e);
    e.tag = ENUM_PAYLOAD_E;
    e.body.e._0 = 1;
    e.body.e._1 = 2;
    e.body.e._2 = 3;
    out = enums_2(e);
    CHECK(out.tag == ENUM_PAYLOAD_E && out.body.e._0 == 2 && out.body.e._1 == 4 && out.body.e._2 == 6);

    /* In place through a pointer: the caller's value changes. */
    out = enums_3(&c);
    CHECK(c.tag == ENUM_PAYLOAD_C && c.body.c._0 == 42 && out.body.c._0 == 42);
    out = enums_3(&d);
    CHECK(d.body.d.on == false && d.body.d.x.x == 1.0f);
    enums_3(NULL);
    CHECK(refused_contains("must not be null"));

    /* A slice, read in place. */
    {
        EnumPayload all[4];
        SliceEnumPayload slice;
        all[0] = a;
        all[1] = b;
        all[2] = c; /* C(42) */
        all[3] = e; /* 1 + 2 + 3 */
        slice.ptr = all;
        slice.len = 4;
        CHECK(enums_sum(slice) == 0 + 1 + 42 + 6);
        CHECK(no_error());
    }

    CHECK(enums_tag(&e) == 4);
    CHECK(enums_tag(NULL) == 99);

    /* Invalid tags and payloads: errors, never undefined behaviour. */
    {
        EnumPayload bad;
        memset(&bad, 0, sizeof bad);
        bad.tag = 5;
        out = enums_2(bad);
        CHECK(refused_contains("5 is not a value of enum `EnumPayload`"));
        CHECK(out.tag == ENUM_PAYLOAD_A);
        CHECK(enums_tag(&bad) == 0);
        CHECK(refused_contains("5 is not a value of enum `EnumPayload`"));

        memset(&bad, 0, sizeof bad);
        bad.tag = ENUM_PAYLOAD_D;
        memset(&bad.body.d.on, 7, 1);
        enums_2(bad);
        CHECK(refused_contains("D.on"));
    }

    {
        EnumRenamed x, y;
        memset(&x, 0, sizeof x);
        x.tag = ENUM_RENAMED_Y;
        x.body.y._0 = -8;
        y = enum_renamed_next(x);
        CHECK(y.tag == ENUM_RENAMED_Y && y.body.y._0 == -7);
        x.tag = ENUM_RENAMED_X;
        y = enum_renamed_next(x);
        CHECK(y.tag == ENUM_RENAMED_X);
    }
}

static void shapes(void) {
    Shape empty, label, polygon, scaled;
    Point corners[3];
    String tags[2];

    memset(&empty, 0, sizeof empty);
    empty.tag = SHAPE_EMPTY;
    CHECK(shape_area(empty) == 0.0);
    CHECK(take_string(shape_describe(empty), "empty"));
    CHECK(shape_area(circle(1, 2, 2)) == 12.0);
    CHECK(take_string(shape_describe(circle(1, 2, 3)), "circle (1, 2) r=3"));
    CHECK(shape_area(rect(0, 0, 2, 5)) == 10.0);
    CHECK(take_string(shape_describe(rect(0, 0, 2, 5)), "rect (0, 0)-(2, 5)"));

    /* A vector in an argument: the library copies the elements and ignores `cap`. */
    corners[0] = point(0, 0);
    corners[1] = point(4, 0);
    corners[2] = point(0, 3);
    memset(&polygon, 0, sizeof polygon);
    polygon.tag = SHAPE_POLYGON;
    polygon.body.polygon._0.ptr = corners;
    polygon.body.polygon._0.len = 3;
    polygon.body.polygon._0.cap = 0;
    CHECK(shape_area(polygon) == 6.0);
    CHECK(take_string(shape_describe(polygon), "polygon of 3"));

    tags[0] = arg_string("a");
    tags[1] = arg_string("b\xc3\xa9");
    memset(&label, 0, sizeof label);
    label.tag = SHAPE_LABEL;
    label.body.label.text = arg_string("gr\xc3\xb6\xc3\x9f" "e");
    label.body.label.tags.ptr = tags;
    label.body.label.tags.len = 2;
    label.body.label.tags.cap = 0;
    CHECK(take_string(shape_describe(label), "label \"gr\xc3\xb6\xc3\x9f" "e\" [a, b\xc3\xa9]"));

    /* Returned shapes own their data: freed with Shape_free (twice is harmless). */
    scaled = shape_scale(label, 2.0);
    CHECK(scaled.tag == SHAPE_LABEL);
    CHECK(scaled.body.label.tags.len == 3);
    CHECK(scaled.body.label.tags.len == 3 && scaled.body.label.tags.ptr[2].len == 1 &&
          scaled.body.label.tags.ptr[2].ptr[0] == '2');
    Shape_free(&scaled);
    Shape_free(&scaled);
    Shape_free(NULL);

    scaled = shape_scale(polygon, 0.5);
    CHECK(scaled.tag == SHAPE_POLYGON && scaled.body.polygon._0.len == 3);
    CHECK(scaled.body.polygon._0.ptr[1].x == 2.0);
    Shape_free(&scaled);

    scaled = shape_scale(circle(1, 1, 1), 3.0);
    CHECK(scaled.tag == SHAPE_CIRCLE && scaled.body.circle._0.x == 3.0 && scaled.body.circle._1 == 3.0);
    Shape_free(&scaled);

    {
        VecShape all = shapes_all();
        SliceShape slice;
        CHECK(all.len == 5);
        CHECK(all.ptr[0].tag == SHAPE_EMPTY);
        CHECK(all.ptr[1].tag == SHAPE_CIRCLE && all.ptr[1].body.circle._1 == 3.0);
        CHECK(all.ptr[2].tag == SHAPE_RECT && all.ptr[2].body.rect.max.y == 5.0);
        CHECK(all.ptr[3].tag == SHAPE_POLYGON && all.ptr[3].body.polygon._0.len == 3);
        CHECK(all.ptr[4].tag == SHAPE_LABEL && all.ptr[4].body.label.tags.len == 2);
        CHECK(all.ptr[4].body.label.text.len == strlen("gr\xc3\xb6\xc3\x9f" "e \xe2\x9c\x93"));
        /* The returned elements passed back as a slice (their `cap` is ignored). */
        slice.ptr = all.ptr;
        slice.len = all.len;
        CHECK(shapes_total_area(slice) == 27.0 + 10.0 + 6.0);
        CHECK(no_error());
        VecShape_free(&all);
        VecShape_free(&all);
    }

    /* An invalid tag inside a slice element names the element. */
    {
        Shape bad[2];
        SliceShape slice;
        bad[0] = circle(0, 0, 1);
        memset(&bad[1], 0, sizeof bad[1]);
        bad[1].tag = 9;
        slice.ptr = bad;
        slice.len = 2;
        CHECK(shapes_total_area(slice) == 0.0);
        CHECK(refused_contains("[1]"));
    }

    /* Invalid UTF-8 deep inside a variant. */
    {
        Shape bad;
        String text;
        text.ptr = (char *)"\xff";
        text.len = 1;
        text.cap = 0;
        memset(&bad, 0, sizeof bad);
        bad.tag = SHAPE_LABEL;
        bad.body.label.text = text;
        CHECK(take_string(shape_describe(bad), ""));
        CHECK(refused_contains("Label.text"));
    }

    {
        Shape p = shape_panic(7);
        CHECK(error_contains("shape panic 7"));
        CHECK(p.tag == SHAPE_EMPTY);
        Shape_free(&p);
    }
}

static void events(void) {
    Event key, draw, payload, batch, out;
    Shape inner[2];

    memset(&key, 0, sizeof key);
    key.tag = EVENT_KEY;
    key.body.key.code = 41;
    key.body.key.name = arg_string("enter");
    out = event_echo(key);
    CHECK(out.tag == EVENT_KEY && out.body.key.code == 42);
    CHECK(out.body.key.name.len == 5 && memcmp(out.body.key.name.ptr, "enter", 5) == 0);
    Event_free(&out);
    Event_free(&out);

    memset(&draw, 0, sizeof draw);
    draw.tag = EVENT_DRAW;
    draw.body.draw._0 = rect(1, 1, 2, 3);
    out = event_echo(draw);
    CHECK(out.tag == EVENT_DRAW && out.body.draw._0.tag == SHAPE_RECT);
    CHECK(out.body.draw._0.body.rect.max.y == 6.0);
    Event_free(&out);

    memset(&payload, 0, sizeof payload);
    payload.tag = EVENT_PAYLOAD;
    payload.body.payload._0.tag = ENUM_PAYLOAD_C;
    payload.body.payload._0.body.c._0 = 5;
    out = event_echo(payload);
    CHECK(out.tag == EVENT_PAYLOAD && out.body.payload._0.tag == ENUM_PAYLOAD_C);
    CHECK(out.body.payload._0.body.c._0 == 5);
    Event_free(&out);

    inner[0] = circle(0, 0, 1);
    inner[1] = rect(0, 0, 1, 1);
    memset(&batch, 0, sizeof batch);
    batch.tag = EVENT_BATCH;
    batch.body.batch._0.ptr = inner;
    batch.body.batch._0.len = 2;
    batch.body.batch._0.cap = 0;
    out = event_echo(batch);
    CHECK(out.tag == EVENT_BATCH && out.body.batch._0.len == 2);
    CHECK(out.body.batch._0.ptr[0].body.circle._1 == 2.0);
    CHECK(out.body.batch._0.ptr[1].body.rect.max.x == 2.0);
    Event_free(&out);

    /* An invalid nested tag names the path. */
    payload.body.payload._0.tag = 17;
    out = event_echo(payload);
    CHECK(refused_contains("Payload.0"));
    Event_free(&out);

    {
        VecEvent made = events_make(2.0);
        CHECK(made.len == 2);
        CHECK(made.ptr[0].tag == EVENT_DRAW && made.ptr[0].body.draw._0.body.circle._1 == 2.0);
        CHECK(made.ptr[1].tag == EVENT_PAYLOAD && made.ptr[1].body.payload._0.tag == ENUM_PAYLOAD_B);
        CHECK(made.ptr[1].body.payload._0.body.b._0.z == 3.0f);
        VecEvent_free(&made);
    }
}

static void layers(void) {
    Layer layer = layer_make(str("top"));
    Layer arg;
    Shape items[1];
    CHECK(layer.name.len == 3 && memcmp(layer.name.ptr, "top", 3) == 0);
    CHECK(layer.focus.tag == SHAPE_LABEL && layer.focus.body.label.tags.len == 2);
    CHECK(layer.shapes.len == 5);
    /* The returned layer passed back (buffers in arguments are copied, `cap` ignored). */
    CHECK(layer_area(layer) == 43.0);
    Layer_free(&layer);
    Layer_free(&layer);

    items[0] = rect(0, 0, 3, 3);
    arg.name = arg_string("by hand");
    arg.focus = circle(0, 0, 1);
    arg.shapes.ptr = items;
    arg.shapes.len = 1;
    arg.shapes.cap = 0;
    CHECK(layer_area(arg) == 12.0);
    CHECK(no_error());
}

int main(void) {
    payloads();
    shapes();
    events();
    layers();
    printf("%d passed, %d failed\n", passed, failed);
    return failed == 0 ? 0 : 1;
}
