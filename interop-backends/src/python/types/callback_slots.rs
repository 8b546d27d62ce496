//! The ctypes signatures of closures whose result does not come back as `call`'s return value: a
//! slot for owned data (ADR 54), a status and slots for a `Result` (ADR 14).

use super::Family;
use super::callback::{Signature, signature};
use super::runtime;

/// The [`Signature`] of a closure returning owned data (ADR 54): `call` returns nothing and gets
/// the address of a slot (`c_void_p`) for the result in owned form, which `_own_into` writes with
/// the result's codec.
pub fn slot_signature(
    key: &str,
    params: &[Box<dyn Family + '_>],
    returns: &dyn Family,
) -> Signature {
    let mut sig = signature(key, params, returns, false);
    sig.restype = "None".into();
    sig.lift_return = None;
    sig.expected = None;
    sig.argtypes.push("ctypes.c_void_p".into());
    sig.needs.extend(returns.codecs());
    let codec = returns
        .codec()
        .map_or_else(|| "_c_unsupported".to_string(), |c| c.name);
    // The compiled path writes the result with the same `_own_into` and codec.
    sig.native_classes.1 = Some(format!(
        "({types}.{}, {types}.{codec})",
        runtime::OWN_INTO,
        types = runtime::TYPES_MODULE
    ));
    sig.slot = Some(codec);
    sig.owned = true;
    sig
}

/// The [`Signature`] of a closure returning `Result<T, E>`: `call` returns the status (`c_uint8`)
/// and gets one slot per value (`T *ok` unless `T` is `()`, `E *err`); the callable returns `T` or
/// raises `exception` (the error class of `E`, whose `value` goes to `*err`).
pub fn result_signature(
    key: &str,
    params: &[Box<dyn Family + '_>],
    ok: Option<&dyn Family>,
    err: &dyn Family,
    exception: &str,
) -> Signature {
    let mut sig = signature(key, params, err, true);
    let codec_of = |f: &dyn Family| {
        f.codec()
            .map_or_else(|| "_c_unsupported".to_string(), |c| c.name)
    };
    sig.restype = "ctypes.c_uint8".into();
    sig.lift_return = None;
    sig.expected = None;
    if let Some(ok) = ok {
        sig.argtypes.push(format!("ctypes.POINTER({})", ok.ctype()));
        sig.needs.extend(ok.codecs());
        sig.annotation = sig
            .annotation
            .replacen("], None]", &format!("], {}]", ok.param()), 1);
        sig.caller_annotation =
            sig.caller_annotation
                .replacen("], None]", &format!("], {}]", ok.returns()), 1);
    }
    sig.argtypes
        .push(format!("ctypes.POINTER({})", err.ctype()));
    sig.needs.extend(err.codecs());
    sig.result = Some((ok.map(codec_of), codec_of(err), exception.to_string()));
    sig
}
