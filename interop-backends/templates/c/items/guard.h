/* ---- Version guard and layout checks ---- */

/** The hash of the inventory of the library this header was generated from. */
#define {{ hash_macro }} "{{ hash }}"

/**
 * The hash of the inventory of the loaded library: 16 hex digits, owned by the library (NULL only
 * if computing it failed). It differs from {{ hash_macro }} when the library is not the build
 * this header was generated from.
 */
const char *interop_inventory_hash(void);

/**
 * 1 when the loaded library is the one {{ file_name }} was generated from (its inventory hash equals
 * {{ hash_macro }}), else 0. Call it once at start-up, before any other function of the
 * library: a different library may have other functions, signatures or struct layouts, and calling
 * it through this header would be undefined behaviour.
 *
 *     if (!{{ function }}()) {
 *         const char *found = interop_inventory_hash();
 *         fprintf(stderr, "{{ file_name }} expects the library with inventory %s, found %s\n",
 *                 {{ hash_macro }}, found != NULL ? found : "(none)");
 *         return 1;
 *     }
 */
static inline int {{ function }}(void)
{
    const char *expected = {{ hash_macro }};
    const char *found = interop_inventory_hash();
    size_t i = 0;
    if (found == NULL) {
        return 0;
    }
    while (expected[i] != '\0' && expected[i] == found[i]) {
        i++;
    }
    return expected[i] == found[i];
}
{%- if !asserts.is_empty() %}

/*
 * The layout the library measured for every type of this header: compiling with a compiler or
 * options that lay a type out differently (another target, packing pragmas) fails here instead of
 * corrupting memory at run time.
 */
#if defined(__cplusplus)
#define {{ assert_macro }}(cond, label) static_assert(cond, #label ": layout differs from the library")
#elif defined(__STDC_VERSION__) && __STDC_VERSION__ >= 201112L
#define {{ assert_macro }}(cond, label) _Static_assert(cond, #label ": layout differs from the library")
#else
#define {{ assert_macro }}(cond, label) typedef char label[(cond) ? 1 : -1]
#endif
{%- for a in asserts %}
{{ a }}
{%- endfor %}
{%- endif %}
