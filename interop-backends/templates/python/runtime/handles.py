# The addresses the destructors freed, and no function returned since (the allocator reuses
# addresses): handles of types with a destructor are checked against them. Process-wide, keyed by
# the address, so every copy of a handle shares the record.
_destroyed: Dict[int, object] = {}


def _alive(handle: Optional[ctypes.c_void_p], where: str) -> None:
    """A handle of a type with a destructor: `ValueError` once destroyed (never a use after free)."""
    if handle is not None and handle.value is not None and handle.value in _destroyed:
        raise ValueError(f"{where} was destroyed: {handle!r}")


def _destroying(handle: Optional[ctypes.c_void_p], where: str) -> None:
    """The destructor's argument: `ValueError` when destroyed before (never a double free), else
    recorded as destroyed. One `dict.setdefault`: two threads destroying the same handle cannot
    both pass."""
    if handle is None or handle.value is None:
        return
    token = object()
    if _destroyed.setdefault(handle.value, token) is not token:
        raise ValueError(f"{where} was destroyed: {handle!r}")


_Handle = typing.TypeVar("_Handle", bound=ctypes.c_void_p)


def _returned(handle: _Handle) -> _Handle:
    """A handle a function returns: live (its address may be one freed before)."""
    if handle.value is not None:
        _destroyed.pop(handle.value, None)
    return handle
