//! Conversions between Python objects and ABI values, one per kind of parameter and result.
//!
//! The one dispatch from a model type to its conversion is [`arg`] (parameters) and [`ret`]
//! (results), through the type's ABI shape. A conversion writes (or reads) exactly the bytes of the
//! ABI value of its shape, whose layout [`Arg::layout`] / [`Ret::layout`] report; the init compares
//! them with the shim's real types. Each conversion is plain code compiled once in interop-core.
//!
//! A new construct adds its conversion here (an [`Arg`] and/or [`Ret`] implementation in a module
//! of its own) and one arm for its shape in [`arg`] / [`ret`]. A shape without an arm is
//! [`Unsupported`]: the function stays on the package's ctypes path, nothing breaks.

mod c_str;
pub mod callback;
pub mod callback_return;
mod data_enum;
mod handle;
pub mod helper;
mod kinds;
mod mirror;
mod number;
mod option;
mod ordering;
mod pointer;
mod raiser;
pub(crate) mod record;
pub mod scalar;
mod sequence;
pub mod service;
mod text;
mod tuple;
mod view_in;
mod writable;

pub(super) use self::kinds::plain_record_or_other;
use self::kinds::{arg_element, element_of, layout_of_def, plain_record};
pub use self::pointer::set_address_of;
use super::call::Frame;
use super::entry::AbiLayout;
use super::ffi::PyObject;
use crate::abi::AbiShape;
use crate::model::{Inventory, PointerKind, Primitive, TypeRef};

/// Why an argument did not convert. The caller turns it into the exception, naming the function
/// and the parameter.
#[derive(Debug)]
pub enum ArgError {
    /// `TypeError: f() argument 'a' must be <expected>, not <type>`.
    Type,
    /// `OverflowError: f() argument 'a' is out of range for <range>` (`u8 (0 to 255)`).
    Range(String),
    /// `ValueError: f() argument 'a': <why>`.
    Value(String),
    /// A Python exception is already set (raised by the object itself, e.g. its `__index__`).
    Raised,
}

/// A parameter's conversion: a Python object into the ABI value.
pub trait Arg {
    /// The layout of the ABI value written.
    fn layout(&self) -> AbiLayout;

    /// Write the ABI value of `obj` to `out` (valid for [`Arg::layout`]); what the value borrows
    /// or must release after the call goes into `frame`.
    ///
    /// # Safety
    /// The GIL is held; `obj` is a live (borrowed) object that outlives the call.
    unsafe fn lower(
        &self,
        obj: *mut PyObject,
        out: *mut u8,
        frame: &mut Frame,
    ) -> Result<(), ArgError>;
}

/// A result's conversion: an ABI value into a new Python object.
pub trait Ret {
    /// The layout of the ABI value read.
    fn layout(&self) -> AbiLayout;

    /// A new reference to the Python value of the ABI value at `value`, which this takes over
    /// (frees what it owns); NULL with an exception set on failure.
    ///
    /// # Safety
    /// The GIL is held; `value` holds an ABI value of this conversion's type.
    unsafe fn lift(&self, value: *mut u8) -> *mut PyObject;

    /// Release the ABI value at `value` without converting it (the call failed and returned its
    /// panic value). Nothing to do for values that own nothing.
    ///
    /// # Safety
    /// As for [`Ret::lift`].
    unsafe fn discard(&self, _value: *mut u8) {}
}

/// A type the compiled path does not convert (yet): its functions stay on the ctypes path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unsupported(pub String);

/// The Python class the package handed over for a parameter or result (`None` where the
/// conversion needs none), and `ctypes.sizeof` of it (0 when it is not a ctypes type). For the
/// parameters of strings, slices and vectors it is a tuple `(helper, *extra)` instead (see
/// [`helper`]).
#[derive(Debug, Clone, Copy)]
pub struct Class {
    pub class: *mut PyObject,
    pub size: usize,
    /// The parameter's Python name (interned `str`); NULL for a result.
    pub name: *mut PyObject,
    /// Where the parameter is, as the package's messages start (`f() argument 't'`, a `str`);
    /// NULL for a result.
    pub place: *mut PyObject,
}

impl Class {
    /// No class.
    pub const NONE: Class = Class {
        class: core::ptr::null_mut(),
        size: 0,
        name: core::ptr::null_mut(),
        place: core::ptr::null_mut(),
    };
}

