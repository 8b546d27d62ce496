_CT = typing.TypeVar("_CT", bound="ctypes._CData")


def _copy(pointer: ctypes._Pointer[_CT]) -> _CT:
    """A copy of what a non-NULL `pointer` points at (a reference returned by Rust keeps nothing
    alive in Python, so the caller gets its own value)."""
    value = pointer.contents
    copy = type(value)()
    ctypes.memmove(ctypes.byref(copy), ctypes.byref(value), ctypes.sizeof(value))
    return copy
