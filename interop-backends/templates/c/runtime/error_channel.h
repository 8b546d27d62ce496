/*
 * Error channel
 * -------------
 * No function of this library unwinds into C. When one panics, or refuses an argument (NULL where
 * a pointer must not be NULL, a bool byte other than 0 and 1, text that is not UTF-8…), it records
 * a message for the calling thread, bumps a process-wide counter of
 * untaken messages and returns a safe value instead: 0, false or NULL; empty text, slices and
 * vectors (`len` 0 and `cap` 0, with a `ptr` that is not NULL and must not be read: test `len`, not
 * `ptr`), and "" for a C string; for a struct each field's such value; for an enum the enumerator
 * equal to 0, else the first one. Freeing that value is allowed and does nothing. To learn that a
 * call failed, load the counter after the call (read its address once); when it is not zero, take
 * this thread's message:
 *
 *     static const uint32_t *pending;
 *     ...
 *     if (pending == NULL) pending = interop_panic_pending();
 *     result = some_function(args);
 *     if (*pending != 0) {
 *         char *message = interop_take_panic();
 *         if (message != NULL) {
 *             fprintf(stderr, "%s\n", message);
 *             interop_string_free(message);
 *             ... handle the failure; result holds that safe value ...
 *         }
 *     }
 *
 * The happy path costs one load. A panic's message reads e.g. "panic in `f`: something went
 * wrong", a refused argument's "argument `b` of `f`: 2 is not a bool (0 or 1)".
 * interop_take_error() also says what kind of error it was (INTEROP_ERROR_*): a refused argument
 * and the errors of a service's lock are distinct from panics, and in each of them the function
 * did not run.
 */

/**
 * The address of the process-wide count of recorded and not yet taken panic messages (all
 * threads). The address never changes while the library is loaded: read it once, then load
 * through it after each call.
 */
const uint32_t *interop_panic_pending(void);

/**
 * Takes the calling thread's pending panic message as a NUL-terminated UTF-8 string, or returns
 * NULL when this thread has none. Taking it clears it and decrements the pending count. Free the
 * string with interop_string_free().
 */
char *interop_take_panic(void);

/** A panic: the function ran and panicked. */
#define INTEROP_ERROR_PANIC 1
/** A service the call needs is in use by another thread while the call holds another service:
 *  nothing ran; retry the call. */
#define INTEROP_ERROR_SERVICE_BUSY 2
/** A service this thread already uses: the same object twice in one call, or a call on it from
 *  inside one of its own calls (a callback). Nothing ran. */
#define INTEROP_ERROR_SERVICE_REENTRANT 3
/** A service whose value a method or argument took by value: nothing ran; free the handle. */
#define INTEROP_ERROR_SERVICE_CONSUMED 4
/** An argument the library refused: not a value of its type (a bool byte other than 0 and 1, an
 *  enum value that is no enumerator, text that is not UTF-8, NULL where a value is required, NULL
 *  with a non-zero length, an option tag other than 0 and 1…), at any depth inside it (the message
 *  names the argument and the path: "argument `p` of `f`: field `tags[1]`: invalid UTF-8 …").
 *  Nothing ran. */
#define INTEROP_ERROR_INVALID_ARGUMENT 5

/**
 * Like interop_take_panic(), and writes the kind of the error (INTEROP_ERROR_*) to *kind when
 * kind is not NULL: 0 when this thread has no message (then it returns NULL).
 */
char *interop_take_error(uint32_t *kind);

/** Frees a string returned by this library (interop_take_panic(), interop_take_error()). NULL is
 *  ignored. */
void interop_string_free(char *s);
