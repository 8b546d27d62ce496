//! Closures and function pointers.
//!
//! A closure parameter takes any callable (`Callable[[int], int]` in the stubs). It crosses as
//! `{call, context, drop}` (`_Callback`): `context` is the key of the callable in `_callables` (which
//! keeps it alive), `call` the signature's trampoline (a `_Trampoline` of `_types.py`, made once per
//! signature: a `CFUNCTYPE` function that catches every exception), `drop` removes the key. A
//! borrowed closure's key is removed after the call (Rust gets no `drop`); a kept one's when Rust
//! drops it. A returned Rust closure is a `_RustClosure`: callable, `close()`, a context manager, and
//! a finalizer. Plain `extern "C" fn` pointers are ctypes `CFUNCTYPE` objects (`fn_pointer.rs`).
//!
//! Functions taking closures are called with the GIL released (`_raw.py` binds them through a
//! `CDLL`): Rust threads that call Python while the caller waits could not take it otherwise.

use interop_core::abi::AbiShape;
use interop_core::model::{CallbackOwnership, CallbackType, TypeRef};

use super::{Codec, Family, FieldType, Lifting, Lowering, WHERE, runtime};
use crate::BackendError;

pub use super::callback_slots::{result_signature, slot_signature};

/// The per-signature parts of a closure: its codec name and its ctypes parts.
pub struct Signature {
    /// `_c_cb_U32ToU32`: the `_Trampoline` of the signature.
    pub codec: String,
    /// The ctypes types of the parameters (ABI form) and of the return value (`None` for `()`).
    pub argtypes: Vec<String>,
    pub restype: String,
    /// Per parameter: the conversion from the ctypes value to what the callable gets (`None`: as
    /// it is), as a lambda.
    pub lifts: Vec<Option<String>>,
    /// The conversion of a returned Rust closure's result.
    pub lift_return: Option<String>,
    /// Per parameter: the codec making the ABI form of what a returned Rust closure's caller
    /// passes (`None`: ctypes converts it), for parameters owning data or views.
    pub lowers: Vec<Option<String>>,
    /// `Callable[[int], int]`: what a callable passed to Rust must be (it gets what Rust lends).
    pub annotation: String,
    /// The same signature seen from the caller of a returned Rust closure, who passes what a
    /// function's parameter accepts (`&[f64]`: any buffer or sequence of floats, not only the
    /// `array.array[float]` a callable gets) and gets what a function returns.
    pub caller_annotation: String,
    /// The codecs the lifts refer to.
    pub needs: Vec<Codec>,
    /// A `Result<T, E>` return: the codec of `T` (`None` for `()`), of `E`, and `E`'s exception
    /// class (the trampoline writes `Ok` / the exception's value to Rust's slots).
    pub result: Option<(Option<String>, String, String)>,
    /// For the compiled path: the class each argument is made of and the class the result is
    /// checked against (`None` where the conversion needs none).
    pub native_classes: (Vec<Option<String>>, Option<String>),
    /// What a C-compatible result must be (`int`, `CbColor`), for the message of one that is not.
    pub expected: Option<String>,
    /// Owned data returned through a slot (ADR 54): the codec of the result.
    pub slot: Option<String>,
    /// A C-like enum result: its class, whose values are the only ones accepted.
    pub members: Option<String>,
    /// Values written to slots own data (a slot, or a `Result` whose `T` or `E` owns data): they
    /// are written by `_own_into`, in memory of `interop_buffer_alloc`.
    pub owned: bool,
    /// An `Ordering` result (ADR 57): any `int` but a `bool`, by its sign.
    pub ordering: bool,
}

