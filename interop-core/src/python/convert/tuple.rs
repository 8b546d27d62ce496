//! Tuples `(A, B, …)` (ADR 21, ADR 29): a Python `tuple` out, any sequence of the right length in
//! (not `str`, `bytes` or `bytearray`). They cross as their ABI struct `{_0, _1, …}`.
//!
//! A parameter has a fast path in native code for an exact `tuple` of the right length whose
//! elements are exactly of the types the ctypes codec takes without converting (`int` for
//! integers, `int` or `float` for floats, `True`/`False`, `str` for `String`, nested tuples of the
//! same kind). Everything else (a `list`, a record element, a wrong length or element) goes to the
//! package's own `_record_in(value, where, codec)`, which builds the ABI struct as the ctypes path
//! does or raises what it raises, in the same words (`f() argument 't'[1]: expected int, got
//! str`); its bytes are copied and the struct (with what it keeps alive) is kept until the call
//! returns. A result is a `tuple` built element by element with the result conversions of the
//! elements; what the elements own is freed exactly once, also when building one of them fails.

use super::helper::Helper;
use super::number::{Bool, Float, Int};
use super::record::is_instance;
use super::{Arg, ArgError, Class, Ret, Unsupported};
use crate::abi::{AbiShape, Buffer};
use crate::model::{Inventory, Primitive, StructDef, TypeDef, TypeKind};
use crate::python::call::{Frame, builtins};
use crate::python::entry::AbiLayout;
use crate::python::ffi::{self, PyObject, api, type_of};

fn fields(def: &TypeDef) -> Result<&StructDef, Unsupported> {
    match &def.kind {
        TypeKind::Struct(s) => Ok(s),
        _ => Err(Unsupported(format!("`{}` is not a tuple", def.rust_name))),
    }
}

fn layout(def: &TypeDef) -> AbiLayout {
    AbiLayout {
        size: def.size as usize,
        align: def.align.max(1) as usize,
    }
}

/// One element the fast path converts.
enum Element {
    Int(Int),
    Float(Float),
    Bool,
    /// `String`: a `Buffer<u8>` borrowing the `str`'s UTF-8 form (`cap` 0: the library copies).
    String,
    Tuple(Fast),
}

/// The fast path of a tuple whose elements all have one.
struct Fast {
    elements: Vec<(usize, Element)>,
}

impl Fast {
    /// `None` when an element has no fast path (the whole tuple then goes to the helper).
    fn of(inv: &Inventory, def: &TypeDef) -> Option<Fast> {
        let s = fields(def).ok()?;
        let mut elements = Vec::with_capacity(s.fields.len());
        for f in &s.fields {
            let e = match inv.shape_of(&f.ty).ok()? {
                AbiShape::Primitive(Primitive::Bool) => Element::Bool,
                AbiShape::Primitive(p @ (Primitive::F32 | Primitive::F64)) => {
                    Element::Float(Float(p))
                }
                AbiShape::Primitive(p) => Element::Int(Int::new(p).ok()?),
                AbiShape::Str { owned: true } => Element::String,
                AbiShape::Record { def } if def.is_tuple() => Element::Tuple(Fast::of(inv, def)?),
                _ => return None,
            };
            elements.push((f.offset as usize, e));
        }
        Some(Fast { elements })
    }

    /// Write `obj` when it is an exact `tuple` of the right length with elements of the exact
    /// types; `false` (nothing owned written, no exception set) otherwise.
    ///
    /// # Safety
    /// The GIL is held; `obj` is live; `out` is valid for the tuple's ABI struct.
    unsafe fn lower(&self, obj: *mut PyObject, out: *mut u8, frame: &mut Frame) -> bool {
        let b = builtins();
        // SAFETY: see the function docs; items are borrowed from the tuple, which outlives the
        // call (and so do their UTF-8 forms).
        unsafe {
            if type_of(obj) != type_of(b.empty_tuple)
                || (api().PyTuple_Size)(obj) != self.elements.len() as isize
            {
                return false;
            }
            for (i, (offset, e)) in self.elements.iter().enumerate() {
                let item = (api().PyTuple_GetItem)(obj, i as isize);
                let at = out.add(*offset);
                let done = match e {
                    Element::Int(int) => {
                        type_of(item) == b.int_type && int.lower(item, at, frame).is_ok()
                    }
                    Element::Float(float) => {
                        let ty = type_of(item);
                        (ty == b.float_type || ty == b.int_type)
                            && float.lower(item, at, frame).is_ok()
                    }
                    Element::Bool => Bool.lower(item, at, frame).is_ok(),
                    Element::String => {
                        let mut len = 0isize;
                        let ptr = if type_of(item) == b.str_type {
                            (api().PyUnicode_AsUTF8AndSize)(item, &mut len)
                        } else {
                            core::ptr::null()
                        };
                        if !ptr.is_null() {
                            at.cast::<Buffer<u8>>().write_unaligned(Buffer {
                                ptr: ptr.cast_mut().cast(),
                                len: len as usize,
                                cap: 0,
                            });
                        }
                        !ptr.is_null()
                    }
                    Element::Tuple(inner) => inner.lower(item, at, frame),
                };
                if !done {
                    // An element's conversion may have set an exception: the helper raises its own.
                    (api().PyErr_Clear)();
                    return false;
                }
            }
            true
        }
    }
}

