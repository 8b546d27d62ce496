import importlib as _importlib  # noqa: E402
import itertools as _itertools  # noqa: E402
import threading as _threading  # noqa: E402


class _Callback(ctypes.Structure):
    """A closure `{call, context, drop}` (interop-core's `CallbackAbi`): Rust calls
    `call(context, args...)`, and `drop(context)` once when it is done with it."""

    _fields_ = [("call", ctypes.c_void_p), ("context", ctypes.c_void_p), ("drop", ctypes.c_void_p)]


_callables: Dict[int, Any] = {}
"""The callables Rust holds, by the key passed as their context: this keeps them alive."""
_callable_keys = _itertools.count(1)
_callback_errors: Dict[int, BaseException] = {}
"""The exception a callback raised, by thread (`threading.get_ident()`: ctypes gives a thread Rust
started a new thread state, and so new `threading.local` data, for each call)."""


def _callable_in(value: Any, name: str, nullable: bool) -> int:
    """Checks the callable `value` and returns the key it will be registered under (0 for `None`
    when it is allowed). `_Trampoline.arg` registers it, inside the call's `try`: an argument
    after it that does not convert leaves nothing registered."""
    if value is None and nullable:
        return 0
    if not callable(value):
        raise TypeError(f"{name}: expected a callable, got {type(value).__name__}")
    return next(_callable_keys)


def _callback_failed(error: BaseException) -> None:
    """Keeps `error`, raised by a callback, for this thread and tells the library: the call waiting
    for it raises it (`raise_panic`), or, on a thread Rust started, `sys.unraisablehook` gets it."""
    _callback_errors[_threading.get_ident()] = error
    _callback_failed_c()


def _take_callback_error() -> Optional[BaseException]:
    """The exception a callback raised on this thread, if any (taking it clears it)."""
    return _callback_errors.pop(_threading.get_ident(), None)


def _pypy_write_unraisable() -> Any:
    """PyPy's `__pypy__.write_unraisable` (None elsewhere): PyPy's ctypes prints an exception
    raised out of a callback itself, without `sys.unraisablehook`, so the hook is called through
    this instead."""
    try:
        return getattr(_importlib.import_module("__pypy__"), "write_unraisable", None)
    except ImportError:
        return None


_write_unraisable = _pypy_write_unraisable()


def _unhandled_callback_error() -> None:
    # Raised out of a ctypes callback: CPython's ctypes hands it to `sys.unraisablehook`; PyPy's
    # would only print it, so there it is handed to the hook here.
    error = _take_callback_error()
    if error is None:
        return
    if _write_unraisable is not None:
        _write_unraisable("in a callback on a thread the library started", error, None)
        return
    raise error


def _drop_callable(context: Optional[int]) -> None:
    _callables.pop(context or 0, None)


_DropFn = ctypes.CFUNCTYPE(None, ctypes.c_void_p)
_drop_callable_c = _DropFn(_drop_callable)
_drop_callable_pointer = ctypes.cast(_drop_callable_c, ctypes.c_void_p).value
_unhandled_hook_c = ctypes.CFUNCTYPE(None)(_unhandled_callback_error)

_F = typing.TypeVar("_F", bound=Callable[..., Any])