impl Class {
    /// The class, checked: present and of `size` bytes (the model's layout of the type it stands
    /// for), so that reading or writing its buffer can never go out of bounds.
    fn sized(&self, what: &str, size: u64) -> Result<*mut PyObject, Unsupported> {
        if self.class.is_null() {
            return Err(Unsupported(format!("no class was given for {what}")));
        }
        if self.size as u64 != size {
            return Err(Unsupported(format!(
                "the class given for {what} has {} bytes, the library's type {size}",
                self.size
            )));
        }
        Ok(self.class)
    }
}

/// The conversion of a parameter of type `ty`.
///
/// # Safety
/// The GIL is held and the API installed (classes are inspected).
pub unsafe fn arg(
    inv: &Inventory,
    ty: &TypeRef,
    class: Class,
) -> Result<Box<dyn Arg>, Unsupported> {
    let shape = inv.shape_of(ty).map_err(|e| Unsupported(e.to_string()))?;
    let size = |ty: &TypeRef| {
        inv.layout_of(ty)
            .map(|l| l.size)
            .map_err(|e| Unsupported(e.to_string()))
    };
    Ok(match shape {
        AbiShape::Primitive(Primitive::Bool) => Box::new(number::Bool),
        AbiShape::Primitive(Primitive::Ordering) => Box::new(ordering::OrderingInt),
        AbiShape::Primitive(p @ (Primitive::F32 | Primitive::F64)) => Box::new(number::Float(p)),
        AbiShape::Primitive(p) => Box::new(number::Int::new(p)?),
        AbiShape::Enum { storage, .. } => Box::new(number::Int::new(storage)?),
        // SAFETY: forwarded.
        AbiShape::Record { def } if def.is_tuple() => {
            Box::new(unsafe { tuple::TupleArg::new(inv, def, class)? })
        }
        AbiShape::Record { def } | AbiShape::Transparent { def, .. } => {
            // A record owning data, or one the package converts through a codec all the same
            // (holding tuples): the package's `_record_in` (no ctypes class of the record's size).
            if plain_record(inv, ty).is_err() || (class.size == 0 && !class.class.is_null()) {
                // SAFETY: forwarded.
                return Ok(Box::new(unsafe {
                    mirror::MirrorArg::new(class, layout_of_def(def))?
                }));
            }
            Box::new(record::ByValue::new(class.sized(&def.name, def.size)?, def))
        }
        // SAFETY: forwarded.
        AbiShape::DataEnum { def, .. } => {
            Box::new(unsafe { data_enum::DataEnumArg::new(class, def)? })
        }
        AbiShape::Handle { kind, .. } => Box::new(handle::HandleArg {
            class: class.sized("a handle", inv.target.pointer_size)?,
            nullable: kind != PointerKind::Reference,
        }),
        AbiShape::Service { def, pass } => Box::new(service::ServiceArg {
            class: class.sized(&def.name, inv.target.pointer_size)?,
            pass,
            free: service::free_of(inv, def)?,
        }),
        AbiShape::Str { .. } => Box::new(text::StrArg {
            // SAFETY: forwarded.
            helper: unsafe { helper::Helper::new(class, "a string")? },
        }),
        AbiShape::CStr { nullable } => Box::new(c_str::CStrArg {
            // SAFETY: forwarded.
            helper: unsafe { helper::Helper::new(class, "a C string")? },
            nullable,
        }),
        AbiShape::Option { inner } => {
            // SAFETY: forwarded.
            let inner_conv = unsafe { option::in_data_arg(inv, ty, inner, class)? };
            let (layout, offset) = inv
                .option_layout(inner)
                .map_err(|e| Unsupported(e.to_string()))?;
            Box::new(option::OptionArg {
                inner: inner_conv,
                layout: AbiLayout {
                    size: layout.size as usize,
                    align: layout.align.max(1) as usize,
                },
                offset: offset as usize,
            })
        }
        AbiShape::Slice {
            element,
            mutable: true,
            nullable,
        } => Box::new(unsafe {
            // SAFETY: forwarded.
            writable::MutSliceArg::new(arg_element(inv, element), class, nullable)?
        }),
        AbiShape::Slice { element, .. } | AbiShape::Vec { element } => {
            match arg_element(inv, element) {
                Some(element) => Box::new(sequence::SliceArg {
                    element,
                    // SAFETY: forwarded.
                    helper: unsafe { helper::Helper::packed(class)? },
                }),
                // SAFETY: forwarded.
                None => Box::new(unsafe { view_in::HelperView::new(class)? }),
            }
        }
        AbiShape::Pointer { target, kind, .. } => match kind {
            PointerKind::Reference | PointerKind::NullableReference => {
                Box::new(record::ByReference {
                    class: class.sized("a reference's target", size(target)?)?,
                    nullable: kind == PointerKind::NullableReference,
                })
            }
            // SAFETY: forwarded.
            _ => unsafe { pointer::raw_arg(inv, target, class)? },
        },
        _ => {
            return Err(Unsupported(format!(
                "`{}` as a parameter",
                inv.rust_spelling(ty)
            )));
        }
    })
}