/// A tuple parameter (also inside an option).
pub struct TupleArg {
    fast: Option<Fast>,
    /// `_record_in(value, where, codec)`.
    helper: Helper,
    /// The ABI struct's ctypes class (`_TupleF32F32`), of the library's size (checked at init).
    mirror: *mut PyObject,
    layout: AbiLayout,
}

impl TupleArg {
    /// The package hands `((_record_in, codec), mirror, sizeof(mirror))` as the class and the
    /// argument's place (`f() argument 't'`) for the messages.
    ///
    /// # Safety
    /// The GIL is held and the API installed.
    pub unsafe fn new(
        inv: &Inventory,
        def: &TypeDef,
        class: Class,
    ) -> Result<TupleArg, Unsupported> {
        let missing = || Unsupported(format!("no helper was given for `{}`", def.rust_name));
        if class.class.is_null() || class.place.is_null() {
            return Err(missing());
        }
        // SAFETY: the GIL is held; every item is checked.
        let (helper, mirror) = unsafe {
            let functions = (api().PyTuple_GetItem)(class.class, 0);
            if functions.is_null() {
                (api().PyErr_Clear)();
                return Err(missing());
            }
            let helper = Helper::new(
                Class {
                    class: functions,
                    name: class.place,
                    ..class
                },
                "a tuple",
            )?;
            (helper, super::super::init::class_of(class.class, 1))
        };
        Ok(TupleArg {
            fast: Fast::of(inv, def),
            helper,
            mirror: mirror.sized(&def.rust_name, def.size)?,
            layout: layout(def),
        })
    }
}

impl Arg for TupleArg {
    fn layout(&self) -> AbiLayout {
        self.layout
    }

    unsafe fn lower(
        &self,
        obj: *mut PyObject,
        out: *mut u8,
        frame: &mut Frame,
    ) -> Result<(), ArgError> {
        // SAFETY: forwarded (see the trait).
        unsafe {
            if self
                .fast
                .as_ref()
                .is_some_and(|fast| fast.lower(obj, out, frame))
            {
                return Ok(());
            }
            self.slow(obj, out, frame)
        }
    }
}

impl TupleArg {
    /// The package's `_record_in`: the ABI struct, or the exception of the ctypes path.
    #[cold]
    unsafe fn slow(
        &self,
        obj: *mut PyObject,
        out: *mut u8,
        frame: &mut Frame,
    ) -> Result<(), ArgError> {
        // SAFETY: the GIL is held; `abi` is an instance of the mirror, whose buffer holds
        // `size` bytes (checked at init); it stays alive (with what it keeps) until the call is
        // over.
        unsafe {
            let abi = self.helper.call(obj)?;
            if !is_instance(abi, self.mirror) {
                (api().Py_DecRef)(abi);
                return Err(ArgError::Type);
            }
            core::ptr::copy_nonoverlapping(ffi::ctypes_buffer(abi), out, self.layout.size);
            frame.keep(abi);
        }
        Ok(())
    }
}

/// A tuple result (also inside an option or a result): a `tuple`.
pub struct TupleRet {
    elements: Vec<(usize, Box<dyn Ret>)>,
    layout: AbiLayout,
}

impl TupleRet {
    /// `class` is a tuple of one `(class, sizeof(class))` per element (the element's result class).
    ///
    /// # Safety
    /// The GIL is held and the API installed.
    pub unsafe fn new(
        inv: &Inventory,
        def: &TypeDef,
        class: Class,
    ) -> Result<TupleRet, Unsupported> {
        let s = fields(def)?;
        let mut elements = Vec::with_capacity(s.fields.len());
        for (i, f) in s.fields.iter().enumerate() {
            // SAFETY: forwarded; a missing item is a null class.
            let conv = unsafe {
                let item = super::tuple_item(class, i as isize);
                let element_class = if item.is_null() {
                    Class::NONE
                } else {
                    super::super::init::class_of(item, 0)
                };
                super::value_ret(inv, &f.ty, element_class)?
            };
            elements.push((f.offset as usize, conv));
        }
        Ok(TupleRet {
            elements,
            layout: layout(def),
        })
    }
}

impl Ret for TupleRet {
    fn layout(&self) -> AbiLayout {
        self.layout
    }

    unsafe fn lift(&self, value: *mut u8) -> *mut PyObject {
        // SAFETY: `value` holds the tuple's ABI struct; each element is taken over exactly once:
        // lifted, or discarded when the tuple cannot be built.
        unsafe {
            let out = (api().PyTuple_New)(self.elements.len() as isize);
            for (i, (offset, e)) in self.elements.iter().enumerate() {
                if out.is_null() {
                    e.discard(value.add(*offset));
                    continue;
                }
                let item = e.lift(value.add(*offset));
                if item.is_null() {
                    for (offset, rest) in &self.elements[i + 1..] {
                        rest.discard(value.add(*offset));
                    }
                    (api().Py_DecRef)(out);
                    return core::ptr::null_mut();
                }
                // Steals the new reference.
                (api().PyTuple_SetItem)(out, i as isize, item);
            }
            out
        }
    }

    unsafe fn discard(&self, value: *mut u8) {
        for (offset, e) in &self.elements {
            // SAFETY: forwarded.
            unsafe { e.discard(value.add(*offset)) };
        }
    }
}
