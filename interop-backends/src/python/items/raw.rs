//! `_raw.py`: the ctypes layer. One typed ctypes function object per exported symbol, the enum
//! storage types and the error channel.

use askama::Template;
use interop_core::model::Function;

use super::{Ctx, tuple};
use crate::BackendError;
use crate::python::types::owned_record::OwnedRecord;
use crate::python::types::{Declaration, data_enum};

#[derive(Template)]
#[template(path = "python/items/raw.py", escape = "none")]
struct RawModule<'a> {
    crate_name: &'a str,
    library: &'a str,
    release_gil: bool,
    /// `_types.py` uses the buffer runtime: `buffer_free` is bound.
    buffer_free: bool,
    /// Closures are used: the callback runtime's functions are bound.
    callbacks: bool,
    /// A closure returns owned data (ADR 54): `buffer_alloc` is bound.
    buffer_alloc: bool,
    /// Services are used: the guard functions are bound.
    services: bool,
    type_imports: Vec<String>,
    /// `(enum, storage)`.
    storages: Vec<(&'a str, &'static str)>,
    functions: Vec<RawFunction<'a>>,
    /// The version guard: the inventory hash, and `(class, size, field offsets)` of every struct.
    hash: String,
    layouts: Vec<(String, u64, String)>,
}

/// One function of `_raw.py`.
struct RawFunction<'a> {
    name: &'a str,
    /// `Callable[[…], …]` type of the raw function.
    callable: String,
    symbol: &'a str,
    argtypes: String,
    restype: String,
    how: RawCall,
    /// Called with the GIL released (it takes closures).
    nogil: bool,
}

enum RawCall {
    /// The ctypes function object itself.
    Direct,
    /// The function returns a struct with misaligned fields, which the x86-64 System V ABI returns
    /// through a hidden pointer in the first argument register; libffi would expect it in registers.
    /// `argtypes` already has that pointer first; a small function passes it.
    HiddenReturnPointer {
        struct_name: String,
        params: String,
        args: String,
    },
    /// ctypes cannot make this call correctly: a function that raises `NotImplementedError`.
    Unsupported {
        params: String,
        returns: String,
        reason: String,
    },
}

impl<'a> Ctx<'a> {
    pub(super) fn raw_module(
        &self,
        crate_name: &'a str,
        library: &'a str,
    ) -> Result<String, BackendError> {
        let mut storages = Vec::new();
        for def in &self.inv.types {
            if let Declaration::Enum { storage, .. } = self.types.declaration(def)? {
                storages.push((self.names.class(&def.id)?, storage));
            }
        }
        let functions: Vec<RawFunction<'a>> = self
            .inv
            .functions
            .iter()
            .map(|f| self.raw_function(f))
            .collect::<Result<_, _>>()?;
        let mut type_imports: Vec<String> = Vec::new();
        for t in &self.inv.types {
            let class = self.names.class(&t.id)?;
            type_imports.push(class.to_string());
            match self.types.declaration(t)? {
                Declaration::OwnedRecord(_) => type_imports.push(OwnedRecord::mirror(class)),
                Declaration::DataEnum(e) => {
                    type_imports.push(data_enum::mirror(class));
                    let variants = self.names.members(&t.id)?;
                    for (v, variant) in e.variants.iter().zip(variants) {
                        if !v.fields.is_empty() {
                            type_imports.push(data_enum::body_class(variant));
                        }
                    }
                    if !type_imports.iter().any(|i| i == "_DataEnumAbi") {
                        type_imports.push("_DataEnumAbi".to_string());
                    }
                }
                _ => {}
            }
        }
        let mut layouts = Vec::new();
        for t in &self.inv.types {
            let class = self.names.class(&t.id)?;
            let offsets = |fields: &[interop_core::model::Field]| {
                let mut offsets: Vec<String> =
                    fields.iter().map(|f| f.offset.to_string()).collect();
                if offsets.len() == 1 {
                    offsets.push(String::new());
                }
                offsets.join(", ")
            };
            match self.types.declaration(t)? {
                Declaration::Record(s) => {
                    layouts.push((class.to_string(), t.size, offsets(&s.fields)))
                }
                Declaration::OwnedRecord(s) => {
                    layouts.push((OwnedRecord::mirror(class), t.size, offsets(&s.fields)))
                }
                Declaration::Tuple(s) => {
                    layouts.push((class.to_string(), t.size, offsets(&s.fields)))
                }
                // The body of each variant with fields, at the offsets the library measured.
                Declaration::DataEnum(e) => {
                    let variants = self.names.members(&t.id)?;
                    for (v, variant) in e.variants.iter().zip(variants) {
                        if !v.fields.is_empty() {
                            layouts.push((
                                data_enum::body_class(variant),
                                v.size,
                                offsets(&v.fields),
                            ));
                        }
                    }
                }
                _ => continue,
            }
        }
        let buffers = self.types.uses_buffers();
        if buffers {
            type_imports.extend(["_Buffer", "_ViewIn"].map(String::from));
        }
        // Options and results are ctypes classes made once per instantiation by `_types.py`.
        for (factory, class) in [
            ("_option_abi(", "_OptionAbi"),
            ("_result_abi(", "_ResultAbi"),
        ] {
            let used =
                |f: &RawFunction<'_>| f.argtypes.contains(factory) || f.restype.contains(factory);
            if functions.iter().any(used) {
                type_imports.push(factory.trim_end_matches('(').to_string());
                type_imports.push(class.to_string());
            }
        }
        let callbacks = self.types.uses_callbacks();
        if callbacks {
            type_imports.extend(
                ["_Callback", "_take_callback_error", "_unhandled_hook_c"].map(String::from),
            );
        }
        let services = self
            .inv
            .types
            .iter()
            .any(|t| matches!(t.kind, interop_core::model::TypeKind::Service));
        if services {
            type_imports.push(crate::python::names::IN_USE.to_string());
        }
        RawModule {
            crate_name,
            library,
            release_gil: self.release_gil,
            buffer_free: self.uses_buffer_runtime()?,
            callbacks,
            buffer_alloc: self.uses_owned_returns()?,
            services,
            type_imports,
            storages,
            functions,
            hash: self.inv.hash(),
            layouts,
        }
        .render()
        .map_err(Into::into)
    }