class _RustClosure(typing.Generic[_F]):
    """A Rust closure the library returned. Call it like a function, from any thread; `close()` (or
    leaving a `with` block) frees it, a call in progress finishing first; the finalizer does when
    nobody did. A panic inside it raises `RustPanic`; calling it after `close()` raises ValueError."""

    def __init__(
        self,
        function: Any,
        context: Optional[int],
        drop: Optional[int],
        lift: Optional[Callable[[Any], Any]],
        lowers: Optional[typing.Tuple[Optional[_Codec], ...]] = None,
        shape: Optional[Any] = None,
    ) -> None:
        self._function = function
        # How a result owning data, or a `Result`, comes back (`_SlotShape`, `_ResultShape`: the
        # slots the call writes, ADR 56); `None`: `call` returns it.
        self._shape = shape
        self._context = context
        self._drop: Any = _DropFn(drop) if drop else None
        self._lift = lift
        # Per argument, the codec making its ABI form (`None`: ctypes converts it), or `None` when
        # every argument crosses as it is (numbers, bool, C-compatible structs).
        self._lowers = lowers
        self._lock = _threading.Lock()
        self._calls = 0
        self._closed = False

    if TYPE_CHECKING:
        # For mypy, calling it is calling a `_F` (`make_adder(1)("x")` is an error, and
        # `make_adder(1)(2)` an `int`); at run time the `def` below.
        __call__: _F
    else:

        def __call__(self, *args: Any) -> Any:
            with self._lock:
                if self._closed:
                    raise ValueError("this Rust closure was closed")
                self._calls += 1
            keep: List[Any] = []
            try:
                if self._lowers is not None:
                    args = self._lower(args, keep)
                if self._shape is None:
                    result = self._function(self._context, *args)
                else:
                    result = self._shape.call(self._function, self._context, args)
            finally:
                with self._lock:
                    self._calls -= 1
                    release = self._closed and self._calls == 0
                if release:
                    self._release()
            if self._shape is not None:
                if _cb_pending.value:
                    self._shape.discard(result)
                    _cb_raise_panic()
                return self._shape.take(result)
            if _cb_pending.value:
                _cb_raise_panic()
            return result if self._lift is None else self._lift(result)

    def _lower(self, args: typing.Tuple[Any, ...], keep: List[Any]) -> typing.Tuple[Any, ...]:
        """The ABI form of arguments owning data or views (`str`, lists, records owning data); what
        they point to stays in `keep` (the caller's, alive until the call returns)."""
        lowers = self._lowers or ()
        if len(args) != len(lowers):
            raise TypeError(
                f"the closure takes {len(lowers)} argument{'' if len(lowers) == 1 else 's'} "
                f"({len(args)} given)"
            )
        return tuple(
            value if codec is None else codec.lower(value, f"argument {i + 1}", keep)
            for i, (codec, value) in enumerate(zip(lowers, args))
        )

    def _release(self) -> None:
        drop, self._drop = self._drop, None
        if drop is not None:
            drop(self._context)

    def close(self) -> None:
        """Frees the closure (the library drops it). Calling it again does nothing."""
        with self._lock:
            if self._closed:
                return
            self._closed = True
            release = self._calls == 0
        if release:
            self._release()

    def __enter__(self) -> _RustClosure[_F]:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __del__(self) -> None:
        try:
            self.close()
        except Exception:  # noqa: BLE001 (a finalizer never raises)
            pass


_INT_CTYPES = (
    ctypes.c_int8,
    ctypes.c_int16,
    ctypes.c_int32,
    ctypes.c_int64,
    ctypes.c_uint8,
    ctypes.c_uint16,
    ctypes.c_uint32,
    ctypes.c_uint64,
    ctypes.c_size_t,
    ctypes.c_ssize_t,
)


def _int_bounds(ctype: Any) -> Optional[str]:
    """For an integer ctype, its range as the compiled path names it (`u32 (0 to 4294967295)`);
    None for other types."""
    if ctype not in _INT_CTYPES:
        return None
    bits = ctypes.sizeof(ctype) * 8
    if ctype(-1).value == -1:
        return f"i{bits} ({-(1 << (bits - 1))} to {(1 << (bits - 1)) - 1})"
    return f"u{bits} (0 to {(1 << bits) - 1})"


def _bad_result(where: str, result: Any, expected: str) -> TypeError:
    """The exception of a callable's result that is not of the closure's return type (the compiled
    path's message)."""
    return TypeError(f"{where}: the callback returned {type(result).__name__}, expected {expected}")


def _not_a_member(where: str, value: int, expected: str) -> str:
    """The message of a callable's result that is no value of the C-like enum `expected` (the
    compiled path's)."""
    return f"{where}: the callback returned {value}, which is not a value of {expected}"


def _slot_value(slot: Any) -> Any:
    """What a codec lifts from a slot: a simple ctypes value's `value` (a number, an enum's tag),
    else the structure itself."""
    return slot.value if isinstance(slot, ctypes._SimpleCData) else slot


class _SlotShape:
    """A returned Rust closure whose result owns data (ADR 56): `call` gets the address of a slot
    last and writes the result there; the caller converts it and frees it (also when the conversion
    raises). After a panic the slot holds an empty value, freed all the same."""

    def __init__(self, codec: _Codec) -> None:
        self.codec = codec

    def call(self, function: Any, context: Optional[int], args: typing.Tuple[Any, ...]) -> Any:
        slot = self.codec.ctype()
        function(context, *args, ctypes.addressof(slot))
        return slot

    def discard(self, slot: Any) -> None:
        self.codec.free(slot)

    def take(self, slot: Any) -> Any:
        try:
            return self.codec.lift(_slot_value(slot))
        finally:
            self.codec.free(slot)