/// The conversion of a result of type `ty`.
///
/// # Safety
/// The GIL is held and the API installed (classes are inspected).
pub unsafe fn ret(
    inv: &Inventory,
    ty: &TypeRef,
    class: Class,
) -> Result<Box<dyn Ret>, Unsupported> {
    let shape = inv.shape_of(ty).map_err(|e| Unsupported(e.to_string()))?;
    Ok(match shape {
        AbiShape::Pointer { target, kind, .. } => match kind {
            PointerKind::Reference | PointerKind::NullableReference => {
                // A copy of the target (a pointer returned to Python would keep nothing alive),
                // which the library keeps owning: only targets of plain data.
                if matches!(
                    inv.shape_of(target),
                    Ok(AbiShape::Str { .. }
                        | AbiShape::CStr { .. }
                        | AbiShape::Slice { .. }
                        | AbiShape::Vec { .. })
                ) {
                    return Err(Unsupported(format!(
                        "`{}` as a result",
                        inv.rust_spelling(ty)
                    )));
                }
                // SAFETY: forwarded.
                let target_conv = unsafe { value_ret(inv, target, class)? };
                Box::new(pointer::Copied {
                    target: target_conv,
                })
            }
            // SAFETY: forwarded.
            _ => unsafe { pointer::raw_ret(inv, target, class)? },
        },
        // A `&'static CStr` (a result by value only: inside data it is the codecs' business).
        AbiShape::CStr { nullable: false } => Box::new(c_str::CStrRet),
        // SAFETY: forwarded.
        _ => unsafe { value_ret(inv, ty, class)? },
    })
}

/// Whether `ty` is a `Vec<T>` of numbers (`bytes` or an `array.array` as a result, also inside an
/// `Option`: `Option<Vec<u8>>` is `Optional[bytes]`).
fn vec_of_numbers(inv: &Inventory, ty: &TypeRef) -> bool {
    match inv.shape_of(ty) {
        Ok(AbiShape::Vec { element }) => {
            element_of(inv, ty, element).is_ok_and(|e| e.is_byte() || e.is_number())
        }
        _ => false,
    }
}

/// Item `i` of the tuple a result's class is (`(sized ok class, raiser, sized error class)`).
unsafe fn tuple_item(class: Class, i: isize) -> *mut PyObject {
    if class.class.is_null() {
        return core::ptr::null_mut();
    }
    // SAFETY: the GIL is held; errors are cleared.
    unsafe {
        let o = (super::ffi::api().PyTuple_GetItem)(class.class, i);
        if o.is_null() {
            (super::ffi::api().PyErr_Clear)();
        }
        o
    }
}

