def _opt_slice_mut_in(value: Any, name: str, element: _Codec) -> _ViewIn:
    """An `Option<&mut [T]>` argument: `None` is a NULL `ptr`; anything else is `_slice_mut_in`'s,
    an empty one passed with a pointer other than NULL (the element's alignment, never read), since
    NULL would be `None`."""
    if value is None:
        view = _ViewIn(None, 0)
        view._back = None
        return view
    view = _slice_mut_in(value, name, element)
    if not view.len:
        view.ptr = ctypes.c_char_p(ctypes.alignment(element.ctype))
    return view
