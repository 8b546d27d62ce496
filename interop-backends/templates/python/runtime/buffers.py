class _View(ctypes.Structure):
    """A borrowed view `{ptr, len}` inside data: UTF-8 text or elements, valid for one call."""

    _fields_ = [("ptr", ctypes.c_void_p), ("len", ctypes.c_size_t)]


class _ViewIn(ctypes.Structure):
    """A view passed as an argument: `ptr` also takes a `bytes` object, which it keeps alive. An
    address is set as a `c_char_p` (PyPy's ctypes takes no `int` for this field)."""

    _fields_ = [("ptr", ctypes.c_char_p), ("len", ctypes.c_size_t)]


class _Buffer(ctypes.Structure):
    """An owned buffer `{ptr, len, cap}`: one the library returns is freed once, with
    `interop_buffer_free`; in an argument `cap` is 0 and the library only copies it."""

    _fields_ = [("ptr", ctypes.c_void_p), ("len", ctypes.c_size_t), ("cap", ctypes.c_size_t)]


_decode_utf8: Any = getattr(ctypes, "pythonapi", None)  # PyPy has no C API through ctypes
if _decode_utf8 is not None:
    _decode_utf8 = _decode_utf8.PyUnicode_DecodeUTF8
    _decode_utf8.argtypes = (ctypes.c_void_p, ctypes.c_ssize_t, ctypes.c_char_p)
    _decode_utf8.restype = ctypes.py_object


def _text(ptr: Optional[int], length: int) -> str:
    """The UTF-8 text `{ptr, len}` (checked by the library) as a `str` (one copy)."""
    if not length:
        return ""
    if _decode_utf8 is None:
        return ctypes.string_at(ptr or 0, length).decode("utf-8")
    result: str = _decode_utf8(ptr, length, None)
    return result


def _utf8(value: Any, name: str) -> bytes:
    """`value` (a `str`) encoded as UTF-8; a lone surrogate raises ValueError naming `name`."""
    try:
        return value.encode("utf-8")  # type: ignore[no-any-return]
    except UnicodeEncodeError as e:
        raise ValueError(
            f"{name}: {e.object[e.start:e.end]!r} at index {e.start} cannot be encoded as UTF-8 "
            f"(a lone surrogate)"
        ) from None
    except AttributeError:
        raise TypeError(f"{name}: expected str, got {type(value).__name__}") from None


def _str_in(value: Any, name: str) -> _ViewIn:
    """A `str` argument as a view of its UTF-8 bytes (alive as long as the view)."""
    if type(value) is not str:
        if not isinstance(value, str):
            raise TypeError(f"{name}: expected str, got {type(value).__name__}")
    data = _utf8(value, name)
    return _ViewIn(data, len(data))


def _c_str_in(value: Any, name: str) -> bytes:
    """A `str` or `bytes` argument of a C string: NUL-terminated by ctypes; an interior NUL
    raises ValueError naming `name`."""
    data = value if isinstance(value, bytes) else _utf8(value, name)
    if b"\0" in data:
        raise ValueError(f"{name}: a C string cannot contain NUL (at byte {data.index(0)})")
    return data


def _c_str_out(ptr: Optional[int]) -> str:
    """A returned static C string as a `str`."""
    return ctypes.string_at(ptr).decode("utf-8") if ptr else ""


def _take_str(buffer: _Buffer) -> str:
    """A returned `String`: its text, then the buffer freed."""
    try:
        return _text(buffer.ptr, buffer.len)
    finally:
        _buffer_free(buffer.ptr, buffer.cap, 1, 1)


def _take_bytes(buffer: _Buffer) -> bytes:
    """A returned `Vec<u8>`: its bytes (one copy), then the buffer freed."""
    try:
        return ctypes.string_at(buffer.ptr or 0, buffer.len) if buffer.len else b""
    finally:
        _buffer_free(buffer.ptr, buffer.cap, 1, 1)


def _lend(data: bytes, keep: List[Any]) -> Optional[int]:
    """The address of `data`'s bytes, kept alive by `keep` (None when empty)."""
    if not data:
        return None
    anchor = ctypes.c_char_p(data)
    keep.append(anchor)
    return ctypes.c_void_p.from_buffer(anchor).value


_NATIVE = "<" if sys.byteorder == "little" else ">"


def _format(view: memoryview) -> str:
    """The struct format of a buffer without a native byte-order prefix."""
    fmt = view.format
    if fmt[:1] in ("@", "=", _NATIVE):
        fmt = fmt[1:]
    return fmt
