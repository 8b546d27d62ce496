def _bad(value: Any, expected: str, where: str) -> typing.NoReturn:
    """Raise the `TypeError` of an argument of the wrong type (`where` is `f() argument 'a'`): the
    compiled call path's wording, so that both paths raise the same."""
    actual = "None" if value is None else type(value).__name__
    raise TypeError(f"{where} must be {expected}, not {actual}")


def _int(value: Any, lo: int, hi: int, ty: str, expected: str, where: str) -> Any:
    """An integer argument of Rust type `ty`: an `int` (or anything with `__index__`) in `lo..=hi`,
    never wrapped (`OverflowError` otherwise)."""
    if type(value) is not int:
        if getattr(type(value), "__index__", None) is None:
            _bad(value, expected, where)
        value = operator.index(value)
    if lo <= value <= hi:
        return value
    raise OverflowError(f"{where} is out of range for {ty} ({lo} to {hi})")


def _float(value: Any, expected: str, where: str) -> float:
    """A float argument: anything with `__float__` or `__index__` (as CPython's `PyFloat_AsDouble`)."""
    if type(value) is float:
        return value
    if getattr(type(value), "__float__", None) is not None:
        return float(value)
    if getattr(type(value), "__index__", None) is not None:
        return float(operator.index(value))
    _bad(value, expected, where)


def _bool(value: Any, where: str) -> None:
    """A `bool` argument: `True` or `False`, nothing else."""
    if type(value) is not bool:
        _bad(value, "bool", where)


def _instance(value: Any, cls: Any, nullable: bool, expected: str, where: str) -> None:
    """An argument that must be an instance of `cls` (or `None` when `nullable`)."""
    if not isinstance(value, cls) and not (nullable and value is None):
        _bad(value, expected, where)


def _pointer_arg(argtype: Any, value: Any, expected: str, where: str) -> Any:
    """A raw pointer argument: anything ctypes takes for `argtype` (its `from_param`)."""
    try:
        argtype.from_param(value)
    except TypeError:
        _bad(value, expected, where)
    return value