impl Signature {
    fn codec(&self) -> Codec {
        let lifts: Vec<String> = self
            .lifts
            .iter()
            .map(|l| l.clone().unwrap_or_else(|| "None".into()))
            .collect();
        let result = match &self.result {
            Some((ok, err, exception)) => format!(
                ", _result=({}, {err}, {exception})",
                ok.as_deref().unwrap_or("None")
            ),
            None => String::new(),
        };
        let lowers = if self.lowers.iter().any(Option::is_some) {
            format!(
                ", _lowers=({})",
                self.lowers
                    .iter()
                    .map(|l| format!("{}, ", l.as_deref().unwrap_or("None")))
                    .collect::<String>()
            )
        } else {
            String::new()
        };
        let mut owned = String::new();
        if let Some(expected) = &self.expected {
            owned.push_str(&format!(", _expected={expected:?}"));
        }
        if let Some(members) = &self.members {
            owned.push_str(&format!(", _members={members}"));
        }
        if let Some(slot) = &self.slot {
            owned.push_str(&format!(", _slot={slot}"));
        }
        if self.owned {
            owned.push_str(&format!(", _owner={}", runtime::OWN_INTO));
        }
        if self.ordering {
            owned.push_str(", _ordering=True");
        }
        Codec::new(
            &self.codec,
            &format!(
                "_Trampoline({}, ({}), ({}), {}{result}{lowers}{owned})",
                self.restype,
                self.argtypes
                    .iter()
                    .map(|a| format!("{a}, "))
                    .collect::<String>(),
                lifts.iter().map(|a| format!("{a}, ")).collect::<String>(),
                self.lift_return.as_deref().unwrap_or("None"),
            ),
        )
    }
}

/// Builds the [`Signature`] of a closure from its parameters' and return type's families.
pub fn signature(
    key: &str,
    params: &[Box<dyn Family + '_>],
    returns: &dyn Family,
    unit: bool,
) -> Signature {
    let mut needs = Vec::new();
    let mut lifts = Vec::new();
    let mut lowers = Vec::new();
    let mut publics = Vec::new();
    let mut callers = Vec::new();
    for p in params {
        let lift = p.lift();
        // A returned Rust closure's caller passes Python values: each is lowered by its codec as
        // a function's argument is (a `str` or a record owning data to its ABI form; an integer
        // checked against its range, which ctypes would wrap; a wrong type refused by name).
        // Pointers (no codec) are ctypes' own, except `&T` of a record owning data (its
        // record's codec, ADR 61).
        let lower = p.returned_closure_lower().map(|c| c.name);
        if lower.is_some() {
            needs.extend(p.codecs());
        }
        lowers.push(lower);
        lifts.push(match p.callback_lift() {
            Some(copy) => Some(format!("lambda v: {copy}")),
            None => lift
                .expr
                .as_ref()
                .map(|_| format!("lambda v: {}", lift.apply("v"))),
        });
        needs.extend(p.callback_codecs());
        publics.push(p.returns());
        callers.push(p.param());
    }
    let lift = returns.lift();
    let native_classes = (
        params.iter().map(|p| p.native_return_class()).collect(),
        if unit {
            None
        } else {
            returns.native_param_class()
        },
    );
    Signature {
        native_classes,
        codec: format!("_c_cb_{key}"),
        argtypes: params.iter().map(|p| p.ctype()).collect(),
        restype: if unit { "None".into() } else { returns.ctype() },
        lifts,
        lowers,
        lift_return: lift
            .expr
            .as_ref()
            .map(|_| format!("lambda v: {}", lift.apply("v"))),
        annotation: format!(
            "typing.Callable[[{}], {}]",
            publics.join(", "),
            if unit { "None".into() } else { returns.param() }
        ),
        expected: (!unit).then(|| returns.param()),
        caller_annotation: format!(
            "typing.Callable[[{}], {}]",
            callers.join(", "),
            if unit {
                "None".into()
            } else {
                returns.returns()
            }
        ),
        needs,
        result: None,
        slot: None,
        members: None,
        owned: false,
        ordering: false,
    }
}

/// A closure.
pub struct Callback<'a> {
    pub c: &'a CallbackType,
    pub sig: Signature,
    /// The alias of its named callback type (`OnEvent`), which the annotations spell.
    pub named: Option<String>,
}

impl Callback<'_> {
    /// `OnEvent` for a named callback type, else `Callable[[int], None]`.
    fn annotation(&self) -> &str {
        self.named.as_deref().unwrap_or(&self.sig.annotation)
    }
}

