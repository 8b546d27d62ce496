/*
 * Error channel
 * -------------
 * No function of this library unwinds into C. When one panics (or is given NULL where a pointer
 * must not be NULL), it records a message for the calling thread, bumps a process-wide counter of
 * untaken messages and returns a safe value instead: 0, false or NULL; for a struct each field's
 * such value; for an enum the enumerator equal to 0, else the first one. To learn that a call
 * failed, load the counter after the call (read its address once); when it is not zero, take this
 * thread's message:
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
 * The happy path costs one load. A message reads e.g. "panic in `f`: something went wrong".
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

/** Frees a string returned by this library (interop_take_panic()). NULL is ignored. */
void interop_string_free(char *s);
