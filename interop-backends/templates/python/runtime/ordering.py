def _ordering(value: Any, where: str) -> int:
    """An `Ordering` (ADR 57): an `int` of any size (not a `bool`), read by its sign: -1, 0 or 1."""
    if type(value) is bool or not isinstance(value, int):
        _bad(value, "int", where)
    return (value > 0) - (value < 0)