    fn raw_function(&self, f: &'a Function) -> Result<RawFunction<'a>, BackendError> {
        let misaligned = |ty| {
            self.inv
                .has_misaligned_fields(ty)
                .map_err(|e| BackendError::Unsupported(e.to_string()))
        };
        let mut argtypes = Vec::new();
        let mut typed = Vec::new();
        let mut positional = Vec::new();
        let mut by_value_misaligned = None;
        for (i, p) in f.params.iter().enumerate() {
            let family = self.types.family(&p.ty)?;
            argtypes.push(family.arg_ctype());
            typed.push(format!("a{i}: {}", family.raw_param()));
            positional.push(format!("a{i}"));
            if by_value_misaligned.is_none() && misaligned(&p.ty)? {
                by_value_misaligned = Some(p);
            }
        }
        let mut restype = self.types.family(&f.returns)?.ctype();
        let how = if let Some(p) = by_value_misaligned {
            RawCall::Unsupported {
                params: typed.join(", "),
                returns: self.types.family(&f.returns)?.raw_return(),
                reason: format!(
                    "`{}` takes `{}` by value, a struct with unaligned (packed) fields: ctypes cannot \
                     pass it correctly. Take it by reference in Rust.",
                    f.symbol, p.name
                ),
            }
        } else if misaligned(&f.returns)? {
            if self.inv.target.is_sysv_x86_64() {
                argtypes.insert(0, format!("ctypes.POINTER({restype})"));
                let struct_name = std::mem::replace(&mut restype, "None".to_string());
                RawCall::HiddenReturnPointer {
                    struct_name,
                    params: typed.join(", "),
                    args: positional.join(", "),
                }
            } else {
                RawCall::Unsupported {
                    params: typed.join(", "),
                    returns: self.types.family(&f.returns)?.raw_return(),
                    reason: format!(
                        "`{}` returns a struct with unaligned (packed) fields by value: ctypes cannot \
                         receive it correctly on this platform. Return it through a pointer.",
                        f.symbol
                    ),
                }
            }
        } else {
            RawCall::Direct
        };
        Ok(RawFunction {
            name: self.names.raw(f)?,
            callable: self.raw_callable(f)?,
            symbol: &f.symbol,
            argtypes: tuple(&argtypes),
            restype,
            how,
            nogil: self.types.takes_callbacks(f),
        })
    }
}
