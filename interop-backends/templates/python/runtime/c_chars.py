def _c_string_in(value: Any, expected: str, where: str) -> Any:
    """A `*const c_char` argument (a C string): `bytes` or `str` (UTF-8) without NUL, a ctypes
    `char` array holding a NUL, a ctypes `char` pointer, or None (NULL)."""
    if isinstance(value, str):
        try:
            value = value.encode("utf-8")
        except UnicodeEncodeError as e:
            raise ValueError(
                f"{where}: {e.object[e.start:e.end]!r} at index {e.start} cannot be encoded as "
                f"UTF-8 (a lone surrogate)"
            ) from None
    if isinstance(value, bytes):
        if b"\0" in value:
            raise ValueError(f"{where}: a C string cannot contain NUL (at byte {value.index(0)})")
        return value
    if value is None or (isinstance(value, ctypes._Pointer) and value._type_ is ctypes.c_char):
        return value
    if isinstance(value, ctypes.Array) and value._type_ is ctypes.c_char:
        if b"\0" not in value.raw:
            raise ValueError(f"{where}: the array holds no NUL, so it is no C string")
        return value
    actual = type(value).__name__
    raise TypeError(f"{where} must be {expected}, not {actual}")


def _c_buffer_in(value: Any, expected: str, where: str) -> Any:
    """A `*mut c_char` argument (a buffer the function may write): a ctypes `char` array or
    pointer, None (NULL), or any writable contiguous buffer (`bytearray` …), borrowed for the call
    (it cannot be resized meanwhile)."""
    if value is None:
        return None
    if isinstance(value, (ctypes.Array, ctypes._Pointer)) and value._type_ is ctypes.c_char:
        return value
    try:
        view = memoryview(value)
    except TypeError:
        view = None
    if view is None or view.readonly:
        raise TypeError(f"{where} must be {expected}, not {type(value).__name__}")
    if not view.c_contiguous:
        raise ValueError(f"{where}: the buffer is not contiguous")
    return (ctypes.c_char * view.nbytes).from_buffer(view)