class _ResultShape:
    """A returned Rust closure returning `Result<T, E>` (ADR 56, the ADR 14 shape): `call` returns
    the status and writes `*ok` (0) or `*err` (1); `Err` raises `exception` (the subclass of the
    value's variant when there is one) with the value. Both slots are freed in every case."""

    def __init__(self, ok: Optional[_Codec], err: _Codec, exception: Any) -> None:
        self.ok = ok
        self.err = err
        self.exception = exception

    def call(self, function: Any, context: Optional[int], args: typing.Tuple[Any, ...]) -> Any:
        ok = self.ok.ctype() if self.ok is not None else None
        err = self.err.ctype()
        slots = (ctypes.pointer(err),) if ok is None else (ctypes.pointer(ok), ctypes.pointer(err))
        status = function(context, *args, *slots)
        return status, ok, err

    def discard(self, result: Any) -> None:
        _, ok, err = result
        if self.ok is not None:
            self.ok.free(ok)
        self.err.free(err)

    def take(self, result: Any) -> Any:
        status, ok, err = result
        if status == 0:
            self.err.free(err)
            if self.ok is None:
                return None
            try:
                return self.ok.lift(_slot_value(ok))
            finally:
                self.ok.free(ok)
        if status == 1:
            if self.ok is not None:
                self.ok.free(ok)
            try:
                value = self.err.lift(_slot_value(err))
            finally:
                self.err.free(err)
            raise self._class_of(value)(value)
        self.discard(result)
        raise RustPanic(f"the closure returned the status {status}")

    def _class_of(self, value: Any) -> Any:
        """The subclass of the variant of a C-like enum's `value`, else the error class."""
        name = getattr(value, "name", None)
        if isinstance(name, str):
            wanted = name.replace("_", "").lower()
            for cls in self.exception.__subclasses__():
                if cls.__name__.lower() == wanted:
                    return cls
        return self.exception