impl Family for Callback<'_> {
    fn ctype(&self) -> String {
        "_Callback".into()
    }

    fn param(&self) -> String {
        if self.c.nullable {
            format!("Optional[{}]", self.annotation())
        } else {
            self.annotation().to_string()
        }
    }

    fn raw_param(&self) -> String {
        "_Callback".into()
    }

    fn raw_return(&self) -> String {
        "_Callback".into()
    }

    /// A returned Rust closure, typed as its caller calls it (the named alias when that is the
    /// same signature).
    fn returns(&self) -> String {
        let sig = &self.sig;
        let called = if sig.caller_annotation == sig.annotation {
            self.annotation()
        } else {
            &sig.caller_annotation
        };
        format!("_RustClosure[{called}]")
    }

    /// A field of a dataclass holding closures (ADR 30): any callable.
    fn field(&self) -> FieldType {
        FieldType {
            annotation: self.param(),
            init: "_Callback".into(),
            default: "...",
            plain: false,
            access: None,
        }
    }

    /// The callable is registered under a key (`TypeError` when it is not callable); a borrowed one
    /// is unregistered after the call, a kept one when Rust drops it.
    fn lower(&self, value: &str) -> Lowering {
        let key = format!("_k_{value}");
        let kept = self.c.ownership != CallbackOwnership::Borrowed;
        let nullable = if self.c.nullable { "True" } else { "False" };
        Lowering {
            setup: vec![format!(
                "{key} = {}({value}, {WHERE}, {nullable})",
                runtime::CALLBACKS
            )],
            arg: format!(
                "{}.arg({key}, {}, {value}, {WHERE})",
                self.sig.codec,
                if kept { "True" } else { "False" }
            ),
            cleanup: if kept {
                Vec::new()
            } else {
                vec![format!("_callables.pop({key}, None)")]
            },
            imports: vec![
                runtime::CALLBACKS.to_string(),
                "_callables".to_string(),
                self.sig.codec.clone(),
            ],
        }
    }

    /// `(_callback_failed, _take_callback_error, (argument classes), result class, expected)`,
    /// each class with its size (see `interop_core::python::convert::callback`); for owned data
    /// (ADR 54) the result "class" is `(_own_into, codec)`.
    fn native_param_class(&self) -> Option<String> {
        let sized = |c: &Option<String>| format!("_sized({})", c.as_deref().unwrap_or("None"));
        let (args, ret) = &self.sig.native_classes;
        // What a C-compatible result must be, for the message of one that is not.
        let expected = match &self.sig.expected {
            Some(e) => format!(", {e:?}"),
            None => String::new(),
        };
        Some(format!(
            "({types}._callback_failed, {types}._take_callback_error, ({}), {}{expected})",
            args.iter()
                .map(|a| format!("{}, ", sized(a)))
                .collect::<String>(),
            sized(ret),
            types = super::runtime::TYPES_MODULE
        ))
    }

    fn lift(&self) -> Lifting {
        Lifting {
            expr: Some(format!("{}.closure({})", self.sig.codec, super::RAW)),
            imports: vec![
                runtime::CALLBACKS.to_string(),
                "_RustClosure".to_string(),
                self.sig.codec.clone(),
            ],
        }
    }

    /// A closure field (ADR 30): `_ClosureField` over the signature's trampoline.
    fn codec(&self) -> Option<Codec> {
        let nullable = self.c.nullable;
        Some(Codec::new(
            &format!(
                "_c_field{}_{}",
                if nullable { "_opt" } else { "" },
                self.sig.codec.trim_start_matches("_c_cb_")
            ),
            &format!(
                "_ClosureField({}, {})",
                self.sig.codec,
                if nullable { "True" } else { "False" }
            ),
        ))
    }

    fn codecs(&self) -> Vec<Codec> {
        let mut out = self.sig.needs.clone();
        out.push(self.sig.codec());
        out
    }
}