/// The conversion of a value of `ty` read from memory: a result by value, or the target of a
/// returned reference.
unsafe fn value_ret(
    inv: &Inventory,
    ty: &TypeRef,
    class: Class,
) -> Result<Box<dyn Ret>, Unsupported> {
    let shape = inv.shape_of(ty).map_err(|e| Unsupported(e.to_string()))?;
    Ok(match shape {
        AbiShape::Unit => Box::new(number::Unit),
        AbiShape::Primitive(Primitive::Bool) => Box::new(number::Bool),
        AbiShape::Primitive(Primitive::Ordering) => Box::new(ordering::OrderingInt),
        AbiShape::Primitive(p @ (Primitive::F32 | Primitive::F64)) => Box::new(number::Float(p)),
        AbiShape::Primitive(p) => Box::new(number::Int::new(p)?),
        AbiShape::Enum { def, storage } => {
            // SAFETY: forwarded.
            Box::new(unsafe { number::EnumRet::new(def, storage, class.class)? })
        }
        // SAFETY: forwarded.
        AbiShape::Record { def } if def.is_tuple() => {
            Box::new(unsafe { tuple::TupleRet::new(inv, def, class)? })
        }
        AbiShape::Record { def } | AbiShape::Transparent { def, .. } => {
            if plain_record(inv, ty).is_err() || (class.size == 0 && !class.class.is_null()) {
                // SAFETY: forwarded.
                return Ok(Box::new(unsafe {
                    mirror::MirrorRet::new(class.class, layout_of_def(def))?
                }));
            }
            // SAFETY: forwarded.
            Box::new(unsafe {
                record::Instance::new(
                    class.sized(&def.name, def.size)?,
                    AbiLayout {
                        size: def.size as usize,
                        align: def.align.max(1) as usize,
                    },
                )?
            })
        }
        // SAFETY: forwarded.
        AbiShape::DataEnum { def, .. } => {
            Box::new(unsafe { data_enum::DataEnumRet::new(class, def)? })
        }
        AbiShape::Handle { .. } => {
            // SAFETY: forwarded.
            Box::new(unsafe {
                handle::HandleRet::new(class.sized("a handle", inv.target.pointer_size)?)?
            })
        }
        AbiShape::Service {
            pass: crate::abi::ServicePass::Owned,
            def,
        } => Box::new(service::ServiceRet::new(
            class.class,
            service::free_of(inv, def)?,
        )?),
        AbiShape::Str { owned: true } => Box::new(text::OwnedBytesRet { text: true }),
        AbiShape::Option { inner } => {
            if !matches!(
                inv.shape_of(inner),
                Ok(AbiShape::Primitive(_)
                    | AbiShape::Enum { .. }
                    | AbiShape::DataEnum { .. }
                    | AbiShape::Record { .. }
                    | AbiShape::Transparent { .. }
                    | AbiShape::Str { owned: true })
            ) && !vec_of_numbers(inv, inner)
            {
                return Err(Unsupported(format!(
                    "`{}` as a result",
                    inv.rust_spelling(ty)
                )));
            }
            plain_record_or_other(inv, inner)?;
            let (layout, offset) = inv
                .option_layout(inner)
                .map_err(|e| Unsupported(e.to_string()))?;
            Box::new(option::OptionRet {
                // SAFETY: forwarded.
                inner: unsafe { value_ret(inv, inner, class)? },
                layout: AbiLayout {
                    size: layout.size as usize,
                    align: layout.align.max(1) as usize,
                },
                offset: offset as usize,
            })
        }
        AbiShape::Result { ok, err } => {
            // SAFETY: forwarded; the items are checked.
            let (ok_class, raiser) = unsafe { (tuple_item(class, 0), tuple_item(class, 1)) };
            if ok_class.is_null() || raiser.is_null() {
                return Err(Unsupported("no raiser was given for a result".into()));
            }
            // SAFETY: forwarded; `ok_class` is `(class, sizeof(class))`.
            let ok_conv = unsafe { value_ret(inv, ok, super::init::class_of(ok_class, 0))? };
            let layout = inv
                .result_layout(ok, err)
                .map_err(|e| Unsupported(e.to_string()))?;
            // SAFETY: forwarded; the third item (`_sized(E's class)`) is optional: without it, or
            // when `E` has no native conversion, the package's raiser raises.
            let native = unsafe {
                let err_class = tuple_item(class, 2);
                match (err_class.is_null(), inv.shape_of(err)) {
                    (false, Ok(err_shape))
                        if !matches!(err_shape, AbiShape::Service { .. })
                            && plain_record_or_other(inv, err).is_ok() =>
                    {
                        value_ret(inv, err, super::init::class_of(err_class, 0))
                            .ok()
                            .and_then(|value| {
                                raiser::NativeRaise::new(
                                    raiser,
                                    value,
                                    Box::new(text::OwnedBytesRet { text: true }),
                                    layout.message_offset as usize,
                                )
                            })
                    }
                    _ => None,
                }
            };
            Box::new(option::ResultRet {
                ok: ok_conv,
                // SAFETY: a live object; the conversion keeps it for the process.
                raiser: unsafe { super::ffi::new_ref(raiser) },
                native,
                layout: AbiLayout {
                    size: layout.layout.size as usize,
                    align: layout.layout.align.max(1) as usize,
                },
                offset: layout.value_offset as usize,
            })
        }
        AbiShape::Vec { element } => match element_of(inv, ty, element) {
            Ok(element) if element.is_byte() => Box::new(text::OwnedBytesRet { text: false }),
            // SAFETY: forwarded.
            Ok(element) if element.is_number() => {
                Box::new(unsafe { sequence::ArrayRet::new(class.class, element)? })
            }
            // SAFETY: forwarded.
            _ => Box::new(unsafe { view_in::TakeVec::new(class.class)? }),
        },
        _ => {
            return Err(Unsupported(format!(
                "`{}` as a result",
                inv.rust_spelling(ty)
            )));
        }
    })
}