class _Trampoline:
    """The `call` of one closure signature: a `CFUNCTYPE` function made once, which looks the callable
    up by its key, converts the arguments, and catches every exception (see `_callback_failed`)."""

    def __init__(
        self,
        restype: Any,
        argtypes: typing.Tuple[Any, ...],
        lifts: typing.Tuple[Optional[Callable[[Any], Any]], ...],
        lift_return: Optional[Callable[[Any], Any]],
        _result: Optional[typing.Tuple[Optional[_Codec], _Codec, Any]] = None,
        _lowers: Optional[typing.Tuple[Optional[_Codec], ...]] = None,
        _expected: str = "",
        _members: Any = None,
        _slot: Optional[_Codec] = None,
        _owner: Optional[Callable[[_Codec, Any, int, str], None]] = None,
        _ordering: bool = False,
    ) -> None:
        self.prototype: Any = None
        self.lowers = _lowers
        # A returned Rust closure's results through slots (ADR 56).
        self.shape: Any = None
        if _slot is not None:
            self.shape = _SlotShape(_slot)
        elif _result is not None:
            self.shape = _ResultShape(*_result)
        self.pointer: Optional[int] = None
        self.reason = ""
        self.lift_return = lift_return
        simple = restype is not None and hasattr(restype, "value")
        zero: Any = restype().value if simple else None
        # ctypes truncates an integer result (`-1` becomes `4294967295` for a `u32`): such a
        # result is refused instead, as on the compiled path.
        bounds = _int_bounds(restype) if simple else None
        # ctypes takes any object for a `c_bool` (truth value: `None` would be False): a `bool`
        # result must be `True` or `False`, as on the compiled path and for a `bool` argument.
        boolean = restype is ctypes.c_bool
        # Arguments that cross as themselves (numbers, bool) are passed on as they come: the
        # comprehension alone cost about half of a callback's time on the benchmark's `u64 -> u64`.
        plain = all(f is None for f in lifts)
        # A C-like enum: only its values (the library would panic on another one).
        members = frozenset(int(m) for m in _members) if _members is not None else None
        # An `Ordering` (ADR 57): any `int` (not a `bool`), by its sign.
        ordering = _ordering

        def call(context: Optional[int], *args: Any) -> Any:
            try:
                function, where = _callables[context or 0]
                if not plain:
                    args = tuple([a if f is None else f(a) for f, a in zip(lifts, args)])
                result = function(*args)
                # Converted here, so that a result of the wrong type is the callback's exception.
                if not simple:
                    return None
                if boolean and result is not True and result is not False:
                    raise _bad_result(where, result, _expected)
                if ordering:
                    if type(result) is bool or not isinstance(result, int):
                        raise _bad_result(where, result, _expected)
                    return (result > 0) - (result < 0)
                try:
                    value = restype(result).value
                except TypeError:
                    raise _bad_result(where, result, _expected) from None
                if bounds is not None and value != result:
                    raise OverflowError(
                        f"{where}: the callback returned a value out of range for {bounds}"
                    )
                if members is not None and value not in members:
                    raise ValueError(_not_a_member(where, value, _expected))
                return value
            except BaseException as error:  # noqa: BLE001 (nothing may unwind into Rust)
                _callback_failed(error)
                return zero

        if _result is not None:
            ok_codec, err_codec, exception = _result
            count = len(lifts)

            # `Result<T, E>`: the callable returns `T` (written to `*ok`, status 0) or raises
            # `exception`, whose `value` is written to `*err` (status 1). Any other exception is the
            # callback's failure: Rust receives `Err` of `E`'s default, the exception goes on.
            def call(context: Optional[int], *args: Any) -> Any:  # noqa: F811
                try:
                    function, where = _callables[context or 0]
                    values = [a if f is None else f(a) for f, a in zip(lifts, args[:count])]
                    keep: List[Any] = []
                    try:
                        value = function(*values)
                    except exception as error:
                        if _owner is not None:
                            _owner(err_codec, error.value, ctypes.addressof(args[-1].contents), where)
                        else:
                            args[-1][0] = err_codec.lower(error.value, "the error", keep)
                        return 1
                    if _owner is not None and ok_codec is not None:
                        _owner(ok_codec, value, ctypes.addressof(args[count].contents), where)
                    elif ok_codec is not None:
                        args[count][0] = ok_codec.lower(value, "the return value", keep)
                    return 0
                except BaseException as error:  # noqa: BLE001 (nothing may unwind into Rust)
                    _callback_failed(error)
                    return 0

        if _slot is not None and _owner is not None:
            slot_codec, owner = _slot, _owner
            count = len(lifts)

            # Owned data (ADR 54): `call` returns nothing and gets the address of a zeroed slot, to
            # which the callable's result is written in owned form. On an exception the slot stays
            # as it is: the library frees what was written to it.
            def call(context: Optional[int], *args: Any) -> Any:  # noqa: F811
                try:
                    function, where = _callables[context or 0]
                    values = [a if f is None else f(a) for f, a in zip(lifts, args[:count])]
                    owner(slot_codec, function(*values), args[count], where)
                except BaseException as error:  # noqa: BLE001 (nothing may unwind into Rust)
                    _callback_failed(error)

        try:
            self.prototype = ctypes.CFUNCTYPE(restype, ctypes.c_void_p, *argtypes)
            self._function = self.prototype(call)
            self.pointer = ctypes.cast(self._function, ctypes.c_void_p).value
        except TypeError as error:
            self.reason = str(error)

    def _check(self) -> None:
        if self.pointer is None:
            raise NotImplementedError(f"ctypes cannot make this callback: {self.reason}")

    def arg(self, key: int, kept: bool, value: Any, where: str = "a closure") -> _Callback:
        """The closure of the callable `value`, registered under `key` (0: none); `kept`: Rust
        drops it; `where` names it in messages (`f() argument 'g'`)."""
        if key == 0:
            return _Callback()
        _callables[key] = (value, where)
        if self.pointer is None:
            _callables.pop(key, None)
            self._check()
        return _Callback(self.pointer, key, _drop_callable_pointer if kept else None)

    def closure(self, raw: _Callback) -> _RustClosure[Any]:
        """A returned Rust closure."""
        self._check()
        if not raw.call:
            raise RustPanic("the library returned no closure")
        return _RustClosure(
            self.prototype(raw.call),
            raw.context,
            raw.drop,
            self.lift_return,
            self.lowers,
            self.shape,
        )


def _fn_pointer_in(prototype: Any, value: Any, name: str, nullable: bool) -> Any:
    """A `CFUNCTYPE` object for a plain function pointer parameter: `value` itself when it is one,
    else `value` (a callable) wrapped for the call."""
    if value is None:
        if nullable:
            return None
        raise TypeError(f"{name}: expected a callable, got None")
    if isinstance(value, prototype):
        return value
    if not callable(value):
        raise TypeError(f"{name}: expected a callable, got {type(value).__name__}")
    return prototype(value)