/// What the rest of the backend asks about closures: their Python types, the trampoline key of a
/// signature, and which functions must release the GIL.
impl<'a> super::Types<'a> {
    /// `Callable[[int], int]`: what a parameter of the named callback type `c` accepts.
    pub fn callable(
        &self,
        c: &'a interop_core::model::CallbackDef,
    ) -> Result<String, BackendError> {
        let params = c
            .params
            .iter()
            .map(|p| Ok(self.family(p)?.returns()))
            .collect::<Result<Vec<_>, BackendError>>()?;
        // A `Result<T, E>` callable returns `T` and raises `E`'s exception.
        let returned = match &c.returns {
            TypeRef::Result(r) => &*r.ok,
            other => other,
        };
        let returns = if returned.is_unit() {
            "None".to_string()
        } else {
            self.family(returned)?.param()
        };
        Ok(format!(
            "typing.Callable[[{}], {returns}]",
            params.join(", ")
        ))
    }

    /// The part of a trampoline's name standing for a signature (`U32ToU32`).
    pub(super) fn signature_key(&self, params: &[TypeRef], returns: &TypeRef) -> String {
        let tag = |t: &TypeRef| {
            // `&[u64]` is `RefSliceU64`, `&Point` `RefPoint`: never the key of `u64` / `Point`.
            let spelled = self
                .inv
                .rust_spelling(t)
                .replace("&mut ", " Mut ")
                .replace('&', " Ref ")
                .replace('[', " Slice ")
                .replace('*', " Ptr ");
            spelled
                .split(|c: char| !c.is_ascii_alphanumeric())
                .map(|word| {
                    let mut word = word.to_string();
                    if let Some(first) = word.get_mut(..1) {
                        first.make_ascii_uppercase();
                    }
                    word
                })
                .collect::<String>()
        };
        let mut key: String = params.iter().map(tag).collect();
        if !returns.is_unit() {
            key.push_str("To");
            key.push_str(&tag(returns));
        }
        if key.is_empty() {
            key.push_str("Unit");
        }
        key
    }

    /// True when the package takes or returns closures (the callback runtime, and functions that
    /// release the GIL).
    pub fn uses_callbacks(&self) -> bool {
        self.inv.functions.iter().any(|f| {
            self.takes_callbacks(f)
                || matches!(self.inv.shape_of(&f.returns), Ok(AbiShape::Callback(_)))
        })
    }

    /// True when `f` takes a closure: it is called with the GIL released, and its wrapper checks for
    /// errors after the call.
    ///
    /// A method of a type that keeps closures (one of its methods takes a kept one) counts too: it
    /// may call them from a thread Rust starts while the caller waits (`emit_on_thread`).
    pub fn takes_callbacks(&self, f: &interop_core::model::Function) -> bool {
        self.takes_own_callbacks(f) || self.owner_keeps_callbacks(f)
    }

    /// True when `f` itself takes a closure or a function pointer.
    pub fn takes_own_callbacks(&self, f: &interop_core::model::Function) -> bool {
        f.params.iter().any(|p| {
            matches!(
                self.inv.shape_of(&p.ty),
                Ok(AbiShape::Callback(_) | AbiShape::FnPointer(_))
            ) || crate::common::closures::holds_closure(self.inv, &p.ty)
        })
    }

    /// True when `f` is a method of a type that keeps closures (one of its methods takes a kept
    /// one): the compiled path releases the GIL around it too (ADR 33).
    pub fn owner_keeps_callbacks(&self, f: &interop_core::model::Function) -> bool {
        let keeps = |m: &interop_core::model::Function| {
            m.params.iter().any(|p| {
                matches!(self.inv.shape_of(&p.ty), Ok(AbiShape::Callback(c))
                    if c.ownership != interop_core::model::CallbackOwnership::Borrowed)
                    || crate::common::closures::holds_closure(self.inv, &p.ty)
            })
        };
        f.owner.as_ref().is_some_and(|owner| {
            self.inv
                .functions
                .iter()
                .any(|m| m.owner.as_ref() == Some(owner) && keeps(m))
        })
    }
}
