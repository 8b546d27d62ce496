/*
 * Owned data
 * ----------
 * A String, a Vec or a struct holding one that a function returns belongs to the caller, who frees
 * it exactly once with the free helper of its type (e.g. String_free(&s)); the helpers free what
 * the value holds (elements, fields) first, then empty it, so a second call does nothing. Never
 * free such memory with free(): it comes from the library's allocator. Arguments are the other way
 * round: the library copies a String, Vec or struct it is given and never frees the caller's
 * memory, and borrows a Str or slice for the duration of the call only.
 */

/**
 * Frees the allocation of a buffer this library returned: `cap` elements of `elem_size` bytes
 * aligned to `elem_align`. Does nothing when `ptr` is NULL or `cap` is 0. The free helpers below
 * call it; it does not free what the elements themselves own.
 */
void interop_buffer_free(void *ptr, size_t cap, size_t elem_size, size_t elem_align);
