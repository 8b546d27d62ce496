class _Guard(ctypes.Structure):
    """The state of one service object: the Rust handle and one word (closed, consumed, the count
    of calls in progress) that only the library changes (`interop_guard_*`, or the compiled path):
    with the GIL held on the compiled path, atomically on the ctypes path (`_native.guard_mode`).
    The handle is freed exactly once, by whoever makes the word "closed, no call in progress":
    `close()`, a consuming call, the object's end, or the last call in progress when the object
    was closed during it. On the ctypes path the object and its finalizer share this structure; on
    the compiled path the guard is library memory the object owns (ADR 51), read through here."""

    _fields_ = [("handle", ctypes.c_void_p), ("state", ctypes.c_size_t)]
    handle: Optional[int]
    state: int


_GUARD_CLOSED: Final = 1
_GUARD_CONSUMED: Final = 2
# What an object holds before a constructor gave it a Rust object: closed.
_NO_GUARD: Final = _Guard(None, _GUARD_CLOSED)

_S = typing.TypeVar("_S", bound="_Service")

# On the compiled path: the library's `adopt(obj, handle)`, which gives the object a guard it owns
# natively (ADR 51; set by `_native`).
_service_adopt: Optional[Callable[[Any, Optional[int]], None]] = None

# CPython's ctypes instances have no `__dict__` of their own: the guard gets a slot and the dict is
# only made when an attribute is set (ADR 41). PyPy's have one already (no slots there).
_SERVICE_SLOTS: typing.Tuple[str, ...] = ()
if getattr(ctypes.Structure, "__dictoffset__", 1) == 0:
    _SERVICE_SLOTS = ("_guard", "__dict__", "__weakref__")


class _Service(ctypes.Structure):
    """Base of the service classes: the owner of one Rust object.

    The object's one field is the address of its guard (what the compiled path reads). Free the
    Rust object with `close()` or a `with` block; an object that is collected without it is freed
    then. After `close()`, or a method that took the object by value, every call raises
    `ValueError`.
    """

    _fields_ = [("_guard_address", ctypes.c_void_p)]
    # The guard lives in a slot, not in the instance `__dict__` (ADR 41): a method lookup
    # (`obj.add`) then has no dict to search, as on a PyO3 class. Other attributes still work (the
    # dict is made when one is set). Unset until a constructor adopted a handle. On the compiled
    # path the slot holds the library's keeper of the guard and its descriptor is removed from the
    # class (ADR 51): Python code reads the guard through `_guard_of`.
    __slots__ = _SERVICE_SLOTS
    _guard: _Guard
    _guard_address: Optional[int]

    def __init__(self) -> None:
        raise TypeError(
            f"{type(self).__name__} has no constructor `new`: use one of its static constructors"
        )

    @classmethod
    def _from_handle(cls: typing.Type[_S], handle: Optional[int]) -> _S:
        """A new object owning `handle` (a service the library returned)."""
        obj = cls.__new__(cls)
        obj._adopt(handle)
        return obj

    def _adopt(self, handle: Optional[int]) -> None:
        if _service_adopt is not None:
            _service_adopt(self, handle)
            return
        if self._guard_address is not None:
            type(self)._free_handle(handle)
            raise RuntimeError(f"{type(self).__name__}.__init__ called on an initialized object")
        guard = _Guard(handle, 0)
        self._guard = guard
        self._guard_address = ctypes.addressof(guard)
        weakref.finalize(self, _service_finalize, guard, type(self)._free_handle)

    @staticmethod
    def _free_handle(handle: Optional[int]) -> None:
        raise NotImplementedError

    def close(self) -> None:
        """Free the Rust object now (its `Drop` runs). Closing twice does nothing. A call in
        progress on another thread keeps it until it returns; calls after this raise `ValueError`."""
        if _guard_close(self._guard_address, False):
            type(self)._free_handle(_guard_of(self).handle)

    @property
    def closed(self) -> bool:
        """True after `close()` or a method that took the object by value."""
        return bool(_guard_of(self).state & _GUARD_CLOSED)

    def __enter__(self: _S) -> _S:
        return self

    def __exit__(
        self,
        exc_type: Optional[typing.Type[BaseException]],
        exc: Optional[BaseException],
        tb: Optional[types.TracebackType],
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        guard = _guard_of(self)
        state = guard.state
        if state & _GUARD_CONSUMED:
            return f"<{type(self).__name__} (consumed)>"
        if state & _GUARD_CLOSED:
            return f"<{type(self).__name__} (closed)>"
        return f"<{type(self).__name__} at {hex(guard.handle or 0)}>"

    def __reduce__(self) -> typing.NoReturn:
        raise TypeError(f"cannot pickle or copy {type(self).__name__}: it owns a Rust object")

    def __copy__(self) -> typing.NoReturn:
        self.__reduce__()

    def __deepcopy__(self, memo: Any) -> typing.NoReturn:
        self.__reduce__()


def _guard_of(obj: _Service) -> _Guard:
    """The object's guard (closed for an object no constructor initialized)."""
    address = obj._guard_address
    if address is None:
        return _NO_GUARD
    return _Guard.from_address(address)


def _service_finalize(guard: _Guard, free: Callable[[Optional[int]], None]) -> None:
    """The safety net (`weakref.finalize`): the object was collected, or the interpreter exits,
    without `close()`."""
    if _guard_close(ctypes.addressof(guard), False):
        free(guard.handle)


def _service_refused(obj: _Service) -> typing.NoReturn:
    name = type(obj).__name__
    if _guard_of(obj).state & _GUARD_CONSUMED:
        raise ValueError(f"{name} was consumed (a method took it by value)")
    raise ValueError(f"{name} is closed")


def _service_enter(obj: _Service) -> int:
    """Count a call in: the handle (`ValueError` when the object is closed or consumed)."""
    handle = _guard_enter(obj._guard_address)
    if handle is None:
        _service_refused(obj)
    return handle


def _service_take(obj: _Service) -> int:
    """A parameter taken by value: count the call in, and the object is spent from now on (one
    step: of two threads taking it at once, one gets `ValueError`)."""
    handle = _guard_take(obj._guard_address)
    if handle is None:
        _service_refused(obj)
    return handle


def _service_take_open(obj: _Service) -> Optional[int]:
    """As `_service_take`, but `None` when the object is already closed or consumed: the class's
    own `close()` (ADR 34), a no-op on every thread but the one that takes the object."""
    return _guard_take(obj._guard_address)


def _service_leave(obj: _Service) -> None:
    """Count a call out; the last call of a closed object frees it (a panic of its `Drop` there
    has no caller to go to and is discarded)."""
    if _guard_leave(obj._guard_address):
        try:
            type(obj)._free_handle(_guard_of(obj).handle)
        except RustPanic:
            pass
